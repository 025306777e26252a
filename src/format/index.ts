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
export {
  ERROR_CATALOGUE,
  ERROR_NAMESPACES,
  ENGINE_ERROR_CODES,
  ROOM_ERROR_CODES,
  appError,
  errorEntry,
  errorName,
  type AppError,
  type EngineErrorCode,
  type ErrorCode,
  type ErrorEntry,
  type ErrorName,
  type ErrorNamespace,
  type ReplayLinkErrorCode,
  type RoomErrorCode,
  type RunFileErrorCode,
  type SaveErrorCode,
} from './errors';
export { PROTOCOL_STYLE, describeValue, explainIssue, explainIssues, fieldPath, type IssueStyle } from './issues';
export { forEachCondition, forEachEffect, checkReferences } from './references';
export { scenarioJsonSchema } from './json-schema';
