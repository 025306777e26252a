/**
 * The one zod-issue formatter: turns an issue into one line a person can act on — which field, what
 * was wrong, what it held. Run files, saves, the team protocol and the server all use it.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** `log[3].input.action`: how people point at a place in a JSON file. */
export function fieldPath(path: Path, whole = '(the file)'): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
  return text || whole;
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** What a value is, briefly; long strings are not echoed back whole. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? `a text of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'number' && Number.isInteger(value) ? 'the number' : typeof value} ${String(value)}`;
}

/** Field names as typed, a few at most and none echoed back whole: they may come from a hostile client. */
function keyList(keys: readonly string[]): string {
  const shown = keys.slice(0, 5).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k));
  return `${shown.join(', ')}${keys.length > 5 ? ` and ${keys.length - 5} more` : ''}`;
}

function expectedType(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** How a message names its document: the whole of it, and what comes between a field and its problem. */
export interface IssueStyle {
  /** The name of the whole document, for issues about it ("" leaves the field out). */
  whole: string;
  /** ": " for files ("log[3]: is missing"), " " for the team protocol ("action is missing"). */
  separator: string;
}

const FILE_STYLE: IssueStyle = { whole: '(the file)', separator: ': ' };
/** The team protocol's messages: "text is empty", "unknown field "player"". */
export const PROTOCOL_STYLE: IssueStyle = { whole: '', separator: ' ' };

/**
 * One issue, as "field: what was wrong". `root` is the parsed document the issue's path points into;
 * `style` says how the field is named.
 */
export function explainIssue(issue: Issue, root: unknown, base: Path = [], style: IssueStyle = FILE_STYLE): string {
  const path = [...base, ...issue.path];
  const where = path.length === 0 && style.whole === '' ? '' : `${fieldPath(path, style.whole)}${style.separator}`;
  const value = valueAt(root, path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `${where}is missing (expected ${expectedType(issue.expected)})`;
      return `${where}expected ${expectedType(issue.expected)}, got ${describeValue(value)}`;
    case 'unrecognized_keys':
      return `${where}unknown field${issue.keys.length === 1 ? '' : 's'} ${keyList(issue.keys)}`;
    case 'too_big':
    case 'too_small': {
      const bound = issue.code === 'too_big' ? `at most ${String(issue.maximum)}` : `at least ${String(issue.minimum)}`;
      const unit = issue.origin === 'string' ? ' characters long' : issue.origin === 'array' ? ' entries long' : '';
      const got = issue.origin === 'string' || issue.origin === 'array' ? `${(value as { length: number }).length}` : describeValue(value);
      return `${where}must be ${bound}${unit}, got ${got}`;
    }
    case 'invalid_value':
      return `${where}expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(value)}`;
    case 'invalid_union':
      return explainUnion(issue, root, path, value, style);
    default:
      return `${where}${issue.message}`;
  }
}

/**
 * A log input matched none of its forms: report the problems of the form its "type" names, rather
 * than every form's, and name the allowed types when "type" itself is wrong.
 */
function explainUnion(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  root: unknown,
  path: Path,
  value: unknown,
  style: IssueStyle,
): string {
  const where = fieldPath(path, style.whole || 'it');
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return `${where}: expected an object, got ${describeValue(value)}`;
  const branches = issue.errors;
  const typeIssue = (branch: Issue[]) => branch.find((i) => i.path.length === 1 && i.path[0] === 'type');
  const intended = branches.find((branch) => branch.length > 0 && !typeIssue(branch));
  if (intended) return explainIssue(intended[0]!, root, path, style);
  const types = branches.flatMap((branch) => {
    const found = typeIssue(branch);
    return found?.code === 'invalid_value' ? found.values.map((v) => JSON.stringify(v)) : [];
  });
  if (types.length > 0)
    return `${where}.type: expected one of ${types.join(', ')}, got ${describeValue((value as Record<string, unknown>).type)}`;
  return `${where}: ${issue.message}`;
}

/** The first issue, with a count of the rest so nobody fixes one and is surprised by the next. */
export function explainIssues(issues: readonly Issue[], root: unknown, style: IssueStyle = FILE_STYLE): string {
  const first = issues[0];
  if (!first) return `${style.whole || 'it'}${style.separator}not valid`;
  const more = issues.length - 1;
  return `${explainIssue(first, root, [], style)}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`;
}
