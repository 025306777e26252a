/**
 * Verify: recovery confirmed before the all-clear. A premature all-clear is the heaviest mistake in
 * the game: each costs more than the last, and each lowers the most the total can be.
 */
import { holdingAtEnd } from './patterns';
import type { ScoringContext } from './types';

/** The first premature all-clear costs this much; each later one costs `PREMATURE_STEP` more. */
const PREMATURE = -40;
const PREMATURE_STEP = -20;

export function verify({ scenario, state, add, limit, clock, end }: ScoringContext): void {
  const premature = state.declarations.filter((d) => !d.accepted);
  const caps = scenario.scoring.limits.premature;
  premature.forEach((d, i) => {
    const nth = i === 0 ? 'Declared resolved' : `Declared resolved again (${ordinal(i + 1)} time)`;
    add(
      'verify',
      'verify.premature',
      PREMATURE + PREMATURE_STEP * i,
      d.at,
      `${nth} at ${clock(d.at)} before it was fixed and verified; it relapsed.`,
    );
  });
  if (premature.length > 0) {
    const n = premature.length;
    const last = premature.at(-1)!;
    const what = n === 1 ? 'A false all-clear' : `${n} false all-clears`;
    limit(
      'limit.premature',
      caps[Math.min(n, caps.length) - 1]!,
      last.at,
      `${what} cost${n === 1 ? 's' : ''} the trust an incident commander runs on`,
      'verify.premature',
    );
  }
  const accepted = state.declarations.find((d) => d.accepted);
  const holding = holdingAtEnd(state, 'verified');
  const first = state.held.verified[0];
  if (accepted) {
    add(
      'verify',
      'verify.before-all-clear',
      100,
      holding?.from ?? accepted.at,
      'Confirmed the recovery before declaring the incident over.',
    );
  } else if (holding) {
    add('verify', 'verify.checked', 50, holding.from, 'Confirmed the recovery, but never declared the incident over.', undefined, {
      best: 100,
    });
    if (state.ending?.kind === 'timeout')
      limit(
        'limit.undeclared',
        scenario.scoring.limits.undeclared,
        end,
        'Time ran out on an incident nobody declared over',
        'verify.checked',
      );
  } else if (first) {
    add(
      'verify',
      'verify.undone',
      20,
      first.from,
      `Confirmed the recovery at ${clock(first.from)}, but it did not hold to the end.`,
      undefined,
      { best: 100 },
    );
  } else {
    add('verify', 'verify.never', 0, end, 'The recovery was never verified.', undefined, { best: 100 });
  }
  if (!accepted && !holding && state.ending?.kind === 'timeout') {
    limit(
      'limit.open',
      scenario.scoring.limits.open,
      end,
      'Time ran out with the recovery unverified: an open incident is not a win',
      first ? 'verify.undone' : 'verify.never',
    );
  }
}

const ordinal = (n: number) => (n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`);
