import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const engineDir = join(import.meta.dirname, '../../src/engine');
const files = readdirSync(engineDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

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

/** Inside the engine, imports are relative and stay inside it; the only outside import is the scenario's types. */
function allowedImport(file: string, target: string, typeOnly: boolean): boolean {
  if (!target.startsWith('./') && !target.startsWith('../')) return false;
  const resolved = posix.normalize(posix.join('src/engine', posix.dirname(file.split(sep).join('/')), target));
  return resolved.startsWith('src/engine/') || (resolved === 'src/scenario/schema' && typeOnly);
}

describe('the engine stays pure', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s imports nothing impure', (file) => {
    const source = readFileSync(join(engineDir, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const [pattern, what] of FORBIDDEN) expect(source, `${file} ${what}`).not.toMatch(pattern);
    for (const match of source.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
      const target = match[1]!;
      const typeOnly = /import\s+type\s/.test(source.slice(Math.max(0, match.index! - 300), match.index));
      expect(allowedImport(file, target, typeOnly), `${file} imports "${target}"`).toBe(true);
    }
  });

  it('catches an impure import when one is there', () => {
    const bad = "import Phaser from 'phaser';";
    expect(FORBIDDEN.some(([pattern]) => pattern.test(bad))).toBe(true);
  });

  it('allows relative imports only within the engine, from any folder', () => {
    expect(allowedImport('scoring/index.ts', '../clock', false)).toBe(true);
    expect(allowedImport('scoring/index.ts', '../../scenario/schema', true)).toBe(true);
    expect(allowedImport('scoring/index.ts', '../../scenario/schema', false)).toBe(false);
    expect(allowedImport('scoring/index.ts', '../../scenario/load', true)).toBe(false);
    expect(allowedImport('step.ts', '../store', false)).toBe(false);
    expect(allowedImport('step.ts', 'zod', true)).toBe(false);
  });
});
