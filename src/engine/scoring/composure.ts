/**
 * Composure: frantic patterns (retrying what failed, acting blind, stacking changes, flip-flopping)
 * against methodical ones (a written hypothesis, one change at a time with a check after each).
 */
import { formatDuration } from '../clock';
import type { Completion } from '../types';
import { isChange, isCheck, label, relevantSeenBy } from './patterns';
import type { ScoringContext } from './types';

export function composure(ctx: ScoringContext): void {
  ctx.add('composure', 'composure.base', 80, 0, 'Starting point for composure.');
  hypothesis(ctx);
  eachAttempt(ctx);
  thrash(ctx);
  oneChangeAtATime(ctx);
}

/** Only a note marked as a hypothesis (or a hypothesis action) counts: a to-do list is not a theory. */
function hypothesis(ctx: ScoringContext): void {
  const { world, state, add, clock } = ctx;
  const firstChange = state.done.find((d) => isChange(ctx, d));
  const note = state.notes.find((n) => n.kind === 'hypothesis')?.at;
  const action = state.done.find((d) => world.actions.get(d.action)?.tags.includes('hypothesis'))?.at;
  const at = Math.min(note ?? Infinity, action ?? Infinity);
  if (at !== Infinity && at <= (firstChange?.startedAt ?? Infinity)) {
    add('composure', 'composure.hypothesis', 20, at, 'Wrote down a hypothesis before changing anything.');
  } else if (firstChange) {
    // Worth nothing, but it tells the player which bonus they missed and where.
    add(
      'composure',
      'composure.no-hypothesis',
      0,
      firstChange.startedAt,
      `Changed “${label(ctx, firstChange.action)}” at ${clock(firstChange.startedAt)} with no hypothesis written down.`,
      firstChange.action,
    );
  }
}

/** Patterns judged one attempt at a time, in the order the attempts finished. */
function eachAttempt(ctx: ScoringContext): void {
  const { scenario, world, state, add, clock } = ctx;
  let lastChange: Completion | undefined;
  let checkedSinceChange = true;
  for (let i = 0; i < state.done.length; i++) {
    const d = state.done[i]!;
    const action = world.actions.get(d.action);
    const name = label(ctx, d.action);
    const tries = d.category === 'mitigate' || d.category === 'remediate';
    // Declaring resolved again is not a retry: verify.premature already charges the early all-clear.
    const previous = tries ? state.done.slice(0, i).reverse().find((p) => p.action === d.action) : undefined;
    if (previous && (previous.verdict === 'failure' || previous.verdict === 'harmful')) {
      add('composure', 'composure.repeat-failed', -15, d.startedAt, `Tried “${name}” again after it had failed at ${clock(previous.at)}.`, d.action);
    }
    const blind = !relevantSeenBy(ctx, d.startedAt);
    // A blind restart is its own, older pattern; the same attempt is not charged twice.
    if (blind && action?.tags.includes('restart')) {
      add('composure', 'composure.blind-restart', -10, d.startedAt, `Restarted with no evidence pointing there: “${name}”.`, d.action);
    } else if (blind && tries) {
      add('composure', 'composure.blind-fix', -10, d.startedAt, `Started “${name}” at ${clock(d.startedAt)} before looking at any evidence that points at the cause.`, d.action);
    }
    if (isCheck(ctx, d)) checkedSinceChange = true;
    if (isChange(ctx, d)) {
      if (lastChange && !checkedSinceChange && d.startedAt - lastChange.at < scenario.scoring.changeWindowSeconds) {
        add(
          'composure',
          'composure.stacked-changes',
          -10,
          d.startedAt,
          `Changed “${name}” only ${formatDuration(d.startedAt - lastChange.at)} after the previous change, with no check between.`,
          d.action,
        );
      }
      lastChange = d;
      checkedSinceChange = false;
    }
  }
}

/** An action, its undo, then one of them again: going back and forth instead of deciding. */
function thrash(ctx: ScoringContext): void {
  const { scenario, state, add, clock } = ctx;
  const pairs = new Map<string, [string, string]>();
  for (const a of scenario.actions) {
    if (a.undoes !== undefined && a.undoes !== a.id) pairs.set([a.id, a.undoes].sort().join(' '), [a.undoes, a.id]);
  }
  for (const [forward, back] of pairs.values()) {
    let previous: Completion | undefined;
    let flips = 0;
    for (const d of state.done) {
      if (d.action !== forward && d.action !== back) continue;
      if (previous && d.action !== previous.action) {
        flips++;
        if (flips >= 2) {
          add(
            'composure',
            'composure.thrash',
            -10,
            d.startedAt,
            `Went back to “${label(ctx, d.action)}” at ${clock(d.startedAt)} after undoing it with “${label(ctx, previous.action)}” at ${clock(previous.startedAt)}.`,
            d.action,
          );
        }
      }
      previous = d;
    }
  }
}

/** Every change followed by a check before the next one (and after the last): the effect of each is known. */
function oneChangeAtATime(ctx: ScoringContext): void {
  const { state, add } = ctx;
  const changes = state.done.filter((d) => isChange(ctx, d));
  if (changes.length < 2) return;
  let lastCheck = 0;
  for (let i = 0; i < changes.length; i++) {
    const until = changes[i + 1]?.startedAt ?? Infinity;
    const check = state.done.find((d) => isCheck(ctx, d) && d.startedAt >= changes[i]!.at && d.at <= until);
    if (!check) return;
    lastCheck = check.at;
  }
  add('composure', 'composure.one-change-at-a-time', 10, lastCheck, `Made ${changes.length} changes one at a time, checking the effect of each before the next.`);
}
