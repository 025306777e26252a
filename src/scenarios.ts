/**
 * The scenarios bundled with the game, loaded through the same validating loader as the CLI. In the
 * dev server a saved scenario file arrives again as text (see the plugin in vite.config.ts).
 */
import files from 'virtual:firedrill-scenarios';
import { loadScenario } from './authoring';
import type { Diagnostic, LoadResult, Scenario } from './format';

export interface BundledScenarios {
  scenarios: Scenario[];
  problems: Diagnostic[];
}

const pathOf = (name: string) => `scenarios/${name}`;

export function bundledScenarios(): BundledScenarios {
  const scenarios: Scenario[] = [];
  const problems: Diagnostic[] = [];
  for (const [name, text] of Object.entries(files)) {
    const result = loadScenario(text, pathOf(name));
    if (result.ok) scenarios.push(result.scenario);
    else problems.push(...result.diagnostics);
  }
  // Easiest first, so a newcomer's eye lands on where to begin.
  scenarios.sort((a, b) => DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] || a.title.localeCompare(b.title));
  return { scenarios, problems };
}

const DIFFICULTY_ORDER = { beginner: 0, intermediate: 1, advanced: 2 } as const;

/** Calls `onSave` with the loaded (or refused) scenario each time a scenario file is saved; dev server only. */
export function onScenarioSaved(onSave: (result: LoadResult) => void): void {
  import.meta.hot?.on('firedrill:scenario-saved', ({ file, text }: { file: string; text: string }) =>
    onSave(loadScenario(text, pathOf(file))),
  );
}
