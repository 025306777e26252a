/** Engine figures: replaying the flagship with a 100-action log, and raw world ticks per second. */
import { readFileSync } from 'node:fs';
import { init, replay, step } from '../src/engine';
import { loadScenario, playRandomly } from '../src/authoring';
import type { Scenario } from '../src/format';
import { measure } from './machine';

function flagship(): Scenario {
  const result = loadScenario(readFileSync(new URL('../scenarios/friday-deploy.json', import.meta.url), 'utf8'), 'friday-deploy.json');
  if (!result.ok) throw new Error(`the flagship does not load: ${result.diagnostics[0]?.message}`);
  return result.scenario;
}

/** Engine figures as report lines; `runs` timed repetitions of each. */
export function benchEngine(runs = 30): string[] {
  const scenario = flagship();
  // A busy random player who neither declares resolved nor runs the data-destroying migration by
  // hand, so the run lasts long enough for 100 moves.
  const avoid = (id: string) => id === 'manual_down_migration' || scenario.actions.find((a) => a.id === id)?.category === 'resolve';
  let run = playRandomly(scenario, 1, 100, { coach: 'guided', avoid, maxWait: 30 });
  for (let seed = 2; run.log.length < 100 && seed < 200; seed++)
    run = playRandomly(scenario, seed, 100, { coach: 'guided', avoid, maxWait: 30 });
  if (run.log.length < 100) throw new Error('no random player made 100 moves; the benchmark needs a longer run');
  const options = { seed: run.state.options.seed, coach: run.coach };
  const replayTime = measure(() => replay(scenario, options, run.log, scenario.clock.limitSeconds), runs);

  const ticks = scenario.clock.limitSeconds / scenario.clock.tickSeconds;
  const fresh = init(scenario, options);
  const tickTime = measure(() => step(scenario, fresh, { type: 'tick', seconds: scenario.clock.limitSeconds - 1 }), runs);
  const ticksPerSecond = (ticks / tickTime.median) * 1000;

  return [
    `engine: replay the flagship with a ${run.log.length}-action log to ${scenario.clock.limitSeconds} game s: median ${replayTime.median.toFixed(2)} ms, p95 ${replayTime.p95.toFixed(2)} ms (${replayTime.runs} runs)`,
    `engine: world ticks per second (${ticks} ticks of ${scenario.clock.tickSeconds} game s, no player): ${Math.round(ticksPerSecond).toLocaleString('en-US')} (median ${tickTime.median.toFixed(2)} ms per run)`,
  ];
}
