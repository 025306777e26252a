/**
 * Communicate: taking command, status updates with substance at a steady cadence while users are
 * affected, answering the questions that matter (a share of those asked, so more questions never
 * pay), asking for the right help and closing the incident. Parts a scenario does not offer (no
 * action to take command, say) are left out and the rest scaled to the full 100.
 */
import { formatDuration } from '../clock';
import type { ChatPost } from '../types';
import { covered, hasTag, label, within } from './patterns';
import type { ScoringContext } from './types';
import { updates as allUpdates, type Update } from './updates';

const PARTS = { command: 15, updates: 35, cadence: 15, questions: 20, help: 10, close: 5 } as const;
type Part = keyof typeof PARTS;

const GAP = -10;
const LOST_COMMAND = -30;

export function communicate(ctx: ScoringContext): void {
  const { scenario } = ctx;
  const offered = new Set<Part>(['updates', 'cadence', 'close']);
  if (scenario.actions.some((a) => a.tags.includes('command'))) offered.add('command');
  if (scenario.actions.some((a) => a.tags.includes('escalate'))) offered.add('help');
  const threads = questionThreads(ctx);
  if (threads.length > 0) offered.add('questions');
  const affected = ctx.state.milestones.impact !== null;
  if (!affected) {
    offered.delete('updates');
    offered.delete('cadence');
  }
  const available = [...offered].reduce((sum, p) => sum + PARTS[p], 0);
  const part = (p: Part, share: number) => (PARTS[p] * 100 * share) / available;

  if (offered.has('command')) command(ctx, part);
  if (affected) updates(ctx, part);
  if (offered.has('questions')) questions(ctx, threads, part);
  if (offered.has('help')) help(ctx, part);
  close(ctx, part);
  lostCommand(ctx);
  badReplies(ctx);
}

type PartPoints = (p: Part, share: number) => number;

function command(ctx: ScoringContext, part: PartPoints): void {
  const { state, add, clock, end, scenario } = ctx;
  const took = state.done.find((d) => hasTag(ctx, d.action, 'command'));
  if (!took) {
    add('communicate', 'communicate.no-command', 0, end, 'Never took command: nobody knew who was running the incident.', undefined, {
      best: part('command', 1),
    });
    return;
  }
  const began = state.milestones.impact;
  const late = began !== null && took.at - began > scenario.scoring.updateCadenceSeconds;
  const text = late
    ? `Took command at ${clock(took.at)}, ${formatDuration(took.at - began!)} after users were first affected.`
    : `Took command at ${clock(took.at)}.`;
  add('communicate', 'communicate.command', part('command', late ? 0.5 : 1), took.at, text, took.action, { best: part('command', 1) });
}

function updates(ctx: ScoringContext, part: PartPoints): void {
  const { scenario, state, add, limit, clock, end } = ctx;
  const began = state.milestones.impact!;
  const cadence = scenario.scoring.updateCadenceSeconds;
  const during = allUpdates(ctx).filter((u) => u.at >= began && u.at <= end && covered(state.impact, u.at - cadence, u.at + 1) > 0);
  const useful = during.filter((u) => u.substance > 0);
  const affectedFor = covered(state.impact, 0, end);
  const expected = Math.max(1, Math.ceil(affectedFor / cadence));
  const substance = Math.min(
    expected,
    useful.reduce((sum, u) => sum + u.substance, 0),
  );
  if (useful.length === 0) {
    const empty =
      during.length > 0
        ? ` (${during.length} post${during.length === 1 ? '' : 's'} said nothing about the impact, the work or the next update)`
        : '';
    add('communicate', 'communicate.silent', 0, end, `Gave no status update while users were affected${empty}.`, undefined, {
      best: part('updates', 1) + part('cadence', 1),
    });
    limit(
      'limit.silent',
      scenario.scoring.limits.silent,
      end,
      'Users were affected and nobody heard what was going on',
      'communicate.silent',
    );
    return;
  }
  const thin = useful.filter((u) => u.substance < 1 && u.missing.length > 0);
  const lacking = thin.length > 0 ? ` ${describeThin(thin, clock)}` : '';
  const hollow = during.length - useful.length;
  const extra = hollow > 0 ? ` ${hollow} other post${hollow === 1 ? '' : 's'} said nothing new.` : '';
  // The sentence counts what it says: updates given while users were affected, and apart from
  // them those in the cadence after the impact ended (they count, but users were no longer affected).
  const whileAffected = useful.filter((u) => within(state.impact, u.at)).length;
  const after = useful.length - whileAffected;
  const afterText = after > 0 ? ` and ${after} more within ${formatDuration(cadence)} after it ended` : '';
  add(
    'communicate',
    'communicate.updates',
    part('updates', substance / expected),
    // Pinned at the last update it counts, so that wherever it shows the count has already happened.
    useful.at(-1)!.at,
    `Gave ${whileAffected} status update${whileAffected === 1 ? '' : 's'} while users were affected for ${formatDuration(affectedFor)}${afterText} (about ${expected} expected, one every ${formatDuration(cadence)}).${lacking}${extra}`,
    undefined,
    { best: part('updates', 1) },
  );
  let from = began;
  let gaps = 0;
  for (const t of [...useful.map((u) => u.at), end]) {
    // Silence once users are no longer affected is not a gap.
    if (t - from > cadence && covered(state.impact, from, t) > cadence) {
      gaps++;
      add(
        'communicate',
        'communicate.gap',
        GAP,
        t,
        `No status update for ${formatDuration(t - from)} (${clock(from)}–${clock(t)}) while users were affected.`,
      );
    }
    from = t;
  }
  if (gaps === 0)
    add(
      'communicate',
      'communicate.cadence',
      part('cadence', 1),
      useful.at(-1)!.at,
      `Kept a steady cadence: no silence longer than ${formatDuration(cadence)} while users were affected.`,
    );
}

function describeThin(thin: Update[], clock: (t: number) => string): string {
  const first = thin[0]!;
  const more = thin.length > 1 ? ` (and ${thin.length - 1} more)` : '';
  return `The update at ${clock(first.at)}${more} did not say ${first.missing.join(' or ')}.`;
}

interface Thread {
  /** The first post of the thread and its louder follow-ups. */
  posts: ChatPost[];
}

/** Important questions, a question and its louder follow-ups (asked because it was ignored) being one. */
function questionThreads({ world, state }: ScoringContext): Thread[] {
  const rootOf = new Map<string, string>();
  for (const m of world.scenario.messages) {
    const next = m.asks?.ifIgnored;
    if (next !== undefined) rootOf.set(next, rootOf.get(m.id) ?? m.id);
  }
  const threads = new Map<string, Thread>();
  for (const post of state.chat) {
    if (!post.ask || (post.importance !== 'important' && post.importance !== 'critical')) continue;
    // A message that repeats keeps asking the same thing: one thread, like its follow-ups.
    const root = post.message === undefined ? post.id : (rootOf.get(post.message) ?? post.message);
    const thread = threads.get(root) ?? { posts: [] };
    thread.posts.push(post);
    threads.set(root, thread);
  }
  // A question still open when the run ended was neither answered nor ignored; it is not counted.
  return [...threads.values()].filter((t) => t.posts.some((p) => p.ask!.answer || p.ask!.ignored || p.ask!.superseded));
}

function questions(ctx: ScoringContext, threads: Thread[], part: PartPoints): void {
  const { scenario, world, add, end } = ctx;
  let value = 0;
  let halves = 0;
  const unanswered: string[] = [];
  for (const t of threads) {
    const answeredAt = t.posts.findIndex((p) => p.ask!.answer);
    const who = scenario.characters.find((c) => c.id === t.posts[0]!.from)?.name ?? t.posts[0]!.from;
    if (answeredAt < 0) {
      unanswered.push(who);
      continue;
    }
    const post = t.posts[answeredAt]!;
    const verdict = world.messages.get(post.message ?? '')?.asks?.replies.find((r) => r.id === post.ask!.answer!.choice)?.verdict;
    if (verdict === 'harmful' || verdict === 'failure') continue;
    // Answered only once it had been left to lapse and was asked again, louder: half.
    const late = t.posts.slice(0, answeredAt).some((p) => p.ask!.ignored);
    value += late ? 0.5 : 1;
    if (late) halves++;
  }
  const names = unanswered.length > 0 ? ` Left unanswered: ${[...new Set(unanswered)].join(', ')}.` : '';
  const lateText = halves > 0 ? ' A question answered only once asked again counts half.' : '';
  const first = threads.flatMap((t) => t.posts).map((p) => p.ask!.answer?.at ?? p.ask!.expiresAt);
  add(
    'communicate',
    'communicate.questions',
    part('questions', value / threads.length),
    Math.min(end, ...first),
    `${answeredText(value, threads.length)}${names}${lateText}`,
    undefined,
    { best: part('questions', 1) },
  );
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function answeredText(value: number, asked: number): string {
  if (asked === 1)
    return value === 1
      ? 'Answered the one question that mattered.'
      : value > 0
        ? 'Answered the one question that mattered, but only once asked again.'
        : 'Did not answer the one question that mattered.';
  return `Answered ${fmt(value)} of the ${asked} questions that mattered.`;
}

function help(ctx: ScoringContext, part: PartPoints): void {
  const { state, add, clock, end } = ctx;
  const asked = state.done.find((d) => hasTag(ctx, d.action, 'escalate'));
  if (asked)
    add(
      'communicate',
      'communicate.help',
      part('help', 1),
      asked.at,
      `Asked for help: “${label(ctx, asked.action)}” at ${clock(asked.at)}.`,
      asked.action,
    );
  else
    add('communicate', 'communicate.no-help', 0, end, 'Never asked for help from the people who own the systems involved.', undefined, {
      best: part('help', 1),
    });
}

function close({ state, add, clock }: ScoringContext, part: PartPoints): void {
  const accepted = state.declarations.find((d) => d.accepted);
  if (accepted)
    add(
      'communicate',
      'communicate.closed',
      part('close', 1),
      accepted.at,
      `Closed the incident at ${clock(accepted.at)} with an all-clear, so everyone could stand down.`,
    );
}

function lostCommand({ scenario, state, add, clock }: ScoringContext): void {
  const id = scenario.scoring.lostCommandMessage;
  const post = id === undefined ? undefined : state.chat.find((p) => p.message === id);
  if (!post) return;
  const who = scenario.characters.find((c) => c.id === post.from)?.name ?? post.from;
  add(
    'communicate',
    'communicate.lost-command',
    LOST_COMMAND,
    post.at,
    `Lost command at ${clock(post.at)}: ${who} brought in another incident commander.`,
  );
}

function badReplies({ state, add }: ScoringContext): void {
  for (const e of state.timeline) {
    if (e.kind === 'reply' && (e.verdict === 'harmful' || e.verdict === 'failure')) {
      add('communicate', 'communicate.bad-reply', e.verdict === 'harmful' ? -15 : -5, e.at, 'A reply that set the wrong expectations.');
    }
  }
}
