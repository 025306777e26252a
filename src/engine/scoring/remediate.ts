/** Remediate: the cause fixed; failed and harmful attempts cost points, repeats twice as much. */
import { label } from './patterns';
import type { ScoringContext } from './types';

export function remediate(ctx: ScoringContext): void {
  const { scenario, state, add, clock } = ctx;
  const fixed = state.milestones.fixed;
  if (fixed !== null) add('remediate', 'remediate.fixed', 100, fixed, `The cause was fixed at ${clock(fixed)}.`);
  else add('remediate', 'remediate.not-fixed', 0, state.time, 'The cause was never fixed.');
  const failures = new Map<string, number>();
  for (const d of state.done) {
    if (d.category !== 'remediate' && d.category !== 'mitigate') continue;
    if (d.verdict !== 'failure' && d.verdict !== 'harmful') continue;
    const n = (failures.get(d.action) ?? 0) + 1;
    failures.set(d.action, n);
    const base = d.verdict === 'harmful' ? 20 : 10;
    const points = n > 1 ? base * 2 : base;
    const what = d.verdict === 'harmful' ? 'made things worse' : 'did not help';
    add('remediate', `remediate.${d.verdict}`, -points, d.at, `“${label(ctx, d.action)}” ${what}${n > 1 ? ` (attempt ${n})` : ''}.`, d.action);
  }
  if (state.ending?.kind === 'failed') {
    const ending = scenario.endings.find((e) => e.id === state.ending!.id);
    add('remediate', 'remediate.catastrophe', -100, state.ending.at, `The incident ended in failure: ${ending?.title ?? state.ending.id}.`);
  }
}
