/**
 * Team mode in the browser: one store for the game day this page takes part in (as facilitator,
 * player or projector view), and an adapter that shows the shared run through a `GameStore`, so the solo incident
 * panels and the debrief work unchanged: the run is rebuilt from the room's events with the same
 * engine, and every player input goes to the room instead of the local engine.
 *
 * This module ties the parts together; each job is its own module under ./team/: the fold of the
 * room's events and the feed's text (projection), the roster's connected flags (roster), the run as
 * the panels see it (seated-run), entering and re-entering a game day (connection, reconnect), what
 * a tab keeps (seat-storage), the join form's look-up (room-info), the links (links), and whether
 * an input may be sent (input-gate).
 *
 * Solo and team play already share one `GameStore`: the room's authority is plugged in as its
 * `dispatcher` and `applyRoomRun`, so no session interface sits between them; the clock, saves and
 * replays that only solo play has stay in the game store rather than behind a second implementation.
 *
 * The network client (colyseus.js) is loaded on demand, the first time a game day is opened.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Input, RunOptions } from '../engine';
import type { Scenario } from '../format';
import {
  JOIN_CODE_LENGTH,
  normaliseJoinCode,
  type Phase,
  type RoomError,
  type RoomEvent,
  type RoomInfo,
  type SeatView,
  type Speed,
  type SyncedState,
  type Welcome,
} from '../net/protocol';
import type { Command, CommandResult, TeamSession } from '../net/team-client';
import { applyRoomAnswer, applyRoomRun, createGameStore, type GameStore } from './game-store';
import { memoryStorage } from './storage';
import { closedText, errorText, reenter, returnTo, welcomed } from './team/connection';
import { RECONNECTING, refuseInput } from './team/input-gate';
import { teamEndpoint } from './team/links';
import { type TeamPorts, unpluggedPorts } from './team/ports';
import {
  type Ended,
  type FeedItem,
  type Hint,
  initialProjection,
  type Projection,
  projectAll,
  resync,
  roleName as projectedRoleName,
} from './team/projection';
import { isReconnecting, shouldReconnect, startReconnecting, stopReconnecting } from './team/reconnect';
import { readRoomInfo } from './team/room-info';
import { keepConnected, type TeamSeat, withConnected } from './team/roster';
import { forgetSeat, saveSeat, savedSeat } from './team/seat-storage';
import { asYou, happenedFor, withSeats, withoutPosts } from './team/seated-run';

export { joinLink, observeCodeFromHash, projectorLink, teamEndpoint } from './team/links';
export { saveName, savedName } from './team/seat-storage';

export type TeamScreen = 'create' | 'join' | 'connecting' | 'lobby' | 'incident' | 'debrief';

export interface TeamState {
  /** null when no game day is open: the solo screens show. */
  screen: TeamScreen | null;
  /** The join code to fill in (from a `#join=` link). */
  prefillCode: string;
  /** The role the player last chose, kept for the form when a join is refused (a taken name, say). */
  prefillRole: string;
  error: string | null;
  /** A watcher is a projector view: it follows the game day and sends nothing. */
  as: 'facilitator' | 'player' | 'watcher' | null;
  welcome: Welcome | null;
  phase: Phase;
  speed: Speed;
  roster: TeamSeat[];
  /** Projector views watching the game day (from the room's synchronised state). */
  watchers: number;
  feed: FeedItem[];
  /** Hints for this page (a player's role or seat; the facilitator sees all). */
  hints: Hint[];
  facilitatorNotes: { at: number; text: string }[];
  /** How the game day ended (when, and whether the facilitator ended it), once it has. */
  ended: Ended | null;
  /** The latest refusal of this page's own command. */
  refusal: string | null;
  /** The shared run, shown through the solo panels. */
  game: GameStore | null;
  /** The join form's look-up of the code typed so far: that game day's scenario and roles, or why not. */
  lookup: Lookup;
}

export type Lookup =
  | { state: 'none' }
  | { state: 'loading'; code: string }
  | { state: 'found'; code: string; info: RoomInfo }
  | { state: 'failed'; code: string; message: string };

export type TeamStore = StoreApi<TeamState> & { scenarios: () => readonly Scenario[]; ports: TeamPorts };

export function createTeamStore(scenarios: () => readonly Scenario[], ports: TeamPorts = unpluggedPorts()): TeamStore {
  const store = createStore<TeamState>()(() => ({
    screen: null,
    prefillCode: '',
    prefillRole: '',
    error: null,
    as: null,
    welcome: null,
    phase: 'lobby',
    speed: 1,
    roster: [],
    watchers: 0,
    feed: [],
    hints: [],
    facilitatorNotes: [],
    ended: null,
    refusal: null,
    game: null,
    lookup: { state: 'none' },
  }));
  return Object.assign(store, { scenarios, ports });
}

// Not store state: the live connection and the engine the events are folded into.
interface Live {
  session: TeamSession;
  scenario: Scenario;
  options: RunOptions;
  projection: Projection;
  secret: string | null;
  seat: SeatView | null;
  off: (() => void)[];
}
const live = new WeakMap<TeamStore, Live>();

export function openTeamScreen(team: TeamStore, screen: 'create' | 'join', code = ''): void {
  // A fresh look-up each time the join form opens: the game day's roster and phase may have moved on.
  team.setState({ screen, error: null, prefillCode: code || team.getState().prefillCode, prefillRole: '', lookup: { state: 'none' } });
}

/**
 * The join form's look-up: once the typed code is complete, asks the server for that game day's
 * public facts (`GET /team/game-days/<code>`), so the form offers its own roles. A later code wins
 * over an earlier answer still on its way.
 */
export async function lookUpGameDay(team: TeamStore, typed: string, fetcher: typeof fetch = team.ports.fetch): Promise<void> {
  const code = normaliseJoinCode(typed);
  const current = team.getState().lookup;
  if (code.length !== JOIN_CODE_LENGTH) {
    if (current.state !== 'none') team.setState({ lookup: { state: 'none' } });
    return;
  }
  if (current.state !== 'none' && current.code === code && current.state !== 'failed') return;
  team.setState({ lookup: { state: 'loading', code } });
  const answer = await readRoomInfo(team.ports.location.origin, code, fetcher);
  const now = team.getState().lookup;
  if (now.state !== 'loading' || now.code !== code) return;
  team.setState({ lookup: answer.ok ? { state: 'found', code, info: answer.info } : { state: 'failed', code, message: answer.message } });
}

export function closeTeam(team: TeamStore): void {
  const l = live.get(team);
  if (l) {
    l.off.forEach((f) => f());
    void l.session.leave().catch(() => {});
    live.delete(team);
  }
  stopReconnecting(team);
  forgetSeat(team.ports.seats);
  team.setState({
    screen: null,
    as: null,
    welcome: null,
    game: null,
    roster: [],
    watchers: 0,
    feed: [],
    hints: [],
    facilitatorNotes: [],
    ended: null,
    refusal: null,
    error: null,
    phase: 'lobby',
    lookup: { state: 'none' },
  });
}

function client(team: TeamStore) {
  return team.ports.connect(teamEndpoint(team));
}

/** Waits for the bundled scenarios, which load after the first screen. */
async function scenarioFor(team: TeamStore, id: string): Promise<Scenario> {
  for (let i = 0; i < 100; i++) {
    const found = team.scenarios().find((s) => s.id === id);
    if (found) return found;
    await new Promise<void>((r) => team.ports.setTimer(r, 100));
  }
  throw new Error(`This game day plays "${id}", which this page does not have.`);
}

/** The facilitator opens a game day. */
export async function createGameDay(team: TeamStore, game: { scenario: string; speed: Speed; roles?: string[] }): Promise<void> {
  team.setState({ screen: 'connecting', error: null });
  try {
    const session = await welcomed(
      team.ports,
      client(team).then((c) => c.create(game)),
    );
    await begin(team, session);
  } catch (error) {
    team.setState({ screen: 'create', error: errorText(error) });
  }
}

/** A player takes a seat. */
export async function joinGameDay(team: TeamStore, code: string, player: { name: string; role: string }): Promise<void> {
  team.setState({ screen: 'connecting', error: null, prefillCode: code, prefillRole: player.role });
  try {
    const session = await welcomed(
      team.ports,
      client(team).then((c) => c.join(code, player)),
    );
    await begin(team, session);
  } catch (error) {
    // The game day may have moved on (started, filled up, ended): the form looks it up afresh.
    team.setState({ screen: 'join', error: errorText(error), lookup: { state: 'none' } });
  }
}

/**
 * A projector view (`#observe=CODE`): watches the game day with nothing but its code, from any
 * browser. A reload reads the code from the address again, so nothing is stored for it.
 */
export async function watchGameDay(team: TeamStore, code: string): Promise<void> {
  team.setState({ screen: 'connecting', error: null, prefillCode: code });
  try {
    const session = await welcomed(
      team.ports,
      client(team).then((c) => c.watch(code)),
    );
    await begin(team, session);
  } catch (error) {
    team.setState({ screen: 'join', error: `Could not open the projector view: ${errorText(error)}` });
  }
}

/** After a reload: back to the seat or the console this tab had. Returns whether it tried. */
export async function resumeTeam(team: TeamStore): Promise<boolean> {
  const saved = savedSeat(team.ports.seats);
  if (!saved) return false;
  team.setState({ screen: 'connecting', error: null });
  try {
    const session = await welcomed(
      team.ports,
      client(team).then((c) => returnTo(c, saved)),
    );
    await begin(team, session);
  } catch (error) {
    forgetSeat(team.ports.seats, saved.kind);
    team.setState({
      screen: saved.kind === 'seat' ? 'join' : 'create',
      prefillCode: saved.code,
      error: `Could not return to the game day: ${errorText(error)}`,
    });
  }
  return true;
}

async function begin(team: TeamStore, session: TeamSession): Promise<void> {
  const welcome = session.welcome;
  const scenario = await scenarioFor(team, welcome.scenario.id);
  if (scenario.version !== welcome.scenario.version) {
    void session.leave().catch(() => {});
    throw new Error(
      `This game day plays "${scenario.title}" version ${welcome.scenario.version}; this page has version ${scenario.version}.`,
    );
  }
  const you = welcome.you;
  const secret = you.kind === 'facilitator' ? you.secret : null;
  const seat = you.kind === 'player' ? you.seat : null;
  saveSeat(team.ports.seats, welcome);
  const options: RunOptions = { seed: welcome.options.seed, coach: welcome.options.coach };
  const previous = live.get(team);
  previous?.off.forEach((f) => f());
  const projection = initialProjection({ scenario, options, as: you.kind, seat, roles: welcome.roles });
  const l: Live = { session, scenario, options, projection, secret, seat, off: [] };
  live.set(team, l);
  const game = createGameStore({
    storage: memoryStorage(),
    scenarios: [scenario],
    newSeed: () => options.seed,
    dispatcher: (input) => sendInput(team, input),
  });
  team.setState({
    as: you.kind,
    welcome,
    game,
    roster: [],
    feed: [],
    hints: [],
    facilitatorNotes: session.notes.map((n) => ({ ...n })),
    ended: null,
    refusal: null,
    error: null,
    phase: 'lobby',
    speed: 1,
  });
  applyEvents(team, session.events);
  attach(team, l);
}

/** Listens to the live session: its events, its end (a drop starts reconnecting), the synchronised state, the notes. */
function attach(team: TeamStore, l: Live): void {
  const { session } = l;
  l.off.push(session.onEvents((events) => applyEvents(team, events)));
  l.off.push(
    session.onLeave((code) => {
      if (live.get(team) !== l || l.session !== session) return;
      if (team.getState().phase === 'ended') return;
      if (shouldReconnect(code)) return reconnect(team, l);
      team.setState({ error: closedText(code) });
    }),
  );
  l.off.push(session.onSynced((state) => showSynced(team, state)));
  const synced = session.synced();
  if (synced) showSynced(team, synced);
  // The facilitator's notes arrive as their own message; what arrived while reconnecting is in the session's copy.
  if (l.secret) {
    const show = (notes: readonly { at: number; text: string }[]) => team.setState({ facilitatorNotes: notes.map((n) => ({ ...n })) });
    l.off.push(session.onNotes(show));
    if (session.notes.length !== team.getState().facilitatorNotes.length) show(session.notes);
  }
}

/**
 * After a drop: back to the same seat (or console) with growing pauses between tries, handing over
 * the events already held so that only the missing ones arrive, each once and in order.
 */
function reconnect(team: TeamStore, l: Live): void {
  const welcome = team.getState().welcome;
  if (!welcome) return;
  startReconnecting(team, {
    setTimer: team.ports.setTimer,
    clearTimer: team.ports.clearTimer,
    alive: () => live.get(team) === l && team.getState().phase !== 'ended',
    attempt: async () => {
      const held = l.session.events;
      const session = await welcomed(
        team.ports,
        client(team).then((c) => reenter(c, welcome, held)),
      );
      if (live.get(team) !== l) {
        void session.leave().catch(() => {});
        return;
      }
      l.off.forEach((f) => f());
      l.off = [];
      l.session = session;
      // What arrived during the catch-up; later events come through the listener attached below.
      const missed = session.events.slice(held.length);
      if (missed.length > 0) applyEvents(team, missed);
      attach(team, l);
      team.setState({ error: null, refusal: null });
    },
    giveUp: (error) => {
      if (live.get(team) !== l) return;
      team.setState({ error: `Could not return to the game day: ${errorText(error)}` });
    },
  });
}

/** The speed, the projector views and the connected flags come from the room's synchronised state, not from numbered events. */
function showSynced(team: TeamStore, synced: SyncedState): void {
  const { speed, watchers, roster } = team.getState();
  // The welcome does not carry the speed the game day was created with; the synchronised state does.
  if (synced.speed !== speed) team.setState({ speed: synced.speed });
  if (synced.watchers !== watchers) team.setState({ watchers: synced.watchers });
  const shown = withConnected(roster, synced.roster);
  if (shown !== roster) team.setState({ roster: [...shown] });
}

export function roleName(team: TeamStore, role: string): string {
  return projectedRoleName({ roles: team.getState().welcome?.roles ?? [] }, role);
}

function applyEvents(team: TeamStore, events: readonly RoomEvent[]): void {
  const l = live.get(team);
  if (!l) return;
  const before = l.projection;
  l.projection = projectAll(before, events);
  // A follower that went wrong starts again from the room's events rather than showing a wrong run.
  if (l.projection.diverged) l.projection = resync(l.projection, l.session.events);
  const p = l.projection;
  if (p.diverged) {
    if (!before.diverged) console.warn('a room event could not be followed', p.diverged);
    team.setState({ error: 'This page could not follow the game day. Reload the page to return to it.' });
  }
  // Connected flags come from the synchronised state, so they are kept from what the page shows.
  const roster = keepConnected(p.roster, team.getState().roster);
  const { phase } = p;
  // Hints for others stay out of this page's chat during play; the debrief is the same for everyone.
  const hidden = phase === 'ended' ? [] : p.hiddenPosts;
  const run = {
    scenario: withSeats(l.scenario, roster, (role) => roleName(team, role)),
    options: l.options,
    log: [...p.log],
    state: withoutPosts(asYou(p.engine, l.seat?.id ?? null), hidden),
  };
  team.setState({ phase, speed: p.speed, roster, feed: [...p.feed], hints: [...p.hints], ended: p.ended });
  const game = team.getState().game;
  const happened = happenedFor(
    events.flatMap((e) => ('happened' in e ? e.happened : [])),
    hidden,
  );
  if (game) applyRoomRun(game, run, { paused: phase !== 'running', happened });
  const screen = team.getState().screen;
  if (phase === 'ended') {
    if (screen !== 'debrief') {
      forgetSeat(team.ports.seats);
      team.setState({ screen: 'debrief' });
    }
  } else if (phase === 'lobby') {
    if (screen !== 'lobby') team.setState({ screen: 'lobby' });
  } else if (screen !== 'incident') team.setState({ screen: 'incident' });
}

/** A player's input goes to the room; a refusal comes back as the store's rejection, like solo play. */
function sendInput(team: TeamStore, input: Exclude<Input, { type: 'tick' }>): RoomError | null {
  const l = live.get(team);
  const refused = refuseInput({
    connected: l !== undefined,
    as: team.getState().as,
    seated: Boolean(l?.seat),
    reconnecting: isReconnecting(team),
  });
  if (refused || !l) return refused;
  const { player: _player, ...rest } = input as typeof input & { player?: string };
  void l.session.send(rest as Command).then((result) => settle(team, result));
  return null;
}

function settle(team: TeamStore, result: CommandResult): void {
  const game = team.getState().game;
  if (result.ok) {
    team.setState({ refusal: null });
    if (game) applyRoomAnswer(game, null);
  } else {
    team.setState({ refusal: result.error.message });
    if (game) applyRoomAnswer(game, result.error);
  }
}

/** Sends a facilitator command (the secret is added here); a refusal is shown on the console. */
export async function facilitatorCommand(
  team: TeamStore,
  command: DistributiveOmitSecret<Extract<Command, { secret: string }>>,
): Promise<boolean> {
  const l = live.get(team);
  if (!l?.secret) return false;
  if (isReconnecting(team)) {
    team.setState({ refusal: RECONNECTING.message });
    return false;
  }
  const result = await l.session.send({ ...command, secret: l.secret } as Command);
  team.setState({ refusal: result.ok ? null : result.error.message });
  return result.ok;
}
type DistributiveOmitSecret<T> = T extends unknown ? Omit<T, 'secret'> : never;

/** A player's own seat, for the screens. */
export function mySeat(team: TeamStore): SeatView | null {
  return live.get(team)?.seat ?? null;
}
