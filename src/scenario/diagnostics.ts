/**
 * The catalogue of scenario diagnostics. Every problem the loader reports has a stable code from
 * here; codes are never renumbered or reused, so docs, editors and CI scripts can rely on them.
 */

export type Severity = 'error' | 'warning';

/** A problem in a scenario file, positioned so an editor can jump to it. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  hint: string;
  file: string;
  line: number;
  column: number;
  /** JSON pointer (RFC 6901) to the value concerned, "" for the whole file. */
  pointer: string;
}

interface CatalogueEntry {
  severity: Severity;
  title: string;
  hint: string;
}

export const CATALOGUE = {
  FD100: { severity: 'error', title: 'File too large', hint: 'Scenario files are limited to 2 MB; split long logs or trim repeated text.' },
  FD101: { severity: 'error', title: 'Invalid JSON', hint: 'Fix the JSON syntax at this position: a missing comma, quote or bracket is the usual cause.' },
  FD102: { severity: 'error', title: 'Duplicate key', hint: 'Each key may appear once in an object; remove or rename one of them.' },
  FD103: { severity: 'error', title: 'Nested too deeply', hint: 'Scenario values nest at most 64 levels; flatten the structure.' },
  FD200: { severity: 'error', title: 'Wrong type', hint: 'Change the value to the type the schema expects.' },
  FD201: { severity: 'error', title: 'Missing field', hint: 'Add the required field; your editor completes it when "$schema" points to scenario.schema.json.' },
  FD202: { severity: 'error', title: 'Unknown field', hint: 'Remove the field or fix its spelling; the format has no field by this name here.' },
  FD203: { severity: 'error', title: 'Value out of range', hint: 'Bring the value within the bounds the schema states.' },
  FD204: { severity: 'error', title: 'Invalid value', hint: 'Use one of the values the schema allows.' },
  FD205: { severity: 'error', title: 'Unrecognised form', hint: 'Conditions and effects are told apart by their first key (e.g. "fact", "did", "all"; "set", "reveal"); check that key and its companions.' },
  FD300: { severity: 'error', title: 'Unknown reference', hint: 'Refer to an id that is defined in the scenario, or define it.' },
  FD301: { severity: 'error', title: 'Duplicate id', hint: 'Ids must be unique within their list; rename one.' },
  FD302: { severity: 'error', title: 'No resolved ending', hint: 'Add an ending with "kind": "resolved" so the incident can be won.' },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;

/** Where a diagnostic points, before it is tied to a file. */
export interface Position {
  line: number;
  column: number;
  pointer: string;
}

/** Builds a diagnostic from the catalogue; the only way diagnostics are made. */
export function diagnostic(code: DiagnosticCode, file: string, at: Position, message: string, hint?: string): Diagnostic {
  const entry: CatalogueEntry = CATALOGUE[code];
  return { code, severity: entry.severity, message, hint: hint ?? entry.hint, file, line: at.line, column: at.column, pointer: at.pointer };
}

/** "file:3:14 error FD300 message" — the one-line form the CLI prints and tests match. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}${d.pointer ? ` (at ${d.pointer})` : ''}\n  hint: ${d.hint}`;
}
