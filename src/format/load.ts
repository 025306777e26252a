/**
 * Reads a scenario file in stages — parse (with positions) → schema → references — and stops after
 * the first stage that finds errors. Never throws: every problem becomes a positioned diagnostic.
 * A scenario that passes all three is given to the linter, if one is passed (the lint is an
 * authoring tool above the format: `loadScenario` in src/authoring passes it), and its warnings
 * come back with `ok: true`.
 */
import type { z } from 'zod';
import { diagnostic, type Diagnostic, type DiagnosticCode } from './diagnostics';
import { MAX_FILE_BYTES, parseJsonSource, type JsonSource, type Path } from './json-source';
import type { PathProblem } from './problem';
import { checkReferences } from './references';
import { ScenarioSchema, type Scenario } from './schema';

/** A problem the linter found, by path in the file; the reader positions it. */
export type LintProblem = PathProblem;
export type ScenarioLinter = (scenario: Scenario) => LintProblem[];

export type LoadResult = { ok: true; scenario: Scenario; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** The most diagnostics one file reports; past this, the rest are noise from the same mistake. */
const MAX_DIAGNOSTICS = 100;

export function readScenario(text: string, file = 'scenario.json', linter?: ScenarioLinter): LoadResult {
  try {
    return loadStaged(text, file, linter);
  } catch (error) {
    // A bug of ours must not take the caller down with it: report it like any other problem.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      diagnostics: [diagnostic('FD101', file, { line: 1, column: 1, pointer: '' }, `The file could not be read: ${message}`)],
    };
  }
}

function loadStaged(text: string, file: string, linter: ScenarioLinter | undefined): LoadResult {
  if (typeof text !== 'string') {
    return { ok: false, diagnostics: [diagnostic('FD101', file, { line: 1, column: 1, pointer: '' }, 'The scenario must be text.')] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // editors on Windows write a byte-order mark
  const bytes = utf8Length(text);
  if (bytes > MAX_FILE_BYTES) {
    const mb = (bytes / 1024 / 1024).toFixed(1);
    return {
      ok: false,
      diagnostics: [diagnostic('FD100', file, { line: 1, column: 1, pointer: '' }, `The file is ${mb} MB; the limit is 2 MB.`)],
    };
  }
  const parsed = parseJsonSource(text);
  if (!parsed.ok) {
    const code: Record<string, DiagnosticCode> = { syntax: 'FD101', duplicate: 'FD102', depth: 'FD103' };
    return { ok: false, diagnostics: parsed.problems.map((p) => diagnostic(code[p.kind]!, file, p.at, p.message)) };
  }
  const source = parsed.source;
  const result = ScenarioSchema.safeParse(source.value);
  if (!result.success) {
    const diagnostics = result.error.issues.flatMap((issue) => explainIssue(issue, [], source, file));
    return { ok: false, diagnostics: dedupe(diagnostics).slice(0, MAX_DIAGNOSTICS) };
  }
  const references = checkReferences(result.data).map((r) => diagnostic(r.code, file, source.positionOf(r.path), r.message));
  if (references.length > 0) return { ok: false, diagnostics: references.slice(0, MAX_DIAGNOSTICS) };
  return { ok: true, scenario: result.data, diagnostics: linter ? lint(linter, result.data, source, file) : [] };
}

/** The lint's warnings in file order. A bug in the lint must not refuse a valid scenario, so it costs only the warnings. */
function lint(linter: ScenarioLinter, scenario: Scenario, source: JsonSource, file: string): Diagnostic[] {
  let problems: LintProblem[];
  try {
    problems = linter(scenario);
  } catch {
    return [];
  }
  return problems
    .map((p) => diagnostic(p.code, file, source.positionOf(p.path), p.message))
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .slice(0, MAX_DIAGNOSTICS);
}

/** The UTF-8 size of a text, counted without allocating it. */
function utf8Length(text: string): number {
  if (text.length * 3 <= MAX_FILE_BYTES) return text.length; // cannot exceed the limit
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

type Issue = z.core.$ZodIssue;

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : `"${value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Turns one zod issue (relative to `base`) into diagnostics with positions and plain words. */
function explainIssue(issue: Issue, base: Path, source: JsonSource, file: string): Diagnostic[] {
  const path: Path = [...base, ...(issue.path as (string | number)[])];
  const at = source.positionOf(path);
  const name = path.length > 0 ? `"${String(path[path.length - 1])}"` : 'The scenario';
  const value = valueAt(source.value, path);
  const missing =
    value === undefined &&
    path.length > 0 &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union');
  if (missing) return [diagnostic('FD201', file, at, `${name} is required here.`)];
  switch (issue.code) {
    case 'invalid_type':
      return [diagnostic('FD200', file, at, `${name} must be ${article(issue.expected)}, not ${describe(value)}.`)];
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        diagnostic('FD202', file, source.positionOf([...path, key], { key: true }), `Unknown field "${key}".`),
      );
    case 'too_big':
    case 'too_small': {
      const limit = String(issue.code === 'too_big' ? issue.maximum : issue.minimum);
      const bound = issue.code === 'too_big' ? 'at most' : 'at least';
      const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' entries' : '';
      return [diagnostic('FD203', file, at, `${name} must be ${bound} ${limit}${unit}.`)];
    }
    case 'invalid_value':
      return [
        diagnostic(
          'FD204',
          file,
          at,
          `${name} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${describe(value)}.`,
        ),
      ];
    case 'invalid_format':
      return [diagnostic('FD204', file, at, `${name}: ${issue.message}.`)];
    case 'invalid_union':
      return explainUnion(issue, path, value, source, file);
    default:
      return [diagnostic('FD204', file, at, `${name}: ${issue.message}.`)];
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/**
 * A union failed: find the form the author meant (the branch whose distinctive key is present)
 * and report that branch's problems, rather than every branch's.
 */
function explainUnion(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  path: Path,
  value: unknown,
  source: JsonSource,
  file: string,
): Diagnostic[] {
  const at = source.positionOf(path);
  const name = path.length > 0 ? `"${String(path[path.length - 1])}"` : 'The scenario';
  const branches = 'errors' in issue ? issue.errors : [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const scalar = branches.every((b) => b.every((i) => i.code === 'invalid_type' && i.path.length === 0));
    if (scalar) {
      const expected = [...new Set(branches.flat().map((i) => (i.code === 'invalid_type' ? i.expected : '')))].join(', ');
      return [diagnostic('FD200', file, at, `${name} must be one of: ${expected}; not ${describe(value)}.`)];
    }
    return [diagnostic('FD205', file, at, `${name} must be an object, not ${describe(value)}.`)];
  }
  // A branch is the intended form when none of its own keys is missing.
  const present = (b: Issue[]) => !b.some((i) => i.path.length === 1 && valueAt(value, i.path as Path) === undefined);
  const candidates = branches.filter(present).sort((a, b) => a.length - b.length);
  const best = candidates[0];
  if (!best) {
    const keys =
      Object.keys(value)
        .slice(0, 5)
        .map((k) => `"${k}"`)
        .join(', ') || 'no keys';
    return [diagnostic('FD205', file, at, `${name} is not a recognised form (it has ${keys}).`)];
  }
  return best.flatMap((inner) => explainIssue(inner, path, source, file));
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    // One problem per code and place: zod can report a bound twice (e.g. an int's own safe range).
    const key = `${d.code}|${d.pointer}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
