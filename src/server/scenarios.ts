/** Loads the scenarios a team server offers from a folder, through the same checking loader as the game. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, type Scenario } from '../format';
import { loadScenario } from '../authoring';

/** Every `*.json` scenario in `dir` (not the schema); a file that does not load is an error naming why. */
export function loadScenarioFolder(dir: string): Scenario[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .sort();
  return files.map((file) => {
    const result = loadScenario(readFileSync(join(dir, file), 'utf8'), file);
    if (!result.ok) throw new Error(`${file} does not load:\n${result.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}`);
    return result.scenario;
  });
}
