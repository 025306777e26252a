/** Stabilise: how quickly user impact was contained, and whether containing came first. */
import { formatDuration } from '../clock';
import { label, usersAffectedAt } from './patterns';
import type { ScoringContext } from './types';

export function stabilise(ctx: ScoringContext): void {
  contained(ctx);
  remediatedFirst(ctx);
}

function contained({ scenario, state, add, clock }: ScoringContext): void {
  const began = state.milestones.impact;
  if (began === null) {
    add('stabilise', 'stabilise.no-impact', 100, 0, 'Users were never affected.');
    return;
  }
  const at = state.milestones.stabilised;
  const { stabiliseTargetSeconds: target, stabiliseLimitSeconds: limit } = scenario.scoring;
  if (at === null) {
    add('stabilise', 'stabilise.never', 0, state.time, `User impact that began at ${clock(began)} was never contained.`);
    return;
  }
  const took = at - began;
  const points = took <= target ? 100 : took >= limit ? 0 : (100 * (limit - took)) / (limit - target);
  add('stabilise', 'stabilise.contained', points, at, `Impact contained ${formatDuration(took)} after it began (full marks within ${formatDuration(target)}).`);
}

/** Deep remediation while users are still hurting delays relief; once per run, it is a habit not a count. */
function remediatedFirst(ctx: ScoringContext): void {
  const { state, add, clock } = ctx;
  const stabilised = state.milestones.stabilised ?? Infinity;
  const first = state.done.find((d) => d.category === 'remediate' && d.startedAt < stabilised && usersAffectedAt(state, d.startedAt));
  if (!first) return;
  add(
    'stabilise',
    'stabilise.remediated-first',
    -20,
    first.startedAt,
    `Started “${label(ctx, first.action)}” at ${clock(first.startedAt)} while users were still affected, before the impact was contained.`,
    first.action,
  );
}
