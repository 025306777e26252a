/**
 * The engine's entry points: `init` makes the state at game second 0, `step` applies one input and
 * returns the next state with what happened. Both are pure: no clock, no randomness but the seeded
 * generator inside the state, no I/O.
 */
import type { Scenario } from '../format/schema';
import type { z } from 'zod';
import { INPUT_SCHEMAS, MAX_GAME_SECONDS, TEXT_LIMITS } from '../format/inputs';
import { completeAction, startAction } from './actions';
import { postAsPlayer } from './chat';
import { reply } from './reply';
import { applyEffects } from './effects';
import { emit, openDraft, type Draft } from './draft';
import { facilitatorHint, inject } from './facilitator';
import { seedState } from './rng';
import { SOLO_PLAYER, type EngineState, type Input, type Rejection, type RunOptions, type StepResult } from './types';
import { worldOf } from './world';
import { worldTick } from './world-tick';

/** The longest text a player may post or note; longer is refused, not cut. */
export const MAX_PLAYER_TEXT = TEXT_LIMITS.text;

/** The state of a new run at game second 0, with history from before the start applied. */
export function init(scenario: Scenario, options: RunOptions): EngineState {
  const world = worldOf(scenario);
  const state: EngineState = {
    scenario: { id: scenario.id, version: scenario.version },
    options: { seed: options.seed, coach: options.coach },
    time: 0,
    rng: seedState(options.seed),
    seq: 0,
    facts: Object.fromEntries(scenario.facts.map((f) => [f.id, f.initial])),
    services: Object.fromEntries(scenario.services.map((s) => [s.id, 'healthy' as const])),
    metrics: Object.fromEntries(scenario.metrics.map((m) => [m.id, { value: m.baseline, samples: [] }])),
    shipped: [],
    seen: {},
    chat: [],
    posted: {},
    triggers: {},
    hints: {},
    rules: {},
    current: {},
    done: [],
    notes: [],
    milestones: { impact: null, stabilised: null, understood: null, fixed: null, verified: null },
    impact: [],
    held: { stabilised: [], understood: [], fixed: [], verified: [] },
    declarations: [],
    ending: null,
    timeline: [],
  };
  const draft: Draft = { world, state, events: [], ownsMetrics: true };
  for (const deploy of scenario.deploys) {
    if (deploy.at < 0) {
      state.shipped.push(deploy.id);
      applyEffects(draft, deploy.effects);
    }
  }
  worldTick(draft);
  return state;
}

/** Applies one input. A refused input returns the same state object and the reason. */
export function step(scenario: Scenario, state: EngineState, input: Input): StepResult {
  const invalid = validateInput(input);
  if (invalid) return { state, events: [], rejected: invalid };
  if (state.ending) return { state, events: [], rejected: { code: 'game.over', message: 'The incident is over.' } };
  const draft = openDraft(worldOf(scenario), state);
  const rejected = apply(draft, input);
  if (rejected) return { state, events: [], rejected };
  return { state: draft.state, events: draft.events };
}

function apply(draft: Draft, input: Input): Rejection | undefined {
  const player = input.type === 'tick' ? SOLO_PLAYER : (input.player ?? SOLO_PLAYER);
  switch (input.type) {
    case 'tick':
      advance(draft, draft.state.time + input.seconds);
      return undefined;
    case 'act':
      return startAction(draft, player, input.action);
    case 'reply':
      return reply(draft, player, input.message, input.choice);
    case 'post': {
      const channel = draft.world.channels.get(input.channel);
      if (!channel) return { code: 'post.unknown-channel', message: `There is no channel "${input.channel}".` };
      const post = postAsPlayer(draft, player, channel.id, input.text.trim());
      emit(draft, { kind: 'post', post: post.id, channel: channel.id, player, statusUpdate: channel.kind === 'incident' });
      return undefined;
    }
    case 'note': {
      const kind = input.kind ?? 'note';
      draft.state.notes.push({ at: draft.state.time, player, text: input.text.trim(), kind });
      emit(draft, { kind: 'note', player, text: input.text.trim() });
      return undefined;
    }
    case 'inject':
      return inject(draft, input);
    case 'hint':
      return facilitatorHint(draft, input);
  }
}

/** Moves game time forward, finishing actions and running world ticks in time order. */
function advance(draft: Draft, target: number): void {
  const { state, world } = draft;
  const tick = world.scenario.clock.tickSeconds;
  while (!state.ending) {
    const nextTick = (Math.floor(state.time / tick) + 1) * tick;
    let nextDone = Infinity;
    for (const running of Object.values(state.current)) nextDone = Math.min(nextDone, running.endsAt);
    const next = Math.min(nextTick, nextDone);
    if (next > target) break;
    state.time = next;
    // Players finish in a fixed order so team rooms and replays agree.
    for (const player of Object.keys(state.current).sort()) {
      if (state.current[player]!.endsAt <= next) completeAction(draft, player);
    }
    if (next === nextTick && !state.ending) worldTick(draft);
  }
  if (!state.ending) state.time = target;
}

/** Checks an input against its schema (src/format/inputs.ts); text problems get their own code. */
function validateInput(input: Input): Rejection | undefined {
  const bad = (message: string): Rejection => ({ code: 'input.invalid', message });
  if (typeof input !== 'object' || input === null) return bad('An input must be an object.');
  const type: unknown = input.type;
  // Time is fed many times a second (and thousands of times per explorer run): a cheap check, same rule as the schema.
  if (type === 'tick') {
    const { seconds } = input as { seconds: unknown };
    return typeof seconds === 'number' && seconds >= 0 && seconds <= MAX_GAME_SECONDS && Object.keys(input).length === 2
      ? undefined
      : bad('A tick advances 0 to 86,400 game seconds.');
  }
  if (typeof type !== 'string' || !Object.hasOwn(INPUT_SCHEMAS, type)) return bad('Unknown input type.');
  const parsed = INPUT_SCHEMAS[type as keyof typeof INPUT_SCHEMAS].safeParse(input);
  if (parsed.success) return undefined;
  const issues = flatten(parsed.error.issues);
  const text = issues.find((i) => i.path.at(-1) === 'text' && i.code !== 'invalid_type');
  if (text) {
    const max = type === 'inject' ? TEXT_LIMITS.injectText : type === 'hint' ? TEXT_LIMITS.hintText : TEXT_LIMITS.text;
    const message = /control/.test(text.message) ? 'Text may not contain control characters.' : `Write between 1 and ${max} characters.`;
    return { code: 'text.invalid', message };
  }
  const first = issues[0];
  // Of a union's failures, none is "the" problem: say what the input should look like instead.
  if (type === 'inject') return bad('An inject names a scenario inject, or gives a character ("from"), a channel and a text.');
  if (type === 'hint' && parsed.error.issues[0]?.path[0] === 'to')
    return bad('A hint is for a role ({ "role": id }) or a player ({ "player": id }).');
  if (!first) return bad(`The "${type}" input does not have the expected fields.`);
  if (first.code === 'unrecognized_keys') return bad(`The "${type}" input has an unexpected field "${first.keys[0]?.slice(0, 40)}".`);
  return bad(`The "${type}" input's ${first.path.join('.') || 'fields'} ${first.message.replace(/^Invalid input: /, '')}.`);
}

/** The issues inside a union's, so the one about the field that was wrong is found. */
function flatten(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((i) => (i.code === 'invalid_union' && i.errors.length > 0 ? i.errors.flatMap(flatten) : [i]));
}
