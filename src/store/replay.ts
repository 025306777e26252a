/**
 * Watching a finished run back: the run's log is fed to the engine again as the replay clock moves,
 * so every moment shown is the engine's own state at that time, and the end is the identical score.
 * Seeking backwards replays from the start (a whole run replays in milliseconds).
 */
import { advanceTo, init, step, type EngineState, type LogEntry, type RunOptions, type TimelineEvent } from '../engine';
import { teamNames } from '../debrief/team-debrief';
import type { Scenario } from '../format';
import type { Seat } from '../format/run-log';
import { DEFAULT_ROLES, scenarioRoles } from '../net/roles';
import { REPLAY_SPEEDS, type GameStore, type ReplaySpeed, type ReplayState, type Screen } from './game-store';

export { REPLAY_SPEEDS, type ReplaySpeed, type ReplayState };

/** A finished run to watch: what a run file or a replay link carries once checked. */
export interface RecordedRun {
  scenario: Scenario;
  options: RunOptions;
  log: readonly LogEntry[];
  end: number;
  /** A team run's roster: who sat in which role (a team run file's `team.roster`). */
  team?: { roster: readonly Seat[] };
}

/**
 * Opens a recorded run: at its start on the replay screen, or at its end on the debrief (an
 * imported file). The player's own saved run is left alone either way.
 */
export function openReplay(store: GameStore, recorded: RecordedRun, source: ReplayState['source'], at: 'start' | 'end' = 'start'): void {
  const { scenario, options, end } = recorded;
  const log = [...recorded.log];
  const start = forward(scenario, init(scenario, options), log, 0, 0);
  const replay: ReplayState = {
    end,
    next: start.next,
    speed: 4,
    playing: false,
    source,
    ...(recorded.team ? { team: { roster: recorded.team.roster.map((s) => ({ id: s.id, name: s.name, role: s.role })) } } : {}),
  };
  store.setState({
    run: { scenario, options, log, state: start.state },
    replay,
    selected: store.getState().scenarios.some((s) => s.id === scenario.id) ? scenario.id : store.getState().selected,
    screen: 'replay',
    paused: true,
    rejection: null,
    recent: { events: [], serial: store.getState().recent.serial + 1 },
  });
  if (at === 'end') {
    seekReplay(store, end);
    store.setState({ screen: 'debrief' });
  }
}

/** A role id → its name: the scenario's own team roles, then the built-in set, as a game day names them; else the id. */
export function scenarioRoleName(scenario: Scenario, role: string): string {
  return scenarioRoles(scenario).find((r) => r.id === role)?.name ?? DEFAULT_ROLES.find((r) => r.id === role)?.name ?? role;
}

/**
 * Who made each input of the watched run, as "Name (Role)" by player id (the team debrief's own
 * naming, src/debrief/team-debrief.ts); undefined for a solo run.
 */
export function replayNames(scenario: Scenario, replay: ReplayState | null): Record<string, string> | undefined {
  if (!replay?.team) return undefined;
  return teamNames(replay.team.roster, (role) => scenarioRoleName(scenario, role));
}

/** Shows the run at game time `t` (clamped to the recording). */
export function seekReplay(store: GameStore, t: number): void {
  const { run, replay } = store.getState();
  if (!run || !replay) return;
  const target = Math.max(0, Math.min(replay.end, Math.round(t)));
  const from = target >= run.state.time ? { state: run.state, next: replay.next } : { state: init(run.scenario, run.options), next: 0 };
  const moved = forward(run.scenario, from.state, run.log, from.next, target);
  const events = from.state === run.state ? moved.events : [];
  store.setState({
    run: { ...run, state: moved.state },
    replay: { ...replay, next: moved.next, playing: replay.playing && target < replay.end },
    recent: { events, serial: store.getState().recent.serial + 1 },
  });
}

/** Moves a playing replay on by whole game seconds (the clock driver calls this). */
export function advanceReplay(store: GameStore, seconds: number): void {
  const { run, replay } = store.getState();
  if (run && replay?.playing && seconds > 0) seekReplay(store, run.state.time + seconds);
}

export function setReplayPlaying(store: GameStore, playing: boolean): void {
  const { run, replay } = store.getState();
  if (!run || !replay) return;
  // Playing from the very end starts again from the beginning.
  if (playing && run.state.time >= replay.end) seekReplay(store, 0);
  store.setState({ replay: { ...store.getState().replay!, playing } });
}

export function setReplaySpeed(store: GameStore, speed: ReplaySpeed): void {
  const { replay } = store.getState();
  if (replay) store.setState({ replay: { ...replay, speed } });
}

/** Leaves the replay; the recorded run stays loaded for its debrief until another run starts. */
export function leaveReplay(store: GameStore, screen: Screen): void {
  const { replay } = store.getState();
  if (replay) store.setState({ replay: { ...replay, playing: false } });
  store.setState({ screen, paused: true });
}

/** Applies the log entries up to `target` in order, then lets the clock run on to it. */
function forward(
  scenario: Scenario,
  state: EngineState,
  log: readonly LogEntry[],
  next: number,
  target: number,
): { state: EngineState; next: number; events: TimelineEvent[] } {
  const events: TimelineEvent[] = [];
  let current = state;
  let index = next;
  while (index < log.length && log[index]!.at <= target) {
    const entry = log[index]!;
    const moved = advanceTo(scenario, current, entry.at);
    const result = step(scenario, moved.state, entry.input);
    events.push(...moved.events, ...result.events);
    current = result.state;
    index++;
  }
  const rest = advanceTo(scenario, current, target);
  events.push(...rest.events);
  return { state: rest.state, next: index, events };
}
