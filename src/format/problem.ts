/** A problem found in a scenario, at a path in its JSON; the reader turns it into a positioned diagnostic. */
import type { DiagnosticCode } from './diagnostics';
import type { Path } from './json-source';

export interface PathProblem {
  code: DiagnosticCode;
  path: Path;
  message: string;
}
