/** Scenario format v1: the schema, the staged reader with positioned diagnostics, the diagnostics catalogue, and walkers for tools. */
export * from './schema';
export { readScenario, type LoadResult, type LintProblem, type ScenarioLinter } from './load';
export {
  CATALOGUE,
  EXPLORE_CATALOGUE,
  codeFrame,
  formatDiagnostic,
  formatDiagnosticWithFrame,
  type Diagnostic,
  type DiagnosticCode,
} from './diagnostics';
export {
  ERROR_CATALOGUE,
  errorName,
  type ErrorName,
} from './errors';
export { forEachCondition } from './references';
export { scenarioJsonSchema } from './json-schema';
