/** Engine figures: replaying the flagship with a 100-action log, and raw world ticks per second. */
import { readFileSync } from 'node:fs';
import { init, replay, step } from '../src/engine';
import { loadScenario, playRandomly, type Scenario } from '../src/scenario';
import { measure } from './machine';

function flagship(): Scenario {
  const result = loadScenario(readFileSync(new URL('../scenarios/friday-deploy.json', import.meta.url), 'utf8'), 'friday-deploy.json');
  if (!result.ok) throw new Error(`the flagship does not load: ${result.diagnostics[0]?.message}`);
  return result.scenario;
}

export function benchEngine(): string[] {
  const scenario = flagship();
  // A long random run that never ends early: find a seed whose player makes 100 moves.
  let run = playRandomly(scenario, 1, 100, { coach: 'guided', avoid: (id) => scenario.actions.find((a) => a.id === id)?.category === 'resolve' });
  for (let seed = 2; run.log.length < 100 && seed < 500; seed++) {
    run = playRandomly(scenario, seed, 100, { coach: 'guided', avoid: (id) => scenario.actions.find((a) => a.id === id)?.category === 'resolve' });
  }
  const options = { seed: 1, coach: 'guided' as const };
  const replayTime = measure(() => replay(scenario, options, run.log, scenario.clock.limitSeconds), 30);

  const ticks = scenario.clock.limitSeconds / scenario.clock.tickSeconds;
  const fresh = init(scenario, options);
  const tickTime = measure(() => step(scenario, fresh, { type: 'tick', seconds: scenario.clock.limitSeconds - 1 }), 30);
  const ticksPerSecond = (ticks / tickTime.median) * 1000;

  return [
    `engine: replay the flagship with a ${run.log.length}-action log to ${scenario.clock.limitSeconds} game s: median ${replayTime.median.toFixed(2)} ms, p95 ${replayTime.p95.toFixed(2)} ms (${replayTime.runs} runs)`,
    `engine: world ticks per second (${ticks} ticks of ${scenario.clock.tickSeconds} game s, no player): ${Math.round(ticksPerSecond).toLocaleString('en-US')} (median ${tickTime.median.toFixed(2)} ms per run)`,
  ];
}
