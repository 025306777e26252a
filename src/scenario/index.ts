/** Scenario format v1: schema, loader with positioned diagnostics, and walkers for tools. */
export * from './schema';
export { loadScenario, type LoadResult } from './load';
export { CATALOGUE, EXPLORE_CATALOGUE, codeFrame, diagnostic, exploreFinding, formatDiagnostic, formatDiagnosticWithFrame, type Diagnostic, type DiagnosticCode, type ExploreCode, type ExploreFinding, type Severity } from './diagnostics';
export { lintScenario, type LintProblem } from './lint';
export { forEachCondition, forEachEffect, checkReferences } from './references';
export { scenarioJsonSchema } from './json-schema';
export { compileScript, ActionScriptSchema, type ActionScript, type CompiledScript } from './action-script';
export { runScript, type ScriptRun } from './run-script';
export { playRandomly, type RandomRun, type RandomPlayOptions } from './random-player';
