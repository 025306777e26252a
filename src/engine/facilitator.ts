/**
 * What a team game day's facilitator feeds the engine: injects (a message posted as a scenario
 * character, with the scenario inject's effects when it names one) and hints (posted by the coach).
 * They are ordinary inputs, logged and replayed like the players', so a game day replays exactly.
 */
import { postAsCharacter } from './chat';
import { applyEffects } from './effects';
import { emit, type Draft } from './draft';
import type { HintInput, InjectInput, Rejection } from './types';

/** Posts an inject; a named one defaults its character, channel and text to the scenario's and applies its effects. */
export function inject(draft: Draft, input: InjectInput): Rejection | undefined {
  const { world } = draft;
  const scripted = input.inject === undefined ? undefined : world.injects.get(input.inject);
  if (input.inject !== undefined && !scripted) {
    const known = [...world.injects.keys()];
    const offer = known.length > 0 ? `; it has ${known.map((id) => `"${id}"`).join(', ')}` : '';
    return { code: 'inject.unknown', message: `This scenario has no inject "${input.inject}"${offer}.` };
  }
  const from = input.from ?? scripted?.from ?? '';
  const channel = input.channel ?? scripted?.channel ?? '';
  const text = (input.text ?? scripted?.text ?? '').trim();
  if (!world.characters.has(from))
    return { code: 'inject.character', message: `This scenario has no character "${from}" to post the inject.` };
  if (!world.channels.has(channel))
    return { code: 'inject.channel', message: `This scenario has no channel "${channel}" to post the inject in.` };
  const post = postAsCharacter(draft, { from, channel, text, importance: 'important', mentionsPlayer: false });
  emit(
    draft,
    scripted ? { kind: 'inject', post: post.id, channel, from, inject: scripted.id } : { kind: 'inject', post: post.id, channel, from },
  );
  if (scripted) applyEffects(draft, scripted.effects);
  return undefined;
}

/** Posts a facilitator's hint as the coach, in the coach's channel, whatever the coach mode. */
export function facilitatorHint(draft: Draft, input: HintInput): Rejection | undefined {
  const coach = draft.world.scenario.coach;
  if (!coach)
    return {
      code: 'hint.no-coach',
      message: 'This scenario has no coach, so there is nobody to send a hint as; use a free-text inject instead.',
    };
  const post = postAsCharacter(draft, {
    from: coach.character,
    channel: coach.channel,
    text: input.text.trim(),
    importance: 'important',
    mentionsPlayer: true,
  });
  const to = input.to === undefined ? undefined : 'role' in input.to ? { role: input.to.role } : { player: input.to.player };
  emit(draft, to ? { kind: 'facilitator-hint', post: post.id, to } : { kind: 'facilitator-hint', post: post.id });
  return undefined;
}
