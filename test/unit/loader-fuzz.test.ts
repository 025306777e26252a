/**
 * The loader never throws on bad input. Starting from the flagship scenario, every test here makes
 * seeded mutants of one family (wrong types, missing keys, broken references, truncation, duplicate
 * keys, huge values, byte noise, valid-JSON noise), loads each and checks that:
 *   - loadScenario returns instead of throwing, and never hides an internal exception as a diagnostic;
 *   - the result is ok with a scenario, or not ok with well-formed, positioned diagnostics;
 *   - an ok result carries only lint warnings (FD4xx), well-formed and positioned too, and the lint
 *     (which the loader shields from its own bugs) never throws when run directly on the mutant;
 *   - where the expected outcome is certain, the right diagnostic code (and pointer, and position) appears;
 *   - a mutant that passes validation is safe to play for 600 game seconds.
 * Failures are collected per family and name the case index and seed, so any case can be replayed.
 * The cases are seeded, so every run tries the same ones; each family's count is sized so that its
 * outcome counts (the `assertClean` minimums) still reach the codes and the valid mutants it is there
 * for (the first version ran twice as many, at twice the CPU, for no outcome these do not reach).
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { init, step } from '../../src/engine';
import { lintScenario, loadScenario } from '../../src/authoring';
import { readScenario, type LoadResult, type Scenario, type ScenarioLinter } from '../../src/format';
import {
  ARRAYS,
  BASE,
  BASE_TEXT,
  brokenReferenceMutant,
  byteNoiseMutant,
  caseRandom,
  containerAt,
  duplicateKeyMutant,
  expectedPosition,
  FACT_VALUE_KEYS,
  FLAGSHIP_SOURCE,
  isObject,
  isReference,
  layoutOf,
  lineColumnOf,
  missingKeyMutant,
  mutable,
  NON_ROOT,
  NUMBERS,
  OBJECTS,
  patternOf,
  pointerOf,
  pretty,
  REFERENCES,
  REQUIRED,
  setAt,
  STRINGS,
  TOP_LEVEL_ENUMS,
  truncatedMutant,
  wrongTypeMutant,
  type Json,
  type JsonObject,
  type JsonType,
  type Layout,
  type Path,
} from './helpers/flagship-mutants';
import { Random } from './helpers/random';

const FILE = 'scenarios/friday-deploy.json';
const SOURCE = FLAGSHIP_SOURCE;
const MB = 1024 * 1024;

const BASE_LOAD = loadScenario(SOURCE, FILE);

// ---------------------------------------------------------------------------------------------
// Running one case
// ---------------------------------------------------------------------------------------------

const totals = { cases: 0, ok: 0, rejected: 0, played: 0, linted: 0, warned: 0 };
const PLAY_BUDGET = 100;
const PLAY_BUDGET_PER_FAMILY = 25;

class Family {
  readonly problems: string[] = [];
  cases = 0;
  played = 0;
  readonly codes = new Map<string, number>();

  constructor(readonly name: string) {}

  fail(label: string, message: string): void {
    this.problems.push(`[${this.name} ${label}] ${message}`);
  }

  /** Loads one mutant, checks the result's shape and, for pretty-printed mutants, every position. */
  load(label: string, text: string, layout?: Map<string, Layout>): LoadResult | undefined {
    this.cases++;
    totals.cases++;
    let result: LoadResult;
    try {
      result = readScenario(text, FILE, this.watchedLint(label));
    } catch (error) {
      this.fail(label, `loadScenario threw: ${error instanceof Error ? error.stack : String(error)}`);
      return undefined;
    }
    for (const problem of shapeProblems(result, text)) this.fail(label, problem);
    if (layout) {
      for (const d of result.diagnostics ?? []) {
        if (!/^FD[234]/.test(d.code)) continue;
        const want = expectedPosition(layout, d.pointer, d.code);
        if (d.line !== want.line || d.column !== want.column) {
          this.fail(
            label,
            `${d.code} at "${d.pointer}" is positioned ${d.line}:${d.column}, but that value is at ${want.line}:${want.column}`,
          );
        }
      }
    }
    if (!result.ok) {
      totals.rejected++;
      for (const code of new Set(result.diagnostics.map((d) => d.code))) this.codes.set(code, (this.codes.get(code) ?? 0) + 1);
    } else {
      totals.ok++;
      this.codes.set('ok', (this.codes.get('ok') ?? 0) + 1);
      if (result.diagnostics.length > 0) totals.warned++;
      this.play(label, result.scenario);
    }
    return result;
  }

  /**
   * The lint `loadScenario` runs (the same reader with the same linter), watched: the reader turns
   * a lint crash into no warnings, so a throw is caught here first, and the lint runs once per case.
   */
  private watchedLint(label: string): ScenarioLinter {
    return (scenario) => {
      totals.linted++;
      try {
        return lintScenario(scenario);
      } catch (error) {
        this.fail(label, `the lint threw on a validated scenario: ${error instanceof Error ? error.stack : String(error)}`);
        throw error;
      }
    };
  }

  /** A mutant that passes validation must be safe to play. */
  private play(label: string, scenario: Scenario): void {
    if (this.played >= PLAY_BUDGET_PER_FAMILY || totals.played >= PLAY_BUDGET) return;
    this.played++;
    totals.played++;
    try {
      const result = step(scenario, init(scenario, { seed: 1, coach: 'guided' }), { type: 'tick', seconds: 600 });
      if (result.rejected) this.fail(label, `a 600 s tick was refused: ${result.rejected.message}`);
    } catch (error) {
      this.fail(label, `the engine threw on a validated scenario: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  expect(label: string, result: LoadResult | undefined, condition: boolean, message: string): void {
    if (result && !condition) this.fail(label, `${message}; got ${summary(result)}`);
  }

  /** Every failure, listed; the assertion message names the family. `seen`: outcomes (codes or "ok") each case family must produce. */
  assertClean(minCases: number, seen: Record<string, number> = {}): void {
    expect(this.cases, `${this.name}: cases run`).toBeGreaterThanOrEqual(minCases);
    for (const [code, times] of Object.entries(seen)) {
      expect(
        this.codes.get(code) ?? 0,
        `${this.name}: cases with outcome ${code} (${JSON.stringify([...this.codes])})`,
      ).toBeGreaterThanOrEqual(times);
    }
    const shown = this.problems.slice(0, 25);
    if (this.problems.length > shown.length) shown.push(`… and ${this.problems.length - shown.length} more`);
    expect(shown, `${this.name}: ${this.problems.length} problem(s) in ${this.cases} cases`).toEqual([]);
  }
}

function summary(result: LoadResult): string {
  if (result.ok) return 'ok';
  return result.diagnostics
    .slice(0, 4)
    .map((d) => `${d.code} ${d.line}:${d.column} "${d.pointer}" ${d.message.slice(0, 120)}`)
    .join(' | ');
}

const POINTER = /^(\/([^~/]|~[01])*)*$/;

/** What every load result must look like, whatever the input. */
function shapeProblems(result: LoadResult, text: string): string[] {
  if (result === null || typeof result !== 'object') return ['the result is not an object'];
  const problems: string[] = [];
  if (result.ok === true) {
    if (result.scenario === null || typeof result.scenario !== 'object') problems.push('ok without a scenario');
    if (!Array.isArray(result.diagnostics)) return [...problems, 'ok, yet diagnostics is not a list'];
  } else if (result.ok !== false) return ['"ok" is neither true nor false'];
  else if (!Array.isArray(result.diagnostics) || result.diagnostics.length === 0) return ['not ok, yet without a diagnostic'];
  const lines = typeof text === 'string' ? text.split('\n') : [''];
  result.diagnostics.forEach((d, i) => {
    const bad = (what: string) =>
      problems.push(`diagnostic ${i} (${String(d.code)} "${String(d.pointer)}" ${String(d.message).slice(0, 100)}): ${what}`);
    if (typeof d.code !== 'string' || !/^FD\d{3}$/.test(d.code)) bad(`code ${JSON.stringify(d.code)} is not FDnnn`);
    if (d.severity !== 'error' && d.severity !== 'warning') bad(`severity ${JSON.stringify(d.severity)}`);
    // Errors refuse a scenario; the lint's warnings only come with a scenario that loaded.
    if (result.ok && (d.severity !== 'warning' || !/^FD4/.test(d.code))) bad('an ok result may carry only FD4xx warnings');
    if (!result.ok && d.severity !== 'error') bad('a refused scenario reports errors only');
    if (typeof d.message !== 'string' || d.message.trim() === '') bad('empty message');
    if (typeof d.hint !== 'string' || d.hint.trim() === '') bad('empty hint');
    if (d.file !== FILE) bad(`file ${JSON.stringify(d.file)} is not the name passed`);
    if (typeof d.pointer !== 'string' || !POINTER.test(d.pointer)) bad(`pointer ${JSON.stringify(d.pointer)} is not a JSON pointer`);
    if (typeof d.message === 'string' && /undefined undefined|\[object Object\]/.test(d.message)) bad('the message is garbled');
    if (typeof d.message === 'string' && d.message.startsWith('The file could not be read')) {
      bad('the loader caught an internal exception and reported it as a syntax error');
    }
    if (!Number.isInteger(d.line) || d.line < 1 || d.line > lines.length + 1)
      bad(`line ${d.line} is outside the text's ${lines.length} lines`);
    else if (!Number.isInteger(d.column) || d.column < 1) bad(`column ${d.column} is not a positive integer`);
    else {
      const length = lines[d.line - 1]?.length ?? 0;
      if (d.column > length + 1) bad(`column ${d.column} lies past the end of line ${d.line} (${length} characters)`);
    }
  });
  return problems;
}

const codesOf = (result: LoadResult | undefined) => (result && !result.ok ? result.diagnostics.map((d) => d.code) : []);
const has = (result: LoadResult | undefined, code: string, pointer?: string) =>
  !!result && !result.ok && result.diagnostics.some((d) => d.code === code && (pointer === undefined || d.pointer === pointer));
const isAncestorOrSelf = (ancestor: string, pointer: string) => pointer === ancestor || pointer.startsWith(`${ancestor}/`);

// ---------------------------------------------------------------------------------------------
// The families
// ---------------------------------------------------------------------------------------------

describe('the loader never throws on bad input (mutants of the flagship)', () => {
  it('starts from a flagship that loads cleanly', () => {
    expect(BASE_LOAD.ok, BASE_LOAD.ok ? '' : summary(BASE_LOAD)).toBe(true);
    expect(BASE_LOAD.diagnostics).toEqual([]);
    expect(loadScenario(BASE_TEXT, FILE).ok).toBe(true);
    expect(REFERENCES.length).toBeGreaterThan(20);
  });

  it('wrong types: a value replaced by one of another JSON type', () => {
    const family = new Family('wrong type');
    for (let i = 0; i < 50; i++) {
      const { label: what, text, mutant, node, from, to, pointer } = wrongTypeMutant(i);
      const result = family.load(what, text, layoutOf(mutant));

      const key = node.path[node.path.length - 1];
      const primitive = (t: JsonType) => t === 'boolean' || t === 'number' || t === 'string';
      const mayBeValid = typeof key === 'string' && FACT_VALUE_KEYS.has(key) && primitive(from) && primitive(to);
      if (mayBeValid) continue;
      family.expect(what, result, !!result && !result.ok, 'expected a rejection');
      family.expect(
        what,
        result,
        codesOf(result).every((c) => /^FD2\d\d$/.test(c)),
        'expected only FD2xx (schema) diagnostics',
      );
      family.expect(
        what,
        result,
        !!result && !result.ok && result.diagnostics.some((d) => isAncestorOrSelf(d.pointer, pointer)),
        `expected a diagnostic at ${pointer || '(root)'} or an enclosing value`,
      );
      if (node.path.length === 1) {
        const code = TOP_LEVEL_ENUMS.has(String(key)) ? 'FD204' : 'FD200';
        family.expect(what, result, has(result, code, pointer), `expected ${code} at ${pointer}`);
      }
    }
    family.assertClean(50, { FD200: 25, FD204: 1 });
  });

  it('missing keys: a key deleted from an object', () => {
    const family = new Family('missing key');
    for (let i = 0; i < 50; i++) {
      // Half the time an object of a known shape, so required and optional keys both go missing often.
      const { label: what, text, mutant, node, key, pointer } = missingKeyMutant(i);
      const result = family.load(what, text, layoutOf(mutant));

      const required = REQUIRED[patternOf(node.path)];
      if (required === undefined) continue; // inside a condition or effect: the form decides
      if (required.includes(key)) {
        family.expect(what, result, has(result, 'FD201', pointer), `"${key}" is required: expected FD201 "is required" at ${pointer}`);
        family.expect(
          what,
          result,
          codesOf(result).every((c) => /^FD2\d\d$/.test(c)),
          'expected only FD2xx (schema) diagnostics',
        );
      } else {
        // An optional key: the file stays valid, or only references to what it defined break.
        family.expect(
          what,
          result,
          codesOf(result).every((c) => /^FD3\d\d$/.test(c)),
          `"${key}" is optional: expected ok or only FD3xx`,
        );
      }
    }
    family.assertClean(50, { FD201: 12, ok: 2 });
  });

  it('broken references: an id reference changed to an unknown id', () => {
    const family = new Family('broken reference');
    for (let i = 0; i < 40; i++) {
      const { label: what, text, mutant, pointer } = brokenReferenceMutant(i);
      const result = family.load(what, text, layoutOf(mutant));
      family.expect(
        what,
        result,
        !!result && !result.ok && result.diagnostics.length === 1 && has(result, 'FD300', pointer),
        `expected exactly one FD300 at ${pointer}`,
      );
    }
    family.assertClean(40, { FD300: 40 });
  });

  it('truncated JSON: the text cut at a random offset', () => {
    const family = new Family('truncated');
    for (let i = 0; i < 100; i++) {
      const { label: what, text } = truncatedMutant(i);
      const result = family.load(what, text);
      family.expect(what, result, !!result && !result.ok && codesOf(result).every((c) => c === 'FD101'), 'expected only FD101');
    }
    family.assertClean(100, { FD101: 100 });
  });

  it('duplicate keys: a key inserted a second time into an object', () => {
    const family = new Family('duplicate key');
    for (let i = 0; i < 80; i++) {
      const { label: what, text, pointer, at } = duplicateKeyMutant(i);
      const result = family.load(what, text);
      const d = result && !result.ok ? result.diagnostics : [];
      family.expect(
        what,
        result,
        d.length === 1 && d[0]!.code === 'FD102' && d[0]!.pointer === pointer && d[0]!.line === at.line + 1 && d[0]!.column === at.column,
        `expected one FD102 at ${at.line + 1}:${at.column} "${pointer}"`,
      );
    }
    family.assertClean(80, { FD102: 80 });
  });

  it('huge values: 5 MB strings, 100k-element arrays, ±1e308, 10,000-deep nesting, 3 MB files', () => {
    const family = new Family('huge');
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    for (let i = 0; i < 36; i++) {
      const { rng, label } = caseRandom(6, i);
      const root = mutable();
      switch (i % 6) {
        case 0: {
          const node = rng.pick(STRINGS);
          setAt(root, node.path, rng.pick(['x', 'é', '\u2603']).repeat(5 * MB));
          const what = `${label} 5 MB string at ${pointerOf(node.path)}`;
          const result = family.load(what, pretty(root));
          family.expect(what, result, codesOf(result).join() === 'FD100' && has(result, 'FD100', ''), 'expected exactly FD100');
          break;
        }
        case 1: {
          const node = rng.pick(ARRAYS);
          const first = (node.value as Json[])[0];
          const element: Json = first === undefined || typeof first === 'object' ? 0 : first;
          setAt(root, node.path, new Array<Json>(100_000).fill(element));
          const pointer = pointerOf(node.path);
          const text = pretty(root);
          const what = `${label} 100k × ${JSON.stringify(element).slice(0, 30)} at ${pointer} (${(text.length / MB).toFixed(1)} MB)`;
          const result = family.load(what, text);
          if (text.length > 2 * MB) family.expect(what, result, codesOf(result).join() === 'FD100', 'expected exactly FD100');
          else if (element === first)
            family.expect(what, result, has(result, 'FD203', pointer), `expected FD203 (too many entries) at ${pointer}`);
          else
            family.expect(what, result, !!result && !result.ok && codesOf(result).every((c) => /^FD2\d\d$/.test(c)), 'expected only FD2xx');
          break;
        }
        case 2: {
          const node = rng.pick(NUMBERS);
          const value = rng.pick([1e308, -1e308]);
          setAt(root, node.path, value);
          family.load(`${label} ${value} at ${pointerOf(node.path)}`, pretty(root), layoutOf(root));
          break;
        }
        case 3: {
          const node = rng.pick(NON_ROOT);
          setAt(root, node.path, '\u0000deep');
          const marked = pretty(root);
          const offset = marked.indexOf('"\\u0000deep"');
          const text = marked.slice(0, offset) + deep + marked.slice(offset + '"\\u0000deep"'.length);
          // The root and the path's containers enclose the value; the 65th open bracket is too deep.
          const want = lineColumnOf(text, offset + (65 - node.path.length) - 1);
          const what = `${label} 10,000 nested arrays at ${pointerOf(node.path)}`;
          const result = family.load(what, text);
          const d = result && !result.ok ? result.diagnostics : [];
          family.expect(
            what,
            result,
            d.length === 1 && d[0]!.code === 'FD103' && d[0]!.line === want.line && d[0]!.column === want.column,
            `expected one FD103 at ${want.line}:${want.column}`,
          );
          break;
        }
        case 4: {
          let text = BASE_TEXT + ' '.repeat(3 * MB);
          if (rng.chance(0.5)) {
            setAt(root, rng.pick(STRINGS).path, 'y'.repeat(3 * MB));
            text = pretty(root);
          }
          const what = `${label} 3 MB file`;
          const result = family.load(what, text);
          family.expect(what, result, codesOf(result).join() === 'FD100', 'expected exactly FD100');
          break;
        }
        case 5: {
          // Numbers too large for a double parse as Infinity, which no field accepts.
          const node = rng.pick(NUMBERS);
          setAt(root, node.path, '\u0000inf');
          const literal = rng.pick(['1e999', '-1e999']);
          const text = pretty(root).replace('"\\u0000inf"', literal);
          const what = `${label} ${literal} at ${pointerOf(node.path)}`;
          const result = family.load(what, text);
          family.expect(what, result, !!result && !result.ok && codesOf(result).every((c) => /^FD2\d\d$/.test(c)), 'expected only FD2xx');
          break;
        }
      }
    }
    const result = family.load('only brackets', '['.repeat(10_000));
    family.expect(
      'only brackets',
      result,
      codesOf(result).join() === 'FD103' && !!result && !result.ok && result.diagnostics[0]!.column === 65,
      'expected FD103 at 1:65',
    );
    family.assertClean(37, { FD100: 9, FD103: 7, FD203: 3 });
  });

  it('byte noise: random characters flipped, inserted and deleted', () => {
    const family = new Family('byte noise');
    for (let i = 0; i < 100; i++) {
      const { label, text } = byteNoiseMutant(i);
      family.load(label, text);
    }
    family.assertClean(100, { FD101: 25, ok: 1 });
  });

  it('valid-JSON noise: emptied containers, unknown keys, reordered keys, swapped and repeated entries', () => {
    const family = new Family('json noise');
    const fixed: [string, string, (r: LoadResult | undefined) => boolean, string][] = [
      ['empty text', '', (r) => codesOf(r).join() === 'FD101', 'FD101'],
      ['only whitespace', ' \n\t ', (r) => codesOf(r).join() === 'FD101', 'FD101'],
      ['null', 'null', (r) => has(r, 'FD200', ''), 'FD200 at the root'],
      ['an array', '[]', (r) => has(r, 'FD200', ''), 'FD200 at the root'],
      ['a number', '0', (r) => has(r, 'FD200', ''), 'FD200 at the root'],
      ['a string', '"scenario"', (r) => has(r, 'FD200', ''), 'FD200 at the root'],
      ['an empty object', '{}', (r) => has(r, 'FD201', '/title') && has(r, 'FD201', '/format'), 'FD201 at /title and /format'],
      ['CRLF line ends', SOURCE.replace(/\n/g, '\r\n'), (r) => !!r && r.ok, 'ok'],
      ['minified', JSON.stringify(BASE), (r) => !!r && r.ok, 'ok'],
      ['byte order mark', `\ufeff${SOURCE}`, () => true, 'anything well-formed'],
    ];
    for (const [what, text, check, wanted] of fixed) {
      const result = family.load(what, text);
      family.expect(what, result, check(result), `expected ${wanted}`);
    }
    for (const input of [undefined, null, 42, {}, [], new Uint8Array(4)]) {
      const what = `non-string input ${Object.prototype.toString.call(input)}`;
      family.cases++;
      totals.cases++;
      try {
        const result = loadScenario(input as unknown as string, FILE);
        family.expect(
          what,
          result,
          codesOf(result).join() === 'FD101' && !result.ok && result.diagnostics[0]!.file === FILE,
          'expected FD101',
        );
      } catch (error) {
        family.fail(what, `loadScenario threw: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }

    const baseScenario = BASE_LOAD.ok ? BASE_LOAD.scenario : undefined;
    for (let i = 0; i < 50; i++) {
      const { rng, label } = caseRandom(8, i);
      const root = mutable();
      const kind = i % 7;
      let what = label;
      if (kind === 0) {
        const node = rng.pick(ARRAYS);
        setAt(root, node.path, []);
        what += ` empty array at ${pointerOf(node.path)}`;
      } else if (kind === 1) {
        const node = rng.pick(OBJECTS.filter((n) => n.path.length > 0));
        setAt(root, node.path, {});
        what += ` empty object at ${pointerOf(node.path)}`;
      } else if (kind === 2) {
        const node = rng.pick(OBJECTS);
        const key = rng.pick(['zzUnknown', 'Id', 'ttl', '__proto__', 'constructor', 'toString', 'description ']);
        const target = containerAt(root, node.path) as JsonObject;
        Object.defineProperty(target, key, {
          value: rng.pick<Json>([1, 'x', null, { title: 'x' }]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        const pointer = pointerOf([...node.path, key]);
        what += ` unknown key ${pointer}`;
        const result = family.load(what, pretty(root), layoutOf(root));
        family.expect(
          what,
          result,
          codesOf(result).join() === 'FD202' && has(result, 'FD202', pointer),
          `expected exactly FD202 at ${pointer}`,
        );
        continue;
      } else if (kind === 3) {
        const node = rng.pick(OBJECTS.filter((n) => Object.keys(n.value as JsonObject).length > 1));
        const object = node.value as JsonObject;
        const shuffled: JsonObject = {};
        for (const key of rng.shuffle(Object.keys(object))) shuffled[key] = structuredClone(object[key]!);
        if (node.path.length > 0) setAt(root, node.path, shuffled);
        const mutant = node.path.length > 0 ? root : shuffled;
        what += ` keys reordered at ${pointerOf(node.path) || '(root)'}`;
        const result = family.load(what, pretty(mutant), layoutOf(mutant));
        family.expect(
          what,
          result,
          !!result && result.ok && isDeepStrictEqual(result.scenario, baseScenario),
          'key order must not matter: expected the same scenario',
        );
        continue;
      } else if (kind === 4) {
        const node = rng.pick(ARRAYS.filter((n) => (n.value as Json[]).length > 1));
        const array = containerAt(root, node.path) as Json[];
        const a = rng.int(0, array.length - 1);
        const b = rng.int(0, array.length - 1);
        [array[a], array[b]] = [array[b]!, array[a]!];
        what += ` swapped ${pointerOf(node.path)}/${a} and /${b}`;
      } else if (kind === 5) {
        const node = rng.pick(ARRAYS.filter((n) => (n.value as Json[]).length > 0));
        const array = containerAt(root, node.path) as Json[];
        const index = rng.int(0, array.length - 1);
        array.splice(rng.int(0, array.length), 0, structuredClone(array[index]!));
        what += ` repeated ${pointerOf(node.path)}/${index}`;
      } else {
        const node = rng.pick([...NUMBERS, ...STRINGS].filter((n) => n.path.length > 0));
        const value =
          typeof node.value === 'number'
            ? rng.pick([0, 1, -1, 0.5, 59, 1e6, -86_401])
            : rng.pick(['', ' ', 'Hello', 'zz-other', '#zzzzzz']);
        setAt(root, node.path, value);
        what += ` ${pointerOf(node.path)} → ${JSON.stringify(value)}`;
      }
      family.load(what, pretty(root), layoutOf(root));
    }
    family.assertClean(66, { FD202: 5, ok: 10 });
  });

  it('ran at least 500 cases, and played the mutants that passed validation', () => {
    expect(totals.cases).toBeGreaterThanOrEqual(500);
    expect(totals.ok).toBeGreaterThan(0);
    expect(totals.rejected).toBeGreaterThan(0);
    expect(totals.played).toBeGreaterThan(20);
    expect(totals.linted).toBe(totals.ok);
    expect(totals.warned, 'mutants that loaded with lint warnings').toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// A validated scenario is safe to play whatever its ids are called
// ---------------------------------------------------------------------------------------------

/** The first place two JSON values differ, as "pointer: a ≠ b". */
function firstDifference(a: unknown, b: unknown, pointer = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${pointer || '(root)'}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`;
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${pointer}/${key}`);
    if (d) return d;
  }
  return undefined;
}

/** Renames one id everywhere it is defined or referred to (ids and reference fields only, never prose). */
function renameId(value: Json, from: string, to: string, path: Path = []): Json {
  if (Array.isArray(value)) return value.map((v, i) => renameId(v, from, to, [...path, i]));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameId(v, from, to, [...path, k])]));
  const last = path[path.length - 1];
  const idLike = last === 'id' || last === 'choice' || isReference(path);
  return idLike && value === from ? to : value;
}

describe('a validated scenario plays the same whatever its ids are called', () => {
  it('renaming an id (even to "constructor") changes nothing but the name', () => {
    // Lists whose ids key the engine's per-run records (seen, posted, triggers, hints, rules) get two samples.
    const lists: [string, number][] = [
      ['facts', 1],
      ['services', 1],
      ['metrics', 1],
      ['deploys', 1],
      ['channels', 1],
      ['characters', 1],
      ['actions', 1],
      ['endings', 1],
      ['evidence', 2],
      ['messages', 2],
      ['triggers', 2],
      ['hints', 2],
      ['scoring/rules', 2],
    ];
    const rng = new Random(9);
    const problems: string[] = [];
    const run = (name: string, id: string): { state?: unknown; rejected?: LoadResult } => {
      const result = loadScenario(pretty(renameId(BASE, id, name)), FILE);
      if (!result.ok) return { rejected: result };
      const state = step(result.scenario, init(result.scenario, { seed: 3, coach: 'guided' }), { type: 'tick', seconds: 3600 }).state;
      // Put the original name back wherever the new one appears as a whole id (keys, values, "hint:" posts).
      return { state: JSON.parse(JSON.stringify(state).replace(new RegExp(`([":])${name}"`, 'g'), `$1${id}"`)) };
    };
    for (const [list, samples] of lists) {
      const items = list.split('/').reduce<Json | undefined>((v, k) => (isObject(v) ? v[k] : undefined), BASE);
      for (const item of rng.shuffle(Array.isArray(items) ? items : []).slice(0, samples)) {
        const id = String((item as JsonObject).id);
        const plain = run('zz-renamed', id);
        if (plain.rejected) {
          problems.push(`${list} id "${id}" renamed to "zz-renamed" was rejected: ${summary(plain.rejected)}`);
          continue;
        }
        // Refusing "constructor" as an id (with a diagnostic) would be fine too; accepting it and playing differently is not.
        const tricky = run('constructor', id);
        if (tricky.rejected) continue;
        // Compare the per-id records first, so a failure names the record that went wrong.
        const ordered = (state: unknown) => {
          const { posted, seen, hints, triggers, rules, ...rest } = state as Record<string, unknown>;
          return { posted, seen, hints, triggers, rules, ...rest };
        };
        const difference = firstDifference(ordered(plain.state), ordered(tricky.state));
        if (difference) problems.push(`${list} id "${id}" renamed to "constructor" plays differently from "zz-renamed": ${difference}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
