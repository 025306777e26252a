/**
 * Same scenario + seed + inputs ⇒ same state, timeline and score. A seeded random player makes
 * valid logs for the flagship; each is replayed twice (once on a separately loaded copy of the
 * scenario, so nothing may hang off object identity), run to the end and scored. States survive a
 * JSON round trip, how time is chunked into ticks does not matter, and the seed really drives noise.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  availability,
  init,
  replay,
  runToEnd,
  score,
  step,
  worldOf,
  SOLO_PLAYER,
  type CoachMode,
  type EngineState,
  type LogEntry,
  type RunOptions,
  type TimelineEvent,
} from '../../src/engine';
import { loadScenario } from '../../src/authoring';
import type { Scenario } from '../../src/format';
import { Random } from './helpers/random';

const FILE = 'scenarios/friday-deploy.json';
const TEXT = readFileSync(new URL('../../scenarios/friday-deploy.json', import.meta.url), 'utf8');

function load(): Scenario {
  const result = loadScenario(TEXT, FILE);
  if (!result.ok)
    throw new Error(`${FILE} does not load: ${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('; ')}`);
  return result.scenario;
}

const scenario = load();
/** The same file loaded again: a second, independent scenario object. */
const twin = load();

const COACH_MODES: readonly CoachMode[] = ['off', 'gentle', 'guided'];
const POSTS = [
  'Investigating elevated checkout errors.',
  '  Mitigation in progress; next update in 15 min.  ',
  'Rolled back? Checking. 🔥',
  'ETA unknown — still looking',
];
const NOTES = ['Hypothesis: the 16:00 deploy.', 'Errors started ~16:20', 'Check the worker queue next.', 'ünïcödé note'];

interface RandomRun {
  seed: number;
  options: RunOptions;
  log: LogEntry[];
  /** Where the player stopped: at the ending, or after its last input and wait. */
  state: EngineState;
  /** States the player passed through, each just before log entry `index` was applied. */
  snapshots: { index: number; state: EngineState }[];
  /** Inputs the player believed valid but the engine refused. */
  refused: string[];
}

/**
 * Plays the flagship at random: waits 5–600 game seconds (sometimes not at all), then starts an
 * action `availability` allows, answers an open question with one of its replies, posts a status
 * update or writes a note. Every accepted input goes into the log, stamped with the game time.
 */
function playRandomly(seed: number, maxInputs = 40): RandomRun {
  const rng = new Random(seed);
  const options: RunOptions = { seed: rng.int(0, 2 ** 31 - 1), coach: rng.pick(COACH_MODES) };
  const world = worldOf(scenario);
  let state = init(scenario, options);
  const log: LogEntry[] = [];
  const snapshots: RandomRun['snapshots'] = [];
  const refused: string[] = [];
  const accept = (input: LogEntry['input']) => {
    const result = step(scenario, state, input);
    if (result.rejected) refused.push(`t=${state.time} ${JSON.stringify(input)}: ${result.rejected.code} ${result.rejected.message}`);
    else {
      log.push({ at: state.time, input });
      state = result.state;
    }
  };
  while (!state.ending && log.length < maxInputs) {
    if (log.length === 0 || rng.chance(0.85)) {
      const result = step(scenario, state, { type: 'tick', seconds: rng.int(5, 600) });
      if (result.rejected) refused.push(`t=${state.time} tick: ${result.rejected.code}`);
      state = result.state;
      if (state.ending) break;
    }
    if (rng.chance(0.25)) snapshots.push({ index: log.length, state });
    const actions = scenario.actions.filter((a) => availability(world, state, a.id, SOLO_PLAYER).ok);
    const open = state.chat.filter((p) => p.ask && !p.ask.answer && !p.ask.ignored && !p.ask.superseded && p.message !== undefined);
    const moves: ('act' | 'reply' | 'post' | 'note')[] = ['post', 'note'];
    if (actions.length > 0) moves.push('act', 'act', 'act', 'act');
    if (open.length > 0) moves.push('reply', 'reply', 'reply');
    const move = rng.pick(moves);
    if (move === 'act') {
      accept({ type: 'act', action: rng.pick(actions).id });
    } else if (move === 'reply') {
      const post = rng.pick(open);
      const replies = scenario.messages.find((m) => m.id === post.message)?.asks?.replies ?? [];
      if (replies.length === 0) {
        refused.push(`t=${state.time} post ${post.id} asks, but its message ${post.message} offers no replies`);
        continue;
      }
      // A reply names the post, or the message when this post is its newest posting.
      const newest = state.chat.filter((p) => p.message === post.message).pop() === post;
      accept({ type: 'reply', message: newest && rng.chance(0.3) ? post.message! : post.id, choice: rng.pick(replies).id });
    } else if (move === 'post') {
      accept({ type: 'post', channel: rng.pick(scenario.channels).id, text: rng.pick(POSTS) });
    } else {
      accept({ type: 'note', text: rng.pick(NOTES) });
    }
  }
  return { seed, options, log, state, snapshots, refused };
}

/** Feeds the rest of a log to a state, as a replay would. */
function continueFrom(state: EngineState, entries: readonly LogEntry[]): EngineState {
  for (const entry of entries) {
    state = advanceTo(scenario, state, entry.at).state;
    state = step(scenario, state, entry.input).state;
  }
  return state;
}

/** The first place two JSON-like values differ, for readable failures. */
function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || '(root)'}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const d = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`);
    if (d) return d;
  }
  return undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** The first problems, and how many more, so a broken engine does not flood the report. */
const listed = (problems: string[]) => (problems.length > 20 ? [...problems.slice(0, 20), `… and ${problems.length - 20} more`] : problems);
const describeRun = (run: RandomRun) =>
  `run seed=${run.seed} (engine seed ${run.options.seed}, coach ${run.options.coach}, ${run.log.length} inputs)`;

// Each log is replayed about eight times below (twice, caught up, to the end thrice, scored); 60 seeded logs
// already reach every coach mode, input type and more than one ending (the first test checks), so more add CPU, not paths.
const RUNS = 60;
const runs = Array.from({ length: RUNS }, (_, i) => playRandomly(7_000 + i));

describe('same scenario + seed + inputs ⇒ same state, timeline and score', () => {
  it('the random player makes varied, valid logs', () => {
    expect(listed(runs.flatMap((run) => run.refused.map((r) => `${describeRun(run)}: ${r}`)))).toEqual([]);
    const inputs = runs.flatMap((run) => run.log.map((e) => e.input.type));
    for (const type of ['act', 'reply', 'post', 'note'] as const) expect(inputs.filter((t) => t === type).length, type).toBeGreaterThan(50);
    for (const coach of COACH_MODES) expect(runs.filter((run) => run.options.coach === coach).length, coach).toBeGreaterThan(RUNS / 10);
    expect(new Set(runs.map((run) => run.state.ending?.kind ?? 'running')).size).toBeGreaterThan(1);
    expect(runs.some((run) => run.log.some((e, i) => i > 0 && e.at === run.log[i - 1]!.at))).toBe(true);
  });

  it(`replaying each of ${RUNS} logs twice gives the same state, the player's state, and the same end and score`, () => {
    const problems: string[] = [];
    for (const run of runs) {
      const what = describeRun(run);
      const first = replay(scenario, run.options, run.log);
      const second = replay(twin, run.options, run.log);
      if (first.refused.length > 0 || second.refused.length > 0) {
        problems.push(`${what}: the replay refused entries ${JSON.stringify([...first.refused, ...second.refused].slice(0, 2))}`);
        continue;
      }
      if (!same(first.state, second.state)) problems.push(`${what}: two replays differ at ${firstDifference(first.state, second.state)}`);
      const caughtUp = advanceTo(scenario, first.state, run.state.time).state;
      if (!same(caughtUp, run.state))
        problems.push(`${what}: the replay differs from the player's own state at ${firstDifference(caughtUp, run.state)}`);
      if (run.seed % 10 === 0) {
        const until = replay(twin, run.options, run.log, run.state.time).state;
        if (!same(until, run.state))
          problems.push(`${what}: replay(…, until) differs from the player's own state at ${firstDifference(until, run.state)}`);
      }
      const endA = runToEnd(scenario, first.state);
      const endB = runToEnd(twin, second.state);
      if (endA.ending === null) problems.push(`${what}: runToEnd did not end the run`);
      if (!same(endA, endB)) problems.push(`${what}: the runs to the end differ at ${firstDifference(endA, endB)}`);
      const fromPlayer = runToEnd(scenario, run.state);
      if (!same(fromPlayer, endA))
        problems.push(`${what}: running to the end from where the player stopped differs at ${firstDifference(fromPlayer, endA)}`);
      const scoreA = score(scenario, endA);
      const scoreB = score(twin, endB);
      if (!same(scoreA, scoreB)) problems.push(`${what}: the scores differ at ${firstDifference(scoreA, scoreB)}`);
    }
    expect(listed(problems), `${problems.length} problem(s) in ${RUNS} runs`).toEqual([]);
    // The same checks through vitest's own deep equality, for one run.
    const run = runs[0]!;
    const a = runToEnd(scenario, replay(scenario, run.options, run.log).state);
    const b = runToEnd(twin, replay(twin, run.options, run.log).state);
    expect(a).toStrictEqual(b);
    expect(score(scenario, a)).toStrictEqual(score(twin, b));
  });

  it('a state survives a JSON round trip, and play continues from the copy exactly as from the original', () => {
    const sampled = runs.filter((run) => run.snapshots.length > 0 && run.log.length > 4).slice(0, 12);
    expect(sampled.length).toBeGreaterThanOrEqual(8);
    let checked = 0;
    for (const run of sampled) {
      const whole = runToEnd(scenario, replay(scenario, run.options, run.log).state);
      expect(JSON.parse(JSON.stringify(whole)), `${describeRun(run)} at its end`).toStrictEqual(whole);
      for (const { index, state } of run.snapshots.slice(0, 3)) {
        const copy = JSON.parse(JSON.stringify(state)) as EngineState;
        expect(copy, `${describeRun(run)} before entry ${index}`).toEqual(state);
        expect(copy, `${describeRun(run)} before entry ${index}`).toStrictEqual(state);
        const rest = run.log.slice(index);
        const fromOriginal = runToEnd(scenario, continueFrom(state, rest));
        const fromCopy = runToEnd(scenario, continueFrom(copy, rest));
        expect(JSON.stringify(fromCopy), `${describeRun(run)} continued from entry ${index}`).toBe(JSON.stringify(fromOriginal));
        expect(fromCopy).toStrictEqual(fromOriginal);
        expect(JSON.stringify(fromOriginal), `${describeRun(run)} continued from entry ${index}, vs the whole replay`).toBe(
          JSON.stringify(whole),
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('how time is chunked into ticks does not matter', () => {
    const chunkings: [string, number[]][] = [
      ['one tick of 600 s', [600]],
      ['120 ticks of 5 s', new Array<number>(120).fill(5)],
      ['600 ticks of 1 s', new Array<number>(600).fill(1)],
      ['7 ticks of odd sizes', [1, 7, 13, 97, 101, 173, 208]],
    ];
    const rng = new Random(31);
    const random: number[] = [];
    for (let left = 600; left > 0; ) {
      const size = Math.min(left, rng.int(1, 90));
      random.push(size);
      left -= size;
    }
    chunkings.push([`${random.length} random ticks`, random]);
    expect(chunkings.every(([, sizes]) => sizes.reduce((a, b) => a + b, 0) === 600)).toBe(true);

    // From the start, and from mid-run states: one with an action in progress, one with none.
    const mid = runs.flatMap((run) => run.snapshots.map((s) => s.state)).filter((s) => !s.ending);
    const starts: [string, EngineState][] = [
      ['the start', init(scenario, { seed: 11, coach: 'guided' })],
      ['mid-run, busy', mid.find((s) => Object.keys(s.current).length > 0)!],
      ['mid-run, idle', mid.find((s) => Object.keys(s.current).length === 0 && s.time > 600)!],
    ];
    for (const [where, start] of starts) {
      expect(start, where).toBeDefined();
      const results = chunkings.map(([name, sizes]) => {
        let state = start;
        const events: TimelineEvent[] = [];
        for (const seconds of sizes) {
          const result = step(scenario, state, { type: 'tick', seconds });
          expect(result.rejected, `${where}, ${name}`).toBeUndefined();
          state = result.state;
          events.push(...result.events);
        }
        return { name, state: JSON.stringify(state), events: JSON.stringify(events) };
      });
      const [reference] = results;
      for (const result of results.slice(1)) {
        expect(result.state, `${where}: ${result.name} vs ${reference!.name}`).toBe(reference!.state);
        expect(result.events, `${where}: events of ${result.name} vs ${reference!.name}`).toBe(reference!.events);
      }
    }
  });

  it('the seed drives metric noise, and only metric noise', () => {
    const noisy = scenario.metrics.filter((m) => m.noise > 0);
    expect(noisy.length, 'the flagship has noisy metrics').toBeGreaterThan(0);
    const rng = new Random(5);
    const seeds = [0, 1, 2, ...Array.from({ length: 5 }, () => rng.int(3, 2 ** 31 - 1))];
    const after600 = (seed: number) => step(scenario, init(scenario, { seed, coach: 'guided' }), { type: 'tick', seconds: 600 }).state;
    const states = seeds.map(after600);
    for (let i = 0; i < seeds.length; i++) {
      expect(JSON.stringify(after600(seeds[i]!)), `seed ${seeds[i]} twice`).toBe(JSON.stringify(states[i]));
      for (let j = i + 1; j < seeds.length; j++) {
        for (const metric of noisy) {
          expect(states[i]!.metrics[metric.id]!.samples, `${metric.id}: seeds ${seeds[i]} and ${seeds[j]}`).not.toEqual(
            states[j]!.metrics[metric.id]!.samples,
          );
        }
      }
    }
    // Noise is drawn per sample and never feeds back into the world: without it, the runs are identical.
    const withoutNoise = (state: EngineState) =>
      JSON.stringify({
        ...state,
        options: { ...state.options, seed: 0 },
        rng: 0,
        metrics: Object.fromEntries(Object.entries(state.metrics).map(([id, m]) => [id, m.value])),
      });
    for (const state of states.slice(1)) expect(withoutNoise(state)).toBe(withoutNoise(states[0]!));
  });
});
