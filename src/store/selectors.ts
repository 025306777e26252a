/** Derived values the views share, computed from the store's state (never stored twice). */
import { score, type EngineState } from '../engine';
import type { Scenario } from '../format';

/** 0 calm, 1 something is off, 2 users affected, 3 a service is down. */
export function severity(state: EngineState): 0 | 1 | 2 | 3 {
  const healths = Object.values(state.services);
  if (healths.includes('down')) return 3;
  const impacted = state.impact.at(-1)?.to === null;
  if (impacted) return 2;
  return healths.includes('degraded') ? 1 : 0;
}

/**
 * The player's composure so far, 0–100, for the desk's meter: steady at 100 until a frantic pattern
 * (the debrief's composure penalties) knocks it down. Not the debrief's composure score, which
 * starts at 0 and is earned by method.
 */
export function composure(scenario: Scenario, state: EngineState): number {
  const lost = score(scenario, state).dimensions.composure.reasons.reduce((sum, r) => (r.points < 0 ? sum - r.points : sum), 0);
  return Math.max(0, 100 - lost);
}
