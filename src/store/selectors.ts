/** Derived values the views share, computed from the store's state (never stored twice). */
import { score, type EngineState } from '../engine';
import type { Scenario } from '../scenario';

/** 0 calm, 1 something is off, 2 users affected, 3 a service is down. */
export function severity(state: EngineState): 0 | 1 | 2 | 3 {
  const healths = Object.values(state.services);
  if (healths.includes('down')) return 3;
  const impacted = state.impact.at(-1)?.to === null;
  if (impacted) return 2;
  return healths.includes('degraded') ? 1 : 0;
}

/** The player's composure so far, 0–100: the live composure score of the debrief. */
export function composure(scenario: Scenario, state: EngineState): number {
  return score(scenario, state).dimensions.composure.score;
}
