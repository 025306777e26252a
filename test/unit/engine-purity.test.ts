import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = join(import.meta.dirname, '../../src');
/** The engine and the format it reads: both run unchanged in a browser, a Node CLI and a team server. */
const files = ['engine', 'format'].flatMap((dir) =>
  readdirSync(join(srcDir, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => posix.join(dir, f.split(sep).join('/'))),
);

/** What the engine may not touch: it must run the same in a browser, a Node CLI and a team server. */
const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"](phaser|howler|zustand)(\/[^'"]*)?['"]/, 'imports a view or store library'],
  [/from\s+['"](node:[^'"]+|fs|path|os|crypto|child_process|http|net|url)['"]/, 'imports a Node module'],
  [/import\(\s*['"]/, 'imports dynamically'],
  [/\b(document|window|navigator|localStorage|sessionStorage|fetch|XMLHttpRequest)\b\s*[.(]/, 'touches the DOM or the network'],
  [/\bMath\.random\b/, 'uses unseeded randomness'],
  [/\b(Date\.now|new Date|performance\.now|setTimeout|setInterval|requestAnimationFrame)\b/, 'reads the real clock'],
  [/\bprocess\./, 'reads the process'],
];

/** Packages the pure layers may use: the schema library and the positioned JSON parser, both pure. */
const PURE_PACKAGES = new Set(['zod', 'jsonc-parser']);

/**
 * The engine imports only itself and the format; the format only itself and its pure packages.
 * (Which layer may import which is checked for the whole tree by dependency-cruiser; this test
 * keeps the stronger promise that these two never reach the outside world.)
 */
function allowedImport(file: string, target: string): boolean {
  const layer = file.split('/')[0]!;
  if (!target.startsWith('./') && !target.startsWith('../')) return PURE_PACKAGES.has(target) && (layer === 'format' || target === 'zod');
  const resolved = posix.normalize(posix.join('src', posix.dirname(file), target));
  return resolved.startsWith('src/format/') || (layer === 'engine' && resolved.startsWith('src/engine/'));
}

describe('the engine stays pure', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s imports nothing impure', (file) => {
    const source = readFileSync(join(srcDir, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const [pattern, what] of FORBIDDEN) expect(source, `${file} ${what}`).not.toMatch(pattern);
    for (const match of source.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
      const target = match[1]!;
      expect(allowedImport(file, target), `${file} imports "${target}"`).toBe(true);
    }
  });

  it('catches an impure import when one is there', () => {
    const bad = "import Phaser from 'phaser';";
    expect(FORBIDDEN.some(([pattern]) => pattern.test(bad))).toBe(true);
  });

  it('allows the engine itself and the format, and the format only itself', () => {
    expect(allowedImport('engine/scoring/index.ts', '../clock')).toBe(true);
    expect(allowedImport('engine/scoring/index.ts', '../../format/schema')).toBe(true);
    expect(allowedImport('engine/scoring/index.ts', '../../authoring/lint')).toBe(false);
    expect(allowedImport('engine/step.ts', '../store')).toBe(false);
    expect(allowedImport('engine/step.ts', 'zod')).toBe(true);
    expect(allowedImport('engine/step.ts', 'jsonc-parser')).toBe(false);
    expect(allowedImport('format/load.ts', 'jsonc-parser')).toBe(true);
    expect(allowedImport('format/load.ts', '../engine/types')).toBe(false);
    expect(allowedImport('format/load.ts', 'zustand')).toBe(false);
  });
});
