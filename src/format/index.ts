/** Scenario format v1: the schema, the staged reader with positioned diagnostics, the diagnostics catalogue, and walkers for tools. */
export * from './schema';
export { readScenario, type LoadResult, type LintProblem, type ScenarioLinter } from './load';
export {
  CATALOGUE,
  EXPLORE_CATALOGUE,
  codeFrame,
  diagnostic,
  exploreFinding,
  formatDiagnostic,
  formatDiagnosticWithFrame,
  type Diagnostic,
  type DiagnosticCode,
  type ExploreCode,
  type ExploreFinding,
  type Severity,
} from './diagnostics';
export { forEachCondition, forEachEffect, checkReferences } from './references';
export { scenarioJsonSchema } from './json-schema';
