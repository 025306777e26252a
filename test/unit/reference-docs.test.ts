/**
 * The authoring docs stay true: the generated field reference matches the schema, the tutorial's
 * scenario loads and its test plans play as promised, and every JSON block in the tutorial is a
 * piece of that scenario or its scripts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioReference, undescribedFields } from '../../scripts/generate-reference';
import { CONDITION_KEYS, ScenarioSchema, type Scenario } from '../../src/format';
import { compileScript, loadScenario, runScript } from '../../src/authoring';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

const EXAMPLE = 'docs/examples/cache-stampede.json';
const SCRIPTS = ['methodical', 'frantic'] as const;
const scriptPath = (name: string) => `docs/examples/scripts/cache-stampede/${name}.json`;

function loadExample(): Scenario {
  const result = loadScenario(read(EXAMPLE), EXAMPLE);
  if (!result.ok)
    throw new Error(
      `${EXAMPLE} does not load:\n${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('\n')}`,
    );
  return result.scenario;
}

function play(scenario: Scenario, name: string) {
  const compiled = compileScript(scenario, JSON.parse(read(scriptPath(name))));
  if (!compiled.ok) throw new Error(`${name}: ${compiled.errors.join('; ')}`);
  return runScript(scenario, compiled.script, compiled.compiled);
}

/** The text between an anchor and the next one. */
function sectionAt(page: string, anchor: string): string {
  const start = page.indexOf(`<a id="${anchor}"></a>`);
  expect(start, `anchor "${anchor}"`).toBeGreaterThanOrEqual(0);
  const end = page.indexOf('<a id="', start + 1);
  return page.slice(start, end === -1 ? undefined : end);
}

const anchorsOf = (page: string) => new Set([...page.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));

describe('the scenario reference (docs/scenario-reference.md)', () => {
  const page = read('docs/scenario-reference.md');

  it('is committed up to date with the schema (run `npm run reference` after changing it)', () => {
    expect(page).toBe(scenarioReference());
  });

  it('has a row for every top-level field of a scenario', () => {
    const top = sectionAt(page, 'scenario');
    for (const field of Object.keys(ScenarioSchema.shape)) expect(top).toContain(`| \`${field}\` |`);
  });

  it('has a section for every condition form and every effect form', () => {
    for (const key of CONDITION_KEYS) expect(sectionAt(page, `condition-${key}`)).toContain(`| \`${key}\` |`);
    for (const key of ['set', 'add', 'reveal', 'send']) expect(sectionAt(page, `effect-${key}`)).toContain(`| \`${key}\` |`);
  });

  it('describes every field, from the schema itself', () => {
    // The page and editors' hover help both read .describe() texts: a new field needs one in
    // src/format/schema.ts (or src/authoring/action-script.ts for a "script:" field).
    expect(undescribedFields(), 'fields with no description').toEqual([]);
  });

  it('links only to anchors it defines', () => {
    const anchors = anchorsOf(page);
    const links = [...page.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(50);
    expect(links.filter((link) => !anchors.has(link))).toEqual([]);
  });
});

describe('the tutorial scenario (docs/examples/cache-stampede.json)', () => {
  it('loads with no diagnostics at all', () => {
    const result = loadScenario(read(EXAMPLE), EXAMPLE);
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.each(SCRIPTS)('meets the expectations of its %s script', (name) => {
    const run = play(loadExample(), name);
    expect(run.refused).toEqual([]);
    expect(run.unmet).toEqual([]);
  });

  it('scores method well above panic, and its expert path earns an A', () => {
    const scenario = loadExample();
    const methodical = play(scenario, 'methodical').score;
    const frantic = play(scenario, 'frantic').score;
    expect(methodical.grade).toBe('A');
    expect(methodical.total - frantic.total).toBeGreaterThanOrEqual(40);
    const expert = compileScript(scenario, { scenario: scenario.id, steps: scenario.expertPath.map((s) => ({ at: s.at, do: s.action })) });
    if (!expert.ok) throw new Error(expert.errors.join('; '));
    const run = runScript(scenario, expert.script, expert.compiled);
    expect(run.refused).toEqual([]);
    expect(run.state.ending?.kind).toBe('resolved');
    expect(run.score.grade).toBe('A');
  });
});

/** True when `part` is a piece of `whole`: same values, objects may leave keys out, lists keep order. */
function isPieceOf(part: unknown, whole: unknown): boolean {
  if (Array.isArray(part)) {
    if (!Array.isArray(whole)) return false;
    let i = 0;
    for (const item of part) {
      while (i < whole.length && !isPieceOf(item, whole[i])) i++;
      if (i === whole.length) return false;
      i++;
    }
    return true;
  }
  if (part !== null && typeof part === 'object') {
    if (whole === null || typeof whole !== 'object' || Array.isArray(whole)) return false;
    const w = whole as Record<string, unknown>;
    // The example lives in docs/examples/, so its "$schema" path differs from the tutorial's.
    return Object.entries(part).every(([key, value]) => key === '$schema' || (key in w && isPieceOf(value, w[key])));
  }
  return part === whole;
}

/** Every object and list in a JSON value, the value itself included. */
function subtrees(value: unknown): unknown[] {
  if (value === null || typeof value !== 'object') return [];
  const children = Array.isArray(value) ? value : Object.values(value);
  return [value, ...children.flatMap(subtrees)];
}

describe('the tutorial (docs/writing-scenarios.md)', () => {
  const page = read('docs/writing-scenarios.md');
  const blocks = [...page.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const example = JSON.parse(read(EXAMPLE)) as Record<string, unknown>;
  const sources = [example, ...SCRIPTS.map((name) => JSON.parse(read(scriptPath(name))) as unknown)];
  const candidates = sources.flatMap(subtrees);

  it('has JSON blocks that all parse', () => {
    expect(blocks.length).toBeGreaterThan(20);
    for (const block of blocks) expect(() => JSON.parse(block), block.slice(0, 80)).not.toThrow();
  });

  it('shows only pieces of the finished example or its scripts, never a value they do not have', () => {
    const strays = blocks.filter((block) => !candidates.some((whole) => isPieceOf(JSON.parse(block), whole)));
    expect(strays.map((block) => block.slice(0, 120))).toEqual([]);
  });

  it('walks through every top-level field of the example (a list may be shown by its items)', () => {
    const parsed = blocks.map((block) => JSON.parse(block) as unknown);
    const shown = (field: string) => {
      const value = example[field];
      return parsed.some(
        (block) =>
          (block !== null && typeof block === 'object' && field in block) ||
          (Array.isArray(value) && value.some((item) => isPieceOf(block, item))),
      );
    };
    expect(Object.keys(example).filter((field) => !shown(field))).toEqual([]);
  });

  it("shows the explorer's report as the explorer prints it for the example", () => {
    const sample = /npx firedrill explore [^\n]*\n```\n[\s\S]*?```text\n([\s\S]*?)```/.exec(page)?.[1];
    expect(sample, 'the explore sample output').toBeDefined();
    const run = spawnSync(process.execPath, ['bin/firedrill.mjs', 'explore', EXAMPLE], {
      cwd: new URL('../..', import.meta.url),
      encoding: 'utf8',
      timeout: 60_000,
    });
    const printed = run.stdout.split('\n').map((line) => line.trim());
    // Each shown line is printed as it is; one cut short with "…" begins a printed line; a lone "…" stands for lines left out.
    const shown = sample!
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && line !== '…');
    expect(shown.length).toBeGreaterThan(3);
    const drifted = shown.filter((line) => {
      const cut = line.endsWith('…');
      const head = cut ? line.slice(0, -1).trimEnd() : line;
      return !printed.some((p) => (cut ? p.startsWith(head) : p === head));
    });
    expect(drifted).toEqual([]);
  });

  it('links to the reference, the format and its diagnostics, at anchors that exist', () => {
    expect(page).toContain('](scenario-reference.md)');
    expect(page).toContain('](scenario-format.md#diagnostics)');
    const reference = anchorsOf(read('docs/scenario-reference.md'));
    const links = [...page.matchAll(/\]\(scenario-reference\.md#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.filter((anchor) => !reference.has(anchor))).toEqual([]);
    const format = read('docs/scenario-format.md');
    for (const heading of ['## Diagnostics', '## Scoring', '## Action scripts']) expect(format).toContain(heading);
  });
});
