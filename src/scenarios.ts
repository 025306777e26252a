/** The scenarios bundled with the game, loaded through the same validating loader as the CLI. */
import { loadScenario, type Diagnostic, type Scenario } from './scenario';

const files = import.meta.glob('../scenarios/*.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface BundledScenarios {
  scenarios: Scenario[];
  problems: Diagnostic[];
}

export function bundledScenarios(): BundledScenarios {
  const scenarios: Scenario[] = [];
  const problems: Diagnostic[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (path.endsWith('.schema.json')) continue;
    const result = loadScenario(text, path.replace('../', ''));
    if (result.ok) scenarios.push(result.scenario);
    else problems.push(...result.diagnostics);
  }
  return { scenarios, problems };
}
