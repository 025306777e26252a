import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/format';
import { loadScenario } from '../../src/authoring';
import { miniScenario } from './helpers/mini-scenario';

/** A valid mini scenario as pretty JSON, the way a mentor's file looks. */
function file(edit: (s: Record<string, any>) => void = () => {}): string {
  const value = JSON.parse(JSON.stringify(miniScenario())) as Record<string, any>;
  edit(value);
  return JSON.stringify(value, null, 2);
}

/** Line and column (1-based) of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string, nth = 0): { line: number; column: number } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

describe('loading scenarios', () => {
  it('loads a valid file with defaults filled in', () => {
    const result = loadScenario(file(), 'mini.json');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.scenario.player.name).toBe('You');
      expect(result.scenario.scoring.weights.verify).toBe(1);
    }
  });

  it('points at a JSON syntax error', () => {
    const text = '{\n  "format": 1,\n  "id": "x"\n  "title": "t"\n}';
    const result = loadScenario(text, 'broken.json');
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: 'FD101', file: 'broken.json', line: 4, column: 3 });
  });

  it('refuses duplicate keys, pointing at the second one', () => {
    const text = file().replace('"title": "Mini incident",', '"title": "Mini incident",\n  "title": "Again",');
    const [d] = loadScenario(text, 'dup.json').diagnostics;
    expect(d).toMatchObject({ code: 'FD102', pointer: '/title', ...positionOf(text, '"title"', 1) });
  });

  it('names a missing field at its parent', () => {
    const text = file((s) => delete s.briefing.role);
    const [d] = loadScenario(text, 'm.json').diagnostics;
    expect(d).toMatchObject({ code: 'FD201', pointer: '/briefing/role', ...positionOf(text, '"briefing"') });
    expect(d!.message).toContain('"role" is required');
  });

  it('names an unknown field where it is written', () => {
    const text = file((s) => (s.actions[2].duraton = 30));
    const [d] = loadScenario(text, 'u.json').diagnostics;
    expect(d).toMatchObject({ code: 'FD202', pointer: '/actions/2/duraton', ...positionOf(text, '"duraton"') });
  });

  it('explains a wrong type and an out-of-range value', () => {
    const text = file((s) => {
      s.estimatedMinutes = 'ten';
      s.actions[0].duration = 999_999;
    });
    const diagnostics = loadScenario(text, 't.json').diagnostics;
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['FD200', '/estimatedMinutes'],
      ['FD203', '/actions/0/duration'],
    ]);
    expect(diagnostics[0]!.message).toBe('"estimatedMinutes" must be a number, not "ten".');
  });

  it('reports the problem inside the condition form the author meant', () => {
    const text = file((s) => (s.incident.understood = { all: [{ seen: 'diff' }, { did: 'read_logs', count: { atLeast: 2 } }] }));
    const diagnostics = loadScenario(text, 'c.json').diagnostics;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'FD202',
      pointer: '/incident/understood/all/1/count/atLeast',
      ...positionOf(text, '"atLeast"'),
    });
  });

  it('reports a condition with no recognisable form', () => {
    const text = file((s) => (s.incident.fixed = { fixed: true }));
    const [d] = loadScenario(text, 'f.json').diagnostics;
    expect(d).toMatchObject({ code: 'FD205', pointer: '/incident/fixed' });
  });

  it('finds references to ids that do not exist', () => {
    const text = file((s) => {
      s.messages[0].channel = 'war-room';
      s.actions[4].requires[0].when = { seen: 'difff' };
    });
    const diagnostics = loadScenario(text, 'r.json').diagnostics;
    expect(diagnostics.map((d) => [d.code, d.pointer, d.message])).toEqual([
      ['FD300', '/actions/4/requires/0/when/seen', 'No evidence has the id "difff".'],
      ['FD300', '/messages/0/channel', 'No channel has the id "war-room".'],
    ]);
    expect(diagnostics[1]).toMatchObject(positionOf(text, '"war-room"'));
  });

  it('finds duplicate ids and a missing resolved ending', () => {
    const text = file((s) => {
      s.evidence[1].id = 'diff';
      s.endings = s.endings.filter((e: { kind: string }) => e.kind !== 'resolved');
    });
    const codes = loadScenario(text, 'd.json').diagnostics.map((d) => d.code);
    expect(codes).toContain('FD301');
    expect(codes).toContain('FD302');
  });

  it('checks reply ids: unique within a question, and a chosen reply must exist even when the message asks nothing', () => {
    const text = file((s) => {
      s.messages[1].asks.replies[1].id = 'ack';
      s.hints[0].when = { answered: 'hello', choice: 'ack' };
    });
    const diagnostics = loadScenario(text, 'q.json').diagnostics;
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['FD301', '/messages/1/asks/replies/1/id'],
      ['FD300', '/hints/0/when/choice'],
    ]);
    expect(diagnostics[1]!.message).toBe('Message "hello" asks nothing, so it has no reply "ack".');
  });

  it('loads a scenario with only lint warnings, and returns them', () => {
    const result = loadScenario(
      file((s) => (s.deploys[0].effects[0].to = 'yes')),
      'w.json',
    );
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toContainEqual(['FD400', 'warning']);
    expect(result.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('refuses files that are too large or too deep before parsing them', () => {
    expect(loadScenario(' '.repeat(2 * 1024 * 1024 + 1)).diagnostics[0]?.code).toBe('FD100');
    expect(loadScenario('['.repeat(100_000)).diagnostics[0]?.code).toBe('FD103');
  });

  it('reports an empty file and non-object JSON', () => {
    expect(loadScenario('').diagnostics[0]?.code).toBe('FD101');
    expect(loadScenario('42').diagnostics[0]).toMatchObject({ code: 'FD200', line: 1, column: 1 });
  });

  it('uses only codes from the catalogue', () => {
    const texts = [file((s) => delete s.id), '{', file((s) => (s.messages[0].from = 'nobody'))];
    for (const text of texts) for (const d of loadScenario(text).diagnostics) expect(Object.keys(CATALOGUE)).toContain(d.code);
  });
});
