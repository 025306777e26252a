/** A player's answer to a question in chat: its own module because a reply applies effects, and effects post to chat. */
import { postAsPlayer } from './chat';
import { emit, type Draft } from './draft';
import { applyEffects } from './effects';
import type { ChatPost, Rejection } from './types';

/** Finds the post a reply refers to: a post id, or the newest posting of a message id. */
function findQuestion(draft: Draft, ref: string): ChatPost | undefined {
  const chat = draft.state.chat;
  const byId = chat.find((p) => p.id === ref);
  if (byId) return byId;
  for (let i = chat.length - 1; i >= 0; i--) if (chat[i]!.message === ref) return chat[i];
  return undefined;
}

/** Answers a question in chat, or says why not. */
export function reply(draft: Draft, player: string, ref: string, choice: string): Rejection | undefined {
  const { state, world } = draft;
  const post = findQuestion(draft, ref);
  if (!post) return { code: 'reply.unknown', message: `There is no message "${ref}" to reply to.` };
  const message = world.messages.get(post.message ?? '');
  if (!post.ask || !message?.asks) return { code: 'reply.no-question', message: 'That message does not ask for a reply.' };
  if (post.ask.answer) return { code: 'reply.already-answered', message: 'You already answered that.' };
  if (post.ask.ignored || post.ask.superseded) return { code: 'reply.expired', message: 'Too late: that question has moved on.' };
  const option = message.asks.replies.find((r) => r.id === choice);
  if (!option) return { code: 'reply.unknown-choice', message: `"${choice}" is not one of the replies offered.` };
  post.ask.answer = { choice, at: state.time, player };
  const mine = postAsPlayer(draft, player, post.channel, option.text);
  emit(draft, { kind: 'reply', post: mine.id, message: message.id, choice, player, verdict: option.verdict });
  applyEffects(draft, option.effects);
  return undefined;
}
