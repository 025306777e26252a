import { describe, expect, it } from 'vitest';
import {
  attributedTimeline,
  contributions,
  exportRun,
  importRun,
  postmortem,
  runRecordOf,
  teamNames,
  teamPostmortem,
} from '../../src/debrief';
import { replay, runToEnd, score, suggestions, wallClock, type LogEntry } from '../../src/engine';
import { loadShipped, shippedScriptLog } from './helpers/flagship';

const scenario = loadShipped('friday-deploy.json');
const ROLE_NAMES: Record<string, string> = { operator: 'Operator', comms: 'Communications', commander: 'Incident commander' };
const roleOf = (role: string) => ROLE_NAMES[role] ?? role;
const roster = [
  { id: 'p1', name: 'Ana', role: 'operator' },
  { id: 'p2', name: 'Ben', role: 'comms' },
];

/** The methodical solo run, split between an operator and comms, with a facilitator's hint. */
function teamRun() {
  const { log: solo, options } = shippedScriptLog(scenario, 'friday-deploy/methodical.json');
  const log: LogEntry[] = solo.map((e) => {
    const comms = e.input.type === 'post' || e.input.type === 'reply' || (e.input.type === 'act' && e.input.action === 'status_update');
    return { at: e.at, input: { ...e.input, player: comms ? 'p2' : 'p1' } } as LogEntry;
  });
  log.splice(1, 0, {
    at: log[0]!.at,
    input: { type: 'hint', text: 'Read the migration too.', to: { role: 'operator' }, player: 'facilitator' },
  } as LogEntry);
  const played = replay(scenario, options, log);
  expect(played.refused).toEqual([]);
  const state = runToEnd(scenario, played.state);
  return { scenario, options, log, state };
}

describe('the team debrief', () => {
  const run = teamRun();

  it('names every seat by name and role, and the facilitator', () => {
    expect(teamNames(roster, roleOf)).toEqual({ facilitator: 'Facilitator', p1: 'Ana (Operator)', p2: 'Ben (Communications)' });
  });

  it('credits each seat with its own actions, verdicts, posts and status updates', () => {
    const [ana, ben] = contributions(scenario, run.state, roster, roleOf);
    // Every completed action of the run is someone's: nothing is lost or counted twice.
    const completed = run.state.timeline.filter((e) => e.kind === 'action-completed').length;
    expect(ana!.actions.length + ben!.actions.length).toBe(completed);
    expect(ben!.seat).toEqual({ id: 'p2', name: 'Ben', role: 'comms', roleName: 'Communications' });
    expect(ana!.seat.roleName).toBe('Operator');
    expect(ana!.actions.map((a) => a.action)).toContain('ship_compat_fix');
    expect(ana!.actions.every((a) => ['success', 'neutral', 'failure', 'harmful'].includes(a.verdict))).toBe(true);
    expect(ana!.statusUpdates).toBe(0);
    expect(ben!.actions.every((a) => a.action === 'status_update')).toBe(true);
    expect(ben!.statusUpdates).toBeGreaterThanOrEqual(4);
    expect(ben!.posts.length).toBeGreaterThan(0);
  });

  it('attributes every input of the log, the facilitator’s included', () => {
    const rows = attributedTimeline(scenario, run.log, teamNames(roster, roleOf));
    expect(rows).toHaveLength(run.log.length);
    expect(rows[1]).toMatchObject({ who: 'Facilitator', what: 'Hint to everyone in operator: Read the migration too.' });
    expect(rows.some((r) => r.who === 'Ana (Operator)' && r.what.startsWith('Started “Ship invoice-worker patch'))).toBe(true);
  });

  it('names the seats in the Markdown postmortem and adds the team sections; the facilitator’s notes only when given', () => {
    const text = teamPostmortem(run, roster, roleOf, [{ at: 100, text: 'Good split.' }]);
    expect(text).toContain('| Ana (Operator) | Ship invoice-worker patch');
    expect(text).toContain('## The team');
    const ben = contributions(scenario, run.state, roster, roleOf)[1]!;
    expect(text).toContain(
      `| Ben | Communications | ${ben.actions.map((a) => `${a.label} (${a.verdict})`).join('; ')} | ${ben.statusUpdates} | ${ben.posts.length} |`,
    );
    expect(text).toContain('## Who did what');
    // One row per input, under the seat's name.
    const rows = text
      .split('## Who did what')[1]!
      .split('\n')
      .filter((l) => /^\| \d/.test(l));
    expect(rows).toHaveLength(run.log.length);
    expect(rows[1]).toMatch(/^\| \S+ \| Facilitator \| Hint to everyone in operator: Read the migration too\. \|$/);
    expect(text).toContain("## Facilitator's notes");
    expect(text).toContain(': Good split.');
    expect(teamPostmortem(run, roster, roleOf, null)).not.toContain('Good split.');
    expect(text).not.toContain('Ended by');
  });

  it('says in the postmortem that the facilitator ended the game day, and at which game time', () => {
    const start = scenario.clock.start;
    const text = teamPostmortem(run, roster, roleOf, null, { at: 26 * 60, by: 'facilitator' });
    expect(text).toContain(`## The team\n\nEnded by the facilitator at ${wallClock(scenario.clock, 26 * 60, false)}.\n`);
    expect(start).toBe('15:55');
    expect(text).toContain('Ended by the facilitator at 16:21.');
    // A run that reached its own ending says nothing of the kind.
    expect(teamPostmortem(run, roster, roleOf, null, { at: 26 * 60, by: null })).not.toContain('Ended by');
  });

  it('the postmortem without names is unchanged; with names they win over the ids', () => {
    const card = score(scenario, run.state);
    const plain = postmortem(scenario, run.state, card, suggestions(scenario, card));
    expect(plain).toContain('| p1 |');
    const named = postmortem(scenario, run.state, card, suggestions(scenario, card), { names: { p1: 'Ana (Operator)' } });
    expect(named).not.toContain('| p1 |');
    expect(named).toContain('| Ana (Operator) |');
  });

  it('exports a team run file that opens again to the same roster, score and attributed timeline', async () => {
    const notes = [{ at: 100, text: 'Good split.' }];
    const text = await exportRun(scenario, runRecordOf(scenario, run.options, run.log, run.state, { roster, notes }));
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'firedrill-run', version: 2, team: { roster, notes } });
    const opened = await importRun(text, [scenario]);
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.record.team).toEqual({ roster, notes });
    expect(opened.state.timeline).toEqual(run.state.timeline);
    expect(score(scenario, opened.state)).toEqual(score(scenario, run.state));
    const names = teamNames(opened.record.team!.roster, roleOf);
    expect(attributedTimeline(scenario, opened.record.log, names)).toEqual(
      attributedTimeline(scenario, run.log, teamNames(roster, roleOf)),
    );
    expect(contributions(scenario, opened.state, opened.record.team!.roster, roleOf)).toEqual(
      contributions(scenario, run.state, roster, roleOf),
    );
  });

  it('refuses a team run file whose inputs name a player with no seat', async () => {
    const stray = run.log.map((e) => (e.input.player === 'p2' ? { ...e, input: { ...e.input, player: 'p3' } } : e)) as LogEntry[];
    const text = await exportRun(scenario, runRecordOf(scenario, run.options, stray, run.state, { roster }));
    const opened = await importRun(text, [scenario]);
    expect(opened.ok === false && opened.error.code).toBe('run-file.unknown-player');
    expect(opened.ok === false && opened.error.message).toMatch(/^Entry \d+ \(.+\) was made by "p3", who has no seat in the run's team\.$/);
  });

  it('refuses a roster that gives two seats one id, or a seat the facilitator’s id', async () => {
    for (const bad of [
      [roster[0]!, { ...roster[1]!, id: 'p1' }],
      [{ ...roster[0]!, id: 'facilitator' }, roster[1]!],
    ]) {
      const text = await exportRun(scenario, runRecordOf(scenario, run.options, run.log, run.state, { roster: bad }));
      const opened = await importRun(text, [scenario]);
      expect(opened.ok === false && opened.error.code).toBe('run-file.invalid');
      expect(opened.ok === false && opened.error.message).toMatch(/team\.roster\[[01]\]\.id/);
    }
  });
});
