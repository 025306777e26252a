/** Explorer figures: how long `firedrill explore` takes on the flagship with the default budget. */
import { readdirSync, readFileSync } from 'node:fs';
import { loadScenario } from '../src/authoring';
import { DEFAULT_BUDGET, explore, type ExploreReport } from '../src/authoring/explore';
import { measure } from './machine';

/** What the CLI promises: a default exploration of the flagship well within this. */
const TARGET_SECONDS = 10;

export function benchExplore(quick = false): string[] {
  const url = new URL('../scenarios/friday-deploy.json', import.meta.url);
  const result = loadScenario(readFileSync(url, 'utf8'), 'friday-deploy.json');
  if (!result.ok) throw new Error(`the flagship does not load: ${result.diagnostics[0]?.message}`);
  const scenario = result.scenario;
  // The CLI plays the scenario's own scripts too, so the figure includes them.
  const dir = new URL('../scenarios/scripts/friday-deploy/', import.meta.url);
  const scripts = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, script: JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as unknown }));
  let report: ExploreReport | undefined;
  const time = measure(() => (report = explore(scenario, { seed: 1, budget: DEFAULT_BUDGET, scripts })), quick ? 1 : 3, quick ? 0 : 1);
  const seconds = time.median / 1000;
  const r = report!;
  return [
    `explore: ${scenario.id}: ${r.search.states.toLocaleString('en-US')} states, ${seconds.toFixed(2)} s (target ≤ ${TARGET_SECONDS} s: ${seconds <= TARGET_SECONDS ? 'met' : 'missed'}; median of ${time.runs}, budget ${DEFAULT_BUDGET.toLocaleString('en-US')})`,
    `explore: ${scenario.id}: ${r.scores.runs} complete runs, best ${r.scores.best?.score ?? '-'}, worst ${r.scores.worst?.score ?? '-'}, methodical ${r.policies.methodical.score} vs frantic ${r.policies.frantic.score}, ${r.deadEnds.length} dead end(s), ${r.ok ? 'ok' : 'not ok'}`,
    `explore: ${scenario.id}: ${r.maximiser.evaluations} runs hunting the highest score: best ${r.maximiser.best?.score ?? '-'} against the expert path's ${r.maximiser.expert ?? '-'}; frantic runs above C: ${
      r.frantic.patterns
        .filter((p) => p.aboveC)
        .map((p) => `${p.pattern} ${p.best!.score}`)
        .join(', ') || 'none'
    }`,
  ];
}
