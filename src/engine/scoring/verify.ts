/** Verify: recovery confirmed before the all-clear; each premature all-clear is the heaviest penalty. */
import type { ScoringContext } from './types';

export function verify({ state, add, clock }: ScoringContext): void {
  const premature = state.declarations.filter((d) => !d.accepted);
  for (const d of premature) {
    add('verify', 'verify.premature', -60, d.at, `Declared resolved at ${clock(d.at)} before it was fixed and verified; it relapsed.`);
  }
  const verified = state.milestones.verified;
  const accepted = state.declarations.find((d) => d.accepted);
  if (accepted && verified !== null) {
    add('verify', 'verify.before-all-clear', premature.length === 0 ? 100 : 60, verified, 'Confirmed the recovery before declaring the incident over.');
  } else if (verified !== null) {
    add('verify', 'verify.checked', 60, verified, 'Confirmed the recovery, but never declared the incident over.');
  } else {
    add('verify', 'verify.never', 0, state.time, 'The recovery was never verified.');
  }
}
