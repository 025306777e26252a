import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportRun, importRun, runRecordOf, type RunRecord } from '../../src/debrief';
import { canonicalJson, sha256, sha256Label } from '../../src/debrief/checksum';
import { replay, runToEnd, score, wallClock, type EngineState, type LogEntry } from '../../src/engine';
import type { Scenario } from '../../src/format';
import { loadShipped, shippedScriptLog } from './helpers/flagship';

const scenario = loadShipped('friday-deploy.json');

/** A finished run of a shipped script, as the game would hold it. */
function played(script: string): { record: RunRecord; state: EngineState } {
  const { log, options } = shippedScriptLog(scenario, `friday-deploy/${script}`);
  const state = runToEnd(scenario, replay(scenario, options, log).state);
  return { record: runRecordOf(scenario, options, log, state), state };
}

/** The checksum as the format defines it, computed independently of the module under test. */
function withChecksum(file: Record<string, unknown>): string {
  const { checksum: _old, ...body } = file;
  const canonical = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : v !== null && typeof v === 'object'
        ? `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
            .join(',')}}`
        : JSON.stringify(v);
  return JSON.stringify({ ...body, checksum: `sha256:${createHash('sha256').update(canonical(body)).digest('hex')}` });
}

const refusal = async (text: string, scenarios: readonly Scenario[] = [scenario]) => {
  const result = await importRun(text, scenarios);
  if (result.ok) throw new Error('expected the run file to be refused');
  return result.error.message;
};

describe('run files', () => {
  let frantic: { record: RunRecord; state: EngineState };
  let methodical: { record: RunRecord; state: EngineState };
  let franticText: string;
  let methodicalText: string;
  beforeAll(async () => {
    frantic = played('frantic.json');
    methodical = played('methodical.json');
    franticText = await exportRun(scenario, frantic.record);
    methodicalText = await exportRun(scenario, methodical.record);
  });

  describe('export', () => {
    it('writes the documented fields, in order, as pretty JSON with a SHA-256 over the rest', () => {
      const file = JSON.parse(methodicalText);
      expect(Object.keys(file)).toEqual(['format', 'version', 'scenario', 'options', 'log', 'time', 'result', 'checksum']);
      expect(file).toMatchObject({
        format: 'firedrill-run',
        version: 2,
        scenario: { id: 'friday-deploy', version: scenario.version, title: scenario.title },
        options: { seed: 42, coach: 'off' },
        time: methodical.state.ending!.at,
        result: { ending: 'resolved', total: score(scenario, methodical.state).total, grade: 'A' },
      });
      expect(file.log).toEqual(methodical.record.log);
      expect(methodicalText).toContain('\n  "format": "firedrill-run",\n');
      expect(JSON.parse(withChecksum(file)).checksum).toBe(file.checksum);
    });

    it('records the ending time of a finished run and copies the log', () => {
      const log: LogEntry[] = [{ at: 10, input: { type: 'act', action: 'review_change' } }];
      const state = replay(scenario, { seed: 1, coach: 'off' }, log, 30).state;
      const record = runRecordOf(scenario, { seed: 1, coach: 'off' }, log, state);
      expect(record).toEqual({
        scenario: { id: scenario.id, version: scenario.version },
        options: { seed: 1, coach: 'off' },
        log,
        time: 30,
      });
      log[0]!.at = 20;
      expect(record.log[0]!.at).toBe(10);
      expect(frantic.record.time).toBe(frantic.state.ending!.at);
    });

    it('falls back to a pure SHA-256 that agrees with Web Crypto', async () => {
      for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'ünïcødé ✓ 🔥'.repeat(40)]) {
        const bytes = new TextEncoder().encode(text);
        const hex = Array.from(sha256(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
        expect(hex, JSON.stringify(text.slice(0, 10))).toBe(createHash('sha256').update(bytes).digest('hex'));
        expect(await sha256Label(text)).toBe(`sha256:${hex}`);
      }
    });

    it('serialises canonically whatever the key order', () => {
      expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], u: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    });
  });

  describe('import', () => {
    it.each(['frantic', 'methodical'] as const)('round-trips the %s run to the same state and score', async (which) => {
      const run = which === 'frantic' ? frantic : methodical;
      const result = await importRun(which === 'frantic' ? franticText : methodicalText, [scenario]);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.scenario).toBe(scenario);
      expect(result.record).toEqual(run.record);
      expect(result.state).toEqual(run.state);
      const card = score(scenario, run.state);
      expect(result.result).toEqual({ ending: run.state.ending!.id, total: card.total, grade: card.grade });
      expect(score(scenario, result.state)).toEqual(card);
    });

    it('round-trips a run still in progress', async () => {
      const log = methodical.record.log.slice(0, 6);
      const state = replay(scenario, methodical.record.options, log, 1600).state;
      const record = runRecordOf(scenario, methodical.record.options, log, state);
      const result = await importRun(await exportRun(scenario, record), [scenario]);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.result.ending).toBeNull();
      expect(result.state).toEqual(state);
      expect(result.record.time).toBe(1600);
    });

    it('still opens a version 1 file (before team runs), to the same state and score', async () => {
      // A version 1 file is a version 2 solo file with the old number, sealed as version 1 sealed it.
      const v1 = withChecksum({ ...JSON.parse(franticText), version: 1 });
      const result = await importRun(v1, [scenario]);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.record).toEqual(frantic.record);
      expect(result.state).toEqual(frantic.state);
      expect(score(scenario, result.state)).toEqual(score(scenario, frantic.state));
    });

    it('refuses a team section in a version 1 file, which had none', async () => {
      const team = { roster: [{ id: 'p1', name: 'Ana', role: 'operator' }] };
      const v1 = withChecksum({ ...JSON.parse(franticText), version: 1, team });
      expect(await refusal(v1)).toMatch(/^The run file does not have the expected contents: .*team/);
      expect((await importRun(withChecksum({ ...JSON.parse(franticText), team }), [scenario])).ok).toBe(true);
    });

    it('finds the scenario among several loaded', async () => {
      const other = { ...scenario, id: 'another-one' };
      const result = await importRun(methodicalText, [other, scenario]);
      expect(result.ok && result.scenario).toBe(scenario);
    });
  });

  describe('refuses, saying why', () => {
    it('a file too large to be a run', async () => {
      expect(await refusal('x'.repeat(2 * 1024 * 1024 + 1))).toMatch(/^The run file is too large \(2 MB; the limit is 2 MB\)/);
      // Under the limit in characters, over it in UTF-8 bytes.
      expect(await refusal('€'.repeat(800_000))).toMatch(/^The run file is too large \(2\.3 MB/);
    });

    it("text that is not JSON, with the parser's words", async () => {
      const error = await refusal(methodicalText.slice(0, 200));
      expect(error).toMatch(/^The run file is not valid JSON: \S/);
      expect(await refusal('')).toMatch(/^The run file is not valid JSON/);
    });

    it('JSON that is not a run file', async () => {
      expect(await refusal('[1, 2]')).toBe('The run file is not a Firedrill run: expected a JSON object, got a list.');
      expect(await refusal('{"hello": 1}')).toBe(
        'The run file is not a Firedrill run: it has no "format" field, expected "firedrill-run".',
      );
      expect(await refusal('{"format": "firedrill-save"}')).toBe(
        'The run file is not a Firedrill run: its "format" is "firedrill-save", expected "firedrill-run".',
      );
    });

    it('an unknown format version', async () => {
      const file = JSON.parse(methodicalText);
      expect(await refusal(withChecksum({ ...file, version: 3 }))).toMatch(
        /^The run file comes from a newer version of Firedrill \(run format 3; this game reads format 2\)/,
      );
      expect(await refusal(withChecksum({ ...file, version: 0 }))).toMatch(
        /unknown run format version \(0\); this game reads formats 1 and 2\.$/,
      );
      expect(await refusal(withChecksum({ ...file, version: '1' }))).toMatch(/has no usable "version"/);
    });

    it('a field of the wrong type, naming the field', async () => {
      const file = JSON.parse(methodicalText);
      file.log[3].at = 'soon';
      expect(await refusal(withChecksum(file))).toBe(
        'The run file does not have the expected contents: log[3].at: expected a number, got "soon".',
      );
    });

    it('other schema problems, each located', async () => {
      const cases: [(f: any) => void, string][] = [
        [(f) => delete f.options.seed, 'options.seed: is missing (expected a number)'],
        [(f) => (f.options.coach = 'shouty'), 'options.coach: expected "off" or "gentle" or "guided", got "shouty"'],
        [(f) => (f.log[0].input.type = 'hack'), 'log[0].input.type: expected one of "act", "reply", "post", "note", got "hack"'],
        [(f) => delete f.log[1].input.choice, 'log[1].input.choice: is missing (expected a string)'],
        [(f) => (f.log[4].input.text = 'x'.repeat(2001)), 'log[4].input.text: must be at most 2000 characters long, got 2001'],
        [(f) => (f.log[2].extra = true), 'log[2]: unknown field "extra"'],
        [(f) => (f.result.grade = 'A+'), 'result.grade: expected "A" or "B" or "C" or "D" or "F", got "A+"'],
        [(f) => (f.log[5].at = 1), 'log[5].at: 1 is earlier than the entry before it'],
        [
          (f) => (f.log.at(-1).at = f.time + 60),
          `log[${27}].at: ${JSON.parse(methodicalText).time + 60} is after the time the run reached`,
        ],
      ];
      for (const [edit, expected] of cases) {
        const file = JSON.parse(methodicalText);
        edit(file);
        expect(await refusal(withChecksum(file)), expected).toContain(`The run file does not have the expected contents: ${expected}`);
      }
      const file = JSON.parse(methodicalText);
      file.checksum = 'md5:abc';
      expect(await refusal(JSON.stringify(file))).toBe(
        'The run file does not have the expected contents: checksum: expected "sha256:" followed by 64 lower-case hex digits.',
      );
    });

    it('a log edited by hand, whose checksum no longer matches', async () => {
      const file = JSON.parse(franticText);
      file.log.splice(8, 1); // the premature all-clear
      expect(await refusal(JSON.stringify(file, null, 2))).toBe(
        'The run file was edited after it was exported: its checksum does not match.',
      );
      const regraded = JSON.parse(franticText);
      regraded.result = { ending: 'resolved', total: 96, grade: 'A' };
      expect(await refusal(JSON.stringify(regraded))).toBe('The run file was edited after it was exported: its checksum does not match.');
    });

    it('a claimed score the actions do not earn, even with the checksum recomputed', async () => {
      const file = JSON.parse(franticText);
      const actual = file.result;
      file.result = { ...actual, total: 96, grade: 'A' };
      expect(await refusal(withChecksum(file))).toBe(
        `The run file says 96/100 (A) but replaying its actions gives ${actual.total}/100 (${actual.grade}). Its actions do not lead to the result it claims.`,
      );
    });

    it('a claimed ending the actions do not reach, even with the checksum recomputed', async () => {
      const file = JSON.parse(franticText);
      file.result = { ...JSON.parse(methodicalText).result };
      const error = await refusal(withChecksum(file));
      expect(error).toMatch(
        /^The run file says the ending "resolved" and \d+\/100 \(A\) but replaying its actions gives the ending "meltdown" and \d+\/100 \([DF]\)\./,
      );
    });

    it('a log altered to look better, with the result and checksum recomputed by hand', async () => {
      // Drop the frantic run's premature all-clear and claim the methodical run's result for it.
      const file = JSON.parse(franticText);
      file.log = file.log.filter((e: LogEntry) => !(e.input.type === 'act' && e.input.action === 'declare_resolved'));
      file.result = JSON.parse(methodicalText).result;
      const error = await refusal(withChecksum(file));
      expect(error).toMatch(/^The run file says .* but replaying its actions (gives|ends at)/);
    });

    it('a stretched clock: a later time than the run reached', async () => {
      const file = JSON.parse(franticText);
      file.time += 600;
      expect(await refusal(withChecksum(file))).toBe(
        `The run file says the run reached ${wallClock(scenario.clock, frantic.record.time + 600)}, but replaying its actions ends at ${wallClock(scenario.clock, frantic.record.time)}.`,
      );
    });

    it('an entry the engine refuses, naming it', async () => {
      const file = JSON.parse(methodicalText);
      const at = file.log[3].at;
      file.log.splice(4, 0, { at, input: { type: 'act', action: 'rollback_everything' } });
      const engine = replay(scenario, file.options, file.log, file.time).refused[0]!;
      expect(engine.index).toBe(4);
      expect(await refusal(withChecksum(file))).toBe(
        `Entry 5 (${wallClock(scenario.clock, at)}, act rollback_everything) was refused by the engine: ${engine.rejection.message}`,
      );
      expect(engine.rejection.message.length).toBeGreaterThan(0);
    });

    it('an entry played while the player was busy', async () => {
      const file = JSON.parse(franticText);
      // The first rollback takes minutes; a restart one second later cannot start.
      file.log.splice(1, 0, { at: file.log[0].at + 1, input: { type: 'act', action: 'restart_api' } });
      const error = await refusal(withChecksum(file));
      expect(error).toMatch(
        new RegExp(`^Entry 2 \\(${wallClock(scenario.clock, file.log[1].at)}, act restart_api\\) was refused by the engine: .+`),
      );
    });

    it('a scenario that is not loaded', async () => {
      expect(await refusal(methodicalText, [])).toBe(
        `The run file is of a scenario that is not loaded: "friday-deploy" ("${scenario.title}"). Loaded scenarios: none.`,
      );
      const file = JSON.parse(methodicalText);
      file.scenario.id = 'tuesday-outage';
      expect(await refusal(withChecksum(file))).toMatch(
        /^The run file is of a scenario that is not loaded: "tuesday-outage" .*Loaded scenarios: "friday-deploy"\.$/,
      );
    });

    it('a different version of the scenario', async () => {
      const newer = { ...scenario, version: '9.0.0' };
      expect(await refusal(methodicalText, [newer])).toBe(
        `The run file was played on "${scenario.title}" version ${scenario.version}, but the loaded scenario is version 9.0.0; a run only replays on the version it was played on.`,
      );
    });

    it('anything at all without throwing', async () => {
      for (const bad of [
        null,
        undefined,
        42,
        {},
        '{',
        'null',
        '"text"',
        '{"format":"firedrill-run","version":1}',
        '\u0000',
        '[[[[[[[[[[]]]]]]]]]]',
      ]) {
        const result = await importRun(bad as unknown as string, [scenario]);
        expect(result.ok, String(bad)).toBe(false);
        expect(result.ok === false && result.error.message, String(bad)).toMatch(/^The run file .{10,}/);
      }
    });
  });
});

describe('the debrief modules stay pure', () => {
  const dir = join(import.meta.dirname, '../../src/debrief');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  // They run under Node for tests and the CLI, and in the page: no DOM, no store, no Phaser, no clock.
  const FORBIDDEN: [RegExp, string][] = [
    [/from\s+['"](phaser|howler|zustand)(\/[^'"]*)?['"]/, 'imports a view or store library'],
    [/from\s+['"](node:[^'"]+|fs|path|os|crypto|zlib)['"]/, 'imports a Node module'],
    [/from\s+['"]\.\.\/(ui|game|audio|store)(\/index)?['"]/, 'imports a view or the store (documents.ts alone is allowed)'],
    [/\b(document|window|navigator|localStorage|sessionStorage|location|Buffer)\b\s*[.(]/, 'touches the DOM or Node globals'],
    [/\b(Date\.now|new Date|performance\.now|Math\.random)\b/, 'reads the clock or unseeded randomness'],
  ];

  it('has its modules', () => {
    expect(files).toEqual(expect.arrayContaining(['index.ts', 'run-file.ts', 'replay-link.ts', 'postmortem.ts']));
  });

  it.each(files)('%s imports nothing impure', (file) => {
    const source = readFileSync(join(dir, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const [pattern, what] of FORBIDDEN) expect(source, `${file} ${what}`).not.toMatch(pattern);
  });
});
