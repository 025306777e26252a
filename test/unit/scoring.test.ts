/**
 * Scoring v2, detector by detector, on the mini scenario: for each one a run where it fires and a
 * run where it does not. Then the limits on the total, the debrief's lines (clamping in notes, one
 * line per action, folding), scenario tuning, suggestions and determinism.
 *
 * The mini incident: a cache tweak ships at 60 s (16:01) and takes the api down; turning the flag
 * off contains it (and, as the api is then healthy, ends the impact); fixing the key (after reading
 * the diff) repairs it; "check" verifies. The api still down at 1500 s is the failed ending; the
 * clock runs out at 1800 s.
 *
 * Every number asserted below is derived in a comment from the model's constants (src/engine/scoring)
 * and the schema's defaults; `M` holds those constants as the model states them.
 */
import { describe, expect, it } from 'vitest';
import {
  DIMENSIONS,
  gradeFor,
  init,
  limitText,
  reasonCodes,
  replay,
  runToEnd,
  score,
  step,
  suggestions,
  type EngineState,
  type LogEntry,
  type NoteKind,
  type ScoreCard,
} from '../../src/engine';
import { compileScript, loadScenario } from '../../src/authoring';
import type { Scenario, ScenarioInput } from '../../src/format';
import { SavedRunSchema } from '../../src/format/run-log';
import { loadShipped, shippedScenarioFiles } from './helpers/flagship';
import { miniScenario, miniScenarioInput } from './helpers/mini-scenario';

/** The model's constants, as src/engine/scoring states them. */
const M = {
  contain: 40,
  harm: 60,
  reopened: -10,
  remediatedFirst: -20,
  fixed: 100,
  fixUndone: 30,
  failure: -10,
  harmful: -20,
  guess: -25,
  catastrophe: -100,
  premature: -40,
  prematureStep: -20,
  beforeAllClear: 100,
  checked: 50,
  verifyUndone: 20,
  parts: { command: 15, updates: 35, cadence: 15, questions: 20, help: 10, close: 5 },
  gap: -10,
  lostCommand: -30,
  badReply: { harmful: -15, failure: -5 },
  hypothesis: 30,
  oneAtATime: 30,
  steady: 40,
  repeatFailed: -15,
  blindRestart: -15,
  blindFix: -10,
  stacked: -10,
  thrash: -10,
  failedEndingLimit: 30,
} as const;
type Part = keyof typeof M.parts;

/** A communicate part's points when the scenario offers `offered`: the offered parts are scaled to 100. */
const part = (p: Part, offered: readonly Part[], share = 1) => (M.parts[p] * 100 * share) / offered.reduce((sum, o) => sum + M.parts[o], 0);
/** The mini scenario has no command or escalate action: these are the parts it offers once a question was asked. */
const MINI_PARTS: Part[] = ['updates', 'cadence', 'questions', 'close'];

/** The expert path: the harm yardstick. It lets users be affected 60–190 s (130 s, all before containment). */
const EXPERT = [
  { at: 90, action: 'read_diff', why: 'See what changed.' },
  { at: 160, action: 'flag_off', why: 'Stop the bleeding.' },
  { at: 200, action: 'fix', why: 'Fix the key.' },
  { at: 330, action: 'check', why: 'Check it worked.' },
  { at: 400, action: 'resolve', why: 'Close it.' },
];
const EXPERT_HARM = 190 - 60;

const withExpert = (overrides: Partial<ScenarioInput> = {}): Scenario => miniScenario({ expertPath: EXPERT, ...overrides });
const mini = withExpert();

/** The mini scenario with more moves: undoing the flag, a harmful purge, a hypothesis action, taking command, paging, re-shipping the tweak. */
function rich(overrides: Partial<ScenarioInput> = {}): Scenario {
  const base = miniScenarioInput();
  return withExpert({
    actions: [
      ...base.actions,
      {
        id: 'flag_on',
        label: 'Turn the flag back on',
        category: 'mitigate',
        duration: 30,
        tags: ['change'],
        undoes: 'flag_off',
        outcomes: [{ text: 'Flag on.', verdict: 'neutral', effects: [{ set: 'flag_off', to: false }] }],
      },
      {
        id: 'purge',
        label: 'Purge the whole cache',
        category: 'mitigate',
        duration: 60,
        tags: ['change'],
        outcomes: [{ text: 'Worse.', verdict: 'harmful' }],
      },
      {
        id: 'think',
        label: 'Write a hypothesis',
        category: 'investigate',
        duration: 30,
        tags: ['hypothesis'],
        outcomes: [{ text: 'Noted.', verdict: 'success' }],
      },
      {
        id: 'lead',
        label: 'Take command',
        category: 'communicate',
        duration: 10,
        tags: ['command'],
        outcomes: [{ text: 'You lead.', verdict: 'success' }],
      },
      {
        id: 'page',
        label: 'Page the cache owner',
        category: 'communicate',
        duration: 10,
        tags: ['escalate'],
        outcomes: [{ text: 'Paged.', verdict: 'success' }],
      },
      {
        id: 'reship',
        label: 'Re-ship the cache tweak',
        category: 'mitigate',
        duration: 30,
        tags: ['change'],
        outcomes: [
          {
            text: 'Shipped again.',
            verdict: 'neutral',
            effects: [
              { set: 'fixed', to: false },
              { set: 'broken', to: true },
              { set: 'checked', to: false },
            ],
          },
        ],
      },
    ],
    ...overrides,
  });
}

const act = (at: number, action: string): LogEntry => ({ at, input: { type: 'act', action } });
const post = (at: number, text: string): LogEntry => ({ at, input: { type: 'post', channel: 'incident', text } });
const note = (at: number, text: string, kind?: NoteKind): LogEntry => ({
  at,
  input: kind ? { type: 'note', text, kind } : { type: 'note', text },
});
const reply = (at: number, choice: string, message = 'report'): LogEntry => ({ at, input: { type: 'reply', message, choice } });
const byTime = (log: LogEntry[]) => [...log].sort((a, b) => a.at - b.at);

/** Plays a log (every input must be accepted), then runs on to `until` or to the scenario's end. */
function play(log: LogEntry[], scenario: Scenario = mini, until?: number, coach: 'off' | 'gentle' = 'off'): EngineState {
  const { state, refused } = replay(scenario, { seed: 1, coach }, log, until);
  expect(refused.map((r) => `${r.entry.at} ${JSON.stringify(r.entry.input)}: ${r.rejection.message}`)).toEqual([]);
  return until === undefined ? runToEnd(scenario, state) : state;
}
const cardOf = (log: LogEntry[], scenario: Scenario = mini, until?: number, coach: 'off' | 'gentle' = 'off'): ScoreCard =>
  score(scenario, play(log, scenario, until, coach));
/** Every code on the card, the parts of merged lines included. */
const codes = (card: ScoreCard) => reasonCodes(card);
const reason = (card: ScoreCard, code: string) => {
  const found = card.reasons.filter((r) => r.code === code);
  expect(found, `${code} in ${card.reasons.map((r) => r.code).join(', ')}`).toHaveLength(1);
  return found[0]!;
};
const limitOf = (card: ScoreCard, code: string) => {
  const found = card.limits.filter((l) => l.code === code);
  expect(found, `${code} in ${card.limits.map((l) => l.code).join(', ')}`).toHaveLength(1);
  return found[0]!;
};
/** Line points are whole; credit scaled to a fraction is rounded one way or the other (largest remainders). */
const expectNear = (points: number, exact: number) => expect(Math.abs(points - exact), `${points} vs ${exact}`).toBeLessThan(1);
const meanOf = (card: ScoreCard) => Math.round(DIMENSIONS.reduce((sum, d) => sum + card.dimensions[d].score, 0) / DIMENSIONS.length);

/** A status update that says all three things: what is affected, what is being done, when the next update comes. */
const UPDATE = 'Users see API errors; switching the cache flag off now. Next update in 10 min.';
const update = (at: number, n: number) => post(at, `Users see API errors (${n}); switching the cache flag off now. Next update in 10 min.`);

/**
 * The calm run: answer support, read the diff and the logs, write a grounded hypothesis, turn the
 * flag off (contained at 190 s), check, fix (fixed at 370 s), check (verified at 430 s), declare
 * (resolved at 440 s). Two status updates with substance while users were affected.
 */
const CLEAN: LogEntry[] = [
  reply(65, 'ack'),
  act(70, 'read_diff'),
  act(130, 'read_logs'),
  note(160, 'Hypothesis: the cache tweak changed the key, so every lookup misses.', 'hypothesis'),
  act(160, 'flag_off'),
  post(170, UPDATE),
  act(190, 'check'),
  act(250, 'fix'),
  post(300, 'Errors have stopped for users; fixing the cache key now. Next update at 16:15.'),
  act(370, 'check'),
  act(430, 'resolve'),
];

describe('the calm run', () => {
  const card = cardOf(CLEAN);

  it('is resolved with full marks in every dimension, nothing held against it and no limit', () => {
    expect(play(CLEAN).ending).toMatchObject({ id: 'won', kind: 'resolved', at: 440 });
    for (const d of DIMENSIONS) expect(card.dimensions[d].score, d).toBe(100);
    expect(card).toMatchObject({ total: 100, average: 100, grade: 'A', limits: [] });
    expect(card.reasons.filter((r) => r.points < 0)).toEqual([]);
    expect(card.totalExplained).toBe('The average of the six dimensions is 100.');
  });
});

describe('nothing is free: an idle run', () => {
  it('scores 0 in every dimension of every shipped scenario', () => {
    for (const file of shippedScenarioFiles()) {
      const scenario = loadShipped(file);
      const card = score(scenario, runToEnd(scenario, init(scenario, { seed: 1, coach: 'off' })));
      for (const d of DIMENSIONS) expect(card.dimensions[d].score, `${file} ${d}`).toBe(0);
      expect(card.total, file).toBe(0);
    }
  });

  it('scores 0 in every dimension of the mini scenario, with no credit on any line', () => {
    // Impact 60 s to the failed ending, counted to the 1800 s limit: 1740 s, 1610 s more than the
    // expert path, past the default harmLimitSeconds (1200 s): no harm credit either.
    const card = cardOf([]);
    for (const d of DIMENSIONS) expect(card.dimensions[d].score, d).toBe(0);
    expect(card.reasons.filter((r) => r.points > 0)).toEqual([]);
    // No "steady" composure for a run that changed nothing.
    expect(card.dimensions.composure.reasons).toEqual([]);
  });

  it('scores 0 everywhere when users were never affected and nothing was done', () => {
    const card = cardOf([], withExpert({ deploys: [] }), 600);
    for (const d of DIMENSIONS) expect(card.dimensions[d].score, d).toBe(0);
    expect(reason(card, 'stabilise.idle').points).toBe(0);
    expect(codes(card)).not.toContain('stabilise.no-impact');
  });
});

describe('stabilise', () => {
  it('credits a run in which users were never affected, only when the player did something', () => {
    const quiet = withExpert({ deploys: [] });
    expect(reason(cardOf([act(10, 'read_logs')], quiet, 600), 'stabilise.no-impact').points).toBe(100);
    expect(codes(cardOf(CLEAN))).not.toContain('stabilise.no-impact');
  });

  it('gives the containment part by time from impact to containment, against a target and limit a scenario can tune', () => {
    // Impact 60 s, contained 190 s: 130 s, within the default 900 s target: all 40.
    expect(reason(cardOf(CLEAN), 'stabilise.contained')).toMatchObject({ points: M.contain, at: 190, best: M.contain });
    // Target 60 s, limit 200 s: (200 − 130) / (200 − 60) = 0.5 of 40.
    const strict = withExpert({ scoring: { stabiliseTargetSeconds: 60, stabiliseLimitSeconds: 200 } });
    expect(reason(cardOf(CLEAN, strict), 'stabilise.contained').points).toBe(M.contain * 0.5);
    // Past the limit: nothing.
    const stricter = withExpert({ scoring: { stabiliseTargetSeconds: 60, stabiliseLimitSeconds: 120 } });
    expect(reason(cardOf(CLEAN, stricter), 'stabilise.contained').points).toBe(0);
  });

  it('gives nothing for containment when the impact is never contained', () => {
    const card = cardOf([act(70, 'read_diff')], mini, 600);
    expect(reason(card, 'stabilise.never')).toMatchObject({ points: 0, best: M.contain });
    expect(codes(card)).not.toContain('stabilise.contained');
    expect(codes(cardOf(CLEAN))).not.toContain('stabilise.never');
  });

  describe('harm, against the expert path', () => {
    const h600 = rich({ scoring: { harmLimitSeconds: 600 } });

    it('is in full when users bore no more than the expert path let through, and never more than full', () => {
      // 130 s affected, the same as the expert path.
      const r = reason(cardOf(CLEAN), 'stabilise.harm');
      expect(r).toMatchObject({ points: M.harm, best: M.harm });
      expect(r.text).toContain('the expert path leaves them affected for 2 min');
      // Contained at 90 s: 30 s affected, less than the expert path's 130 s: still 60, not more.
      expect(reason(cardOf([act(10, 'read_logs'), act(60, 'flag_off')], h600, 600), 'stabilise.harm').points).toBe(M.harm);
    });

    it('shrinks with every second of harm beyond the expert path, reaching 0 at harmLimitSeconds more', () => {
      // Flag off at 200 s, contained 230 s: 170 s affected, 40 s more than the expert: 60 × (1 − 40/600) = 56.
      const slow = [act(70, 'read_logs'), act(200, 'flag_off'), act(230, 'check')];
      expect(reason(cardOf(slow, h600, 700), 'stabilise.harm').points).toBeCloseTo(M.harm * (1 - (230 - 60 - EXPERT_HARM) / 600), 6);
      // Never contained and still affected at the end: nothing the player did limited the harm, so nothing, however short the run.
      expect(reason(cardOf([act(70, 'read_logs')], h600, 700), 'stabilise.harm').points).toBe(0);
      expect(reason(cardOf([act(70, 'read_logs')], h600, 900), 'stabilise.harm').points).toBe(0);
    });

    it('counts the whole run: lifting the containment and putting it back costs harm as well as the reopening', () => {
      const steady = [act(70, 'read_logs'), act(200, 'flag_off'), act(230, 'check')];
      // The flag back on at 300 s (on at 330 s) and off again at 360 s (off at 390 s): 60 s more affected.
      const undo = [...steady, act(300, 'flag_on'), act(360, 'flag_off'), act(390, 'check')];
      const before = reason(cardOf(steady, h600, 700), 'stabilise.harm').points;
      const after = cardOf(undo, h600, 700);
      expect(play(undo, h600, 700).impact).toEqual([
        { from: 60, to: 230 },
        { from: 330, to: 390 },
      ]);
      // 170 + 60 = 230 s affected, 100 s more than the expert: 60 × (1 − 100/600) = 50.
      expect(reason(after, 'stabilise.harm').points).toBeCloseTo(M.harm * (1 - (170 + 60 - EXPERT_HARM) / 600), 6);
      expect(reason(after, 'stabilise.harm').points).toBeLessThan(before);
      // The containment part is about the first containment, and stays.
      expect(reason(after, 'stabilise.contained').points).toBe(M.contain);
    });

    it('weights contained seconds by degradedHarm, which a scenario can tune', () => {
      // Here users are affected until the fix (impact = broken); the flag only contains it.
      const degraded = (degradedHarm: number) =>
        withExpert({
          incident: { ...miniScenarioInput().incident, impact: { fact: 'broken' } },
          scoring: { harmLimitSeconds: 600, degradedHarm },
        });
      // Contained at 190 s, fixed at 520 s: 130 s uncontained, 330 s contained.
      // The expert path: contained at 190 s, fixed at 320 s: 130 s uncontained, 130 s contained.
      const slowFix = [
        act(70, 'read_diff'),
        act(160, 'flag_off'),
        act(190, 'read_logs'),
        act(400, 'fix'),
        act(520, 'check'),
        act(580, 'resolve'),
      ];
      const harmWith = (d: number) => reason(cardOf(slowFix, degraded(d)), 'stabilise.harm');
      // ½: 130 + 165 = 295 against 130 + 65 = 195: 100 s more: 60 × (1 − 100/600) = 50.
      expect(harmWith(0.5).points).toBeCloseTo(M.harm * (1 - (130 + 330 * 0.5 - (130 + 130 * 0.5)) / 600), 6);
      // 1: 460 against 260: 200 more: 60 × (1 − 200/600) = 40.
      expect(harmWith(1).points).toBeCloseTo(M.harm * (1 - (460 - 260) / 600), 6);
      // 0: only the uncontained 130 s count, the same as the expert's: full.
      expect(harmWith(0).points).toBe(M.harm);
      expect(harmWith(0.5).text).toContain('Users were affected for 8 min, 2 min of it before containment');
    });
  });

  it('charges lifting a containment that lets the impact come back once, on one line for the action', () => {
    const scenario = rich();
    const card = cardOf(
      [act(70, 'read_logs'), act(100, 'flag_off'), act(130, 'check'), act(190, 'flag_on'), act(220, 'flag_off'), act(250, 'check')],
      scenario,
      600,
    );
    const lines = card.dimensions.stabilise.reasons.filter((r) => r.points < 0);
    // Both happen when "Turn the flag back on" lands at 220 s: one mistake, charged once.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ code: 'stabilise.reopened', points: M.reopened, at: 220, action: 'flag_on' });
    expect(lines[0]!.text).not.toContain('affected again');
    expect(lines[0]!.text).toContain('“Turn the flag back on”');
    expect(codes(cardOf([act(70, 'read_logs'), act(100, 'flag_off'), act(130, 'check')], scenario, 600))).not.toContain(
      'stabilise.reopened',
    );
  });

  it('charges starting a fix while users are affected and nothing is contained', () => {
    const card = cardOf([act(70, 'read_diff'), act(130, 'fix'), act(250, 'check')], mini, 600);
    const r = reason(card, 'stabilise.remediated-first');
    expect(r).toMatchObject({ points: M.remediatedFirst, at: 130, action: 'fix', dimension: 'stabilise' });
    expect(r.text).toContain('“Fix the cache key”');
    expect(r.text).toContain('16:02');
  });

  it('does not charge a fix after containing, or before users are affected', () => {
    expect(codes(cardOf(CLEAN))).not.toContain('stabilise.remediated-first');
    const late = withExpert({
      deploys: [
        {
          id: 'd1',
          at: 600,
          service: 'api',
          title: 'Cache tweak',
          author: 'ana',
          summary: 'Changes the cache key.',
          effects: [{ set: 'broken', to: true }],
        },
      ],
    });
    expect(codes(cardOf([act(0, 'read_diff'), act(60, 'fix')], late, 400))).not.toContain('stabilise.remediated-first');
  });
});

describe('diagnose', () => {
  it('credits checking the change history before changing anything', () => {
    expect(reason(cardOf(CLEAN), 'diagnose.history-first')).toMatchObject({ points: 30, at: 130 });
    expect(codes(cardOf([act(70, 'flag_off'), act(100, 'read_diff')], mini, 600))).not.toContain('diagnose.history-first');
  });

  it('gives less for a late look at the history, and nothing for none', () => {
    const late = cardOf([act(70, 'flag_off'), act(100, 'read_diff')], mini, 600);
    expect(reason(late, 'diagnose.history-late')).toMatchObject({ points: 10, at: 160, best: 30 });
    expect(reason(late, 'diagnose.history-late').text).toContain('16:01');
    expect(reason(cardOf([act(70, 'flag_off')], mini, 600), 'diagnose.history-never')).toMatchObject({ points: 0, best: 30 });
    expect(codes(cardOf(CLEAN))).not.toContain('diagnose.history-late');
    expect(codes(cardOf(CLEAN))).not.toContain('diagnose.history-never');
  });

  it('credits the share of key evidence seen before the first fix, naming what was missed', () => {
    expect(reason(cardOf(CLEAN), 'diagnose.evidence').points).toBe(40);
    // 1 of 2 before the fix: 40 × ½.
    const hasty = reason(cardOf([act(70, 'read_diff'), act(130, 'fix')], mini, 600), 'diagnose.evidence');
    expect(hasty).toMatchObject({ points: 20, best: 40 });
    expect(hasty.text).toContain('not seen: “API logs”');
  });

  it('neither counts nor advises evidence that can no longer be had', () => {
    // The logs can be read only while the flag is on; a run that turned it off without reading them can no longer.
    const input = miniScenarioInput();
    const gone = withExpert({
      actions: input.actions.map((a) => (a.id === 'read_logs' ? { ...a, visible: { not: { fact: 'flag_off' } } } : a)),
    });
    const log = [act(70, 'read_diff'), act(130, 'flag_off'), act(160, 'check'), act(220, 'fix'), act(340, 'check'), act(400, 'resolve')];
    const card = cardOf(log, gone);
    // 1 of the 1 piece still to be had: all 40.
    expect(reason(card, 'diagnose.evidence')).toMatchObject({ points: 40 });
    expect(reason(card, 'diagnose.evidence').text).not.toContain('API logs');
    expect(suggestions(gone, card).map((s) => s.code)).not.toContain('diagnose.evidence');
    // Where the logs can still be read, the same run misses half.
    expect(reason(cardOf(log), 'diagnose.evidence').points).toBe(20);
  });

  it('credits understanding before fixing, less after, nothing never', () => {
    expect(reason(cardOf(CLEAN), 'diagnose.understood').points).toBe(30);
    const byLogs = withExpert({ incident: { ...miniScenarioInput().incident, understood: { seen: 'logs' } } });
    expect(
      reason(cardOf([act(70, 'read_diff'), act(130, 'fix'), act(250, 'read_logs')], byLogs, 600), 'diagnose.understood-late'),
    ).toMatchObject({ points: 10, best: 30 });
    expect(reason(cardOf([], mini, 600), 'diagnose.not-understood')).toMatchObject({ points: 0, best: 30 });
    expect(codes(cardOf(CLEAN))).not.toContain('diagnose.understood-late');
    expect(codes(cardOf(CLEAN))).not.toContain('diagnose.not-understood');
  });

  it('lists coach hints at no cost, and only when one came', () => {
    expect(
      cardOf([], mini, 500, 'gentle')
        .reasons.filter((r) => r.code === 'diagnose.hint')
        .map((r) => r.points),
    ).toEqual([0]);
    expect(codes(cardOf([], mini, 500, 'off'))).not.toContain('diagnose.hint');
  });
});

describe('remediate', () => {
  it('credits the fix in full when it holds to the end, and says when it never came', () => {
    expect(reason(cardOf(CLEAN), 'remediate.fixed')).toMatchObject({ points: M.fixed, at: 370 });
    expect(reason(cardOf([act(70, 'flag_off')], mini, 600), 'remediate.not-fixed')).toMatchObject({ points: 0, best: M.fixed });
    expect(codes(cardOf(CLEAN))).not.toContain('remediate.not-fixed');
    expect(codes(cardOf([act(70, 'flag_off')], mini, 600))).not.toContain('remediate.fixed');
  });

  it('credits a fix that was undone only in part', () => {
    const scenario = rich();
    // Fixed at 370 s; re-shipping the tweak at 430 s undoes it at 460 s.
    const card = cardOf(
      [
        act(70, 'read_diff'),
        act(130, 'read_logs'),
        act(160, 'flag_off'),
        act(190, 'check'),
        act(250, 'fix'),
        act(370, 'check'),
        act(430, 'reship'),
        act(460, 'check'),
      ],
      scenario,
      700,
    );
    const r = reason(card, 'remediate.undone');
    expect(r).toMatchObject({ points: M.fixUndone, at: 370, best: M.fixed });
    expect(r.text).toContain('undone at 16:07');
    expect(codes(card)).not.toContain('remediate.fixed');
    expect(codes(cardOf(CLEAN, scenario))).not.toContain('remediate.undone');
  });

  it('charges failed attempts, each repeat of the same action more than the last', () => {
    const card = cardOf(
      [act(70, 'read_logs'), act(100, 'restart'), act(160, 'check'), act(220, 'restart'), act(280, 'check'), act(340, 'restart')],
      mini,
      600,
    );
    // n-th failure of the same action: −10 × n.
    expect(card.reasons.filter((r) => r.code === 'remediate.failure').map((r) => r.points)).toEqual([
      M.failure,
      2 * M.failure,
      3 * M.failure,
    ]);
    expect(codes(cardOf(CLEAN))).not.toContain('remediate.failure');
  });

  it('charges harmful attempts more, counting repeats per action', () => {
    const scenario = rich();
    const card = cardOf([act(70, 'read_logs'), act(100, 'purge'), act(160, 'restart'), act(220, 'purge')], scenario, 600);
    expect(card.reasons.filter((r) => r.dimension === 'remediate' && r.points < 0).map((r) => [r.code, r.points, r.action])).toEqual([
      ['remediate.harmful', M.harmful, 'purge'],
      // The restart is the first failure of its own action, whatever came before.
      ['remediate.failure', M.failure, 'restart'],
      ['remediate.harmful', 2 * M.harmful, 'purge'],
    ]);
    expect(codes(cardOf(CLEAN, scenario))).not.toContain('remediate.harmful');
  });

  describe('a fix that held but was a guess', () => {
    const HYPOTHESIS = 'Hypothesis: the cache tweak changed the key, so every lookup misses.';

    it('charges a fix started before the cause was understood, and limits the total', () => {
      // Understood only once the logs are read: the fix at 220 s comes before.
      const byLogs = withExpert({ incident: { ...miniScenarioInput().incident, understood: { seen: 'logs' } } });
      const card = cardOf(
        [
          act(70, 'read_diff'),
          note(130, HYPOTHESIS, 'hypothesis'),
          act(130, 'flag_off'),
          post(140, UPDATE),
          act(160, 'check'),
          act(220, 'fix'),
          act(340, 'check'),
          act(400, 'read_logs'),
          act(430, 'resolve'),
        ],
        byLogs,
      );
      const r = reason(card, 'remediate.guess');
      expect(r).toMatchObject({ points: M.guess, at: 220, action: 'fix' });
      expect(r.text).toContain('before the evidence showed the cause');
      // The fix held: 100 − 25.
      expect(card.dimensions.remediate.score).toBe(M.fixed + M.guess);
      expect(limitOf(card, 'limit.guess')).toMatchObject({ max: byLogs.scoring.limits.guess, at: 220, causes: ['remediate.guess'] });
      expect(card.total).toBeLessThanOrEqual(byLogs.scoring.limits.guess);
    });

    it('charges a fix started with no grounded hypothesis written down, even once the cause was understood', () => {
      const plain = CLEAN.map((e) => (e.input.type === 'note' ? note(e.at, e.input.text) : e));
      const card = cardOf(plain);
      const r = reason(card, 'remediate.unexplained');
      expect(r).toMatchObject({ points: M.guess, at: 250, action: 'fix' });
      expect(r.text).toMatch(/with no hypothesis\b.*written down/);
      expect(limitOf(card, 'limit.guess')).toMatchObject({ max: mini.scoring.limits.guess, causes: ['remediate.unexplained'] });
      // "Something is broken" is no hypothesis either.
      expect(
        codes(cardOf(CLEAN.map((e) => (e.input.type === 'note' ? note(e.at, 'Hypothesis: something is broken.', 'hypothesis') : e)))),
      ).toContain('remediate.unexplained');
    });

    it('does not charge a fix the evidence and a grounded hypothesis led to, even one written after the first change', () => {
      const card = cardOf(CLEAN);
      expect(codes(card)).not.toContain('remediate.guess');
      expect(card.limits.map((l) => l.code)).not.toContain('limit.guess');
      // Written at 200 s, after turning the flag off but before the fix: composure misses it, remediate does not.
      const late = cardOf(byTime([...CLEAN.filter((e) => e.input.type !== 'note'), note(200, HYPOTHESIS, 'hypothesis')]));
      expect(codes(late)).not.toContain('remediate.guess');
      expect(codes(late)).toContain('composure.no-hypothesis');
    });
  });

  it('takes everything for a failed ending', () => {
    const card = cardOf([]);
    expect(reason(card, 'remediate.catastrophe')).toMatchObject({ points: M.catastrophe, at: 1500 });
    expect(codes(cardOf(CLEAN))).not.toContain('remediate.catastrophe');
  });
});

describe('verify', () => {
  // Fixed at 400 s; declared at 410 s before the check; checked at 470 s.
  const base = [act(70, 'read_diff'), act(130, 'read_logs'), act(190, 'flag_off'), post(200, UPDATE), act(220, 'check'), act(280, 'fix')];
  const declaredEarly = (times: number) => [
    ...base,
    ...Array.from({ length: times }, (_, i) => act(400 + 10 * i, 'resolve')),
    act(400 + 10 * times, 'check'),
    act(460 + 10 * times, 'resolve'),
  ];

  it('charges each premature all-clear more than the last', () => {
    for (const n of [1, 2, 3]) {
      const card = cardOf(declaredEarly(n));
      // −40, −60, −80: PREMATURE + STEP × (i − 1).
      const expected = Array.from({ length: n }, (_, i) => M.premature + M.prematureStep * i);
      expect(
        card.reasons.filter((r) => r.code === 'verify.premature').map((r) => r.points),
        `${n}`,
      ).toEqual(expected);
      // The recovery was verified before the accepted all-clear: +100 on top.
      expect(card.dimensions.verify.raw).toBe(M.beforeAllClear + expected.reduce((a, b) => a + b, 0));
    }
    expect(codes(cardOf(CLEAN))).not.toContain('verify.premature');
  });

  it('credits verifying before the all-clear in full', () => {
    const card = cardOf(CLEAN);
    expect(reason(card, 'verify.before-all-clear')).toMatchObject({ points: M.beforeAllClear, at: 430 });
  });

  it('gives half for a recovery verified but never declared, and limits a run that timed out so', () => {
    const timedOut = cardOf([...base, act(410, 'check')]);
    expect(reason(timedOut, 'verify.checked')).toMatchObject({ points: M.checked, best: M.beforeAllClear });
    expect(limitOf(timedOut, 'limit.undeclared')).toMatchObject({
      max: mini.scoring.limits.undeclared,
      at: 1800,
      causes: ['verify.checked'],
    });
    // Still running at 600 s: no limit yet.
    const running = cardOf([...base, act(410, 'check')], mini, 600);
    expect(reason(running, 'verify.checked').points).toBe(M.checked);
    expect(running.limits.map((l) => l.code)).not.toContain('limit.undeclared');
    expect(codes(cardOf(CLEAN))).not.toContain('verify.checked');
  });

  it('gives little for a recovery verified that did not hold, and limits a run that timed out so', () => {
    const scenario = rich();
    const card = cardOf(
      [
        act(70, 'read_diff'),
        act(130, 'read_logs'),
        act(160, 'flag_off'),
        post(170, UPDATE),
        act(190, 'check'),
        act(250, 'fix'),
        act(370, 'check'),
        act(430, 'reship'),
        act(460, 'check'),
      ],
      scenario,
    );
    expect(reason(card, 'verify.undone')).toMatchObject({ points: M.verifyUndone, at: 430, best: M.beforeAllClear });
    expect(limitOf(card, 'limit.open')).toMatchObject({ max: scenario.scoring.limits.open, causes: ['verify.undone'] });
  });

  it('gives nothing for a recovery never verified, and limits a run that timed out so', () => {
    const timedOut = cardOf(base);
    expect(reason(timedOut, 'verify.never')).toMatchObject({ points: 0, best: M.beforeAllClear });
    expect(limitOf(timedOut, 'limit.open')).toMatchObject({ max: mini.scoring.limits.open, at: 1800, causes: ['verify.never'] });
    expect(cardOf(base, mini, 600).limits.map((l) => l.code)).not.toContain('limit.open');
    expect(codes(cardOf(CLEAN))).not.toContain('verify.never');
  });
});

describe('communicate', () => {
  it('scales the parts the scenario offers to 100, leaving out those it does not', () => {
    // The rich scenario offers all six parts: each at face value.
    const full = cardOf([act(0, 'lead'), act(20, 'page'), ...CLEAN], rich());
    expect(Object.fromEntries(full.dimensions.communicate.reasons.filter((r) => r.points > 0).map((r) => [r.code, r.points]))).toEqual({
      'communicate.command': M.parts.command,
      'communicate.help': M.parts.help,
      'communicate.updates': M.parts.updates,
      'communicate.questions': M.parts.questions,
      'communicate.cadence': M.parts.cadence,
      'communicate.closed': M.parts.close,
    });
    // The mini scenario offers no command or help: the other four scale to 100 and there are no lines for the two.
    const card = cardOf(CLEAN);
    expect(card.dimensions.communicate.score).toBe(100);
    expectNear(reason(card, 'communicate.updates').points, part('updates', MINI_PARTS));
    expect(codes(card).filter((c) => /command|help/.test(c))).toEqual([]);
  });

  it('credits taking command, half when it came later than an update cadence after the impact began', () => {
    const scenario = rich();
    expect(reason(cardOf([act(0, 'lead')], scenario, 600), 'communicate.command')).toMatchObject({
      points: M.parts.command,
      at: 10,
      action: 'lead',
    });
    // Taken at 1010 s, 950 s after the impact began, past the 900 s cadence: 15 × ½ = 7.5, the only credit, rounded up.
    const late = reason(cardOf([act(1000, 'lead')], scenario, 1100), 'communicate.command');
    expect(late.points).toBe(Math.round(M.parts.command / 2));
    expect(late.text).toContain('16 min after users were first affected');
    expect(reason(cardOf([], scenario, 600), 'communicate.no-command')).toMatchObject({ points: 0, best: M.parts.command });
  });

  it('credits asking for help, and says when nobody was asked', () => {
    const scenario = rich();
    expect(reason(cardOf([act(0, 'page')], scenario, 600), 'communicate.help')).toMatchObject({
      points: M.parts.help,
      at: 10,
      action: 'page',
    });
    expect(reason(cardOf([], scenario, 600), 'communicate.no-help')).toMatchObject({ points: 0, best: M.parts.help });
  });

  it('credits closing with an accepted all-clear only', () => {
    expectNear(reason(cardOf(CLEAN), 'communicate.closed').points, part('close', MINI_PARTS));
    expect(codes(cardOf(CLEAN.slice(0, -1)))).not.toContain('communicate.closed');
  });

  describe('status updates, for their substance', () => {
    // One update expected: users affected for 130 s, under the 900 s cadence.
    const contained = [act(70, 'read_logs'), act(100, 'flag_off'), act(130, 'check')];
    const withPost = (text: string) => cardOf(byTime([...contained, post(110, text)]), mini, 600);

    it('counts a post with all three parts in full, and a post with one part for a third', () => {
      const full = withPost(UPDATE);
      expectNear(reason(full, 'communicate.updates').points, part('updates', MINI_PARTS));
      // updates + cadence (no question answered): 46.7 + 20.
      expect(full.dimensions.communicate.raw).toBe(Math.round(part('updates', MINI_PARTS) + part('cadence', MINI_PARTS)));
      const thin = withPost('Users see API errors right now.');
      expect(thin.dimensions.communicate.raw).toBe(Math.round(part('updates', MINI_PARTS, 1 / 3) + part('cadence', MINI_PARTS)));
      expect(reason(thin, 'communicate.updates').text).toContain('did not say what is being done or when the next update comes');
    });

    it('counts an empty or too short post for nothing: it is silence, and limits the total', () => {
      // An empty post never reaches the channel.
      expect(step(mini, init(mini, { seed: 1, coach: 'off' }), { type: 'post', channel: 'incident', text: '   ' }).rejected?.code).toBe(
        'text.invalid',
      );
      for (const text of ['.', 'ok', 'on it now']) {
        const card = withPost(text);
        expect(codes(card), text).not.toContain('communicate.updates');
        expect(reason(card, 'communicate.silent')).toMatchObject({
          points: 0,
          best: part('updates', MINI_PARTS) + part('cadence', MINI_PARTS),
        });
        expect(reason(card, 'communicate.silent').text).toContain('1 post said nothing');
        expect(limitOf(card, 'limit.silent')).toMatchObject({ max: mini.scoring.limits.silent, causes: ['communicate.silent'] });
      }
      expect(reason(cardOf(contained, mini, 600), 'communicate.silent').text).toBe('Gave no status update while users were affected.');
      expect(withPost(UPDATE).limits.map((l) => l.code)).not.toContain('limit.silent');
    });

    describe('when several are expected', () => {
      // A 120 s cadence; users affected 60–430 s (370 s): ceil(370 / 120) = 4 updates expected.
      const c120 = withExpert({ scoring: { updateCadenceSeconds: 120 } });
      const late = [act(70, 'read_diff'), act(130, 'read_logs'), act(400, 'flag_off'), act(430, 'check')];
      const run = (posts: LogEntry[]) => cardOf(byTime([...late, ...posts]), c120, 700);
      const expected = 4;

      it('counts the expected number of distinct updates in full, and no more for more', () => {
        const four = run([update(100, 1), update(200, 2), update(300, 3), update(420, 4)]);
        const eight = run([65, 100, 150, 200, 250, 300, 350, 420].map((t, i) => update(t, i)));
        for (const card of [four, eight]) {
          expect(card.dimensions.communicate.raw).toBe(Math.round(part('updates', MINI_PARTS) + part('cadence', MINI_PARTS)));
          expect(reason(card, 'communicate.cadence').points).toBe(part('cadence', MINI_PARTS));
        }
        expect(reason(eight, 'communicate.updates').text).toContain('Gave 8 status updates');
      });

      it('counts a repeated post once', () => {
        const same = run([100, 200, 300, 420].map((t) => post(t, UPDATE)));
        const r = reason(same, 'communicate.updates');
        expect(r.text).toContain('3 other posts said nothing new');
        // One update of four, and the duplicates do not keep the cadence: a gap from 100 s to the end.
        expect(same.dimensions.communicate.raw).toBe(Math.round(part('updates', MINI_PARTS, 1 / expected) + M.gap));
        expect(reason(same, 'communicate.gap').points).toBe(M.gap);
      });

      it('charges each silence longer than the cadence while users were affected, and then gives no cadence credit', () => {
        const gappy = run([update(100, 1), update(420, 2)]);
        const gap = reason(gappy, 'communicate.gap');
        expect(gap).toMatchObject({ points: M.gap, at: 420 });
        expect(gap.text).toContain('(16:01–16:07)');
        expect(codes(gappy)).not.toContain('communicate.cadence');
        // Two updates of four, less the gap.
        expect(gappy.dimensions.communicate.raw).toBe(Math.round(part('updates', MINI_PARTS, 2 / expected) + M.gap));
      });

      it('does not count silence once users are no longer affected', () => {
        // The last update at 420 s; the impact ended at 430 s; the run goes on to 700 s.
        expect(codes(run([update(100, 1), update(200, 2), update(300, 3), update(420, 4)]))).not.toContain('communicate.gap');
      });
    });
  });

  describe('questions, as a share of those that mattered', () => {
    const askAlso = (replies: { id: string; verdict: 'success' | 'failure' | 'harmful' }[]) =>
      withExpert({
        messages: [
          ...miniScenarioInput().messages!,
          {
            id: 'ask2',
            channel: 'incident',
            from: 'ana',
            text: 'Should I revert?',
            at: 90,
            importance: 'important',
            asks: { expiresAfter: 120, replies: replies.map((r) => ({ ...r, label: r.id, text: `Reply ${r.id}.` })) },
          },
        ],
      });
    const two = askAlso([
      { id: 'wait', verdict: 'success' },
      { id: 'soon', verdict: 'failure' },
    ]);

    it('gives the whole part for answering the one question asked, and nothing for ignoring it', () => {
      expectNear(reason(cardOf([reply(65, 'ack')], mini, 600), 'communicate.questions').points, part('questions', MINI_PARTS));
      const ignored = reason(cardOf([], mini, 600), 'communicate.questions');
      expect(ignored).toMatchObject({ points: 0, best: part('questions', MINI_PARTS) });
      expect(ignored.text).toContain('Left unanswered: Sue');
    });

    it('gives a share when several were asked, so more questions never pay more', () => {
      expectNear(reason(cardOf([reply(65, 'ack')], two, 600), 'communicate.questions').points, part('questions', MINI_PARTS, 1 / 2));
      const both = reason(cardOf([reply(65, 'ack'), reply(95, 'wait', 'ask2')], two, 600), 'communicate.questions');
      expect(both.text).toBe('Answered 2 of the 2 questions that mattered.');
      // Both of two answered is worth what one of one is.
      expect(both.points).toBe(reason(cardOf([reply(65, 'ack')], mini, 600), 'communicate.questions').points);
    });

    it('counts a question and the louder follow-up it leads to as one, answering only the follow-up half', () => {
      // Here the follow-up, posted when the last repeat expires at 365 s, asks too.
      const louderAsks = withExpert({
        messages: miniScenarioInput().messages!.map((m) =>
          m.id === 'report_louder'
            ? { ...m, asks: { expiresAfter: 120, replies: [{ id: 'ack', label: 'Ack', text: 'On it.', verdict: 'success' as const }] } }
            : m,
        ),
      });
      const late = reason(cardOf([reply(370, 'ack', 'report_louder')], louderAsks, 600), 'communicate.questions');
      expectNear(late.points, part('questions', MINI_PARTS, 1 / 2));
      expect(late.text).toContain('only once asked again');
      // Letting it get louder never pays: the first answer is worth more.
      expect(late.points).toBeLessThan(reason(cardOf([reply(65, 'ack')], louderAsks, 600), 'communicate.questions').points);
    });

    it('does not count a question still open when the run ended', () => {
      // At 100 s the report (65 s, expires 185 s) is neither answered nor ignored: the part is not offered.
      const card = cardOf([], mini, 100);
      expect(codes(card)).not.toContain('communicate.questions');
      expect(reason(card, 'communicate.silent').best).toBe(
        part('updates', ['updates', 'cadence', 'close']) + part('cadence', ['updates', 'cadence', 'close']),
      );
    });

    it('charges replies that set the wrong expectations', () => {
      expect(reason(cardOf([reply(65, 'deny')], mini, 600), 'communicate.bad-reply')).toMatchObject({ points: M.badReply.harmful, at: 65 });
      expect(reason(cardOf([reply(65, 'ack'), reply(95, 'soon', 'ask2')], two, 600), 'communicate.bad-reply')).toMatchObject({
        points: M.badReply.failure,
        at: 95,
      });
      expect(codes(cardOf([reply(65, 'ack')], mini, 600))).not.toContain('communicate.bad-reply');
    });
  });

  it('charges losing command when the scenario says which message means it', () => {
    const input = miniScenarioInput();
    const lost = withExpert({
      characters: [...input.characters, { id: 'mo', name: 'Mo', role: 'Manager', color: '#999999' }],
      messages: [
        ...input.messages!,
        { id: 'new_ic', channel: 'incident', from: 'mo', text: 'I am bringing in another incident commander.', importance: 'critical' },
      ],
      relapse: { messages: ['new_ic'] },
      scoring: { lostCommandMessage: 'new_ic' },
    });
    // A false all-clear at 350 s relapses and posts the message.
    const card = cardOf(
      [
        act(70, 'read_diff'),
        act(130, 'flag_off'),
        act(160, 'check'),
        act(220, 'fix'),
        act(340, 'resolve'),
        act(350, 'check'),
        act(410, 'resolve'),
      ],
      lost,
    );
    const r = reason(card, 'communicate.lost-command');
    expect(r).toMatchObject({ points: M.lostCommand, at: 350 });
    expect(r.text).toContain('Mo brought in another incident commander');
    expect(codes(cardOf(CLEAN, lost))).not.toContain('communicate.lost-command');
    expect(
      codes(
        cardOf([
          act(70, 'read_diff'),
          act(130, 'flag_off'),
          act(160, 'check'),
          act(220, 'fix'),
          act(340, 'resolve'),
          act(350, 'check'),
          act(410, 'resolve'),
        ]),
      ),
    ).not.toContain('communicate.lost-command');
  });
});

describe('composure', () => {
  describe('a hypothesis, grounded in the evidence', () => {
    it('credits a note naming what the evidence seen showed, before the first change', () => {
      // Shares "cache" and "tweak" with the diff seen at 130 s.
      expect(reason(cardOf(CLEAN), 'composure.hypothesis')).toMatchObject({ points: M.hypothesis, at: 160, best: M.hypothesis });
    });

    const around = (n: LogEntry) => byTime([n, act(70, 'read_diff'), act(130, 'read_logs'), act(160, 'flag_off'), act(190, 'check')]);

    it('gives nothing for "Hypothesis: something is broken.", before the evidence or after it', () => {
      for (const at of [65, 160]) {
        const card = cardOf(around(note(at, 'Hypothesis: something is broken.', 'hypothesis')), mini, 600);
        expect(codes(card), `${at}`).not.toContain('composure.hypothesis');
        expect(reason(card, 'composure.no-hypothesis')).toMatchObject({ points: 0, at, best: M.hypothesis });
        expect(reason(card, 'composure.no-hypothesis').text).toContain('named nothing the evidence seen by then showed');
      }
    });

    it("gives nothing for the evidence's words written before the evidence was seen", () => {
      const card = cardOf(around(note(65, 'Hypothesis: the cache tweak diff broke the key.', 'hypothesis')), mini, 600);
      expect(codes(card)).not.toContain('composure.hypothesis');
      expect(codes(cardOf(around(note(160, 'Hypothesis: the cache tweak diff broke the key.', 'hypothesis')), mini, 600))).toContain(
        'composure.hypothesis',
      );
    });

    it('does not count a plain note, or a hypothesis written after the first change', () => {
      const plain = cardOf(CLEAN.map((e) => (e.input.type === 'note' ? note(e.at, e.input.text) : e)));
      expect(codes(plain)).not.toContain('composure.hypothesis');
      expect(reason(plain, 'composure.no-hypothesis')).toMatchObject({ points: 0, at: 160, action: 'flag_off' });
      const after = cardOf(around(note(200, 'Hypothesis: the cache tweak changed the key.', 'hypothesis')), mini, 600);
      expect(codes(after)).not.toContain('composure.hypothesis');
      expect(codes(cardOf(CLEAN))).not.toContain('composure.no-hypothesis');
    });

    it('credits a hypothesis action after relevant evidence, half for a partial one, none before evidence', () => {
      const scenario = rich();
      expect(
        reason(
          cardOf([act(70, 'read_logs'), act(100, 'think'), act(130, 'flag_off'), act(160, 'check')], scenario, 600),
          'composure.hypothesis',
        ),
      ).toMatchObject({ points: M.hypothesis, at: 130 });
      const thin = rich({
        actions: scenario.actions.map((a) =>
          a.id === 'think' ? { ...a, outcomes: [{ text: 'Noted.', verdict: 'partial' as const, effects: [] }] } : a,
        ),
      });
      const r = reason(
        cardOf([act(70, 'read_logs'), act(100, 'think'), act(130, 'flag_off'), act(160, 'check')], thin, 600),
        'composure.hypothesis',
      );
      expect(r.points).toBe(M.hypothesis / 2);
      expect(r.text).toContain('still thin');
      expect(
        codes(cardOf([act(70, 'think'), act(100, 'read_logs'), act(130, 'flag_off'), act(160, 'check')], scenario, 600)),
      ).not.toContain('composure.hypothesis');
    });
  });

  it('credits changes made one at a time, each checked before the next and the last checked too', () => {
    const r = reason(cardOf(CLEAN), 'composure.one-change-at-a-time');
    expect(r).toMatchObject({ points: M.oneAtATime, at: 430 });
    expect(r.text).toContain('2 changes');
    expect(
      reason(cardOf([act(70, 'read_logs'), act(100, 'flag_off'), act(130, 'check')], mini, 600), 'composure.one-change-at-a-time').text,
    ).toContain('the one change made');
  });

  it('does not credit changes with no check between, or a last change left unchecked, and says which', () => {
    const between = cardOf([act(70, 'read_diff'), act(130, 'flag_off'), act(200, 'fix'), act(320, 'check')], mini, 600);
    expect(codes(between)).not.toContain('composure.one-change-at-a-time');
    expect(reason(between, 'composure.unchecked-change')).toMatchObject({ points: 0, at: 160, action: 'flag_off', best: M.oneAtATime });
    const last = cardOf([act(70, 'read_diff'), act(130, 'flag_off'), act(160, 'check'), act(220, 'fix')], mini, 600);
    expect(codes(last)).not.toContain('composure.one-change-at-a-time');
    expect(reason(last, 'composure.unchecked-change').text).toContain('before the end');
  });

  it('credits acting without a frantic pattern only when the player changed something', () => {
    expect(reason(cardOf(CLEAN), 'composure.steady')).toMatchObject({ points: M.steady, at: 160 });
    const looked = cardOf([act(70, 'read_logs'), act(100, 'read_diff')], mini, 600);
    expect(codes(looked)).not.toContain('composure.steady');
    expect(looked.dimensions.composure.score).toBe(0);
  });

  it('charges retrying what failed, more each time, and limits the total', () => {
    // The restart fails at 160 s; tried again at 220 s and 340 s, each after a look (no stacking).
    const card = cardOf(
      [act(70, 'read_logs'), act(100, 'restart'), act(160, 'check'), act(220, 'restart'), act(280, 'check'), act(340, 'restart')],
      mini,
      600,
    );
    const repeats = card.reasons.filter((r) => r.code === 'composure.repeat-failed');
    expect(repeats.map((r) => [r.points, r.at])).toEqual([
      [M.repeatFailed, 220],
      [2 * M.repeatFailed, 340],
    ]);
    expect(repeats[0]!.text).toContain('“Restart the api”');
    expect(repeats[0]!.parts).toBeUndefined();
    expect(limitOf(card, 'limit.frantic')).toMatchObject({
      max: mini.scoring.limits.frantic,
      at: 220,
      causes: ['composure.repeat-failed'],
    });
  });

  it('does not call a second all-clear a retry', () => {
    const state = play([
      act(70, 'read_diff'),
      act(130, 'flag_off'),
      act(160, 'resolve'),
      act(170, 'fix'),
      act(290, 'resolve'),
      act(300, 'check'),
      act(360, 'resolve'),
    ]);
    expect(state.declarations.map((d) => d.accepted)).toEqual([false, false, true]);
    const card = score(mini, state);
    expect(codes(card)).not.toContain('composure.repeat-failed');
    expect(card.limits.map((l) => l.code)).not.toContain('limit.frantic');
  });

  it('charges a restart with no relevant evidence seen, and limits the total; not a restart after reading the logs', () => {
    const card = cardOf([act(70, 'restart')], mini, 600);
    expect(reason(card, 'composure.blind-restart')).toMatchObject({ points: M.blindRestart, at: 70, action: 'restart' });
    // The same attempt is not also a blind fix.
    expect(codes(card)).not.toContain('composure.blind-fix');
    expect(limitOf(card, 'limit.frantic')).toMatchObject({ max: mini.scoring.limits.frantic, causes: ['composure.blind-restart'] });
    const informed = cardOf([act(70, 'read_logs'), act(100, 'restart')], mini, 600);
    expect(codes(informed)).not.toContain('composure.blind-restart');
    expect(informed.limits.map((l) => l.code)).not.toContain('limit.frantic');
  });

  it('charges a mitigation or fix started with no relevant evidence seen, without limiting the total', () => {
    const card = cardOf([act(70, 'flag_off')], mini, 600);
    const r = reason(card, 'composure.blind-fix');
    expect(r).toMatchObject({ points: M.blindFix, at: 70, action: 'flag_off' });
    expect(r.text).toContain('“Turn the flag off” at 16:01');
    expect(card.limits.map((l) => l.code)).not.toContain('limit.frantic');
    expect(codes(cardOf([act(70, 'read_logs'), act(100, 'flag_off')], mini, 600))).not.toContain('composure.blind-fix');
    expect(codes(cardOf(CLEAN))).not.toContain('composure.blind-fix');
  });

  it('charges changes stacked within the change window with no check between', () => {
    const stacked = [act(70, 'read_diff'), act(130, 'flag_off'), act(200, 'fix')];
    expect(reason(cardOf(stacked, mini, 600), 'composure.stacked-changes')).toMatchObject({ points: M.stacked, at: 200, action: 'fix' });
    expect(codes(cardOf(CLEAN))).not.toContain('composure.stacked-changes');
    // The flag was off at 160 s: the fix 40 s later is outside a 30 s window.
    expect(codes(cardOf(stacked, withExpert({ scoring: { changeWindowSeconds: 30 } }), 600))).not.toContain('composure.stacked-changes');
  });

  it('charges going back to an action after undoing it, either way round', () => {
    const scenario = rich();
    // Checks between, so that only the flip-flop is charged.
    const card = cardOf(
      [act(70, 'read_logs'), act(100, 'flag_off'), act(130, 'check'), act(190, 'flag_on'), act(220, 'check'), act(280, 'flag_off')],
      scenario,
      600,
    );
    const r = reason(card, 'composure.thrash');
    expect(r).toMatchObject({ points: M.thrash, at: 280, action: 'flag_off' });
    expect(r.text).toContain('after undoing it with “Turn the flag back on” at 16:03');
    const back = cardOf(
      [
        act(70, 'read_logs'),
        act(100, 'flag_off'),
        act(130, 'check'),
        act(190, 'flag_on'),
        act(220, 'check'),
        act(280, 'flag_off'),
        act(310, 'check'),
        act(370, 'flag_on'),
      ],
      scenario,
      600,
    );
    expect(back.reasons.filter((x) => x.code === 'composure.thrash').map((x) => x.at)).toEqual([280, 370]);
  });

  it('does not call a single undo thrashing, nor moves that undo nothing', () => {
    const scenario = rich();
    expect(
      codes(cardOf([act(70, 'read_logs'), act(100, 'flag_off'), act(130, 'check'), act(190, 'flag_on')], scenario, 600)),
    ).not.toContain('composure.thrash');
    const unlinked = rich({ actions: rich().actions.map(({ undoes: _, ...a }) => a) });
    expect(
      codes(
        cardOf(
          [act(70, 'read_logs'), act(100, 'flag_off'), act(130, 'check'), act(190, 'flag_on'), act(220, 'check'), act(280, 'flag_off')],
          unlinked,
          600,
        ),
      ),
    ).not.toContain('composure.thrash');
  });

  it('charges an attempt that shows several frantic patterns on one line, with its parts', () => {
    // The second blind restart, straight after the first had failed.
    const card = cardOf([act(70, 'restart'), act(130, 'restart')], mini, 600);
    const line = card.reasons.filter((r) => r.dimension === 'composure' && r.at === 130 && r.points < 0);
    expect(line).toHaveLength(1);
    expect(line[0]!.parts!.map((p) => [p.code, p.points])).toEqual([
      ['composure.repeat-failed', M.repeatFailed],
      ['composure.blind-restart', M.blindRestart],
      ['composure.stacked-changes', M.stacked],
    ]);
    // The costliest part names the line (the first of equals); the points are the parts' sum.
    expect(line[0]).toMatchObject({
      code: 'composure.repeat-failed',
      points: M.repeatFailed + M.blindRestart + M.stacked,
      action: 'restart',
    });
    expect(line[0]!.text).toContain('tried again after it had failed');
    expect(line[0]!.text).toContain('with no check between');
    // The steady credit still says what it covered: 2 attempts charged.
    expect(reason(card, 'composure.steady').text).toContain('2 attempts showed a frantic pattern');
  });
});

describe('limits on the total', () => {
  it('defaults to the grade bands a commander would sign', () => {
    const { limits } = mini.scoring;
    // One false all-clear: C at most; two: D; three or more: F.
    expect(limits.premature.map(gradeFor)).toEqual(['C', 'D', 'F']);
    for (const c of [limits.silent, limits.frantic, limits.undeclared]) expect(gradeFor(c)).toBe('C');
    expect(gradeFor(limits.guess)).toBe('B');
    expect(gradeFor(limits.open)).toBe('D');
    expect(gradeFor(M.failedEndingLimit)).toBe('F');
  });

  // Fixed 400 s; declared early n times, then checked and declared.
  const prematureRun = (n: number) => [
    act(70, 'read_diff'),
    act(130, 'read_logs'),
    act(190, 'flag_off'),
    post(200, UPDATE),
    act(220, 'check'),
    act(280, 'fix'),
    ...Array.from({ length: n }, (_, i) => act(400 + 10 * i, 'resolve')),
    act(400 + 10 * n, 'check'),
    act(460 + 10 * n, 'resolve'),
  ];

  it('lowers the limit with each premature all-clear, one line saying how many', () => {
    const limits = mini.scoring.limits.premature;
    for (const n of [1, 2, 3, 4]) {
      const card = cardOf(prematureRun(n));
      // The 4th is past the list: its last entry holds.
      const l = limitOf(card, 'limit.premature');
      expect(l.max, `${n}`).toBe(limits[Math.min(n, limits.length) - 1]);
      expect(l).toMatchObject({ causes: ['verify.premature'], at: 400 + 10 * n });
      expect(l.text).toContain(n === 1 ? 'A false all-clear costs' : `${n} false all-clears cost`);
      expect(card.total).toBe(Math.min(card.average, l.max));
    }
    expect(cardOf(prematureRun(1)).grade).toBe('C');
    expect(cardOf(prematureRun(2)).grade).toBe('D');
  });

  it('caps a failed ending at 30, even when the average is higher', () => {
    // Weighted to composure alone, a failed run that stayed methodical averages above the limit.
    const calm = withExpert({ scoring: { weights: { stabilise: 0, diagnose: 0, remediate: 0, verify: 0, communicate: 0, composure: 1 } } });
    const card = cardOf(
      [
        act(70, 'read_logs'),
        note(100, 'Hypothesis: a cache miss storm since the error began.', 'hypothesis'),
        act(100, 'restart'),
        act(160, 'read_diff'),
      ],
      calm,
    );
    expect(play([act(70, 'read_logs'), act(100, 'restart'), act(160, 'read_diff')], calm).ending).toMatchObject({
      kind: 'failed',
      at: 1500,
    });
    // Hypothesis 30 + one change checked 30 + steady 40.
    expect(card.dimensions.composure.score).toBe(M.hypothesis + M.oneAtATime + M.steady);
    expect(limitOf(card, 'limit.failed')).toMatchObject({ max: M.failedEndingLimit, at: 1500, causes: ['remediate.catastrophe'] });
    expect(card.average).toBe(100);
    expect(card.total).toBe(M.failedEndingLimit);
    expect(card.totalExplained).toContain('The incident ended in failure (Meltdown): the total can be at most 30.');
    expect(cardOf(CLEAN).limits).toEqual([]);
  });

  it('makes the total the lower of the average and every limit, and says each limit after the average', () => {
    const runs: [string, ScoreCard][] = [
      ['premature', cardOf(prematureRun(2))],
      ['silent frantic', cardOf([act(70, 'restart'), act(130, 'read_diff'), act(190, 'flag_off'), act(220, 'check')])],
      ['idle', cardOf([])],
      ['calm', cardOf(CLEAN)],
    ];
    for (const [name, card] of runs) {
      expect(card.total, name).toBe(Math.min(card.average, ...card.limits.map((l) => l.max)));
      expect(card.grade).toBe(gradeFor(card.total));
      expect(card.average, name).toBe(meanOf(card));
      expect(card.totalExplained, name).toBe([card.averageExplained, ...card.limits.map(limitText)].join(' '));
      // Lowest first.
      expect(card.limits.map((l) => l.max)).toEqual([...card.limits.map((l) => l.max)].sort((a, b) => a - b));
    }
    // A limit above the average still tells the player what that mistake weighs.
    const idle = runs[2]![1];
    expect(idle.limits.map((l) => l.code)).toEqual(['limit.failed', 'limit.silent']);
    expect(idle.total).toBe(idle.average);
    expect(idle.totalExplained).toContain('nobody heard what was going on: the total can be at most 69.');
  });

  it('binds a limit below the average, and only the lowest matters', () => {
    // No hypothesis before the fix, so the guess limit (84) is hit as well as the premature one (69).
    const card = cardOf(prematureRun(1));
    expect(card.limits.map((l) => [l.code, l.max])).toEqual([
      ['limit.premature', mini.scoring.limits.premature[0]],
      ['limit.guess', mini.scoring.limits.guess],
    ]);
    expect(card.average).toBeGreaterThan(mini.scoring.limits.premature[0]!);
    expect(card.total).toBe(mini.scoring.limits.premature[0]);
  });

  it('takes each limit from the scenario', () => {
    const tuned = withExpert({ scoring: { limits: { silent: 40, premature: [60, 20] } } });
    const card = cardOf(
      [
        act(70, 'read_diff'),
        act(130, 'read_logs'),
        act(190, 'flag_off'),
        act(220, 'check'),
        act(280, 'fix'),
        act(400, 'resolve'),
        act(410, 'resolve'),
        act(420, 'resolve'),
        act(430, 'check'),
        act(490, 'resolve'),
      ],
      tuned,
    );
    expect(limitOf(card, 'limit.silent').max).toBe(40);
    // Three with a list of two: the last entry.
    expect(limitOf(card, 'limit.premature').max).toBe(20);
    expect(card.total).toBe(20);
  });
});

describe('every score is explained', () => {
  const frantic = [
    act(70, 'restart'),
    act(130, 'restart'),
    act(190, 'purge'),
    act(250, 'flag_off'),
    act(280, 'flag_on'),
    act(310, 'flag_off'),
    act(340, 'resolve'),
  ];
  const runs: [string, LogEntry[], Scenario][] = [
    ['calm', CLEAN, mini],
    ['idle', [], mini],
    ['frantic', frantic, rich()],
    ['calm, with every part offered', [act(0, 'lead'), act(20, 'page'), ...CLEAN], rich()],
  ];

  it.each(runs)(
    '%s: each dimension is its lines added up, kept within 0–100, with whole points and parts that add up',
    (_, log, scenario) => {
      const card = cardOf(log, scenario);
      for (const d of DIMENSIONS) {
        const { score: value, raw, reasons } = card.dimensions[d];
        expect(
          reasons.reduce((sum, r) => sum + r.points, 0),
          d,
        ).toBe(raw);
        expect(value, d).toBe(Math.max(0, Math.min(100, raw)));
      }
      for (const r of card.reasons) {
        expect(r.text.length).toBeGreaterThan(10);
        expect(Number.isInteger(r.points), `${r.code} ${r.points}`).toBe(true);
        if (r.parts)
          expect(
            r.parts.reduce((sum, p) => sum + p.points, 0),
            r.code,
          ).toBe(r.points);
        if (r.best !== undefined) expect(r.points, r.code).toBeLessThanOrEqual(Math.round(r.best));
      }
      expect(card.reasons.map((r) => r.at)).toEqual([...card.reasons.map((r) => r.at)].sort((a, b) => a - b));
    },
  );

  it('says clamping in the dimension note, never as a line of points', () => {
    // The frantic run's composure adds up far below 0.
    const card = cardOf(frantic, rich());
    const composure = card.dimensions.composure;
    expect(composure.raw).toBeLessThan(0);
    expect(composure.score).toBe(0);
    expect(composure.note).toBe(`The points add up to ${composure.raw}; a dimension scores at least 0.`);
    // The idle run's failed ending: −100 in remediate.
    expect(cardOf([]).dimensions.remediate.note).toBe(`The points add up to ${M.catastrophe}; a dimension scores at least 0.`);
    for (const c of [card, cardOf([]), cardOf(CLEAN)]) {
      expect(codes(c).filter((code) => code.startsWith('score.'))).toEqual([]);
    }
    // Within 0–100, no note.
    for (const d of DIMENSIONS) expect(cardOf(CLEAN).dimensions[d].note, d).toBeUndefined();
  });

  it('folds identical lines into one that says how many times and when, adding their points', () => {
    // Two harmful replies to two questions read the same.
    const two = withExpert({
      messages: [
        ...miniScenarioInput().messages!,
        {
          id: 'ask2',
          channel: 'incident',
          from: 'ana',
          text: 'Should I revert?',
          at: 150,
          importance: 'important',
          asks: { expiresAfter: 120, replies: [{ id: 'bad', label: 'Bad', text: 'Fixed in 2 min.', verdict: 'harmful' }] },
        },
      ],
    });
    const card = cardOf([reply(65, 'deny'), reply(200, 'bad', 'ask2')], two, 600);
    const bad = reason(card, 'communicate.bad-reply');
    expect(bad).toMatchObject({ points: 2 * M.badReply.harmful, at: 65 });
    expect(bad.text).toBe('A reply that set the wrong expectations (2 times: 16:01 and 16:03).');
    // The same facilitator hint twice: one line.
    const hints = cardOf(
      [
        { at: 100, input: { type: 'hint', text: 'Look at the diff.' } },
        { at: 200, input: { type: 'hint', text: 'Look at the diff.' } },
      ],
      mini,
      300,
    );
    expect(reason(hints, 'diagnose.hint').text).toBe('Facilitator hint received: “Look at the diff.” (2 times: 16:01 and 16:03).');
    // Lines that differ stay apart.
    const different = cardOf(
      [
        { at: 100, input: { type: 'hint', text: 'Look at the diff.' } },
        { at: 200, input: { type: 'hint', text: 'Read the logs.' } },
      ],
      mini,
      300,
    );
    expect(different.reasons.filter((r) => r.code === 'diagnose.hint')).toHaveLength(2);
  });

  it('keeps penalties for different actions on their own lines', () => {
    // A blind restart, then a blind flag flip straight after it: one line for each action.
    const card = cardOf([act(70, 'restart'), act(130, 'flag_off')], mini, 600);
    const lines = card.dimensions.composure.reasons.filter((r) => r.points < 0);
    expect(lines.map((r) => [r.code, r.action, r.points])).toEqual([
      ['composure.blind-restart', 'restart', M.blindRestart],
      ['composure.blind-fix', 'flag_off', M.blindFix + M.stacked],
    ]);
    expect(lines[0]!.parts).toBeUndefined();
    expect(lines[1]!.parts!.map((p) => p.code)).toEqual(['composure.blind-fix', 'composure.stacked-changes']);
  });
});

describe('scenario rules and tuning', () => {
  it('fires a scenario rule the first time its condition holds, and not when it never holds', () => {
    const withRule = withExpert({
      scoring: { rules: [{ id: 'logs-first', dimension: 'diagnose', points: 5, when: { did: 'read_logs' }, text: 'Read the logs.' }] },
    });
    expect(reason(cardOf([act(70, 'read_logs')], withRule, 300), 'rule.logs-first')).toMatchObject({
      points: 5,
      at: 100,
      dimension: 'diagnose',
      text: 'Read the logs.',
    });
    expect(codes(cardOf([act(70, 'read_diff')], withRule, 300))).not.toContain('rule.logs-first');
  });

  it('makes room for a positive rule, so a perfect run still gains by it', () => {
    // A +20 rule for posting the canned status update: built-in diagnose credit is scaled to 80 of 100.
    const withRule = withExpert({
      scoring: {
        rules: [{ id: 'template', dimension: 'diagnose', points: 20, when: { did: 'status' }, text: 'Used the status template.' }],
      },
    });
    const fired = cardOf(byTime([act(40, 'status'), ...CLEAN]), withRule);
    expect(Object.fromEntries(fired.dimensions.diagnose.reasons.map((r) => [r.code, r.points]))).toEqual({
      'diagnose.history-first': 30 * 0.8,
      'diagnose.evidence': 40 * 0.8,
      'diagnose.understood': 30 * 0.8,
      'rule.template': 20,
    });
    expect(fired.dimensions.diagnose).toMatchObject({
      score: 100,
      raw: 100,
      note: "This scenario's own rules are worth up to 20 of the 100.",
    });
    // Without the rule firing, the same diagnosis is 80: the rule's 20 is not swallowed by the 100.
    expect(cardOf(CLEAN, withRule).dimensions.diagnose.score).toBe(80);
    // Other dimensions keep their full scale.
    expect(fired.dimensions.stabilise.note).toBeUndefined();
  });

  it('makes room for at most 50, and says so when the points add up past 100', () => {
    const big = withExpert({
      scoring: {
        rules: [
          { id: 'a', dimension: 'diagnose', points: 50, when: { did: 'read_logs' }, text: 'Read the logs.' },
          { id: 'b', dimension: 'diagnose', points: 50, when: { did: 'read_diff' }, text: 'Read the diff.' },
        ],
      },
    });
    // Built-ins halved (50) plus both rules (100): 150.
    const d = cardOf(CLEAN, big).dimensions.diagnose;
    expect(d).toMatchObject({ score: 100, raw: 150 });
    expect(d.note).toBe(
      "The points add up to 150; a dimension scores at most 100. This scenario's own rules are worth up to 50 of the 100.",
    );
  });

  it('weights the dimensions in the total as the scenario says', () => {
    const state = play([act(70, 'read_diff'), act(130, 'flag_off')], mini, 600);
    const even = score(mini, state);
    const onlyStabilise = withExpert({
      scoring: { weights: { stabilise: 1, diagnose: 0, remediate: 0, verify: 0, communicate: 0, composure: 0 } },
    });
    const card = score(onlyStabilise, state);
    expect(card.average).toBe(card.dimensions.stabilise.score);
    expect(even.average).toBe(meanOf(even));
    expect(score(withExpert({ scoring: { weights: { composure: 3 } } }), state).averageExplained).toMatch(/weighted .*composure ×3/);
  });
});

describe('suggestions', () => {
  const frantic = [
    act(70, 'restart'),
    act(130, 'restart'),
    act(190, 'purge'),
    act(250, 'flag_off'),
    act(280, 'flag_on'),
    act(310, 'flag_off'),
    act(340, 'resolve'),
  ];

  it('gives at most three, the biggest gain first, one per code', () => {
    const scenario = rich();
    for (const log of [frantic, [], [act(70, 'read_diff'), act(130, 'fix')]]) {
      const list = suggestions(scenario, cardOf(log, scenario));
      expect(list.length).toBeGreaterThan(0);
      expect(list.length).toBeLessThanOrEqual(3);
      expect(new Set(list.map((s) => s.code)).size).toBe(list.length);
      const points = list.map((s) => s.points);
      expect(points).toEqual([...points].sort((a, b) => b - a));
      for (const s of list) expect(s.text.length).toBeGreaterThan(30);
    }
  });

  it('never suggests what went well: a calm run gets none', () => {
    expect(suggestions(mini, cardOf(CLEAN))).toEqual([]);
  });

  /** Each: a run with one mistake, the same run done right, and the advice that should say so. */
  const betterRuns: [string, LogEntry[], LogEntry[]][] = [
    // Declared at 370 s before checking; the better run does not.
    [
      'verify.premature',
      byTime([...CLEAN.slice(0, -2), act(370, 'resolve'), act(380, 'check'), act(440, 'resolve')]),
      byTime([...CLEAN.slice(0, -2), act(380, 'check'), act(440, 'resolve')]),
    ],
    // A restart after the fix, that did not help (checked, so nothing else is held against it).
    ['remediate.failure', [...CLEAN.slice(0, -1), act(430, 'restart'), act(490, 'check'), act(550, 'resolve')], CLEAN],
    ['communicate.questions', CLEAN.slice(1), CLEAN],
  ];

  it.each(betterRuns)('%s: quotes what doing it right really adds to the total, limits included', (code, worse, better) => {
    const card = cardOf(worse);
    const [top] = suggestions(mini, card);
    expect(top!.code).toBe(code);
    expect(top!.points).toBeGreaterThan(0);
    expect(cardOf(better).total - card.total).toBe(top!.points);
  });

  it('puts the mistake that holds the total down by a limit first, and names it and the checks that catch it', () => {
    const card = cardOf(byTime([...CLEAN.slice(0, -2), act(370, 'resolve'), act(380, 'check'), act(440, 'resolve')]));
    const [top] = suggestions(mini, card);
    expect(top).toMatchObject({ code: 'verify.premature', at: 380 });
    expect(top!.text).toContain('At 16:06 you declared');
    expect(top!.text).toContain('“Check recovery”');
  });

  it('is specific: names the action and the time from the reason', () => {
    // Everything else sound: a grounded hypothesis, an update, the question answered.
    const card = cardOf([
      reply(65, 'ack'),
      act(70, 'read_diff'),
      note(130, 'Hypothesis: the cache tweak changed the key.', 'hypothesis'),
      act(130, 'fix'),
      post(140, UPDATE),
      act(250, 'check'),
      act(310, 'resolve'),
    ]);
    const first = suggestions(mini, card).find((s) => s.code === 'stabilise.remediated-first');
    expect(first).toBeDefined();
    expect(first!.at).toBe(130);
    expect(first!.text).toContain('“Fix the cache key”');
    expect(first!.text).toContain('16:02');
  });

  it("uses a negative scenario rule's advice, with a plain fallback without one", () => {
    const rule = {
      id: 'deny',
      dimension: 'communicate' as const,
      points: -20,
      when: { answered: 'report', choice: 'deny' },
      text: 'Told support it works.',
    };
    const advised = withExpert({ scoring: { rules: [{ ...rule, advice: 'Acknowledge the report, then look.' }] } });
    const log = [
      reply(65, 'deny'),
      act(70, 'read_logs'),
      act(100, 'flag_off'),
      post(140, UPDATE),
      act(150, 'check'),
      act(210, 'read_diff'),
      act(270, 'fix'),
      act(390, 'check'),
      act(450, 'resolve'),
    ];
    const withAdvice = suggestions(advised, cardOf(log, advised)).find((s) => s.code === 'rule.deny');
    expect(withAdvice?.text).toContain('Acknowledge the report, then look.');
    expect(withAdvice?.text).toContain('16:01');
    const plain = withExpert({ scoring: { rules: [rule] } });
    const without = suggestions(plain, cardOf(log, plain)).find((s) => s.code === 'rule.deny');
    expect(without?.text).toContain('Told support it works.');
    expect(without?.text).not.toContain('Acknowledge the report');
  });
});

describe('determinism', () => {
  const frantic = [
    act(70, 'restart'),
    act(130, 'restart'),
    act(190, 'purge'),
    act(250, 'flag_off'),
    act(280, 'flag_on'),
    act(310, 'flag_off'),
    act(340, 'resolve'),
  ];

  it('gives the same card and the same advice for the same run, replayed or scored again', () => {
    const scenario = rich();
    const a = cardOf(frantic, scenario);
    expect(JSON.stringify(cardOf(frantic, rich()))).toBe(JSON.stringify(a));
    const state = play(frantic, scenario);
    expect(JSON.stringify(score(scenario, state))).toBe(JSON.stringify(score(scenario, state)));
    expect(JSON.stringify(suggestions(scenario, a))).toBe(JSON.stringify(suggestions(rich(), cardOf(frantic, rich()))));
  });

  it('does not change the state it reads', () => {
    const state = play(CLEAN);
    const before = JSON.stringify(state);
    score(mini, state);
    expect(JSON.stringify(state)).toBe(before);
  });
});

describe('notes', () => {
  it('stores the kind of a note, "note" when none is given', () => {
    let state = init(mini, { seed: 1, coach: 'off' });
    state = step(mini, state, { type: 'note', text: 'Hypothesis: cache.', kind: 'hypothesis' }).state;
    state = step(mini, state, { type: 'note', text: 'Errors began 16:01.' }).state;
    expect(state.notes.map((n) => n.kind)).toEqual(['hypothesis', 'note']);
  });

  it('refuses a note of an unknown kind', () => {
    const state = init(mini, { seed: 1, coach: 'off' });
    const result = step(mini, state, { type: 'note', text: 'x', kind: 'theory' } as never);
    expect(result.rejected?.code).toBe('input.invalid');
    expect(result.state).toBe(state);
  });

  it('saves and restores the kind, and still reads saves without one', () => {
    const saved = (input: unknown) =>
      SavedRunSchema.safeParse({
        version: 1,
        scenario: { id: 'mini', version: '1.0.0' },
        options: { seed: 1, coach: 'off' },
        log: [{ at: 5, input }],
        time: 5,
      }).success;
    expect(saved({ type: 'note', text: 'Hypothesis: cache.', kind: 'hypothesis' })).toBe(true);
    expect(saved({ type: 'note', text: 'Old note.' })).toBe(true);
    expect(saved({ type: 'note', text: 'x', kind: 'theory' })).toBe(false);
  });

  it('takes a kind in action scripts, and leaves it out of the log when not given', () => {
    const compiled = compileScript(mini, {
      scenario: 'mini',
      steps: [
        { at: 10, note: 'Hypothesis: cache.', kind: 'hypothesis' },
        { at: 20, note: 'Plain.' },
      ],
    });
    expect(compiled.ok && compiled.compiled.log.map((e) => e.input)).toEqual([
      { type: 'note', text: 'Hypothesis: cache.', kind: 'hypothesis' },
      { type: 'note', text: 'Plain.' },
    ]);
    expect(compileScript(mini, { scenario: 'mini', steps: [{ at: 10, note: 'x', kind: 'theory' }] }).ok).toBe(false);
  });
});

describe('"undoes" in scenarios', () => {
  const withUndo = (undoes: string) => {
    const input = JSON.parse(JSON.stringify(miniScenarioInput())) as ScenarioInput & { actions: Record<string, unknown>[] };
    input.actions.push({
      id: 'flag_on',
      label: 'Flag on',
      category: 'mitigate',
      duration: 30,
      undoes,
      outcomes: [{ text: 'On.', verdict: 'neutral' }],
    });
    return JSON.stringify(input, null, 2);
  };

  it('accepts a reference to a defined action', () => {
    expect(loadScenario(withUndo('flag_off'), 'u.json').ok).toBe(true);
  });

  it('reports a reference to an action that does not exist, at the value', () => {
    const result = loadScenario(withUndo('flag_of'), 'u.json');
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.pointer, d.message])).toEqual([
      ['FD300', `/actions/${miniScenarioInput().actions.length}/undoes`, 'No action has the id "flag_of".'],
    ]);
  });
});

describe('found by playing the rubric as its players would', () => {
  it('counts a harmful reply as no answer: lying never beats silence', () => {
    // "Works for me." to support: the question's share is 0, and the bad reply costs 15 on top.
    const lied = cardOf([reply(65, 'deny')], mini, 600);
    expect(reason(lied, 'communicate.questions').points).toBe(0);
    expect(reason(lied, 'communicate.bad-reply').points).toBe(-15);
    const ignored = cardOf([], mini, 600);
    expect(lied.dimensions.communicate.raw).toBeLessThan(ignored.dimensions.communicate.raw + 1);
  });

  it('gives full credit for a question answered after a timed repeat of it, half only after it lapsed', () => {
    // The report repeats every 60 s while the api is down; answering the repeat at 130 s is answering it the first time it was left.
    const answered = cardOf([reply(130, 'ack')], mini, 600);
    expect(reason(answered, 'communicate.questions').text).not.toContain('counts half');
  });

  it('leaves the updates out when users were never affected, so the parts offered still make 100', () => {
    const calm = rich({ deploys: [] });
    const card = cardOf([act(10, 'lead'), act(40, 'page')], calm, 300);
    expect(codes(card)).not.toContain('communicate.updates');
    expect(codes(card)).not.toContain('communicate.silent');
    expect(card.limits.map((l) => l.code)).not.toContain('limit.silent');
    // Offered: command 15, help 10, close 5 (no question arrives, nobody is affected); earned the first two.
    expect(card.dimensions.communicate.score).toBe(Math.round((100 * 25) / 30));
  });

  it('keeps every mistake behind a limit, and quotes no gain for advice that answers only one', () => {
    // A repeated purge and a blind restart both set the frantic limit: fixing one alone lifts nothing.
    const scenario = rich({ scoring: { weights: { composure: 0, remediate: 0 } } });
    const card = cardOf(
      [
        reply(65, 'ack'),
        act(70, 'purge'),
        act(130, 'purge'),
        act(190, 'restart'),
        act(250, 'read_diff'),
        act(310, 'read_logs'),
        note(340, 'Hypothesis: the cache tweak changed the key, so every lookup misses.', 'hypothesis'),
        act(340, 'flag_off'),
        post(345, UPDATE),
        act(370, 'check'),
        act(430, 'fix'),
        act(550, 'check'),
        act(610, 'resolve'),
      ],
      scenario,
    );
    expect(limitOf(card, 'limit.frantic').causes).toEqual(['composure.repeat-failed', 'composure.blind-restart']);
    for (const s of suggestions(scenario, card).filter(
      (x) => x.code === 'composure.repeat-failed' || x.code === 'composure.blind-restart',
    )) {
      expect(s.points, s.code).toBe(0);
    }
  });

  it('advises writing the hypothesis for a fix with none behind it, worth what writing it really adds', () => {
    const plain = CLEAN.map((e) => (e.input.type === 'note' ? note(e.at, e.input.text) : e));
    const card = cardOf(plain);
    const [top] = suggestions(mini, card);
    expect(top!.code).toBe('composure.no-hypothesis');
    expect(top!.points).toBe(cardOf(CLEAN).total - card.total);
  });
});
