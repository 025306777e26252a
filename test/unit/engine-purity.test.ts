import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
      // Inside the engine, imports are relative; the only outside import is the scenario's types.
      const allowed = target.startsWith('./') || (target === '../scenario/schema' && typeOnly);
      expect(allowed, `${file} imports "${target}"`).toBe(true);
    }
  });

  it('catches an impure import when one is there', () => {
    const bad = "import Phaser from 'phaser';";
    expect(FORBIDDEN.some(([pattern]) => pattern.test(bad))).toBe(true);
  });
});
