/** How `firedrill check` reports one file: every diagnostic with its code frame, then a summary line. */
import { formatDiagnosticWithFrame, type Diagnostic, type LoadResult } from '../format';

export interface SeverityCounts {
  errors: number;
  warnings: number;
}

export function countSeverities(diagnostics: readonly Diagnostic[]): SeverityCounts {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The human report for one loaded file; `strict` says warnings fail the check. */
export function formatCheck(file: string, text: string, result: LoadResult, strict: boolean): string {
  const { errors, warnings } = countSeverities(result.diagnostics);
  const blocks = result.diagnostics.map((d) => formatDiagnosticWithFrame(d, text));
  const counts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
  let summary: string;
  if (!result.ok) summary = `${file}: ${counts}`;
  else if (warnings === 0) summary = `${file}: ok (${result.scenario.title} v${result.scenario.version})`;
  else if (strict) summary = `${file}: ${counts} (failing: --strict)`;
  else summary = `${file}: ok with ${counts} (${result.scenario.title} v${result.scenario.version})`;
  // A blank line between frames keeps each problem readable on its own.
  return [...blocks, summary].join('\n\n');
}
