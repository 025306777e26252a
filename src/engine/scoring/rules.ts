/** The scenario's own scoring rules, recorded by the world tick the first time each held. */
import type { ScoringContext } from './types';

export function scenarioRules({ scenario, state, add }: ScoringContext): void {
  for (const rule of scenario.scoring.rules) {
    const at = state.rules[rule.id];
    if (at !== undefined) add(rule.dimension, `rule.${rule.id}`, rule.points, at, rule.text);
  }
}
