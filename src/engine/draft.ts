/**
 * A step works on a private copy of the state (the draft) and records what happened as it goes;
 * the caller's state is never touched, which keeps `step` pure.
 */
import type { EngineState, NewEvent, TimelineEvent } from './types';
import type { World } from './world';

export interface Draft {
  world: World;
  state: EngineState;
  events: TimelineEvent[];
}

export function openDraft(world: World, state: EngineState): Draft {
  return { world, state: structuredClone(state), events: [] };
}

/** Stamps an event with the next sequence number and the current game time, and records it. */
export function emit(draft: Draft, event: NewEvent): TimelineEvent {
  const stamped = { ...event, seq: ++draft.state.seq, at: draft.state.time } as TimelineEvent;
  draft.state.timeline.push(stamped);
  draft.events.push(stamped);
  return stamped;
}
