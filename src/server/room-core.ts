/**
 * The team room's authority, with no transport in it: who sits where in which role, the game day's
 * phase and speed, the engine it runs, and the numbered events everyone sees. Every function takes
 * a state and returns a new one, or the same state and a specific refusal; time arrives only
 * through `tick`. The room checks identities, roles and phases and leaves every game rule to the
 * engine, which it feeds attributed inputs, so the run replays from its log like a solo run.
 */
import { gameSecondsFor, init, step, type EngineState, type Input, type LogEntry, type RunOptions } from '../engine';
import type { Scenario, TeamRole } from '../format/schema';
import type { FacilitatorNote } from '../format/run-log';
import { mayAct, mayNote, mayPost, mayReply, scenarioRoles } from '../net/roles';
import {
  FACILITATOR_PLAYER,
  isFacilitatorCommand,
  type ClientCommand,
  type FacilitatorCommand,
  type GameDayOptions,
  type NewRoomEvent,
  type Phase,
  type PlayerCommand,
  type RoomError,
  type RoomErrorCode,
  type RoomEvent,
  type RoomInfo,
  type SeatView,
  type Speed,
  type Welcome,
} from '../net/protocol';
import { digestOf, matchesDigest } from './secrets';

/** Players per room (3–10 engineers, plus room for a projector or two). */
export const MAX_SEATS = 12;

export interface Seat extends SeatView {
  connected: boolean;
  /** Digest of the seat's token, which lets a player come back to this seat after a reload. */
  tokenDigest: string;
}

export interface RoomState {
  readonly code: string;
  readonly scenario: Scenario;
  readonly roles: readonly TeamRole[];
  readonly options: RunOptions;
  readonly facilitatorDigest: string;
  readonly phase: Phase;
  readonly speed: Speed;
  /** Game milliseconds not yet given to the engine, which takes whole seconds. */
  readonly carry: number;
  readonly engine: EngineState;
  /**
   * The engine's input log, each input attributed to a seat, the facilitator's injects and hints to
   * FACILITATOR_PLAYER: replaying it rebuilds `engine`.
   */
  readonly log: readonly LogEntry[];
  /** The facilitator's private notes: never broadcast, never fed to the engine, kept for the shared debrief. */
  readonly notes: readonly FacilitatorNote[];
  readonly roster: readonly Seat[];
  /** Every event so far; event `n` sits at index `n - 1`. */
  readonly events: readonly RoomEvent[];
}

export type Refused = { ok: false; error: RoomError };
export type Accepted<Extra = object> = { ok: true; state: RoomState; events: RoomEvent[] } & Extra;
export type Outcome<Extra = object> = Accepted<Extra> | Refused;

const refuse = (code: RoomErrorCode, message: string): Refused => ({ ok: false, error: { code, message } });

function emit(state: RoomState, news: NewRoomEvent[]): Accepted {
  let seq = state.events.length;
  const events = news.map((e) => ({ ...e, seq: ++seq }) as RoomEvent);
  return { ok: true, state: events.length === 0 ? state : { ...state, events: [...state.events, ...events] }, events };
}

// ---------------------------------------------------------------------------------------------
// Creating, joining, leaving
// ---------------------------------------------------------------------------------------------

export interface CreateParams {
  code: string;
  scenario: Scenario;
  game: GameDayOptions;
  /** The run's seed: the facilitator's, or one the transport drew. */
  seed: number;
  facilitatorSecret: string;
}

/** A new game day in its lobby. */
export function createRoom(p: CreateParams): { ok: true; state: RoomState } | Refused {
  const offered = scenarioRoles(p.scenario);
  let roles = offered;
  if (p.game.roles) {
    const unknown = p.game.roles.find((id) => !offered.some((r) => r.id === id));
    if (unknown)
      return refuse('create.role', `"${p.scenario.title}" has no role "${unknown}"; it offers ${offered.map((r) => r.id).join(', ')}.`);
    roles = offered.filter((r) => p.game.roles!.includes(r.id));
  }
  const options: RunOptions = { seed: p.seed, coach: p.game.coach };
  return {
    ok: true,
    state: {
      code: p.code,
      scenario: p.scenario,
      roles,
      options,
      facilitatorDigest: digestOf(p.facilitatorSecret),
      phase: 'lobby',
      speed: p.game.speed,
      carry: 0,
      engine: init(p.scenario, options),
      log: [],
      notes: [],
      roster: [],
      events: [],
    },
  };
}

/** Seats a new player in a role; `token` is what lets them back into this seat later. */
export function joinSeat(state: RoomState, who: { name: string; role: string; token: string }): Outcome<{ seat: Seat }> {
  if (state.phase === 'ended') return refuse('room.ended', 'This game day is over.');
  if (!state.roles.some((r) => r.id === who.role)) {
    return refuse(
      'join.role',
      `There is no role "${who.role}" in this game day; choose one of ${state.roles.map((r) => r.id).join(', ')}.`,
    );
  }
  if (state.roster.length >= MAX_SEATS) return refuse('room.full', `This game day is full (${MAX_SEATS} players).`);
  const name = who.name.trim();
  // Everything is attributed by name, so two players may not share one.
  if (state.roster.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
    return refuse('join.name', `Someone in this game day is already called ${name}; add an initial so the team can tell you apart.`);
  }
  const seat: Seat = { id: `p${state.roster.length + 1}`, name, role: who.role, connected: true, tokenDigest: digestOf(who.token) };
  const joined = emit({ ...state, roster: [...state.roster, seat] }, [{ kind: 'seat', seat: seatView(seat) }]);
  return { ...joined, seat };
}

/** Finds the seat a token belongs to and marks it connected again (a reload, a dropped connection). */
export function returnToSeat(state: RoomState, token: string): Outcome<{ seat: Seat }> {
  const seat = state.roster.find((s) => matchesDigest(token, s.tokenDigest));
  if (!seat) return refuse('join.seat', 'That seat token does not belong to any seat in this game day.');
  return { ok: true, state: setConnected(state, seat.id, true), events: [], seat: { ...seat, connected: true } };
}

/** Marks a seat connected or not; the roster in the transport's shared state shows it, no event is numbered. */
export function setConnected(state: RoomState, seatId: string, connected: boolean): RoomState {
  const seat = state.roster.find((s) => s.id === seatId);
  if (!seat || seat.connected === connected) return state;
  return { ...state, roster: state.roster.map((s) => (s.id === seatId ? { ...s, connected } : s)) };
}

export function isFacilitator(state: RoomState, secret: string): boolean {
  return matchesDigest(secret, state.facilitatorDigest);
}

export const seatView = (seat: Seat): SeatView => ({ id: seat.id, name: seat.name, role: seat.role });

/** Events after `since`, for a client catching up; it may not claim to have seen more than exist. */
export function eventsSince(state: RoomState, since: number): { ok: true; events: RoomEvent[] } | Refused {
  if (since > state.events.length)
    return refuse('sync.ahead', `This room has ${state.events.length} events, not ${since}; start again from 0.`);
  return { ok: true, events: state.events.slice(since) };
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

/**
 * Applies one command. `seat` is the sender's seat as the transport knows it from the connection
 * (never from the message); facilitator commands are authorised by the secret they carry.
 */
export function applyCommand(state: RoomState, seat: string | null, command: Exclude<ClientCommand, { type: 'sync' }>): Outcome {
  if (isFacilitatorCommand(command)) {
    if (!isFacilitator(state, command.secret))
      return refuse('auth.facilitator', `Only the facilitator may "${command.type}"; the secret given is not this game day's.`);
    return facilitate(state, command);
  }
  return play(state, seat, command);
}

function play(state: RoomState, seatId: string | null, command: Exclude<PlayerCommand, { type: 'sync' }>): Outcome {
  const seat = state.roster.find((s) => s.id === seatId);
  if (!seat) return refuse('seat.none', 'Only a player in a seat can do that: join the game day as a player first.');
  const role = state.roles.find((r) => r.id === seat.role)!;
  const player = seat.id;
  const { scenario } = state;
  // What the role may never do is said first, whatever the phase; then whether it may be done now.
  let refusal: ReturnType<typeof mayAct> = null;
  let input: Exclude<Input, { type: 'tick' }>;
  switch (command.type) {
    case 'act': {
      const action = scenario.actions.find((a) => a.id === command.action);
      // An unknown action is left to the engine, which names it in its refusal.
      refusal = action ? mayAct(role, action) : null;
      input = { type: 'act', action: command.action, player };
      break;
    }
    case 'reply':
      refusal = mayReply(role);
      input = { type: 'reply', message: command.message, choice: command.choice, player };
      break;
    case 'post': {
      const channel = scenario.channels.find((c) => c.id === command.channel);
      refusal = channel ? mayPost(role, channel) : null;
      input = { type: 'post', channel: command.channel, text: command.text, player };
      break;
    }
    case 'note':
      refusal = mayNote(role);
      input = command.kind
        ? { type: 'note', text: command.text, kind: command.kind, player }
        : { type: 'note', text: command.text, player };
      break;
  }
  if (refusal) return refuse(refusal.code, refusal.message);
  if (state.phase === 'lobby') return refuse('room.lobby', 'The game day has not started yet.');
  if (state.phase === 'ended') return refuse('room.ended', 'This game day is over.');
  // Notes are thinking, not acting: the team may write them while the facilitator holds the clock.
  if (state.phase === 'paused' && command.type !== 'note') return refuse('room.paused', 'The facilitator has paused the game day.');
  return feed(state, input);
}

/** Hands an attributed input to the engine; its refusal is passed on as it is. */
function feed(state: RoomState, input: Exclude<Input, { type: 'tick' }>): Outcome {
  const result = step(state.scenario, state.engine, input);
  if (result.rejected) return { ok: false, error: result.rejected };
  const entry: LogEntry = { at: state.engine.time, input };
  const news: NewRoomEvent[] = [
    { kind: 'input', entry: entry as Extract<NewRoomEvent, { kind: 'input' }>['entry'], happened: result.events },
  ];
  return emit(withEngine({ ...state, log: [...state.log, entry] }, result.state, news), news);
}

/** Takes the engine's new state; when the run has reached an ending, the game day ends with it. */
function withEngine(state: RoomState, engine: EngineState, news: NewRoomEvent[]): RoomState {
  if (engine.ending && state.phase !== 'ended') {
    news.push({ kind: 'phase', phase: 'ended', at: engine.time });
    return { ...state, engine, phase: 'ended' };
  }
  return { ...state, engine };
}

const PHASE_REFUSAL: Record<Phase, [RoomErrorCode, string]> = {
  lobby: ['room.lobby', 'The game day has not started yet.'],
  running: ['room.running', 'The game day is already running.'],
  paused: ['room.paused', 'The game day is paused.'],
  ended: ['room.ended', 'This game day is over.'],
};
const inPhase = (state: RoomState): Refused => refuse(...PHASE_REFUSAL[state.phase]);

function facilitate(state: RoomState, command: FacilitatorCommand): Outcome {
  const at = state.engine.time;
  const setPhase = (phase: Phase) => emit({ ...state, phase }, [{ kind: 'phase', phase, at, by: FACILITATOR_PLAYER }]);
  const live = state.phase === 'running' || state.phase === 'paused';
  switch (command.type) {
    case 'start':
      if (state.phase !== 'lobby') return inPhase(state);
      if (state.roster.length === 0) return refuse('room.no-players', 'Nobody has joined yet: wait for at least one player.');
      return setPhase('running');
    case 'pause':
      return state.phase === 'running' ? setPhase('paused') : inPhase(state);
    case 'resume':
      return state.phase === 'paused' ? setPhase('running') : inPhase(state);
    case 'end':
      return state.phase === 'ended' ? inPhase(state) : setPhase('ended');
    case 'speed':
      if (state.phase === 'ended') return inPhase(state);
      if (command.speed === state.speed) return emit(state, []);
      return emit({ ...state, speed: command.speed }, [{ kind: 'speed', speed: command.speed, at }]);
    // Injects and hints are engine inputs like the players' (the engine checks the inject, character,
    // channel and coach), so the run replays from its log with them; the clock may be paused meanwhile.
    case 'inject':
      if (!live) return inPhase(state);
      return feed(state, { type: 'inject', inject: command.inject, player: FACILITATOR_PLAYER });
    case 'inject-text':
      if (!live) return inPhase(state);
      return feed(state, { type: 'inject', from: command.from, channel: command.channel, text: command.text, player: FACILITATOR_PLAYER });
    case 'hint': {
      if (!live) return inPhase(state);
      const { to } = command;
      if ('role' in to && !state.roles.some((r) => r.id === to.role))
        return refuse('hint.role', `There is no role "${to.role}" in this game day.`);
      if ('seat' in to && !state.roster.some((s) => s.id === to.seat))
        return refuse('hint.seat', `There is no seat "${to.seat}" in this game day.`);
      const audience = 'role' in to ? { role: to.role } : { player: to.seat };
      return feed(state, { type: 'hint', text: command.text, to: audience, player: FACILITATOR_PLAYER });
    }
    case 'facilitator-note':
      return { ok: true, state: { ...state, notes: [...state.notes, { at, text: command.text.trim() }] }, events: [] };
  }
}

// ---------------------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------------------

/**
 * Lets `realMs` of real time pass at the room's speed. A `clock` event is numbered whenever the
 * engine reported something or a world tick went by, so followers see the world move at the same
 * moments; the seconds in between reach them with the next event.
 */
export function tick(state: RoomState, realMs: number): Accepted {
  if (state.phase !== 'running' || !Number.isFinite(realMs) || realMs <= 0) return { ok: true, state, events: [] };
  // The same conversion as the solo clock, so a game day runs at solo pace.
  const { seconds: whole, carryMs: carry } = gameSecondsFor(state.carry, realMs, state.speed);
  if (whole === 0) return { ok: true, state: { ...state, carry }, events: [] };
  const before = state.engine.time;
  const result = step(state.scenario, state.engine, { type: 'tick', seconds: whole });
  const every = state.scenario.clock.tickSeconds;
  const crossed = Math.floor(result.state.time / every) !== Math.floor(before / every);
  const news: NewRoomEvent[] =
    result.events.length > 0 || crossed ? [{ kind: 'clock', time: result.state.time, happened: result.events }] : [];
  return emit(withEngine({ ...state, carry }, result.state, news), news);
}

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

/** What a connection is told when it enters; players never see the facilitator's injects. */
export function welcome(state: RoomState, you: Welcome['you']): Welcome {
  return {
    code: state.code,
    you,
    scenario: { id: state.scenario.id, version: state.scenario.version },
    options: { seed: state.options.seed, coach: state.options.coach },
    roles: state.roles.map((r) => ({ id: r.id, name: r.name, description: r.description, may: r.may })),
    injects: you.kind === 'facilitator' ? (state.scenario.team?.injects ?? []).map((i) => ({ id: i.id, label: i.label })) : [],
    latest: state.events.length,
  };
}

/** The game day's public facts (see RoomInfo): what the join form shows before anyone joins. Never a secret. */
export function roomInfo(state: RoomState): RoomInfo {
  return {
    code: state.code,
    scenario: { id: state.scenario.id, title: state.scenario.title },
    roles: state.roles.map((r) => ({ id: r.id, name: r.name, description: r.description })),
    phase: state.phase,
    players: state.roster.map((s) => ({ name: s.name, role: s.role })),
  };
}
