/**
 * Team mode in the browser: one store for the game day this page takes part in (as facilitator,
 * player or projector view), and an adapter that shows the shared run through a `GameStore`, so the solo incident
 * panels and the debrief work unchanged: the run is rebuilt from the room's events with the same
 * engine, and every player input goes to the room instead of the local engine.
 *
 * The network client (colyseus.js) is loaded on demand, the first time a game day is opened.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineState, Input, Rejection, RunOptions } from '../engine';
import {
  JOIN_CODE_LENGTH,
  normaliseJoinCode,
  ROOM_INFO_PATH,
  RoomInfo,
  RoomInfoRefusal,
  describeIssue,
  type Phase,
  type RoomEvent,
  type SeatView,
  type Speed,
  type Welcome,
} from '../net/protocol';
import type { Command, CommandResult, TeamSession } from '../net/team-client';
import type { Scenario } from '../format';
import { applyRoomAnswer, applyRoomRun, createGameStore, type GameStore } from './game-store';
import { memoryStorage } from './storage';
import {
  type FeedItem,
  type Hint,
  initialProjection,
  type Projection,
  projectAll,
  resync,
  roleName as projectedRoleName,
} from './team/projection';
import { type TeamPorts, unpluggedPorts } from './team/ports';
import { CLOSE_SEAT_TAKEN, isReconnecting, shouldReconnect, startReconnecting, stopReconnecting } from './team-reconnect';

export type TeamScreen = 'create' | 'join' | 'connecting' | 'lobby' | 'incident' | 'debrief';

export interface TeamSeat extends SeatView {
  connected: boolean;
}

export type { FeedItem } from './team/projection';

export interface TeamState {
  /** null when no game day is open: the solo screens show. */
  screen: TeamScreen | null;
  /** The join code to fill in (from a `#join=` link). */
  prefillCode: string;
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

const SEAT_KEY = 'firedrill.team.seat';
const FACILITATOR_KEY = 'firedrill.team.facilitator';

/** The WebSocket endpoint of team mode: the same host as the page, under /team. */
export function teamEndpoint(team: TeamStore): string {
  const { protocol, host } = team.ports.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/team`;
}

export function joinLink(team: TeamStore, code: string): string {
  const { origin, pathname } = team.ports.location;
  return `${origin}${pathname}#join=${code}`;
}

/** The projector view of a game day: a watcher, so the code is all it needs and any browser opens it. */
export function projectorLink(team: TeamStore, code: string): string {
  const { origin, pathname } = team.ports.location;
  return `${origin}${pathname}#observe=${code}`;
}

/** `#observe=CODE`: this tab is a projector for that game day. */
export function observeCodeFromHash(hash: string): string | null {
  return /^#observe=([A-Za-z0-9-]{1,40})$/.exec(hash)?.[1] ?? null;
}

export function createTeamStore(scenarios: () => readonly Scenario[], ports: TeamPorts = unpluggedPorts()): TeamStore {
  const store = createStore<TeamState>()(() => ({
    screen: null,
    prefillCode: '',
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
  team.setState({ screen, error: null, prefillCode: code || team.getState().prefillCode, lookup: { state: 'none' } });
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

async function readRoomInfo(
  origin: string,
  code: string,
  fetcher: typeof fetch,
): Promise<{ ok: true; info: RoomInfo } | { ok: false; message: string }> {
  let response: Response;
  let body: unknown;
  try {
    response = await fetcher(`${origin}/team${ROOM_INFO_PATH}${encodeURIComponent(code)}`, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
    });
    body = await response.json();
  } catch (error) {
    return { ok: false, message: `Could not look up the game day: ${message(error)}` };
  }
  if (!response.ok) {
    const refusal = RoomInfoRefusal.safeParse(body);
    return {
      ok: false,
      message: refusal.success ? refusal.data.message : `Could not look up the game day (the server answered ${response.status}).`,
    };
  }
  const info = RoomInfo.safeParse(body);
  // A garbled (or hostile) answer is refused whole rather than shown in part.
  if (!info.success)
    return { ok: false, message: `The server's answer about this game day is not valid: ${describeIssue(info.error, body)}` };
  if (info.data.code !== code) return { ok: false, message: 'The server answered about a different game day.' };
  return { ok: true, info: info.data };
}

export function closeTeam(team: TeamStore): void {
  const l = live.get(team);
  if (l) {
    l.off.forEach((f) => f());
    void l.session.leave().catch(() => {});
    live.delete(team);
  }
  stopReconnecting(team);
  forgetSeat(team);
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
    refusal: null,
    error: null,
    phase: 'lobby',
    lookup: { state: 'none' },
  });
}

function client(team: TeamStore) {
  return team.ports.connect(teamEndpoint(team));
}

function forgetSeat(team: TeamStore): void {
  team.ports.seats.remove(SEAT_KEY);
  team.ports.seats.remove(FACILITATOR_KEY);
}

/**
 * A session whose welcome does not arrive in time is given up with a clear error, rather than
 * leaving the page on "connecting"; one that arrives later is left at once.
 */
function welcomed(team: TeamStore, opening: Promise<TeamSession>): Promise<TeamSession> {
  const { ports } = team;
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = ports.setTimer(() => {
      late = true;
      reject(
        new Error(
          `The game day did not answer within ${Math.round(ports.welcomeTimeoutMs / 1000)} seconds; check the connection and try again.`,
        ),
      );
    }, ports.welcomeTimeoutMs);
    opening.then(
      (session) => {
        if (late) return void session.leave().catch(() => {});
        ports.clearTimer(timer);
        resolve(session);
      },
      (error) => {
        if (late) return;
        ports.clearTimer(timer);
        reject(error);
      },
    );
  });
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

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
      team,
      client(team).then((c) => c.create(game)),
    );
    await begin(team, session);
  } catch (error) {
    team.setState({ screen: 'create', error: message(error) });
  }
}

/** A player takes a seat. */
export async function joinGameDay(team: TeamStore, code: string, player: { name: string; role: string }): Promise<void> {
  team.setState({ screen: 'connecting', error: null, prefillCode: code });
  try {
    const session = await welcomed(
      team,
      client(team).then((c) => c.join(code, player)),
    );
    await begin(team, session);
  } catch (error) {
    // The game day may have moved on (started, filled up, ended): the form looks it up afresh.
    team.setState({ screen: 'join', error: message(error), lookup: { state: 'none' } });
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
      team,
      client(team).then((c) => c.watch(code)),
    );
    await begin(team, session);
  } catch (error) {
    team.setState({ screen: 'join', error: `Could not open the projector view: ${message(error)}` });
  }
}

/** After a reload: back to the seat or the console this tab had. Returns whether it tried. */
export async function resumeTeam(team: TeamStore): Promise<boolean> {
  const seat = readSaved(team, SEAT_KEY);
  const facilitator = readSaved(team, FACILITATOR_KEY);
  const saved = seat ?? facilitator;
  if (!saved) return false;
  team.setState({ screen: 'connecting', error: null });
  try {
    const session = await welcomed(
      team,
      client(team).then((c) => (seat ? c.returnToSeat(seat.code, seat.secret) : c.facilitate(facilitator!.code, facilitator!.secret))),
    );
    await begin(team, session);
  } catch (error) {
    team.ports.seats.remove(seat ? SEAT_KEY : FACILITATOR_KEY);
    team.setState({
      screen: seat ? 'join' : 'create',
      prefillCode: saved.code,
      error: `Could not return to the game day: ${message(error)}`,
    });
  }
  return true;
}

function readSaved(team: TeamStore, key: string): { code: string; secret: string } | null {
  try {
    const raw = team.ports.seats.get(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { code?: unknown; secret?: unknown };
    return typeof parsed.code === 'string' && typeof parsed.secret === 'string' ? { code: parsed.code, secret: parsed.secret } : null;
  } catch {
    return null;
  }
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
  if (you.kind === 'player') team.ports.seats.set(SEAT_KEY, JSON.stringify({ code: welcome.code, secret: you.token }));
  else if (you.kind === 'facilitator') team.ports.seats.set(FACILITATOR_KEY, JSON.stringify({ code: welcome.code, secret: you.secret }));
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
    refusal: null,
    error: null,
    phase: 'lobby',
    speed: 1,
  });
  applyEvents(team, session.events);
  attach(team, l);
}

/** Listens to the live session: its events, its end (a drop starts reconnecting), the roster, the notes. */
function attach(team: TeamStore, l: Live): void {
  const { session } = l;
  l.off.push(session.onEvents((events) => applyEvents(team, events)));
  l.off.push(
    session.onLeave((code) => {
      if (live.get(team) !== l || l.session !== session) return;
      if (team.getState().phase === 'ended') return;
      if (shouldReconnect(code)) return reconnect(team, l);
      const why =
        code === CLOSE_SEAT_TAKEN
          ? 'This seat was taken over by a newer tab or device.'
          : `The connection to the game day closed (${code}).`;
      team.setState({ error: `${why} Reload the page to return to it.` });
    }),
  );
  const room = session.room as unknown as { state?: unknown; onStateChange?: (cb: (s: unknown) => void) => unknown };
  const readRoster = () => syncConnected(team, room.state);
  room.onStateChange?.(() => readRoster());
  readRoster();
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
  const code = team.getState().welcome?.code;
  const you = team.getState().welcome?.you;
  if (!code || !you) return;
  startReconnecting(team, {
    setTimer: team.ports.setTimer,
    clearTimer: team.ports.clearTimer,
    alive: () => live.get(team) === l && team.getState().phase !== 'ended',
    attempt: async () => {
      const held = l.session.events;
      const session = await welcomed(
        team,
        client(team).then((c) =>
          you.kind === 'player'
            ? c.returnToSeat(code, you.token, held)
            : you.kind === 'facilitator'
              ? c.facilitate(code, you.secret, held)
              : c.watch(code, held),
        ),
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
      team.setState({ error: `Could not return to the game day: ${message(error)}` });
    },
  });
}

/** Connected flags come from the room's synchronised state, not from numbered events. */
function syncConnected(team: TeamStore, state: unknown): void {
  // The welcome does not carry the speed the game day was created with; the synchronised state does.
  const speed = (state as { speed?: unknown } | undefined)?.speed;
  if ((speed === 1 || speed === 2 || speed === 4) && speed !== team.getState().speed) team.setState({ speed });
  const watchers = (state as { watchers?: unknown } | undefined)?.watchers;
  if (typeof watchers === 'number' && Number.isInteger(watchers) && watchers >= 0 && watchers !== team.getState().watchers)
    team.setState({ watchers });
  const roster = (state as { roster?: { forEach?: (cb: (v: { id?: string; connected?: boolean }) => void) => void } } | undefined)?.roster;
  if (!roster?.forEach) return;
  const connected = new Map<string, boolean>();
  roster.forEach((s) => {
    if (typeof s.id === 'string') connected.set(s.id, Boolean(s.connected));
  });
  const current = team.getState().roster;
  if (current.some((s) => connected.has(s.id) && connected.get(s.id) !== s.connected)) {
    team.setState({ roster: current.map((s) => (connected.has(s.id) ? { ...s, connected: connected.get(s.id)! } : s)) });
  }
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
  const s = team.getState();
  // Connected flags come from the synchronised state, so they are kept from what the page shows.
  const roster = p.roster.map((seat) => ({ ...seat, connected: s.roster.find((r) => r.id === seat.id)?.connected ?? true }));
  const { phase } = p;
  const run = {
    scenario: withSeats(l.scenario, roster, team),
    options: l.options,
    log: [...p.log],
    state: asYou(p.engine, l.seat?.id ?? null),
  };
  team.setState({ phase, speed: p.speed, roster, feed: [...p.feed], hints: [...p.hints] });
  const game = team.getState().game;
  if (game) applyRoomRun(game, run, { paused: phase !== 'running', happened: events.flatMap((e) => ('happened' in e ? e.happened : [])) });
  const screen = team.getState().screen;
  if (phase === 'ended') {
    if (screen !== 'debrief') {
      forgetSeat(team);
      team.setState({ screen: 'debrief' });
    }
  } else if (phase === 'lobby') {
    if (screen !== 'lobby') team.setState({ screen: 'lobby' });
  } else if (screen !== 'incident') team.setState({ screen: 'incident' });
}

/** The scenario with every seat as a character, so chat shows each player's posts under their own name. */
const seated = new WeakMap<Scenario, { key: string; scenario: Scenario }>();
const SEAT_COLORS = ['#62a0ea', '#57e389', '#f8e45c', '#ffa348', '#dc8add', '#99c1f1', '#8ff0a4', '#f66151'];
function withSeats(scenario: Scenario, roster: readonly TeamSeat[], team: TeamStore): Scenario {
  const key = roster.map((s) => `${s.id}:${s.name}:${s.role}`).join('|');
  const cached = seated.get(scenario);
  if (cached && cached.key === key) return cached.scenario;
  const characters = [
    ...scenario.characters,
    ...roster
      .filter((s) => !scenario.characters.some((c) => c.id === s.id))
      .map((s, i) => ({ id: s.id, name: s.name, role: roleName(team, s.role), color: SEAT_COLORS[i % SEAT_COLORS.length]! })),
  ];
  const next = { ...scenario, characters } as Scenario;
  seated.set(scenario, { key, scenario: next });
  return next;
}

/** The panels ask about the solo player ("you"); a player sees their own seat there. */
function asYou(engine: EngineState, seat: string | null): EngineState {
  if (!seat) return engine;
  const mine = engine.current[seat];
  const current = { ...engine.current };
  if (mine) current.you = mine;
  else delete current.you;
  return { ...engine, current };
}

/** A player's input goes to the room; a refusal comes back as the store's rejection, like solo play. */
function sendInput(team: TeamStore, input: Exclude<Input, { type: 'tick' }>): Rejection | null {
  const l = live.get(team);
  if (!l) return { code: 'game.over', message: 'Not connected to a game day.' } as Rejection;
  if (team.getState().as === 'watcher') return { code: 'game.over', message: 'A projector view only watches.' } as Rejection;
  if (!l.seat) return { code: 'game.over', message: 'The facilitator watches; players act.' } as Rejection;
  if (isReconnecting(team)) return { code: 'game.over', message: 'Reconnecting to the game day; try again in a moment.' } as Rejection;
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
    if (game) applyRoomAnswer(game, result.error as Rejection);
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
    team.setState({ refusal: 'Reconnecting to the game day; try again in a moment.' });
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
