/**
 * The first scoring pass: a score per dimension from what the player did and when, every point
 * carrying a reason pinned to a game time. Pure: it reads a finished (or running) state.
 */
import type { Dimension, Scenario } from '../scenario/schema';
import { formatDuration, wallClock } from './clock';
import type { Completion, EngineState } from './types';
import { worldOf } from './world';

export const DIMENSIONS: readonly Dimension[] = ['stabilise', 'diagnose', 'remediate', 'verify', 'communicate', 'composure'];

/** One scored observation: why points were given or taken, and when it happened. */
export interface ScoreReason {
  code: string;
  dimension: Dimension;
  points: number;
  at: number;
  text: string;
}

export interface DimensionScore {
  score: number;
  reasons: ScoreReason[];
}

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

export interface ScoreCard {
  total: number;
  grade: Grade;
  dimensions: Record<Dimension, DimensionScore>;
  reasons: ScoreReason[];
}

/** Scores a run. Each dimension is the sum of its reasons' points, kept within 0–100. */
export function score(scenario: Scenario, state: EngineState): ScoreCard {
  const reasons: ScoreReason[] = [];
  const add = (dimension: Dimension, code: string, points: number, at: number, text: string) =>
    reasons.push({ code, dimension, points: Math.round(points), at, text });
  const ctx: Ctx = { scenario, state, add, clock: (t) => wallClock(scenario.clock, t, false) };

  stabilise(ctx);
  diagnose(ctx);
  remediate(ctx);
  verify(ctx);
  communicate(ctx);
  composure(ctx);
  scenarioRules(ctx);

  // Each dimension stays within 0–100; the clamp is itself a reason, so the reasons always add up.
  for (const d of DIMENSIONS) {
    const sum = reasons.reduce((total, r) => (r.dimension === d ? total + r.points : total), 0);
    if (sum > 100) add(d, 'score.cap', 100 - sum, state.time, 'Capped: a dimension scores at most 100.');
    if (sum < 0) add(d, 'score.floor', -sum, state.time, 'Floored: a dimension scores at least 0.');
  }
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((d) => {
      const mine = reasons.filter((r) => r.dimension === d);
      return [d, { score: mine.reduce((total, r) => total + r.points, 0), reasons: mine }];
    }),
  ) as Record<Dimension, DimensionScore>;
  const weights = scenario.scoring.weights;
  const weightSum = DIMENSIONS.reduce((total, d) => total + weights[d], 0) || 1;
  let total = DIMENSIONS.reduce((sum, d) => sum + dimensions[d].score * weights[d], 0) / weightSum;
  if (state.ending?.kind === 'failed') total = Math.min(total, 30);
  total = Math.round(total);
  reasons.sort((a, b) => a.at - b.at);
  return { total, grade: gradeFor(total), dimensions, reasons };
}

/** The grade bands, shared by the debrief and the checker. */
export function gradeFor(total: number): Grade {
  if (total >= 85) return 'A';
  if (total >= 70) return 'B';
  if (total >= 55) return 'C';
  if (total >= 40) return 'D';
  return 'F';
}

interface Ctx {
  scenario: Scenario;
  state: EngineState;
  add: (dimension: Dimension, code: string, points: number, at: number, text: string) => void;
  clock: (t: number) => string;
}

const isChange = (scenario: Scenario, d: Completion) => {
  const action = worldOf(scenario).actions.get(d.action);
  return action !== undefined && (action.tags.includes('change') || d.category === 'remediate');
};

const label = (scenario: Scenario, id: string) => worldOf(scenario).actions.get(id)?.label ?? id;

function stabilise({ scenario, state, add, clock }: Ctx): void {
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

function diagnose({ scenario, state, add, clock }: Ctx): void {
  const world = worldOf(scenario);
  const firstChange = state.done.find((d) => isChange(scenario, d));
  const firstFixAt = state.done.find((d) => d.category === 'remediate')?.startedAt ?? Infinity;
  const history = scenario.evidence.filter((e) => e.changeHistory);
  const historyAt = Math.min(...history.map((e) => state.seen[e.id] ?? Infinity));
  if (history.length > 0) {
    if (historyAt <= (firstChange?.startedAt ?? Infinity) && historyAt !== Infinity) {
      add('diagnose', 'diagnose.history-first', 30, historyAt, 'Checked what changed before changing anything.');
    } else if (historyAt !== Infinity) {
      add('diagnose', 'diagnose.history-late', 10, historyAt, `Checked the change history only after changing things (first change at ${clock(firstChange!.startedAt)}).`);
    } else {
      add('diagnose', 'diagnose.history-never', 0, state.time, 'Never looked at what changed.');
    }
  }
  const relevant = scenario.evidence.filter((e) => e.relevant);
  if (relevant.length > 0) {
    const before = relevant.filter((e) => (state.seen[e.id] ?? Infinity) <= firstFixAt);
    const points = (40 * before.length) / relevant.length;
    const at = Math.max(0, ...before.map((e) => state.seen[e.id]!));
    add('diagnose', 'diagnose.evidence', points, at, `Looked at ${before.length} of ${relevant.length} key pieces of evidence before the first fix attempt.`);
  }
  const understood = state.milestones.understood;
  if (understood === null) {
    add('diagnose', 'diagnose.not-understood', 0, state.time, 'Never pinned down what really changed.');
  } else if (understood <= firstFixAt) {
    add('diagnose', 'diagnose.understood', 30, understood, 'Understood the real change before trying to fix it.');
  } else {
    add('diagnose', 'diagnose.understood-late', 10, understood, 'Understood the real change only after fix attempts.');
  }
  for (const [hint, at] of Object.entries(state.hints)) {
    const text = world.scenario.hints.find((h) => h.id === hint)?.text ?? hint;
    add('diagnose', 'diagnose.hint', 0, at, `Coach hint received: “${text}”`);
  }
}

function remediate({ scenario, state, add, clock }: Ctx): void {
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
    add('remediate', `remediate.${d.verdict}`, -points, d.at, `“${label(scenario, d.action)}” ${what}${n > 1 ? ` (attempt ${n})` : ''}.`);
  }
  if (state.ending?.kind === 'failed') {
    const ending = scenario.endings.find((e) => e.id === state.ending!.id);
    add('remediate', 'remediate.catastrophe', -100, state.ending.at, `The incident ended in failure: ${ending?.title ?? state.ending.id}.`);
  }
}

function verify({ state, add, clock }: Ctx): void {
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

function communicate({ scenario, state, add, clock }: Ctx): void {
  const world = worldOf(scenario);
  const updates: number[] = [];
  for (const e of state.timeline) {
    if (e.kind === 'post' && e.statusUpdate) updates.push(e.at);
    if (e.kind === 'action-completed' && world.actions.get(e.action)?.tags.includes('status-update')) updates.push(e.at);
  }
  add('communicate', 'communicate.base', 40, 0, 'Starting point for communication.');
  const began = state.milestones.impact;
  if (began !== null) {
    const end = state.ending?.at ?? state.time;
    const during = updates.filter((t) => t >= began && t <= end);
    const bonus = Math.min(30, during.length * 6);
    if (during.length > 0) add('communicate', 'communicate.updates', bonus, during[0]!, `Posted ${during.length} status update${during.length === 1 ? '' : 's'} while users were affected.`);
    else add('communicate', 'communicate.silent', -20, end, 'Posted no status update while users were affected.');
    let from = began;
    for (const t of [...during, end]) {
      if (t - from > scenario.scoring.updateCadenceSeconds) {
        add('communicate', 'communicate.gap', -10, t, `No status update for ${formatDuration(t - from)} (${clock(from)}–${clock(t)}).`);
      }
      from = t;
    }
  }
  for (const post of state.chat) {
    if (!post.ask || (post.importance !== 'important' && post.importance !== 'critical')) continue;
    const who = scenario.characters.find((c) => c.id === post.from)?.name ?? post.from;
    if (post.ask.answer) add('communicate', 'communicate.answered', 6, post.ask.answer.at, `Answered ${who} at ${clock(post.ask.answer.at)}.`);
    else if (post.ask.ignored) add('communicate', 'communicate.ignored', -10, post.ask.expiresAt, `Left ${who}'s question unanswered.`);
  }
  for (const e of state.timeline) {
    if (e.kind === 'reply' && (e.verdict === 'harmful' || e.verdict === 'failure')) {
      add('communicate', 'communicate.bad-reply', e.verdict === 'harmful' ? -15 : -5, e.at, 'A reply that set the wrong expectations.');
    }
  }
}

function composure({ scenario, state, add, clock }: Ctx): void {
  add('composure', 'composure.base', 80, 0, 'Starting point for composure.');
  const world = worldOf(scenario);
  const firstChange = state.done.find((d) => isChange(scenario, d));
  const hypothesis = state.notes[0]?.at ?? state.done.find((d) => world.actions.get(d.action)?.tags.includes('hypothesis'))?.at;
  if (hypothesis !== undefined && hypothesis <= (firstChange?.startedAt ?? Infinity)) {
    add('composure', 'composure.hypothesis', 20, hypothesis, 'Wrote down a hypothesis before changing anything.');
  }
  const relevantSeen = (t: number) => scenario.evidence.some((e) => e.relevant && (state.seen[e.id] ?? Infinity) <= t);
  let lastChange: Completion | undefined;
  let checkedSinceChange = true;
  for (let i = 0; i < state.done.length; i++) {
    const d = state.done[i]!;
    const action = world.actions.get(d.action);
    const previous = state.done.slice(0, i).reverse().find((p) => p.action === d.action);
    if (previous && (previous.verdict === 'failure' || previous.verdict === 'harmful')) {
      add('composure', 'composure.repeat-failed', -15, d.startedAt, `Tried “${label(scenario, d.action)}” again after it had failed at ${clock(previous.at)}.`);
    }
    if (action?.tags.includes('restart') && !relevantSeen(d.startedAt)) {
      add('composure', 'composure.blind-restart', -10, d.startedAt, `Restarted with no evidence pointing there: “${label(scenario, d.action)}”.`);
    }
    if (d.category === 'investigate' || action?.tags.includes('verify')) checkedSinceChange = true;
    if (isChange(scenario, d)) {
      if (lastChange && !checkedSinceChange && d.startedAt - lastChange.at < scenario.scoring.changeWindowSeconds) {
        add('composure', 'composure.stacked-changes', -10, d.startedAt, `Changed “${label(scenario, d.action)}” only ${formatDuration(d.startedAt - lastChange.at)} after the previous change, with no check between.`);
      }
      lastChange = d;
      checkedSinceChange = false;
    }
  }
}

function scenarioRules({ scenario, state, add }: Ctx): void {
  for (const rule of scenario.scoring.rules) {
    const at = state.rules[rule.id];
    if (at !== undefined) add(rule.dimension, `rule.${rule.id}`, rule.points, at, rule.text);
  }
}
