/** Replays a run's log: the basis of save and resume, replays, golden tests and the CLI. */
import type { Scenario } from '../format/schema';
import { init, step } from './step';
import type { EngineState, LogEntry, Rejection, RunOptions, TimelineEvent } from './types';

export interface ReplayResult {
  state: EngineState;
  /** Log entries the engine refused, with the reason; a valid saved run has none. */
  refused: { index: number; entry: LogEntry; rejection: Rejection }[];
}

/** Advances to a game time, if it lies ahead. */
export function advanceTo(scenario: Scenario, state: EngineState, at: number): { state: EngineState; events: TimelineEvent[] } {
  if (at <= state.time || state.ending) return { state, events: [] };
  const result = step(scenario, state, { type: 'tick', seconds: at - state.time });
  return { state: result.state, events: result.events };
}

/** Replays a log from the start; with `until`, keeps the clock running to that game time afterwards. */
export function replay(scenario: Scenario, options: RunOptions, log: readonly LogEntry[], until?: number): ReplayResult {
  let state = init(scenario, options);
  const refused: ReplayResult['refused'] = [];
  log.forEach((entry, index) => {
    state = advanceTo(scenario, state, entry.at).state;
    const result = step(scenario, state, entry.input);
    if (result.rejected) refused.push({ index, entry, rejection: result.rejected });
    state = result.state;
  });
  if (until !== undefined) state = advanceTo(scenario, state, until).state;
  return { state, refused };
}

/** Lets the clock run until the scenario ends by itself (at the latest, its time limit). */
export function runToEnd(scenario: Scenario, state: EngineState): EngineState {
  const tick = scenario.clock.tickSeconds;
  return advanceTo(scenario, state, Math.max(state.time, scenario.clock.limitSeconds) + tick).state;
}
