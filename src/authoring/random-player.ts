/**
 * A seeded random player: plays any scenario by picking among what is possible at each moment.
 * Tests use it for determinism and robustness, the benchmarks for realistic logs.
 */
import {
  availability,
  init,
  nextRandom,
  seedState,
  step,
  worldOf,
  type CoachMode,
  type EngineState,
  type Input,
  type LogEntry,
} from '../engine';
import { COACH_MODES } from '../format/concepts';
import type { Scenario } from '../format/schema';

export interface RandomRun {
  log: LogEntry[];
  state: EngineState;
  coach: CoachMode;
}

export interface RandomPlayOptions {
  coach?: CoachMode;
  /** Actions the player never picks (e.g. resolving, to keep a long run going). */
  avoid?: (actionId: string) => boolean;
  /** The longest wait between two moves, in game seconds (default 600). */
  maxWait?: number;
}

/** Plays until the scenario ends or `inputs` inputs were accepted, waiting 5 s to `maxWait` between moves. */
export function playRandomly(scenario: Scenario, seed: number, inputs = 40, options: RandomPlayOptions = {}): RandomRun {
  let rng = seedState(seed);
  const random = (): number => {
    const [value, next] = nextRandom(rng);
    rng = next;
    return value;
  };
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const coach = options.coach ?? pick(COACH_MODES)!;
  const world = worldOf(scenario);
  let state = init(scenario, { seed, coach });
  const log: LogEntry[] = [];
  const tryInput = (input: Exclude<Input, { type: 'tick' }>) => {
    const result = step(scenario, state, input);
    if (result.rejected) return;
    log.push({ at: state.time, input });
    state = result.state;
  };
  while (!state.ending && log.length < inputs) {
    const maxWait = Math.max(5, options.maxWait ?? 600);
    state = step(scenario, state, { type: 'tick', seconds: 5 + Math.floor(random() * (maxWait - 4)) }).state;
    if (state.ending) break;
    const roll = random();
    if (roll < 0.6) {
      const possible = scenario.actions.filter((a) => !options.avoid?.(a.id) && availability(world, state, a.id, 'you').ok);
      const action = pick(possible);
      if (action) tryInput({ type: 'act', action: action.id });
    } else if (roll < 0.85) {
      const open = state.chat.filter((p) => p.ask && !p.ask.answer && !p.ask.ignored && !p.ask.superseded);
      const post = pick(open);
      const replies = post ? (world.messages.get(post.message ?? '')?.asks?.replies ?? []) : [];
      const choice = pick(replies);
      if (post && choice) tryInput({ type: 'reply', message: post.id, choice: choice.id });
    } else if (roll < 0.95) {
      const channel = pick(scenario.channels);
      if (channel) tryInput({ type: 'post', channel: channel.id, text: `Update ${log.length + 1}: still looking.` });
    } else {
      tryInput({ type: 'note', text: `Hypothesis ${log.length + 1}.` });
    }
  }
  return { log, state, coach };
}
