/**
 * A step works on a private copy of the state (the draft) and records what happened as it goes;
 * the caller's state is never touched, which keeps `step` pure.
 */
import type { FactValue } from '../format/schema';
import type { ChatPost, EngineState, NewEvent, Span, TimelineEvent } from './types';
import type { World } from './world';

export interface Draft {
  world: World;
  state: EngineState;
  events: TimelineEvent[];
  /** False while `state.metrics` is still the caller's (see `ownMetrics`). */
  ownsMetrics: boolean;
}

export function openDraft(world: World, state: EngineState): Draft {
  return { world, state: cloneState(state), events: [], ownsMetrics: false };
}

/**
 * Metrics change only on world ticks, and their sample lists are the largest part of a state, so a
 * step shares the caller's until its first tick and copies them then (inputs that are not ticks
 * never do). Every write to metrics goes after a call to this.
 */
export function ownMetrics(draft: Draft): EngineState['metrics'] {
  const { state } = draft;
  if (!draft.ownsMetrics) {
    const metrics: EngineState['metrics'] = {};
    for (const id in state.metrics) metrics[id] = { value: state.metrics[id]!.value, samples: state.metrics[id]!.samples.slice() };
    state.metrics = metrics;
    draft.ownsMetrics = true;
  }
  return state.metrics;
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
 * notes, declarations are append-only and never edited; a question once answered, ignored or
 * superseded is final; a span once closed is final; metrics are copied on the first tick, by
 * `ownMetrics`). Much cheaper than a deep clone, which matters because every input clones once. A
 * new mutable field must be copied here; the "never touches its input" tests catch one that is not.
 */
function cloneState(s: EngineState): EngineState {
  return {
    ...s,
    scenario: { ...s.scenario },
    options: { ...s.options },
    facts: s.facts, // never written in place: setFact
    services: { ...s.services },
    metrics: s.metrics, // copied on the first tick: ownMetrics
    shipped: s.shipped.slice(),
    seen: { ...s.seen },
    chat: s.chat.map((post) => (post.ask && isOpen(post.ask) ? { ...post, ask: { ...post.ask } } : post)),
    posted: { ...s.posted },
    triggers: { ...s.triggers },
    hints: { ...s.hints },
    rules: { ...s.rules },
    current: { ...s.current },
    done: s.done.slice(),
    notes: s.notes.slice(),
    milestones: { ...s.milestones },
    impact: copySpans(s.impact),
    held: {
      stabilised: copySpans(s.held.stabilised),
      understood: copySpans(s.held.understood),
      fixed: copySpans(s.held.fixed),
      verified: copySpans(s.held.verified),
    },
    declarations: s.declarations.slice(),
    ending: s.ending ? { ...s.ending } : null,
    timeline: s.timeline.slice(),
  };
}

/** A question still waiting for its answer: the only kind a step may change (answer, ignore or supersede). */
function isOpen(ask: NonNullable<ChatPost['ask']>): boolean {
  return !ask.answer && !ask.ignored && !ask.superseded;
}

/** Only the last span may still be open (`to` null), and only an open span is ever written. */
function copySpans(spans: readonly Span[]): Span[] {
  const copy = spans.slice();
  const last = copy.at(-1);
  if (last && last.to === null) copy[copy.length - 1] = { ...last };
  return copy;
}

/** Stamps an event with the next sequence number and the current game time, and records it. */
export function emit(draft: Draft, event: NewEvent): TimelineEvent {
  const stamped = { ...event, seq: ++draft.state.seq, at: draft.state.time } as TimelineEvent;
  draft.state.timeline.push(stamped);
  draft.events.push(stamped);
  return stamped;
}
