/**
 * The engine's entry points: `init` makes the state at game second 0, `step` applies one input and
 * returns the next state with what happened. Both are pure: no clock, no randomness but the seeded
 * generator inside the state, no I/O.
 */
import type { Scenario } from '../format/schema';
import { isValidId } from '../format/ids';
import { completeAction, startAction } from './actions';
import { postAsPlayer } from './chat';
import { reply } from './reply';
import { applyEffects } from './effects';
import { emit, openDraft, type Draft } from './draft';
import { facilitatorHint, inject } from './facilitator';
import { seedState } from './rng';
import { NOTE_KINDS, SOLO_PLAYER, type EngineState, type Input, type Rejection, type RunOptions, type StepResult } from './types';
import { worldOf } from './world';
import { worldTick } from './world-tick';

/** The longest text a player may post or note, or a facilitator inject or hint; longer is refused, not cut. */
export const MAX_PLAYER_TEXT = 2000;

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
  const draft: Draft = { world, state, events: [] };
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

function validateInput(input: Input): Rejection | undefined {
  const bad = (message: string): Rejection => ({ code: 'input.invalid', message });
  if (typeof input !== 'object' || input === null) return bad('An input must be an object.');
  const player = 'player' in input ? input.player : undefined;
  if (player !== undefined && !isValidId(player)) return bad('A player id is 1–64 lower-case letters, digits, "-" or "_".');
  switch (input.type) {
    case 'tick':
      return Number.isFinite(input.seconds) && input.seconds >= 0 && input.seconds <= 86_400
        ? undefined
        : bad('A tick advances 0 to 86,400 game seconds.');
    case 'act':
      return typeof input.action === 'string' ? undefined : bad('An action needs an id.');
    case 'reply':
      return typeof input.message === 'string' && typeof input.choice === 'string'
        ? undefined
        : bad('A reply needs a message and a choice.');
    case 'post':
    case 'note': {
      if (typeof input.text !== 'string') return bad('Text is required.');
      const tooLong = checkText(input.text);
      if (tooLong) return tooLong;
      if (input.type === 'post' && typeof input.channel !== 'string') return bad('A post needs a channel.');
      if (input.type === 'note' && input.kind !== undefined && !NOTE_KINDS.includes(input.kind))
        return bad(`A note's kind is one of ${NOTE_KINDS.join(', ')}.`);
      return undefined;
    }
    case 'inject': {
      if (input.inject !== undefined && typeof input.inject !== 'string') return bad('An inject names a scenario inject by its id.');
      if (input.from !== undefined && typeof input.from !== 'string') return bad('An inject\'s "from" is a character id.');
      if (input.channel !== undefined && typeof input.channel !== 'string') return bad('An inject\'s "channel" is a channel id.');
      if (input.text !== undefined && typeof input.text !== 'string') return bad("An inject's text must be text.");
      if (input.inject === undefined && (input.from === undefined || input.channel === undefined || input.text === undefined)) {
        return bad('An inject names a scenario inject, or gives a character ("from"), a channel and a text.');
      }
      return input.text === undefined ? undefined : checkText(input.text);
    }
    case 'hint': {
      if (typeof input.text !== 'string') return bad('Text is required.');
      const to: unknown = input.to;
      if (to !== undefined) {
        const keys = typeof to === 'object' && to !== null ? Object.keys(to) : [];
        const target =
          keys.length === 1 && (keys[0] === 'role' || keys[0] === 'player') ? (to as Record<string, unknown>)[keys[0]] : undefined;
        if (!isValidId(target)) return bad('A hint is for a role ({ "role": id }) or a player ({ "player": id }).');
      }
      return checkText(input.text);
    }
    default:
      return bad('Unknown input type.');
  }
}

function checkText(text: string): Rejection | undefined {
  const length = text.trim().length;
  return length === 0 || length > MAX_PLAYER_TEXT
    ? { code: 'text.invalid', message: `Write between 1 and ${MAX_PLAYER_TEXT} characters.` }
    : undefined;
}
