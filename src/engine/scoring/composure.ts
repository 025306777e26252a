/**
 * Composure: method against frantic patterns. Credit comes from a hypothesis grounded in evidence,
 * changes made one at a time with a check after each, and acting without a frantic pattern; a run
 * that changed nothing earns nothing here. Frantic patterns (retrying what failed, acting blind,
 * stacking changes, flip-flopping) cost, and the worst of them limit the grade.
 */
import { formatDuration } from '../clock';
import type { Completion } from '../types';
import { groundedHypothesis } from './hypotheses';
import { isChange, isCheck, label, relevantSeenBy } from './patterns';
import type { ScoringContext } from './types';

const HYPOTHESIS = 30;
const ONE_AT_A_TIME = 30;
const STEADY = 40;

export function composure(ctx: ScoringContext): void {
  hypothesis(ctx);
  const changes = ctx.state.done.filter((d) => isChange(ctx, d));
  if (changes.length === 0) return;
  oneChangeAtATime(ctx, changes);
  const charged = frantic(ctx);
  const made = `Made ${changes.length} change${changes.length === 1 ? '' : 's'}`;
  ctx.add(
    'composure',
    'composure.steady',
    STEADY,
    changes[0]!.startedAt,
    charged === 0
      ? `${made} with no frantic pattern.`
      : `${made}; ${charged} attempt${charged === 1 ? '' : 's'} showed a frantic pattern, charged on ${charged === 1 ? 'its own line' : 'their own lines'}.`,
  );
}

function hypothesis(ctx: ScoringContext): void {
  const { world, state, add, clock } = ctx;
  const firstChange = state.done.find((d) => isChange(ctx, d));
  const before = firstChange?.startedAt ?? Infinity;
  const found = groundedHypothesis(ctx, before);
  if (found) {
    const { at, partial } = found;
    add(
      'composure',
      'composure.hypothesis',
      HYPOTHESIS * (partial ? 0.5 : 1),
      at,
      partial
        ? 'Wrote down a hypothesis before changing anything, though the evidence behind it was still thin.'
        : 'Wrote down a hypothesis, grounded in the evidence, before changing anything.',
      undefined,
      { best: HYPOTHESIS },
    );
    return;
  }
  const ungrounded =
    state.notes.find((n) => n.kind === 'hypothesis' && n.at <= before) ??
    state.done.find((d) => world.actions.get(d.action)?.tags.includes('hypothesis') && d.startedAt <= before);
  if (ungrounded) {
    add(
      'composure',
      'composure.no-hypothesis',
      0,
      ungrounded.at,
      `The hypothesis written at ${clock(ungrounded.at)} named nothing the evidence seen by then showed.`,
      undefined,
      { best: HYPOTHESIS },
    );
  } else if (firstChange) {
    // Worth nothing, but it tells the player which credit they missed and where.
    add(
      'composure',
      'composure.no-hypothesis',
      0,
      firstChange.startedAt,
      `Changed “${label(ctx, firstChange.action)}” at ${clock(firstChange.startedAt)} with no hypothesis written down.`,
      firstChange.action,
      { best: HYPOTHESIS },
    );
  }
}

interface Charge {
  code: string;
  points: number;
  /** The whole sentence, when it is the attempt's only charge. */
  sentence: string;
  /** The same said as a clause, for an attempt charged several times over. */
  clause: string;
}

/**
 * Frantic patterns, judged one attempt at a time in the order the attempts finished. An attempt
 * charged for several patterns gets one line naming them all. Returns how many attempts were charged.
 */
function frantic(ctx: ScoringContext): number {
  const { state, add, clock } = ctx;
  const charges = new Map<Completion, Charge[]>();
  const charge = (d: Completion, c: Charge) => charges.set(d, [...(charges.get(d) ?? []), c]);
  eachAttempt(ctx, charge);
  thrash(ctx, charge);
  for (const d of state.done) {
    const mine = charges.get(d);
    if (!mine) continue;
    const points = mine.reduce((sum, c) => sum + c.points, 0);
    const costliest = mine.reduce((a, b) => (b.points < a.points ? b : a));
    const text =
      mine.length === 1
        ? mine[0]!.sentence
        : `“${label(ctx, d.action)}” at ${clock(d.startedAt)}: ${mine.map((c) => c.clause).join('; ')}.`;
    const parts = mine.length === 1 ? undefined : mine.map((c) => ({ code: c.code, points: c.points, text: c.sentence }));
    add('composure', costliest.code, points, d.startedAt, text, d.action, parts && { parts });
  }
  return charges.size;
}

type ChargeFn = (d: Completion, c: Charge) => void;

function eachAttempt(ctx: ScoringContext, charge: ChargeFn): void {
  const { scenario, world, state, limit, clock } = ctx;
  let lastChange: Completion | undefined;
  let checkedSinceChange = true;
  const repeats = new Map<string, number>();
  for (let i = 0; i < state.done.length; i++) {
    const d = state.done[i]!;
    const action = world.actions.get(d.action);
    const name = label(ctx, d.action);
    const tries = d.category === 'mitigate' || d.category === 'remediate';
    // Declaring resolved again is not a retry: verify.premature already charges the early all-clear.
    const previous = tries
      ? state.done
          .slice(0, i)
          .reverse()
          .find((p) => p.action === d.action)
      : undefined;
    if (previous && (previous.verdict === 'failure' || previous.verdict === 'harmful')) {
      const n = (repeats.get(d.action) ?? 0) + 1;
      repeats.set(d.action, n);
      const again = `after it had failed at ${clock(previous.at)}`;
      charge(d, {
        code: 'composure.repeat-failed',
        points: -15 * n,
        sentence: `Tried “${name}” again ${again}.`,
        clause: `tried again ${again}`,
      });
      limit(
        'limit.frantic',
        scenario.scoring.limits.frantic,
        d.startedAt,
        `Retried “${name}” after it had failed, without finding out why`,
        'composure.repeat-failed',
      );
    }
    const blind = !relevantSeenBy(ctx, d.startedAt);
    // A blind restart is its own, older pattern; the same attempt is not charged twice.
    if (blind && action?.tags.includes('restart')) {
      charge(d, {
        code: 'composure.blind-restart',
        points: -15,
        sentence: `Restarted on a hunch, with no evidence pointing there: “${name}” at ${clock(d.startedAt)}.`,
        clause: 'a restart on a hunch, with no evidence pointing there',
      });
      limit(
        'limit.frantic',
        scenario.scoring.limits.frantic,
        d.startedAt,
        `Restarted on a hunch (“${name}”) before any evidence pointed there`,
        'composure.blind-restart',
      );
    } else if (blind && tries) {
      charge(d, {
        code: 'composure.blind-fix',
        points: -10,
        sentence: `Started “${name}” at ${clock(d.startedAt)} before looking at any evidence that points at the cause.`,
        clause: 'started before looking at any evidence that points at the cause',
      });
    }
    if (isCheck(ctx, d)) checkedSinceChange = true;
    if (isChange(ctx, d)) {
      if (lastChange && !checkedSinceChange && d.startedAt - lastChange.at < scenario.scoring.changeWindowSeconds) {
        const gap = d.startedAt - lastChange.at;
        const after =
          gap < 60
            ? `straight after “${label(ctx, lastChange.action)}”`
            : `${formatDuration(gap)} after “${label(ctx, lastChange.action)}”`;
        charge(d, {
          code: 'composure.stacked-changes',
          points: -10,
          sentence: `Changed “${name}” at ${clock(d.startedAt)}, ${after}, with no check between.`,
          clause: `made ${after}, with no check between`,
        });
      }
      lastChange = d;
      checkedSinceChange = false;
    }
  }
}

/** An action, its undo, then one of them again: going back and forth instead of deciding. */
function thrash(ctx: ScoringContext, charge: ChargeFn): void {
  const { scenario, state, clock } = ctx;
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
          const undone = `after undoing it with “${label(ctx, previous.action)}” at ${clock(previous.startedAt)}`;
          charge(d, {
            code: 'composure.thrash',
            points: -10,
            sentence: `Went back to “${label(ctx, d.action)}” at ${clock(d.startedAt)} ${undone}.`,
            clause: `went back to it ${undone}`,
          });
        }
      }
      previous = d;
    }
  }
}

/** Every change followed by a check before the next one (and after the last): the effect of each is known. */
function oneChangeAtATime(ctx: ScoringContext, changes: Completion[]): void {
  const { state, add, clock } = ctx;
  let lastCheck = 0;
  for (let i = 0; i < changes.length; i++) {
    const until = changes[i + 1]?.startedAt ?? Infinity;
    const check = state.done.find((d) => isCheck(ctx, d) && d.startedAt >= changes[i]!.at && d.at <= until);
    if (!check) {
      const c = changes[i]!;
      add(
        'composure',
        'composure.unchecked-change',
        0,
        c.at,
        `Did not check the effect of “${label(ctx, c.action)}” (${clock(c.at)}) before ${changes[i + 1] ? 'the next change' : 'the end'}.`,
        c.action,
        { best: ONE_AT_A_TIME },
      );
      return;
    }
    lastCheck = check.at;
  }
  const what =
    changes.length === 1
      ? 'Checked the effect of the one change made'
      : `Made ${changes.length} changes one at a time, checking the effect of each before the next`;
  add('composure', 'composure.one-change-at-a-time', ONE_AT_A_TIME, lastCheck, `${what}.`);
}
