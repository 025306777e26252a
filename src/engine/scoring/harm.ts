/**
 * Harm: how much user impact a run let through, and the same for the scenario's expert path, which
 * is the yardstick. Seconds before containment count in full, contained seconds count as
 * `degradedHarm` of one (users degraded rather than failing).
 */
import type { Scenario } from '../../format/schema';
import { replay } from '../replay';
import type { EngineState } from '../types';
import { covered, coveredByBoth } from './patterns';

export interface Harm {
  /** Seconds users were affected. */
  affected: number;
  /** Of those, seconds before the impact was contained. */
  uncontained: number;
  /** Uncontained seconds plus contained seconds weighted by `degradedHarm`. */
  weighted: number;
}

/** The run's harm up to `end`; a run that failed leaves users affected until the scenario's time limit. */
export function harmOf(scenario: Scenario, state: EngineState, end: number): Harm {
  const until = state.ending?.kind === 'failed' ? Math.max(end, scenario.clock.limitSeconds) : end;
  const affected = covered(state.impact, 0, until);
  const contained = coveredByBoth(state.impact, state.held.stabilised, 0, until);
  const uncontained = affected - contained;
  return { affected, uncontained, weighted: uncontained + contained * scenario.scoring.degradedHarm };
}

/** What the expert path's run shows: its harm, and when it first saw each piece of evidence. */
export interface ExpertRun {
  harm: Harm;
  seen: Record<string, number>;
  /** When the expert path started its first fix attempt, if it has one. */
  firstFixAt: number | undefined;
}

const expertRuns = new WeakMap<Scenario, ExpertRun>();

/** The expert path played as written (cached per scenario: scoring runs often, the path never changes). */
export function expertRun(scenario: Scenario): ExpertRun {
  const cached = expertRuns.get(scenario);
  if (cached) return cached;
  const log = scenario.expertPath.map((s) => ({ at: s.at, input: { type: 'act' as const, action: s.action } }));
  const { state } = replay(scenario, { seed: 1, coach: 'off' }, log);
  const end = state.ending?.at ?? Math.max(state.time, ...scenario.expertPath.map((s) => s.at));
  const run: ExpertRun = {
    harm: harmOf(scenario, state, end),
    seen: state.seen,
    firstFixAt: state.done.find((d) => d.category === 'remediate')?.startedAt,
  };
  expertRuns.set(scenario, run);
  return run;
}
