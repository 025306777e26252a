/**
 * Mutants of the flagship scenario for the fuzz tests: the JSON path tools, what the flagship looks
 * like (so mutations can be aimed), and one seeded generator per mutation family. The loader fuzz
 * test checks the loader's diagnostics on them; the CLI fuzz test feeds them to `check` and `explore`.
 * Case `i` of a family is always the same mutant, so a failure can be replayed from its label.
 */
import { readFileSync } from 'node:fs';
import { Random } from './random';

export const FLAGSHIP_SOURCE = readFileSync(new URL('../../../scenarios/friday-deploy.json', import.meta.url), 'utf8');
const SOURCE = FLAGSHIP_SOURCE;

// ---------------------------------------------------------------------------------------------
// JSON values and paths
// ---------------------------------------------------------------------------------------------

export type Json = null | boolean | number | string | Json[] | JsonObject;
export type JsonObject = { [key: string]: Json };
export type Path = (string | number)[];
export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function typeOf(v: Json): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as JsonType;
}

export const escapeSegment = (s: string | number) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');
export const pointerOf = (path: Path) => path.map((p) => `/${escapeSegment(p)}`).join('');

export interface Node {
  path: Path;
  value: Json;
}

export function nodesOf(root: Json): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [{ path: [], value: root }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    if (Array.isArray(node.value)) node.value.forEach((v, i) => stack.push({ path: [...node.path, i], value: v }));
    else if (isObject(node.value)) for (const [k, v] of Object.entries(node.value)) stack.push({ path: [...node.path, k], value: v });
  }
  return out;
}

export function containerAt(root: Json, path: Path): Json[] | JsonObject {
  let value: Json = root;
  for (const key of path) value = (value as Record<string | number, Json>)[key]!;
  return value as Json[] | JsonObject;
}

/** Replaces the value at a (non-empty) path, keeping "__proto__" an ordinary own key. */
export function setAt(root: Json, path: Path, value: Json): void {
  const parent = containerAt(root, path.slice(0, -1));
  Object.defineProperty(parent, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
}

export function deleteAt(root: Json, path: Path): void {
  const parent = containerAt(root, path.slice(0, -1)) as JsonObject;
  delete parent[path[path.length - 1] as string];
}

export const pretty = (v: Json) => JSON.stringify(v, null, 2);

export interface Place {
  line: number;
  column: number;
}

/** Where a value of `JSON.stringify(root, null, 2)` starts, and where its key starts when it is an object member. */
export interface Layout {
  value: Place;
  key?: Place;
}

/** Every value's place in the pretty-printed text: an oracle independent of the loader. */
export function layoutOf(root: Json): Map<string, Layout> {
  const map = new Map<string, Layout>();
  let line = 1;
  const visit = (value: Json, pointer: string, depth: number, key?: string) => {
    const column = 2 * depth + 1;
    map.set(
      pointer,
      key === undefined
        ? { value: { line, column } }
        : { key: { line, column }, value: { line, column: column + JSON.stringify(key).length + 2 } },
    );
    const members = isObject(value);
    const entries: [string, Json][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : members ? Object.entries(value) : [];
    if (entries.length === 0) return;
    for (const [k, child] of entries) {
      line++;
      visit(child, `${pointer}/${escapeSegment(k)}`, depth + 1, members ? k : undefined);
    }
    line++;
  };
  visit(root, '', 0);
  return map;
}

/**
 * The position the loader reports for a pointer: the value itself when it exists (its key for an
 * unknown field); otherwise the nearest existing ancestor, by its key when it is an object member.
 */
export function expectedPosition(layout: Map<string, Layout>, pointer: string, code: string): Place {
  const own = layout.get(pointer);
  if (own) return code === 'FD202' ? (own.key ?? own.value) : own.value;
  const segments = pointer === '' ? [] : pointer.slice(1).split('/');
  for (let n = segments.length - 1; n >= 0; n--) {
    const at = layout.get(
      segments
        .slice(0, n)
        .map((s) => `/${s}`)
        .join(''),
    );
    if (at) return at.key ?? at.value;
  }
  return { line: 1, column: 1 };
}

export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

// ---------------------------------------------------------------------------------------------
// What the flagship looks like, so mutations can be aimed and expectations computed
// ---------------------------------------------------------------------------------------------

export const BASE = JSON.parse(SOURCE) as JsonObject;
export const BASE_TEXT = pretty(BASE);
export const BASE_LAYOUT = layoutOf(BASE);
export const ALL = nodesOf(BASE);
export const NON_ROOT = ALL.filter((n) => n.path.length > 0);
export const OBJECTS = ALL.filter((n) => isObject(n.value) && Object.keys(n.value).length > 0);
export const ARRAYS = NON_ROOT.filter((n) => Array.isArray(n.value));
export const STRINGS = ALL.filter((n) => typeof n.value === 'string');
export const NUMBERS = ALL.filter((n) => typeof n.value === 'number');
export const MEMBERS = NON_ROOT.filter((n) => typeof n.path[n.path.length - 1] === 'string');

/** Keys whose string value refers to an id defined elsewhere in the scenario. */
export const REFERENCE_KEYS = new Set([
  'fact',
  'metric',
  'service',
  'did',
  'doing',
  'seen',
  'sent',
  'answered', // conditions and "since"
  'set',
  'add',
  'reveal',
  'send', // effects
  'channel',
  'from',
  'author',
  'evidence',
  'ifIgnored',
  'action',
  'character', // messages, deploys, expert path, coach
]);

export function isReference(path: Path): boolean {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (typeof last === 'number') return parent === 'dependsOn' || (path.length === 3 && path[0] === 'relapse' && parent === 'messages');
  return typeof last === 'string' && REFERENCE_KEYS.has(last);
}

export const REFERENCES = STRINGS.filter((n) => isReference(n.path));

/** Keys whose value is a FactValue (boolean, number or string): swapping between those types may be valid. */
export const FACT_VALUE_KEYS = new Set(['initial', 'eq', 'ne', 'to']);

/** Required keys of the objects at each (non-union) position of the format; absent patterns are unknown. */
export const REQUIRED: Record<string, readonly string[]> = {
  '': [
    'format',
    'id',
    'version',
    'title',
    'summary',
    'difficulty',
    'estimatedMinutes',
    'lessons',
    'briefing',
    'clock',
    'services',
    'channels',
    'characters',
    'actions',
    'incident',
    'endings',
  ],
  'lessons/*': ['id', 'text'],
  briefing: ['role', 'situation'],
  clock: ['weekday', 'start', 'limitSeconds'],
  player: [],
  coach: ['character', 'channel'],
  'facts/*': ['id', 'description', 'initial'],
  'services/*': ['id', 'name'],
  'services/*/health/*': ['when', 'is'],
  'metrics/*': ['id', 'name', 'unit', 'baseline'],
  'metrics/*/levels/*': ['when', 'value'],
  'deploys/*': ['id', 'at', 'service', 'title', 'author', 'summary'],
  'evidence/*': ['id', 'kind', 'title', 'body'],
  'channels/*': ['id', 'name', 'kind'],
  'characters/*': ['id', 'name', 'role', 'color'],
  'messages/*': ['id', 'channel', 'from', 'text'],
  'messages/*/repeat': ['every', 'while'],
  'messages/*/asks': ['replies'],
  'messages/*/asks/replies/*': ['id', 'label', 'text'],
  'actions/*': ['id', 'label', 'category', 'duration', 'outcomes'],
  'actions/*/requires/*': ['when', 'reason'],
  'actions/*/outcomes/*': ['text', 'verdict'],
  'triggers/*': ['id', 'when'],
  'hints/*': ['id', 'level', 'when', 'text'],
  incident: ['impact', 'stabilised', 'understood', 'fixed', 'verified'],
  relapse: [],
  'endings/*': ['id', 'kind', 'title', 'text'],
  'expertPath/*': ['at', 'action', 'why'],
  scoring: [],
  'scoring/weights': [],
  'scoring/rules/*': ['id', 'dimension', 'points', 'when', 'text'],
};

export const patternOf = (path: Path) => path.map((p) => (typeof p === 'number' ? '*' : p)).join('/');
export const KNOWN_OBJECTS = OBJECTS.filter((n) => REQUIRED[patternOf(n.path)] !== undefined);

/** Top-level keys whose schema is an enum or literal: a wrong type there is an invalid value. */
export const TOP_LEVEL_ENUMS = new Set(['format', 'difficulty']);

// ---------------------------------------------------------------------------------------------
// The mutation families: case i of a family is always the same mutant
// ---------------------------------------------------------------------------------------------

export function caseRandom(familySeed: number, index: number): { rng: Random; seed: number; label: string } {
  const seed = familySeed * 100_000 + index;
  return { rng: new Random(seed), seed, label: `#${index} seed=${seed}` };
}

const BASE_JSON = JSON.stringify(BASE);
export const mutable = () => JSON.parse(BASE_JSON) as JsonObject;

/** What a generator made: the text to load, a label naming the case, and what the test needs to judge it. */
export interface Mutant {
  label: string;
  text: string;
}

/** Values of each JSON type a wrong-type mutant puts in place of one of another type. */
export const WRONG_TYPE_REPLACEMENTS: Record<JsonType, Json[]> = {
  null: [null],
  boolean: [true, false],
  number: [42, -1, 0.5, 0],
  string: ['fuzz', '', '42', 'true'],
  array: [[], [1, 'a'], [null]],
  object: [{}, { a: 1 }],
};
const JSON_TYPES = Object.keys(WRONG_TYPE_REPLACEMENTS) as JsonType[];

/** A value replaced by one of another JSON type. */
export function wrongTypeMutant(i: number): Mutant & { mutant: Json; node: Node; from: JsonType; to: JsonType; pointer: string } {
  const { rng, label } = caseRandom(1, i);
  const node = rng.pick(ALL);
  const from = typeOf(node.value);
  const to = rng.pick(JSON_TYPES.filter((t) => t !== from));
  const value = structuredClone(rng.pick(WRONG_TYPE_REPLACEMENTS[to]));
  const root = mutable();
  if (node.path.length > 0) setAt(root, node.path, value);
  const mutant: Json = node.path.length > 0 ? root : value;
  const pointer = pointerOf(node.path);
  return {
    label: `${label} ${pointer || '(root)'}: ${from} → ${JSON.stringify(value)}`,
    text: pretty(mutant),
    mutant,
    node,
    from,
    to,
    pointer,
  };
}

/** A key deleted from an object; half the time from an object of a known shape. */
export function missingKeyMutant(i: number): Mutant & { mutant: Json; node: Node; key: string; pointer: string } {
  const { rng, label } = caseRandom(2, i);
  const node = rng.pick(rng.chance(0.5) ? KNOWN_OBJECTS : OBJECTS);
  const key = rng.pick(Object.keys(node.value as JsonObject));
  const root = mutable();
  deleteAt(root, [...node.path, key]);
  const pointer = pointerOf([...node.path, key]);
  return { label: `${label} delete ${pointer}`, text: pretty(root), mutant: root, node, key, pointer };
}

/** An id reference changed to an id nothing defines. */
export function brokenReferenceMutant(i: number): Mutant & { mutant: Json; pointer: string } {
  const { rng, label } = caseRandom(3, i);
  const node = rng.pick(REFERENCES);
  const unknown = `zz-unknown-${rng.int(0, 99_999)}`;
  const root = mutable();
  setAt(root, node.path, unknown);
  const pointer = pointerOf(node.path);
  return { label: `${label} ${pointer}: "${String(node.value)}" → "${unknown}"`, text: pretty(root), mutant: root, pointer };
}

const LAST_BRACE = SOURCE.lastIndexOf('}');

/** The text cut at a random offset (case 0: nothing left; case 1: just before the last brace). */
export function truncatedMutant(i: number): Mutant {
  const { rng, label } = caseRandom(4, i);
  const cut = i === 0 ? 0 : i === 1 ? LAST_BRACE : rng.int(0, LAST_BRACE);
  return { label: `${label} cut at ${cut}`, text: SOURCE.slice(0, cut) };
}

const BASE_LINES = BASE_TEXT.split('\n');

/** A member inserted a second time into its object, just before the original. */
export function duplicateKeyMutant(i: number): Mutant & { pointer: string; at: Place } {
  const { rng, label } = caseRandom(5, i);
  const node = rng.pick(MEMBERS);
  const pointer = pointerOf(node.path);
  const at = BASE_LAYOUT.get(pointer)!.key!;
  const key = String(node.path[node.path.length - 1]);
  const indent = ' '.repeat(at.column - 1);
  const original = BASE_LINES[at.line - 1]!;
  const oneLine = typeof node.value !== 'object' || node.value === null || Object.keys(node.value).length === 0;
  const inserted =
    oneLine && rng.chance(0.5)
      ? original.endsWith(',')
        ? original
        : `${original},` // the same member, value and all
      : `${indent}${JSON.stringify(key)}: ${JSON.stringify(rng.pick<Json>([0, 'dup', null, true, [], {}]))},`;
  const text = [...BASE_LINES.slice(0, at.line - 1), inserted, ...BASE_LINES.slice(at.line - 1)].join('\n');
  return { label: `${label} ${pointer} duplicated at line ${at.line}`, text, pointer, at };
}

const NOISE_PALETTE = '{}[]":,\\ \t\n\r0123456789.-+eEtrufalsn\u0000\u0001\u001f\u007f\u00e9\u2028\ud800\udc00\ufeff\ufffd';
const randomChar = (rng: Random) => (rng.chance(0.7) ? rng.pick([...NOISE_PALETTE]) : String.fromCharCode(rng.int(0, 0xffff)));

/** One to four characters flipped, inserted or deleted anywhere in the file. */
export function byteNoiseMutant(i: number): Mutant {
  const { rng, label } = caseRandom(7, i);
  let text = SOURCE;
  const edits: string[] = [];
  for (let e = rng.int(1, 4); e > 0; e--) {
    const at = rng.int(0, text.length - 1);
    const kind = rng.pick(['flip', 'insert', 'delete'] as const);
    if (kind === 'flip') text = text.slice(0, at) + randomChar(rng) + text.slice(at + 1);
    else if (kind === 'insert')
      text = text.slice(0, at) + Array.from({ length: rng.int(1, 3) }, () => randomChar(rng)).join('') + text.slice(at);
    else text = text.slice(0, at) + text.slice(at + rng.int(1, 3));
    edits.push(`${kind}@${at}`);
  }
  return { label: `${label} ${edits.join(' ')}`, text };
}

/** The families above by name, for tests that run a few cases of each. */
export const MUTATION_FAMILIES: Record<string, (i: number) => Mutant> = {
  'wrong type': wrongTypeMutant,
  'missing key': missingKeyMutant,
  'broken reference': brokenReferenceMutant,
  truncated: truncatedMutant,
  'duplicate key': duplicateKeyMutant,
  'byte noise': byteNoiseMutant,
};
