/**
 * docs/diagnostics.md documents every diagnostic code with an example, and the examples are the test
 * cases: this file reads them from the page, so the docs cannot drift from the loader. A ```json FDnnn
 * block lists keys that replace the minimal scenario's (the ```json minimal block); a ```text FDnnn
 * block is a whole file. Loading each must report its code and nothing else.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, EXPLORE_CATALOGUE, type DiagnosticCode } from '../../src/format';
import { loadScenario } from '../../src/authoring';

const DOC = readFileSync(new URL('../../docs/diagnostics.md', import.meta.url), 'utf8');
const CODES = Object.keys(CATALOGUE) as DiagnosticCode[];

interface Block {
  lang: string;
  tag: string;
  body: string;
}

/** Fenced blocks whose info string has a tag after the language ("json FD300", "json minimal"). */
function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  const fence = /^```(\w+)[ \t]+(\S+)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown)) out.push({ lang: m[1]!, tag: m[2]!, body: m[3]! });
  return out;
}

const BLOCKS = blocks(DOC);
const MINIMAL = BLOCKS.find((b) => b.tag === 'minimal');
const EXAMPLES = BLOCKS.filter((b) => /^FD\d{3}$/.test(b.tag));
/** Codes whose example is described in words, too big to print: built here from the description. */
const BUILT: Partial<Record<DiagnosticCode, () => string>> = {
  // "any scenario padded past 2 MB, say with a 2 MB summary"
  FD100: () => JSON.stringify({ ...minimal(), summary: 'x'.repeat(2 * 1024 * 1024) }, null, 2),
};

function minimal(): Record<string, unknown> {
  if (!MINIMAL) throw new Error('docs/diagnostics.md has no ```json minimal block');
  return JSON.parse(MINIMAL.body) as Record<string, unknown>;
}

function textOf(block: Block): string {
  if (block.lang === 'text') return block.body.replace(/\n$/, '');
  if (block.lang !== 'json') throw new Error(`${block.tag}: examples are json (a patch) or text (a file), not ${block.lang}`);
  return JSON.stringify({ ...minimal(), ...(JSON.parse(block.body) as Record<string, unknown>) }, null, 2);
}

describe('the diagnostic catalogue in docs/diagnostics.md', () => {
  it('starts from a minimal scenario that loads without any diagnostic', () => {
    const result = loadScenario(JSON.stringify(minimal(), null, 2), 'minimal.json');
    expect(result.diagnostics.map((d) => `${d.code} ${d.pointer} ${d.message}`)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('documents every code in the catalogue, with its title and severity, and no code that does not exist', () => {
    const headings = [...DOC.matchAll(/^### (FD\d{3}) (.+)\n\n\*\*(error|warning)\*\*/gm)].map((m) => ({
      code: m[1]!,
      title: m[2]!.trim(),
      severity: m[3]!,
    }));
    expect(headings.map((h) => h.code)).toEqual(CODES);
    for (const h of headings) {
      const entry = CATALOGUE[h.code as DiagnosticCode];
      expect({ code: h.code, title: h.title, severity: h.severity }).toEqual({
        code: h.code,
        title: entry.title,
        severity: entry.severity,
      });
    }
  });

  it("documents every explorer finding's code, with its title and severity, and no code that does not exist", () => {
    // Explorer findings come from playing a scenario, not loading it: test/unit/explore.test.ts shows each.
    const headings = [...DOC.matchAll(/^### (explore\.[a-z-]+) (.+)\n\n\*\*(error|warning)\*\*/gm)].map((m) => ({
      code: m[1]!,
      title: m[2]!.trim(),
      severity: m[3]!,
    }));
    expect(headings.map((h) => h.code)).toEqual(Object.keys(EXPLORE_CATALOGUE));
    for (const h of headings) {
      const entry = EXPLORE_CATALOGUE[h.code as keyof typeof EXPLORE_CATALOGUE];
      expect(h).toEqual({ code: h.code, title: entry.title, severity: entry.severity });
    }
  });

  it('has exactly one example per code, printed or built', () => {
    const printed = EXAMPLES.map((b) => b.tag);
    expect(new Set(printed).size).toBe(printed.length);
    expect([...printed, ...Object.keys(BUILT)].sort()).toEqual([...CODES].sort());
  });

  it.each(EXAMPLES.map((b) => [b.tag, b] as const))('the %s example reports exactly that code', (code, block) => {
    const result = loadScenario(textOf(block), `${code}.json`);
    expect(result.diagnostics.map((d) => d.code)).not.toEqual([]);
    expect([...new Set(result.diagnostics.map((d) => d.code))]).toEqual([code]);
    expect(result.ok).toBe(CATALOGUE[code as DiagnosticCode].severity === 'warning');
  });

  it.each(Object.entries(BUILT))('the %s example, built from its description, reports exactly that code', (code, build) => {
    const result = loadScenario(build(), `${code}.json`);
    expect([...new Set(result.diagnostics.map((d) => d.code))]).toEqual([code]);
  });
});
