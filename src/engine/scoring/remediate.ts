/**
 * Remediate: the cause fixed and still fixed at the end. Failed and harmful attempts cost, each
 * repeat more than the last; a fix started before the cause was understood is a guess.
 */
import { shownEnding } from '../endings';
import { groundedHypothesis } from './hypotheses';
import { holdingAtEnd, label } from './patterns';
import type { ScoringContext } from './types';

const FIXED = 100;
/** A fix that was later undone still shows the player found it. */
const UNDONE = 30;
const GUESS = -25;

export function remediate(ctx: ScoringContext): void {
  const { scenario, state, add } = ctx;
  fixed(ctx);
  const failures = new Map<string, number>();
  for (const d of state.done) {
    if (d.category !== 'remediate' && d.category !== 'mitigate') continue;
    if (d.verdict !== 'failure' && d.verdict !== 'harmful') continue;
    const n = (failures.get(d.action) ?? 0) + 1;
    failures.set(d.action, n);
    const base = d.verdict === 'harmful' ? 20 : 10;
    const what = d.verdict === 'harmful' ? 'made things worse' : 'did not help';
    add(
      'remediate',
      `remediate.${d.verdict}`,
      -base * n,
      d.at,
      `“${label(ctx, d.action)}” ${what}${n > 1 ? ` (attempt ${n})` : ''}.`,
      d.action,
    );
  }
  if (state.ending?.kind === 'failed') {
    add(
      'remediate',
      'remediate.catastrophe',
      -100,
      state.ending.at,
      `The incident ended in failure: ${shownEnding(scenario, state)!.title}.`,
    );
  }
}

function fixed(ctx: ScoringContext): void {
  const { state, add, limit, clock, end } = ctx;
  const spans = state.held.fixed;
  const holding = holdingAtEnd(state, 'fixed');
  if (spans.length === 0) {
    add('remediate', 'remediate.not-fixed', 0, end, 'The cause was never fixed.', undefined, { best: FIXED });
    return;
  }
  if (holding) add('remediate', 'remediate.fixed', FIXED, holding.from, `The cause was fixed at ${clock(holding.from)}, and stayed fixed.`);
  else
    add(
      'remediate',
      'remediate.undone',
      UNDONE,
      spans[0]!.from,
      `The cause was fixed at ${clock(spans[0]!.from)}, but undone at ${clock(spans.at(-1)!.to!)}.`,
      undefined,
      { best: FIXED },
    );
  // The fix that counts: the last fix attempt that finished by the time the fix (last) took hold.
  const tookHold = (holding ?? spans.at(-1)!).from;
  const fix = state.done
    .filter((d) => d.category === 'remediate' && d.at <= tookHold && d.verdict !== 'failure' && d.verdict !== 'harmful')
    .at(-1);
  const understood = state.held.understood[0]?.from ?? Infinity;
  if (!fix) return;
  const name = label(ctx, fix.action);
  // A fix is a conclusion when the evidence showed the cause and a hypothesis said so; else a guess.
  if (fix.startedAt < understood) {
    add(
      'remediate',
      'remediate.guess',
      GUESS,
      fix.startedAt,
      `Started “${name}” at ${clock(fix.startedAt)}, before the evidence showed the cause: it worked, but it was a guess.`,
      fix.action,
    );
    limit(
      'limit.guess',
      ctx.scenario.scoring.limits.guess,
      fix.startedAt,
      'A fix with no understanding or written hypothesis behind it is a lucky guess, not method',
      'remediate.guess',
    );
  } else if (!groundedHypothesis(ctx, fix.startedAt)) {
    add(
      'remediate',
      'remediate.unexplained',
      GUESS,
      fix.startedAt,
      `Started “${name}” at ${clock(fix.startedAt)} with no hypothesis grounded in the evidence written down: it worked, but nothing shows it was a conclusion rather than a guess.`,
      fix.action,
    );
    limit(
      'limit.guess',
      ctx.scenario.scoring.limits.guess,
      fix.startedAt,
      'A fix with no understanding or written hypothesis behind it is a lucky guess, not method',
      'remediate.unexplained',
    );
  }
}
