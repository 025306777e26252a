/**
 * A team game day's run as a file or a replay link: its log holds the facilitator's injects and
 * hints, which replay like the players' inputs, so the file imports to the same state and score.
 * A solo save never holds them: the saved-run document refuses them, and a run with them is not
 * saved as the player's own.
 */
import { describe, expect, it } from 'vitest';
import { exportRun, importRun, runRecordOf } from '../../src/debrief';
import { readReplayFragment, replayFragment } from '../../src/debrief/replay-link';
import { replay, runToEnd, score, type LogEntry } from '../../src/engine';
import { ScenarioSchema, type Scenario } from '../../src/format';
import { SavedRunSchema } from '../../src/format/run-log';
import { createGameStore, memoryStorage, openReplay, replayNames, scenarioRoleName } from '../../src/store';
import { miniScenarioInput } from './helpers/mini-scenario';

const team: Scenario = ScenarioSchema.parse({
  ...miniScenarioInput(),
  team: {
    injects: [
      {
        id: 'flag_flip',
        label: 'Someone flips the flag',
        from: 'ana',
        channel: 'incident',
        text: 'I turned the flag off.',
        effects: [{ set: 'flag_off', to: true }],
      },
    ],
  },
});

const log: LogEntry[] = [
  { at: 65, input: { type: 'act', action: 'read_diff', player: 'p1' } },
  { at: 70, input: { type: 'hint', text: 'What shipped at 16:01?', to: { role: 'operator' }, player: 'facilitator' } },
  { at: 90, input: { type: 'inject', inject: 'flag_flip', player: 'facilitator' } },
  { at: 95, input: { type: 'inject', from: 'sue', channel: 'support', text: 'Customers say it is back.', player: 'facilitator' } },
  { at: 130, input: { type: 'act', action: 'fix', player: 'p2' } },
  { at: 260, input: { type: 'act', action: 'check', player: 'p1' } },
  { at: 330, input: { type: 'act', action: 'resolve', player: 'p3' } },
];
const options = { seed: 3, coach: 'off' as const };

function played() {
  const replayed = replay(team, options, log);
  expect(replayed.refused).toEqual([]);
  const state = runToEnd(team, replayed.state);
  return { state, record: runRecordOf(team, options, log, state) };
}

describe('a team game day as a run file', () => {
  it('exports and imports with its injects and hints, to the same state and score', async () => {
    const { state, record } = played();
    expect(state.ending?.kind).toBe('resolved');
    const text = await exportRun(team, record);
    expect(JSON.parse(text).log.filter((e: LogEntry) => e.input.player === 'facilitator')).toHaveLength(3);
    const imported = await importRun(text, [team]);
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.state).toEqual(state);
    expect(score(team, imported.state)).toEqual(score(team, state));
  });

  it('travels in a replay link the same way', async () => {
    const { state, record } = played();
    const opened = await readReplayFragment(await replayFragment(team, record), [team]);
    if (!opened?.ok) throw new Error(opened ? opened.error.message : 'no replay in the link');
    expect(opened.state).toEqual(state);
  });

  it('opened through the game, names its players and their roles as the team debrief does', async () => {
    const { state } = played();
    const roster = [
      { id: 'p1', name: 'Ana', role: 'operator' },
      { id: 'p2', name: 'Ben', role: 'operator' },
      { id: 'p3', name: 'Cy', role: 'commander' },
    ];
    const imported = await importRun(await exportRun(team, runRecordOf(team, options, log, state, { roster })), [team]);
    if (!imported.ok) throw new Error(imported.error.message);
    const store = createGameStore({ storage: memoryStorage(), scenarios: [team], newSeed: () => 1 });
    const { record } = imported;
    openReplay(
      store,
      { scenario: imported.scenario, options: record.options, log: record.log, end: record.time, team: record.team },
      'file',
      'end',
    );
    const { replay: watching, screen } = store.getState();
    expect(screen).toBe('debrief');
    expect(watching!.team).toEqual({ roster });
    expect(replayNames(team, watching)).toEqual({
      p1: 'Ana (Operator)',
      p2: 'Ben (Operator)',
      p3: 'Cy (Incident commander)',
      facilitator: 'Facilitator',
    });
    // A solo run has no names to give; its inputs stay the player's own.
    openReplay(store, { scenario: team, options, log: [], end: 0 }, 'file');
    expect(replayNames(team, store.getState().replay)).toBeUndefined();
  });

  it('names roles from the scenario’s own team roles first, then the built-in set, else by id', () => {
    const withRoles = ScenarioSchema.parse({
      ...miniScenarioInput(),
      team: {
        roles: [
          {
            id: 'operator',
            name: 'Hands on keyboard',
            description: 'Does the work.',
            may: { categories: ['investigate'], statusUpdates: false, chat: true, notes: true },
          },
        ],
      },
    });
    expect(scenarioRoleName(withRoles, 'operator')).toBe('Hands on keyboard');
    expect(scenarioRoleName(team, 'operator')).toBe('Operator');
    expect(scenarioRoleName(team, 'mystery')).toBe('mystery');
  });

  it('carries its roster, in the file and in a replay link, and names who made each input', async () => {
    const { state } = played();
    const roster = [
      { id: 'p1', name: 'Ana', role: 'operator' },
      { id: 'p2', name: 'Ben', role: 'operator' },
      { id: 'p3', name: 'Cy', role: 'commander' },
    ];
    const record = runRecordOf(team, options, log, state, { roster });
    const fromFile = await importRun(await exportRun(team, record), [team]);
    const fromLink = await readReplayFragment(await replayFragment(team, record), [team]);
    for (const opened of [fromFile, fromLink]) {
      if (!opened?.ok) throw new Error(opened ? opened.error.message : 'no replay in the link');
      expect(opened.record.team).toEqual({ roster });
      expect(opened.state).toEqual(state);
    }
    // Without p3's seat, the resolve has nobody to name: refused, not shown under a bare id.
    const short = await importRun(await exportRun(team, { ...record, team: { roster: roster.slice(0, 2) } }), [team]);
    expect(short.ok === false && short.error.code).toBe('run-file.unknown-player');
  });

  it('is refused when an inject is altered, as any edit is', async () => {
    const { record } = played();
    const file = JSON.parse(await exportRun(team, record));
    file.log[2].input.inject = 'nope';
    const imported = await importRun(JSON.stringify(file), [team]);
    expect(imported.ok).toBe(false);
  });
});

describe('a solo save', () => {
  it('holds only what a player can do: an inject or a hint in its log is refused', () => {
    const saved = { version: 1, scenario: { id: 'mini', version: '1.0.0' }, options, log: log.slice(0, 1), time: 70 };
    expect(SavedRunSchema.safeParse(saved).success).toBe(true);
    expect(SavedRunSchema.safeParse({ ...saved, log: log.slice(0, 2) }).success).toBe(false);
    expect(SavedRunSchema.safeParse({ ...saved, log: [log[0], log[2]] }).success).toBe(false);
  });
});
