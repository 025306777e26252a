/**
 * Parses scenario text into a value while keeping where every value came from, so later stages can
 * point at file:line:col. Strict JSON: no comments, no trailing commas, no duplicate keys.
 */
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Position } from './diagnostics';
import { locate } from './json-locate';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_DEPTH = 64;

export type Path = readonly (string | number)[];

/** A parsed file: its value and a way to find the position of any path in it. */
export interface JsonSource {
  value: unknown;
  /** Where a path's value starts (its key, with `key`); a path that does not exist points at its nearest ancestor's key. */
  positionOf(path: Path, options?: { key?: boolean }): Position;
}

export type ParseProblem = { kind: 'syntax' | 'duplicate' | 'depth'; message: string; at: Position };

/** RFC 6901 pointer for a path. */
export function pointerOf(path: Path): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/**
 * One pass over the text outside strings: the deepest bracket nesting (found without recursion so
 * hostile input cannot overflow the stack; stops at the first place past the limit) and how many
 * keys it writes (a string followed by a colon). A valid text whose parsed value holds fewer keys
 * repeats one.
 */
function scan(text: string): { depth: number; offset: number; keys: number } {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) {
        inString = false;
        let j = i + 1;
        while (j < text.length && isJsonSpace(text.charCodeAt(j))) j++;
        if (text.charCodeAt(j) === 58) keys++;
      }
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return { depth, offset: i, keys };
    } else if (c === 125 || c === 93) depth--;
  }
  return { depth, offset: -1, keys };
}

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** The keys a parsed value holds, nested ones included (its depth is already bounded). */
function keyCount(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  if (Array.isArray(value)) for (const item of value) n += keyCount(item);
  else for (const key of Object.keys(value)) n += 1 + keyCount((value as Record<string, unknown>)[key]);
  return n;
}

function findDuplicates(root: Node, locate: (offset: number) => { line: number; column: number }): ParseProblem[] {
  const problems: ParseProblem[] = [];
  const stack: { node: Node; path: (string | number)[] }[] = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node.type === 'object') {
      const keys = new Set<string>();
      for (const property of node.children ?? []) {
        const keyNode = property.children?.[0];
        const valueNode = property.children?.[1];
        if (!keyNode) continue;
        const key = String(keyNode.value);
        if (keys.has(key)) {
          problems.push({
            kind: 'duplicate',
            message: `Key "${key}" appears more than once in this object.`,
            at: { ...locate(keyNode.offset), pointer: pointerOf([...path, key]) },
          });
        }
        keys.add(key);
        if (valueNode) stack.push({ node: valueNode, path: [...path, key] });
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((child, i) => stack.push({ node: child, path: [...path, i] }));
    }
  }
  return problems;
}

/**
 * Parses text, or returns every syntax problem found with its position. Most files are valid, so
 * the engine's own JSON.parse reads them and a position is found by walking the text only when a
 * later stage asks for one (./json-locate); a file JSON.parse refuses, or one that repeats a key,
 * takes the full parse that finds every problem and where it is.
 */
export function parseJsonSource(text: string): { ok: true; source: JsonSource } | { ok: false; problems: ParseProblem[] } {
  const scanned = scan(text);
  if (scanned.offset >= 0) {
    return {
      ok: false,
      problems: [
        {
          kind: 'depth',
          message: `Values are nested more than ${MAX_DEPTH} levels deep.`,
          at: { ...lineIndex(text)(scanned.offset), pointer: '' },
        },
      ],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseWithPositions(text);
  }
  if (keyCount(value) !== scanned.keys) return parseWithPositions(text);
  let lineOf: ReturnType<typeof lineIndex> | undefined;
  const positionOf = (path: Path, options: { key?: boolean } = {}): Position => {
    // Defaults and missing keys have no value of their own: point at the nearest ancestor's key.
    const found = locate(text, path);
    const wantKey = !found.complete || options.key === true;
    lineOf ??= lineIndex(text);
    return { ...lineOf(wantKey ? (found.key ?? found.value) : found.value), pointer: pointerOf(path) };
  };
  return { ok: true, source: { value, positionOf } };
}

/** The full parse: every syntax problem and repeated key with its position, and a position for any path. */
function parseWithPositions(text: string): { ok: true; source: JsonSource } | { ok: false; problems: ParseProblem[] } {
  const locate = lineIndex(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const problems: ParseProblem[] = errors.slice(0, 20).map((e) => ({
      kind: 'syntax',
      message: describeSyntaxError(printParseErrorCode(e.error)),
      at: { ...locate(e.offset), pointer: '' },
    }));
    if (problems.length === 0) problems.push({ kind: 'syntax', message: 'The file is empty.', at: { line: 1, column: 1, pointer: '' } });
    return { ok: false, problems };
  }
  const duplicates = findDuplicates(root, locate);
  if (duplicates.length > 0) return { ok: false, problems: duplicates };
  const positionOf = (path: Path, options: { key?: boolean } = {}): Position => {
    // Defaults and missing keys have no node of their own: point at the nearest ancestor that exists.
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(root, [...path.slice(0, n)]);
      if (!node) continue;
      const wantKey = n < path.length || options.key === true;
      const anchor = wantKey && node.parent?.type === 'property' ? node.parent : node;
      return { ...locate(anchor.offset), pointer: pointerOf(path) };
    }
    return { line: 1, column: 1, pointer: pointerOf(path) };
  };
  return { ok: true, source: { value: getNodeValue(root), positionOf } };
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character.',
  InvalidNumberFormat: 'This is not a valid number.',
  PropertyNameExpected: 'Expected a key in double quotes.',
  ValueExpected: 'Expected a value.',
  ColonExpected: 'Expected ":" after the key.',
  CommaExpected: 'Expected "," between entries.',
  CloseBraceExpected: 'Expected "}" to close the object.',
  CloseBracketExpected: 'Expected "]" to close the array.',
  EndOfFileExpected: 'Unexpected content after the end of the JSON value.',
  InvalidCommentToken: 'Comments are not allowed in scenario JSON.',
  UnexpectedEndOfComment: 'Comments are not allowed in scenario JSON.',
  UnexpectedEndOfString: 'The string is not closed.',
  UnexpectedEndOfNumber: 'The number is cut off.',
  InvalidUnicode: 'Invalid \\u escape.',
  InvalidEscapeCharacter: 'Invalid escape character in a string.',
  InvalidCharacter: 'Invalid character in a string (control characters must be escaped).',
};

function describeSyntaxError(code: string): string {
  return SYNTAX_MESSAGES[code] ?? `JSON syntax error (${code}).`;
}
