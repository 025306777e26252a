/**
 * A step works on a private copy of the state (the draft) and records what happened as it goes;
 * the caller's state is never touched, which keeps `step` pure.
 */
import type { FactValue } from '../format/schema';
import type { EngineState, NewEvent, TimelineEvent } from './types';
import type { World } from './world';

export interface Draft {
  world: World;
  state: EngineState;
  events: TimelineEvent[];
}

export function openDraft(world: World, state: EngineState): Draft {
  return { world, state: cloneState(state), events: [] };
}

/**
 * Facts are never written in place: each write makes a new facts object, and a step's clone shares
 * the one it was given. So a facts object stands for one set of values for as long as it lives, and
 * conditions on facts alone can remember their answer per object (src/engine/conditions.ts).
 * Writes are rare (effects), reads are the hot loop. Every write to facts goes through here.
 */
export function setFact(draft: Draft, id: string, value: FactValue): void {
  const { state } = draft;
  if (state.facts[id] === value && Object.hasOwn(state.facts, id)) return;
  state.facts = { ...state.facts, [id]: value };
}

/**
 * Copies everything a step may mutate and shares what it never does (emitted events, completions,
 * notes, declarations are append-only and never edited). Much cheaper than a deep clone, which
 * matters because every input clones once. A new mutable field must be copied here; the
 * "never touches its input" tests catch one that is not.
 */
function cloneState(s: EngineState): EngineState {
  const metrics: EngineState['metrics'] = {};
  for (const id in s.metrics) metrics[id] = { value: s.metrics[id]!.value, samples: s.metrics[id]!.samples.slice() };
  return {
    ...s,
    scenario: { ...s.scenario },
    options: { ...s.options },
    facts: s.facts, // never written in place: setFact
    services: { ...s.services },
    metrics,
    shipped: s.shipped.slice(),
    seen: { ...s.seen },
    chat: s.chat.map((post) => (post.ask ? { ...post, ask: { ...post.ask } } : post)),
    posted: { ...s.posted },
    triggers: { ...s.triggers },
    hints: { ...s.hints },
    rules: { ...s.rules },
    current: { ...s.current },
    done: s.done.slice(),
    notes: s.notes.slice(),
    milestones: { ...s.milestones },
    impact: s.impact.map((span) => ({ ...span })),
    held: {
      stabilised: s.held.stabilised.map((span) => ({ ...span })),
      understood: s.held.understood.map((span) => ({ ...span })),
      fixed: s.held.fixed.map((span) => ({ ...span })),
      verified: s.held.verified.map((span) => ({ ...span })),
    },
    declarations: s.declarations.slice(),
    ending: s.ending ? { ...s.ending } : null,
    timeline: s.timeline.slice(),
  };
}

/** Stamps an event with the next sequence number and the current game time, and records it. */
export function emit(draft: Draft, event: NewEvent): TimelineEvent {
  const stamped = { ...event, seq: ++draft.state.seq, at: draft.state.time } as TimelineEvent;
  draft.state.timeline.push(stamped);
  draft.events.push(stamped);
  return stamped;
}
