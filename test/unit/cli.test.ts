import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firedrill, root, spawnFiredrill } from './helpers/cli';
import { tempDir } from './helpers/temp-dir';

const dir = tempDir('cli');

const flagship = join(root, 'scenarios/friday-deploy.json');
const scripts = join(root, 'scenarios/scripts/friday-deploy');

describe('firedrill check', () => {
  it('accepts the flagship', () => {
    const { code, out } = firedrill('check', flagship);
    expect(out).toContain('friday-deploy.json: ok');
    expect(code).toBe(0);
  });

  it('prints every problem as file:line:col with a code and a hint, and fails', () => {
    const broken = join(dir, 'broken.json');
    const text = readFileSync(flagship, 'utf8').replace('"format": 1', '"format": 1,\n  "colour": "red"');
    writeFileSync(broken, text);
    const { code, out } = firedrill('check', broken);
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:3 error FD202 Unknown field "colour"`));
    expect(out).toContain('hint:');
  });

  it('reports JSON for tools and never crashes on garbage', () => {
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '\u0000\u0001{{{"');
    const { code, out } = firedrill('check', '--json', garbage, join(dir, 'missing.json'));
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report[0]).toMatchObject({ ok: false });
    expect(report[0].diagnostics[0]).toMatchObject({ code: 'FD101', line: 1, column: 1, file: garbage });
    expect(report[1]).toMatchObject({ ok: false });
    expect(report[1].error).toContain('ENOENT');
  });
});

describe('firedrill play', () => {
  it('plays the methodical script to the resolved ending and prints timeline and score', () => {
    const { code, out } = firedrill('play', flagship, '--actions', join(scripts, 'methodical.json'));
    expect(out).toMatch(/^15:5\d:\d\d {2}/m);
    expect(out).toMatch(/Ending: .*\(resolved\)/);
    expect(out).toMatch(/Score: \d+\/100, grade [AB]/);
    expect(out).not.toContain('refused:');
    expect(code).toBe(0);
  });

  it('shows the relapse in the frantic run', () => {
    const { out } = firedrill('play', flagship, '--actions', join(scripts, 'frantic.json'), '--quiet');
    expect(out).toContain('verify.premature');
    expect(out).not.toMatch(/^\d\d:\d\d:\d\d {2}/m);
  });

  it('explains bad usage', () => {
    expect(firedrill('play', flagship).code).toBe(2);
    expect(firedrill('dance').err).toContain('unknown command');
    expect(firedrill('--help').out).toContain('Usage:');
  });
});

describe('the firedrill process', () => {
  it('runs from bin/ with its exit code and streams', () => {
    const help = spawnFiredrill('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage:');
    const unknown = spawnFiredrill('dance');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command');
  });
});
