/** Communicate: status updates at a steady cadence while users are affected, and questions answered well. */
import { formatDuration } from '../clock';
import { statusUpdates } from './patterns';
import type { ScoringContext } from './types';

export function communicate(ctx: ScoringContext): void {
  const { add } = ctx;
  add('communicate', 'communicate.base', 40, 0, 'Starting point for communication.');
  updates(ctx);
  questions(ctx);
}

function updates(ctx: ScoringContext): void {
  const { scenario, state, add, clock } = ctx;
  const began = state.milestones.impact;
  if (began === null) return;
  const end = state.ending?.at ?? state.time;
  const during = statusUpdates(ctx).filter((t) => t >= began && t <= end);
  if (during.length > 0) {
    const bonus = Math.min(30, during.length * 6);
    add('communicate', 'communicate.updates', bonus, during[0]!, `Posted ${during.length} status update${during.length === 1 ? '' : 's'} while users were affected.`);
  } else {
    add('communicate', 'communicate.silent', -20, end, 'Posted no status update while users were affected.');
  }
  const cadence = scenario.scoring.updateCadenceSeconds;
  let from = began;
  let gaps = 0;
  let longest = 0;
  for (const t of [...during, end]) {
    if (t - from > cadence) {
      gaps++;
      add('communicate', 'communicate.gap', -10, t, `No status update for ${formatDuration(t - from)} (${clock(from)}–${clock(t)}).`);
    }
    longest = Math.max(longest, t - from);
    from = t;
  }
  // One update is an announcement; a cadence needs at least two, and no silence longer than expected.
  if (during.length >= 2 && gaps === 0) {
    add(
      'communicate',
      'communicate.cadence',
      10,
      during[1]!,
      `Kept a steady cadence: ${during.length} updates while users were affected, no silence longer than ${formatDuration(longest)} (expected at least every ${formatDuration(cadence)}).`,
    );
  }
}

function questions({ scenario, state, add, clock }: ScoringContext): void {
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
