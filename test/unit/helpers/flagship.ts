/** Loads the shipped scenarios and their action scripts from disk for tests. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry, RunOptions } from '../../../src/engine';
import { compileScript, loadScenario, runScript, type ScriptRun } from '../../../src/authoring';
import type { Scenario } from '../../../src/format';

export const scenariosDir = join(import.meta.dirname, '../../../scenarios');

export function loadShipped(file: string): Scenario {
  const result = loadScenario(readFileSync(join(scenariosDir, file), 'utf8'), file);
  if (!result.ok)
    throw new Error(`${file} does not load:\n${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('\n')}`);
  return result.scenario;
}

export const shippedScenarioFiles = (): string[] =>
  readdirSync(scenariosDir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));

export function playShippedScript(scenario: Scenario, scriptPath: string): ScriptRun {
  const compiled = compileScript(scenario, JSON.parse(readFileSync(join(scenariosDir, 'scripts', scriptPath), 'utf8')));
  if (!compiled.ok) throw new Error(`${scriptPath}: ${compiled.errors.join('; ')}`);
  return runScript(scenario, compiled.script, compiled.compiled);
}

/** A shipped script's log and run options, compiled for its scenario. */
export function shippedScriptLog(scenario: Scenario, scriptPath: string): { log: LogEntry[]; options: RunOptions } {
  const compiled = compileScript(scenario, JSON.parse(readFileSync(join(scenariosDir, 'scripts', scriptPath), 'utf8')));
  if (!compiled.ok) throw new Error(`${scriptPath}: ${compiled.errors.join('; ')}`);
  return { log: compiled.compiled.log, options: { seed: compiled.compiled.seed, coach: compiled.compiled.coach } };
}
