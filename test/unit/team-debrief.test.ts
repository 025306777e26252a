import { describe, expect, it } from 'vitest';
import { postmortem } from '../../src/debrief';
import { replay, runToEnd, score, suggestions, type LogEntry } from '../../src/engine';
import { attributedTimeline, contributions, teamNames, teamPostmortem, teamRecord } from '../../src/ui/team/team-debrief';
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

  it('credits each seat with its own actions, verdicts, posts and status updates', () => {
    const [ana, ben] = contributions(scenario, run.state, roster, roleOf);
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

  it('names the seats in the Markdown postmortem and adds the team sections; the facilitator’s notes only when given', async () => {
    const text = await teamPostmortem(run, roster, roleOf, [{ at: 100, text: 'Good split.' }]);
    expect(text).toContain('| Ana (Operator) | Ship invoice-worker patch');
    expect(text).toContain('## The team');
    expect(text).toContain('## Who did what');
    expect(text).toContain("## Facilitator's notes");
    expect(await teamPostmortem(run, roster, roleOf, null)).not.toContain('Good split.');
  });

  it('the postmortem without names is unchanged; with names they win over the ids', () => {
    const card = score(scenario, run.state);
    const plain = postmortem(scenario, run.state, card, suggestions(scenario, card));
    expect(plain).toContain('| p1 |');
    const named = postmortem(scenario, run.state, card, suggestions(scenario, card), { names: { p1: 'Ana (Operator)' } });
    expect(named).not.toContain('| p1 |');
    expect(named).toContain('| Ana (Operator) |');
  });

  it('the JSON record carries the roster, contributions and attributed timeline', () => {
    const record = JSON.parse(JSON.stringify(teamRecord(run, roster, roleOf, null))) as Record<string, unknown>;
    expect(record.format).toBe('firedrill-team-run');
    expect((record.timeline as unknown[]).length).toBe(run.log.length);
    expect(record).not.toHaveProperty('facilitatorNotes');
    expect((record.roster as { roleName: string }[]).map((r) => r.roleName)).toEqual(['Operator', 'Communications']);
  });
});
