/** Posting messages into channels, questions that expire, and the player's own posts. */
import type { Message } from '../format/schema';
import { emit, type Draft } from './draft';
import type { ChatPost } from './types';

function newPostId(draft: Draft): string {
  return `p${draft.state.chat.length + 1}`;
}

/** Posts a scenario message now; `text` overrides it for escalating repeats. */
export function postMessage(draft: Draft, message: Message, text = message.text): ChatPost {
  const { state } = draft;
  const post: ChatPost = {
    id: newPostId(draft),
    message: message.id,
    channel: message.channel,
    from: message.from,
    byPlayer: false,
    text,
    at: state.time,
    importance: message.importance,
    mentionsPlayer: message.mentionsPlayer,
  };
  if (message.asks && !state.chat.some((p) => p.message === message.id && p.ask?.answer)) {
    // Only the newest posting asks; an earlier one still open is superseded rather than ignored.
    for (const earlier of state.chat)
      if (earlier.message === message.id && earlier.ask && !earlier.ask.ignored && !earlier.ask.superseded) earlier.ask.superseded = true;
    post.ask = { expiresAt: state.time + message.asks.expiresAfter };
  }
  state.chat.push(post);
  const record = state.posted[message.id];
  state.posted[message.id] = { count: (record?.count ?? 0) + 1, lastAt: state.time };
  emit(draft, {
    kind: 'message',
    post: post.id,
    channel: post.channel,
    from: post.from,
    importance: post.importance,
    mention: post.mentionsPlayer,
  });
  return post;
}

/** Posts words written on the spot as a scenario character (a facilitator's inject or hint), with its message event. */
export function postAsCharacter(
  draft: Draft,
  post: { from: string; channel: string; text: string; importance: ChatPost['importance']; mentionsPlayer: boolean },
): ChatPost {
  const made: ChatPost = {
    id: newPostId(draft),
    channel: post.channel,
    from: post.from,
    byPlayer: false,
    text: post.text,
    at: draft.state.time,
    importance: post.importance,
    mentionsPlayer: post.mentionsPlayer,
  };
  draft.state.chat.push(made);
  emit(draft, {
    kind: 'message',
    post: made.id,
    channel: made.channel,
    from: made.from,
    importance: made.importance,
    mention: made.mentionsPlayer,
  });
  return made;
}

/** Posts what a player wrote. */
export function postAsPlayer(draft: Draft, player: string, channel: string, text: string): ChatPost {
  const post: ChatPost = {
    id: newPostId(draft),
    channel,
    from: player,
    byPlayer: true,
    text,
    at: draft.state.time,
    importance: 'normal',
    mentionsPlayer: false,
  };
  draft.state.chat.push(post);
  return post;
}

/** Marks questions nobody answered in time as ignored and posts their louder follow-ups. */
export function expireQuestions(draft: Draft): void {
  const { state, world } = draft;
  for (const post of state.chat) {
    if (!post.ask || post.ask.answer || post.ask.ignored || post.ask.superseded || post.ask.expiresAt > state.time) continue;
    post.ask.ignored = true;
    emit(draft, { kind: 'ignored', post: post.id, message: post.message ?? '' });
    const followUp = world.messages.get(world.messages.get(post.message ?? '')?.asks?.ifIgnored ?? '');
    if (followUp) postMessage(draft, followUp);
  }
}
