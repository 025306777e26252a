/** Diagnose: the change history checked early, key evidence seen and the cause understood before fixing. */
import { holds } from '../conditions';
import { isChange } from './patterns';
import type { ScoringContext } from './types';

export function diagnose(ctx: ScoringContext): void {
  const { scenario, state, add, clock } = ctx;
  const firstChange = state.done.find((d) => isChange(ctx, d));
  const firstFixAt = state.done.find((d) => d.category === 'remediate')?.startedAt ?? Infinity;
  const history = scenario.evidence.filter((e) => e.changeHistory);
  const historyAt = Math.min(...history.map((e) => state.seen[e.id] ?? Infinity));
  if (history.length > 0) {
    if (historyAt <= (firstChange?.startedAt ?? Infinity) && historyAt !== Infinity) {
      add('diagnose', 'diagnose.history-first', 30, historyAt, 'Checked what changed before changing anything.');
    } else if (historyAt !== Infinity) {
      add(
        'diagnose',
        'diagnose.history-late',
        10,
        historyAt,
        `Checked the change history only after changing things (first change at ${clock(firstChange!.startedAt)}).`,
        undefined,
        { best: 30 },
      );
    } else {
      add('diagnose', 'diagnose.history-never', 0, ctx.end, 'Never looked at what changed.', undefined, { best: 30 });
    }
  }
  // Evidence that can no longer be uncovered (say, a rehearsal only possible before the deploy) is
  // neither counted nor advised unless it was seen; preparation has its own scenario rules.
  const relevant = scenario.evidence.filter((e) => e.relevant && (state.seen[e.id] !== undefined || !gone(ctx, e.id)));
  if (relevant.length > 0) {
    // Evidence never uncovered does not count, even when no fix was ever tried.
    const before = relevant.filter((e) => state.seen[e.id] !== undefined && state.seen[e.id]! <= firstFixAt);
    const points = (40 * before.length) / relevant.length;
    const at = before.length > 0 ? Math.max(...before.map((e) => state.seen[e.id]!)) : ctx.end;
    const missed = relevant.filter((e) => !before.includes(e)).map((e) => `“${e.title}”`);
    const unseen = missed.length > 0 && missed.length < relevant.length ? `; not seen: ${missed.join(', ')}` : '';
    const when = firstFixAt === Infinity ? '' : ' before the first fix attempt';
    add(
      'diagnose',
      'diagnose.evidence',
      points,
      at,
      `Looked at ${before.length} of ${relevant.length} key pieces of evidence${when}${unseen}.`,
      undefined,
      { best: 40 },
    );
  }
  const understood = state.milestones.understood;
  if (understood === null) {
    add('diagnose', 'diagnose.not-understood', 0, ctx.end, 'Never pinned down what really changed.', undefined, { best: 30 });
  } else if (understood <= firstFixAt) {
    add('diagnose', 'diagnose.understood', 30, understood, 'Understood the real change before trying to fix it.');
  } else {
    add('diagnose', 'diagnose.understood-late', 10, understood, 'Understood the real change only after fix attempts.', undefined, {
      best: 30,
    });
  }
  // Hints cost nothing; they are listed so the debrief can show where the player needed a nudge.
  for (const [hint, at] of Object.entries(state.hints)) {
    const text = scenario.hints.find((h) => h.id === hint)?.text ?? hint;
    add('diagnose', 'diagnose.hint', 0, at, `Coach hint received: “${text}”`);
  }
  // A team game day's facilitator may nudge too; those are listed the same way.
  for (const e of state.timeline) {
    if (e.kind !== 'facilitator-hint') continue;
    const text = state.chat.find((p) => p.id === e.post)?.text ?? '';
    add('diagnose', 'diagnose.hint', 0, e.at, `Facilitator hint received: “${text}”`);
  }
}

/** Whether every action that uncovers the evidence is out of reach at the end of the run. */
function gone({ scenario, world, state }: ScoringContext, evidence: string): boolean {
  const revealers = scenario.actions.filter((a) => a.outcomes.some((o) => o.effects.some((e) => 'reveal' in e && e.reveal === evidence)));
  return revealers.length > 0 && revealers.every((a) => a.visible !== undefined && !holds(world, state, a.visible));
}
