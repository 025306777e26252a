/**
 * The game's one store (zustand, vanilla): which screen is showing, the running engine and its
 * log, the clock, settings and progress. Views subscribe and call the actions below; only these
 * actions feed the engine, so data flows one way: input → action → engine → store → views.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  init,
  isNotable,
  replay,
  score,
  step,
  wallClock,
  type CoachMode,
  isPlayerEntry,
  type EngineState,
  type Input,
  type LogEntry,
  type Rejection,
  type RunOptions,
  type TimelineEvent,
} from '../engine';
import type { Scenario } from '../format';
import type { Speed } from '../format/concepts';
import type { Seat } from '../format/run-log';
import { DEFAULT_SETTINGS, EMPTY_PROGRESS, PROGRESS, SAVED_RUN, SETTINGS, type Progress, type SavedRun, type Settings } from './documents';
import { appError, type AppError, type PlayErrorCode, type SaveErrorCode } from '../format/errors';
import { readDocument, writeDocument, type SaveError } from './persisted';
import type { KeyValueStorage } from './storage';
import type { RoomError } from '../net/protocol';

/** Why an input was refused: by the engine, or in team mode by the room (or by the page before sending it). */
type Refusal = Rejection | RoomError | AppError<PlayErrorCode>;

/** How a recorded run is being watched (src/store/replay.ts moves it). */
export type ReplaySpeed = 1 | 4 | 16;
export const REPLAY_SPEEDS: readonly ReplaySpeed[] = [1, 4, 16];

export interface ReplayState {
  /** The game time the run reached; the replay stops there. */
  end: number;
  /** How many log entries the shown state has taken in. */
  next: number;
  speed: ReplaySpeed;
  playing: boolean;
  /** Where the run came from, for the screens to say so. */
  source: 'link' | 'file' | 'own';
  /** A team run's roster (from a team run file), so the replay and the debrief name who made each input. */
  team?: { roster: readonly Seat[] };
}

export type Screen = 'title' | 'select' | 'briefing' | 'incident' | 'debrief' | 'replay';
export { SPEEDS, type Speed } from '../format/concepts';

export interface Run {
  scenario: Scenario;
  options: RunOptions;
  log: LogEntry[];
  state: EngineState;
}

export interface Notice {
  id: number;
  tone: 'info' | 'warning';
  text: string;
}

export interface GameState {
  screen: Screen;
  scenarios: readonly Scenario[];
  selected: string | null;
  run: Run | null;
  paused: boolean;
  /** The events of the latest update, for views to animate; `serial` changes with every update. */
  recent: { events: TimelineEvent[]; serial: number };
  rejection: Refusal | null;
  settings: Settings;
  progress: Progress;
  notices: Notice[];
  /** Set while a finished run is being watched back; the run then belongs to the replay, not the player. */
  replay: ReplayState | null;
}

export type GameStore = StoreApi<GameState>;

export interface GameDeps {
  storage: KeyValueStorage;
  scenarios: readonly Scenario[];
  /** A seed for a new run; the browser passes something time-based, tests a constant. */
  newSeed: () => number;
  /**
   * Where player inputs go instead of the local engine (team mode: to the room, which is the
   * authority). Returns a refusal it knows of at once, or null; later refusals arrive as `rejection`.
   */
  dispatcher?: (input: Exclude<Input, { type: 'tick' }>) => Refusal | null;
}

const deps = new WeakMap<GameStore, GameDeps>();
let noticeId = 0;

function notice(text: string, tone: Notice['tone'] = 'warning'): Notice {
  return { id: ++noticeId, tone, text };
}

/** Creates the store, restoring settings, progress and any run in progress. */
export function createGameStore(d: GameDeps): GameStore {
  const notices: Notice[] = [];
  const settings = readDocument(d.storage, SETTINGS);
  if (settings.ok === false) notices.push(notice(`${settings.error.message} Your settings were reset.`));
  const progress = readDocument(d.storage, PROGRESS);
  if (progress.ok === false) notices.push(notice(`${progress.error.message} Your progress could not be kept.`));
  const store = createStore<GameState>()(() => ({
    screen: 'title',
    scenarios: d.scenarios,
    selected: d.scenarios[0]?.id ?? null,
    run: null,
    paused: true,
    recent: { events: [], serial: 0 },
    rejection: null,
    settings: settings.ok === true ? settings.value : DEFAULT_SETTINGS,
    progress: progress.ok === true ? progress.value : EMPTY_PROGRESS,
    notices,
    replay: null,
  }));
  deps.set(store, d);
  if (d.scenarios.length > 0) resumeSavedRun(store);
  return store;
}

/**
 * Hands the store its scenarios when they arrive after start-up (the page loads them after the
 * first screen is up), then resumes a saved run of one of them.
 */
export function provideScenarios(store: GameStore, scenarios: readonly Scenario[]): void {
  const { selected, scenarios: current } = store.getState();
  // A file the player loaded while these were on their way stays in the list.
  const loaded = current.filter((s) => !scenarios.some((b) => b.id === s.id));
  const all = [...scenarios, ...loaded];
  store.setState({ scenarios: all, selected: all.some((s) => s.id === selected) ? selected : (all[0]?.id ?? null) });
  resumeSavedRun(store);
}

function depsOf(store: GameStore): GameDeps {
  const d = deps.get(store);
  if (!d) throw new Error('store was not made by createGameStore');
  return d;
}

// ---------------------------------------------------------------------------------------------
// Navigation and settings
// ---------------------------------------------------------------------------------------------

export function goTo(store: GameStore, screen: Screen): void {
  store.setState({ screen, paused: true });
}

export function selectScenario(store: GameStore, id: string): void {
  if (store.getState().scenarios.some((s) => s.id === id)) store.setState({ selected: id });
}

export function updateSettings(store: GameStore, change: Partial<Omit<Settings, 'version'>>): void {
  const settings = { ...store.getState().settings, ...change };
  store.setState({ settings });
  writeDocument(depsOf(store).storage, SETTINGS, settings);
}

export function setPaused(store: GameStore, paused: boolean): void {
  store.setState({ paused });
}

export function setSpeed(store: GameStore, speed: Speed): void {
  updateSettings(store, { speed });
}

/** Shows a message in the notices strip (a refused import, a damaged replay link…). */
export function showNotice(store: GameStore, text: string, tone: Notice['tone'] = 'warning'): void {
  store.setState({ notices: [...store.getState().notices, notice(text, tone)] });
}

export function dismissNotice(store: GameStore, id: number): void {
  store.setState({ notices: store.getState().notices.filter((n) => n.id !== id) });
}

/** Adds scenarios loaded at run time (a mentor's file), replacing ones with the same id. */
export function addScenario(store: GameStore, scenario: Scenario): void {
  const others = store.getState().scenarios.filter((s) => s.id !== scenario.id);
  store.setState({ scenarios: [...others, scenario], selected: scenario.id });
}

/**
 * Takes a new version of a scenario while it may be in play (the dev server's hot reload): the
 * running incident is replayed onto it up to the same moment, so the author keeps their place.
 * Inputs the new version refuses are dropped, and the notice says how many.
 */
export function reloadScenario(store: GameStore, scenario: Scenario): void {
  const { scenarios, run } = store.getState();
  store.setState({ scenarios: scenarios.map((s) => (s.id === scenario.id ? scenario : s)) });
  if (!scenarios.some((s) => s.id === scenario.id)) store.setState({ scenarios: [...scenarios, scenario] });
  if (!run || run.scenario.id !== scenario.id || store.getState().replay) {
    showNotice(store, `Reloaded “${scenario.title}” (version ${scenario.version}).`, 'info');
    return;
  }
  const replayed = replay(scenario, run.options, run.log, run.state.time);
  const dropped = new Set(replayed.refused.map((r) => r.index));
  const log = run.log.filter((_, i) => !dropped.has(i));
  store.setState({
    run: { scenario, options: run.options, log, state: replayed.state },
    rejection: null,
    recent: { events: [], serial: store.getState().recent.serial + 1 },
  });
  const lost =
    dropped.size === 0
      ? ''
      : ` ${dropped.size} earlier input${dropped.size === 1 ? '' : 's'} no longer appl${dropped.size === 1 ? 'ies' : 'y'} and ${dropped.size === 1 ? 'was' : 'were'} dropped.`;
  showNotice(
    store,
    `Reloaded “${scenario.title}” (version ${scenario.version}); your run was replayed onto it up to ${wallClock(scenario.clock, replayed.state.time, true)}.${lost}`,
    'info',
  );
  save(store);
}

// ---------------------------------------------------------------------------------------------
// Running an incident
// ---------------------------------------------------------------------------------------------

/** Starts a fresh run of the selected scenario and opens the incident screen, paused. */
export function startRun(store: GameStore): void {
  const { scenarios, selected, settings } = store.getState();
  const scenario = scenarios.find((s) => s.id === selected);
  if (!scenario) return;
  const options: RunOptions = { seed: depsOf(store).newSeed(), coach: settings.coach };
  const state = init(scenario, options);
  store.setState({
    run: { scenario, options, log: [], state },
    replay: null,
    screen: 'incident',
    paused: false,
    rejection: null,
    recent: { events: state.timeline, serial: store.getState().recent.serial + 1 },
  });
  save(store);
}

/** Feeds a player input to the engine; a refused input is kept for the views to explain. */
export function dispatch(store: GameStore, input: Exclude<Input, { type: 'tick' }>): Refusal | null {
  const { run, replay } = store.getState();
  if (!run) return { code: 'play.no-run', message: 'No incident is running.' };
  if (replay) return { code: 'play.replay', message: 'This is a replay; start the scenario to play it yourself.' };
  const remote = depsOf(store).dispatcher;
  if (remote) return remote(input);
  const result = step(run.scenario, run.state, input);
  if (result.rejected) {
    store.setState({ rejection: result.rejected });
    return result.rejected;
  }
  const log = [...run.log, { at: run.state.time, input }];
  commit(store, { ...run, log, state: result.state }, result.events);
  save(store);
  return null;
}

/** Moves game time on by whole seconds (the clock driver calls this). */
/**
 * A run driven by a team room: the room decides the run and whether its clock runs, so this
 * replaces both and announces what happened, and the local engine is never stepped.
 */
export function applyRoomRun(store: GameStore, run: Run, room: { paused: boolean; happened: readonly TimelineEvent[] }): void {
  const serial = store.getState().recent.serial + 1;
  store.setState({ run, paused: room.paused, recent: { events: [...room.happened], serial } });
}

/** The room's answer to this page's own input: a refusal shows like a solo rejection; an acceptance clears it. */
export function applyRoomAnswer(store: GameStore, rejection: Refusal | null): void {
  store.setState({ rejection });
}

export function advance(store: GameStore, seconds: number): void {
  const { run, replay } = store.getState();
  if (!run || run.state.ending || seconds <= 0 || replay) return;
  const result = step(run.scenario, run.state, { type: 'tick', seconds });
  commit(store, { ...run, state: result.state }, result.events);
}

/**
 * Moves the running incident to game time `t` (the dev panel's time machine): forward lets the
 * clock run; backward replays the log up to `t`, and the inputs after it are gone.
 */
export function jumpTo(store: GameStore, t: number): void {
  const { run, replay: watching } = store.getState();
  if (!run || watching || !Number.isFinite(t) || t < 0) return;
  if (t >= run.state.time) {
    advance(store, Math.round(t - run.state.time));
    return;
  }
  const log = run.log.filter((e) => e.at <= t);
  const state = replay(run.scenario, run.options, log, t).state;
  store.setState({ run: { ...run, log, state }, rejection: null, recent: { events: [], serial: store.getState().recent.serial + 1 } });
  save(store);
}

/**
 * Fast-forwards until something happens that the player may want to react to (a message, an action
 * finishing, an alarm…) or `limit` game seconds pass. For waiting out a long deploy without idling.
 */
export function skipAhead(store: GameStore, limit = 900): void {
  const { run } = store.getState();
  if (!run || run.state.ending) return;
  let state = run.state;
  const events: TimelineEvent[] = [];
  const stride = run.scenario.clock.tickSeconds;
  for (let waited = 0; waited < limit && !state.ending; waited += stride) {
    const result = step(run.scenario, state, { type: 'tick', seconds: stride });
    state = result.state;
    events.push(...result.events);
    if (result.events.some(isNotable)) break;
  }
  commit(store, { ...run, state }, events);
}

function commit(store: GameStore, run: Run, events: TimelineEvent[]): void {
  const serial = store.getState().recent.serial + 1;
  store.setState({ run, recent: { events, serial }, rejection: null });
  if (run.state.ending) finishRun(store, run);
}

function finishRun(store: GameStore, run: Run): void {
  const card = score(run.scenario, run.state);
  const { progress } = store.getState();
  const previous = progress.scenarios[run.scenario.id];
  const better = !previous || card.total > previous.bestScore;
  const next: Progress = {
    ...progress,
    scenarios: {
      ...progress.scenarios,
      [run.scenario.id]: {
        completed: (previous?.completed ?? 0) + 1,
        bestScore: better ? card.total : previous.bestScore,
        bestGrade: better ? card.grade : previous.bestGrade,
        lastEnding: run.state.ending?.id ?? '',
      },
    },
  };
  store.setState({ progress: next, paused: true });
  const storage = depsOf(store).storage;
  writeDocument(storage, PROGRESS, next);
  storage.remove(SAVED_RUN.key);
}

/** Leaves the current run (it stays saved unless it has ended). */
export function leaveRun(store: GameStore, screen: Screen = 'select'): void {
  save(store);
  store.setState({ screen, paused: true });
}

// ---------------------------------------------------------------------------------------------
// Save and resume
// ---------------------------------------------------------------------------------------------

/** Saves the running incident: scenario, options, log and the current game time. */
export function save(store: GameStore): void {
  const { run, replay } = store.getState();
  // A replay or an imported run is somebody's finished run: it must never replace the player's save.
  if (!run || run.state.ending || replay) return;
  // A log with a facilitator's injects or hints is a team game day's, which is not the player's save.
  const log = run.log.filter(isPlayerEntry);
  if (log.length !== run.log.length) return;
  const saved: SavedRun = {
    version: SAVED_RUN.version,
    scenario: { id: run.scenario.id, version: run.scenario.version },
    options: run.options,
    log,
    time: run.state.time,
  };
  writeDocument(depsOf(store).storage, SAVED_RUN, saved);
}

/** Whether a saved run can resume: its scenario, options and replayed state, or why not. */
export function resumeRun(saved: SavedRun, scenarios: readonly Scenario[]) {
  const fail = (code: SaveErrorCode, message: string) => ({ ok: false as const, error: appError(code, message) });
  const scenario = scenarios.find((s) => s.id === saved.scenario.id);
  if (!scenario)
    return fail('save.unknown-scenario', `Your saved run is of a scenario that is no longer available ("${saved.scenario.id}").`);
  if (scenario.version !== saved.scenario.version) {
    return fail(
      'save.scenario-version',
      `Your saved run was of "${scenario.title}" version ${saved.scenario.version}; the scenario has changed since (now ${scenario.version}).`,
    );
  }
  const options: RunOptions = { seed: saved.options.seed, coach: saved.options.coach as CoachMode };
  const replayed = replay(scenario, options, saved.log, saved.time);
  if (replayed.refused.length > 0) return fail('save.refused', 'Your saved run no longer replays on this version of the scenario.');
  if (replayed.state.ending) return fail('save.ended', 'Your saved run had already ended.');
  return { ok: true as const, scenario, options, replayed };
}

function resumeSavedRun(store: GameStore): void {
  const { storage } = depsOf(store);
  const read = readDocument(storage, SAVED_RUN);
  if (read.ok === 'empty') return;
  const fail = (error: SaveError) => {
    storage.remove(SAVED_RUN.key);
    store.setState({
      notices: [...store.getState().notices, notice(`${error.message} A fresh start is ready; your settings and progress are kept.`)],
    });
  };
  if (read.ok === false) return fail(read.error);
  const saved = read.value;
  const resumed = resumeRun(saved, store.getState().scenarios);
  if (!resumed.ok) return fail(resumed.error);
  const { scenario, options, replayed } = resumed;
  store.setState({
    run: { scenario, options, log: saved.log, state: replayed.state },
    selected: scenario.id,
    screen: 'incident',
    paused: true,
    recent: { events: [], serial: store.getState().recent.serial + 1 },
    notices: [
      ...store.getState().notices,
      notice(
        `Welcome back: your run of "${scenario.title}" resumes at ${wallClock(scenario.clock, replayed.state.time, false)}, paused.`,
        'info',
      ),
    ],
  });
}
