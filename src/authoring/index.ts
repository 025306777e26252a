/** Authoring tools: the lint, action scripts, the random player (the explorer is imported on its own, by the CLI and benches). */
import { readScenario, type LoadResult } from '../format';
import { lintScenario } from './lint';

export { lintScenario };
export type { LintProblem } from '../format';
export { compileScript, ActionScriptSchema } from './action-script';
export { runScript, type ScriptRun } from './run-script';
export { playRandomly } from './random-player';

/** Reads a scenario file and lints it: what every tool and screen that loads a scenario calls. */
export function loadScenario(text: string, file = 'scenario.json'): LoadResult {
  return readScenario(text, file, lintScenario);
}
