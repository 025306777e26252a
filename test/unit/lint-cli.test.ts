/** How `firedrill check` shows diagnostics: code frames, warnings, --strict, --json counts, exit codes. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firedrill, root } from './helpers/cli';
import { codeFrame, formatDiagnostic, formatDiagnosticWithFrame, type Diagnostic } from '../../src/format';
import { tempDir } from './helpers/temp-dir';

const scratch = tempDir('lint');

const flagship = readFileSync(join(root, 'scenarios/friday-deploy.json'), 'utf8');

function tempFile(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

describe('codeFrame', () => {
  const text = ['{', '  "a": 1,', '  "b": true,', '  "c": "x"', '}'].join('\n');

  it('shows the line with a caret under the column, one line either side, and line numbers', () => {
    expect(codeFrame(text, 3, 8)).toBe(['  2 |   "a": 1,', '> 3 |   "b": true,', '    |        ^', '  4 |   "c": "x"'].join('\n'));
  });

  it('shows what exists at the edges of the file, and nothing for a line outside it', () => {
    expect(codeFrame(text, 1, 1)).toBe(['> 1 | {', '    | ^', '  2 |   "a": 1,'].join('\n'));
    expect(codeFrame(text, 5, 1).split('\n')).toHaveLength(3);
    expect(codeFrame(text, 9, 1)).toBe('');
    expect(codeFrame('', 1, 1)).toBe('> 1 |\n    | ^');
  });

  it('widens the gutter for longer line numbers and keeps tabs under tabs', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`);
    lines[9] = '\t\t"x": 1';
    const frame = codeFrame(lines.join('\n'), 10, 4).split('\n');
    expect(frame[0]).toBe('   9 | line 9');
    expect(frame[1]).toBe('> 10 | \t\t"x": 1');
    expect(frame[2]).toBe('     | \t\t ^'); // column 4 is the x after the quote
  });

  it('cuts long lines to a window around the column, and makes control characters harmless', () => {
    const long = `${'a'.repeat(300)}X${'b'.repeat(300)}`;
    const [shown, caret] = codeFrame(long, 1, 301).split('\n');
    expect(shown!.length).toBeLessThan(120);
    expect(shown!.indexOf('X')).toBe(caret!.indexOf('^'));
    expect(codeFrame('"\u001b[2J\r', 1, 1)).toBe('> 1 | "\ufffd[2J\n    | ^');
  });

  it('counts columns without a byte-order mark, as the loader does', () => {
    expect(codeFrame('\ufeff{"a": 1}', 1, 2).split('\n')[1]).toBe('    |  ^');
  });
});

describe('formatDiagnosticWithFrame', () => {
  const d: Diagnostic = {
    code: 'FD400',
    severity: 'warning',
    message: 'Wrong type.',
    hint: 'Fix it.',
    file: 'x.json',
    line: 2,
    column: 8,
    pointer: '/a',
  };

  it('is the one-line form, the frame, then the hint; the one-line form is unchanged', () => {
    expect(formatDiagnostic(d)).toBe('x.json:2:8 warning FD400 Wrong type. (at /a)\n  hint: Fix it.');
    expect(formatDiagnosticWithFrame(d, '{\n  "a": "1"\n}')).toBe(
      ['x.json:2:8 warning FD400 Wrong type. (at /a)', '  1 | {', '> 2 |   "a": "1"', '    |        ^', '  3 | }', '  hint: Fix it.'].join(
        '\n',
      ),
    );
  });
});

describe('firedrill check with warnings', () => {
  // The flagship with one mistake the lint finds: a boolean fact compared with a number.
  const warned = tempFile('warned.json', flagship.replace('"when": {"fact": "relapsed"}', '"when": {"fact": "relapsed", "eq": 1}'));

  it('prints each warning with its code frame, and passes', () => {
    const { code, out } = firedrill('check', warned);
    expect(out).toMatch(/warned\.json:\d+:\d+ warning FD400 Fact "relapsed" is a boolean/);
    expect(out).toMatch(/^> +\d+ \| .*"eq": 1/m);
    expect(out).toMatch(/^ +\| +\^$/m);
    expect(out).toContain('hint: ');
    expect(out).toMatch(/warned\.json: ok with 1 warning \(The Friday 4pm deploy/);
    expect(code).toBe(0);
  });

  it('fails under --strict', () => {
    const { code, out } = firedrill('check', '--strict', warned);
    expect(out).toContain('1 warning (failing: --strict)');
    expect(code).toBe(1);
  });

  it('counts severities in --json and stays machine-readable', () => {
    const broken = tempFile('broken.json', flagship.replace('"format": 1', '"format": 1,\n  "colour": "red"'));
    const { code, out } = firedrill('check', '--json', warned, broken);
    const report = JSON.parse(out);
    expect(report[0]).toMatchObject({ ok: true, errors: 0, warnings: 1 });
    expect(report[0].diagnostics[0]).toMatchObject({ code: 'FD400', severity: 'warning' });
    expect(report[1]).toMatchObject({ ok: false, errors: 1, warnings: 0 });
    expect(code).toBe(1);
  });

  it('exits 2 on usage errors', () => {
    expect(firedrill('check').code).toBe(2);
    expect(firedrill('check', '--strikt', warned).code).toBe(2);
  });
});
