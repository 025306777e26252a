/** Applies scenario effects (data) to the draft state. */
import type { Effect } from '../format/schema';
import { postMessage } from './chat';
import { emit, setFact, type Draft } from './draft';

export function applyEffects(draft: Draft, effects: readonly Effect[]): void {
  for (const effect of effects) applyEffect(draft, effect);
}

function applyEffect(draft: Draft, effect: Effect): void {
  const { state, world } = draft;
  if ('set' in effect) {
    setFact(draft, effect.set, effect.to);
  } else if ('add' in effect) {
    const current = state.facts[effect.add];
    let next = (typeof current === 'number' ? current : 0) + effect.amount;
    if (effect.max !== undefined) next = Math.min(next, effect.max);
    if (effect.min !== undefined) next = Math.max(next, effect.min);
    setFact(draft, effect.add, next);
  } else if ('reveal' in effect) {
    if (state.seen[effect.reveal] === undefined && world.evidence.has(effect.reveal)) {
      state.seen[effect.reveal] = state.time;
      emit(draft, { kind: 'evidence', evidence: effect.reveal });
    }
  } else if ('send' in effect) {
    const message = world.messages.get(effect.send);
    if (message) postMessage(draft, message);
  }
}
