/**
 * Stabilise: how soon user impact was contained, and how much harm users bore over the whole run
 * compared with the expert path. Lifting a containment or letting the impact come back costs.
 */
import { formatDuration } from '../clock';
import { expertRun, harmOf } from './harm';
import { label, usersAffectedAt } from './patterns';
import type { ScoringContext } from './types';

/** The two parts of stabilise: containing quickly, and little harm overall. */
const CONTAIN = 40;
const HARM = 60;
const REOPENED = -10;

export function stabilise(ctx: ScoringContext): void {
  const { state, add } = ctx;
  if (state.milestones.impact === null) {
    // Nothing to contain; credit only a run in which the player did something.
    if (state.done.length > 0) add('stabilise', 'stabilise.no-impact', 100, 0, 'Users were never affected.');
    else add('stabilise', 'stabilise.idle', 0, ctx.end, 'Users were never affected, but nothing you did made it so.');
    return;
  }
  contained(ctx);
  harm(ctx);
  reopened(ctx);
  remediatedFirst(ctx);
}

function contained({ scenario, state, add, clock, end }: ScoringContext): void {
  const began = state.milestones.impact!;
  const first = state.held.stabilised[0];
  const { stabiliseTargetSeconds: target, stabiliseLimitSeconds: limit } = scenario.scoring;
  if (!first) {
    add('stabilise', 'stabilise.never', 0, end, `User impact that began at ${clock(began)} was never contained.`, undefined, {
      best: CONTAIN,
    });
    return;
  }
  const took = first.from - began;
  const share = took <= target ? 1 : took >= limit ? 0 : (limit - took) / (limit - target);
  add(
    'stabilise',
    'stabilise.contained',
    CONTAIN * share,
    first.from,
    `Contained the impact ${formatDuration(took)} after it began (in full within ${formatDuration(target)}).`,
    undefined,
    { best: CONTAIN },
  );
}

function harm({ scenario, state, add, end }: ScoringContext): void {
  const mine = harmOf(scenario, state, end);
  // Impact never contained and still on at the end: nothing the player did limited the harm.
  if (state.held.stabilised.length === 0 && state.impact.at(-1)?.to === null) {
    add(
      'stabilise',
      'stabilise.harm',
      0,
      end,
      `Users were affected for ${formatDuration(mine.affected)}, and still were at the end.`,
      undefined,
      { best: HARM },
    );
    return;
  }
  const expert = expertRun(scenario).harm;
  const extra = Math.max(0, mine.weighted - expert.weighted);
  const share = Math.max(0, 1 - extra / scenario.scoring.harmLimitSeconds);
  const yours = `Users were affected for ${formatDuration(mine.affected)}, ${formatDuration(mine.uncontained)} of it before containment`;
  const theirs = `the expert path leaves them affected for ${formatDuration(expert.affected)}, ${formatDuration(expert.uncontained)} before containment`;
  add('stabilise', 'stabilise.harm', HARM * share, end, `${yours}; ${theirs}.`, undefined, { best: HARM });
}

/** Each time a containment was lifted, or the impact came back, while the run went on. */
function reopened(ctx: ScoringContext): void {
  const { state, add, clock, end } = ctx;
  for (const span of state.held.stabilised) {
    if (span.to === null || span.to >= end || !usersAffectedAt(state, span.to)) continue;
    const by = state.done.filter((d) => d.at === span.to).at(-1);
    const cause = by ? ` by “${label(ctx, by.action)}”` : '';
    add(
      'stabilise',
      'stabilise.reopened',
      REOPENED,
      span.to,
      `The containment was lifted at ${clock(span.to)}${cause} while users were still affected.`,
      by?.action,
    );
  }
  const lifted = new Set(state.held.stabilised.map((s) => s.to));
  state.impact.slice(1).forEach((span) => {
    // Lifting the containment and the impact coming back at the same moment are one mistake.
    if (lifted.has(span.from)) return;
    const by = state.done.filter((d) => d.at === span.from).at(-1);
    const cause = by ? ` after “${label(ctx, by.action)}”` : '';
    add(
      'stabilise',
      'stabilise.reopened',
      REOPENED,
      span.from,
      `Users were affected again at ${clock(span.from)}${cause}, after the impact had ended.`,
      by?.action,
    );
  });
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
