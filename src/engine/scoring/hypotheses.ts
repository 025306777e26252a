/**
 * Hypotheses with substance: one counts only when written after evidence that points at the cause
 * was seen, and, for a note, when it names something from the evidence seen so far (two words in
 * common). "Hypothesis: something is broken." before any evidence is not a theory.
 */
import { relevantSeenBy } from './patterns';
import type { ScoringContext } from './types';

/** Words too common to tie a theory to the evidence. */
const COMMON = new Set([
  'the',
  'and',
  'for',
  'but',
  'not',
  'are',
  'was',
  'its',
  'our',
  'all',
  'can',
  'now',
  'has',
  'had',
  'any',
  'out',
  'one',
  'who',
  'why',
  'how',
  'you',
  'yes',
  'off',
  'too',
  'get',
  'got',
  'see',
  'new',
  'that',
  'this',
  'with',
  'from',
  'have',
  'were',
  'been',
  'they',
  'their',
  'there',
  'what',
  'when',
  'which',
  'would',
  'could',
  'should',
  'about',
  'into',
  'because',
  'think',
  'maybe',
  'something',
  'broken',
  'problem',
  'issue',
  'wrong',
  'hypothesis',
  'some',
  'than',
  'then',
  'them',
  'just',
  'only',
  'more',
  'over',
  'under',
]);

/** A word's stem, roughly: "misses", "missed" and "missing" all read as "miss". */
const stem = (w: string) => w.replace(/(ing|ed|es|s)$/, '').replace(/e$/, '');

const words = (text: string) =>
  new Set(
    (text.toLowerCase().match(/[a-z0-9_]{3,}/g) ?? [])
      .filter((w) => !COMMON.has(w))
      .map(stem)
      .filter((w) => w.length >= 3),
  );

/**
 * A hypothesis counts when written before the first change, after evidence that points at the cause
 * was seen, and, for a note, when it names something from the evidence seen (two words in common).
 */
/** The first grounded hypothesis written by game time `before`, and whether it was only a partial one. */
export function groundedHypothesis(
  ctx: Pick<ScoringContext, 'scenario' | 'world' | 'state'>,
  before: number,
): { at: number; partial: boolean } | undefined {
  const { scenario, world, state } = ctx;
  const grounded = (t: number) => relevantSeenBy(ctx, t);
  const action = state.done.find(
    (d) =>
      world.actions.get(d.action)?.tags.includes('hypothesis') &&
      d.startedAt <= before &&
      grounded(d.startedAt) &&
      (d.verdict === 'success' || d.verdict === 'partial'),
  );
  const seenWords = (t: number) => {
    const all = new Set<string>();
    for (const e of scenario.evidence)
      if ((state.seen[e.id] ?? Infinity) <= t) for (const w of words(`${e.title} ${e.body.join(' ')}`)) all.add(w);
    return all;
  };
  const note = state.notes.find((n) => {
    if (n.kind !== 'hypothesis' || n.at > before || !grounded(n.at)) return false;
    const seen = seenWords(n.at);
    return [...words(n.text)].filter((w) => seen.has(w)).length >= 2;
  });
  const at = Math.min(note?.at ?? Infinity, action?.at ?? Infinity);
  if (at === Infinity) return undefined;
  return { at, partial: note === undefined && action?.verdict === 'partial' };
}
