/**
 * The scoring rubric, detector by detector, on the mini scenario: for each one a run where it fires
 * and a run where it does not. Then the rubric's arithmetic, scenario tuning, and the suggestions.
 *
 * The mini incident: a cache tweak ships at 60 s (16:01) and takes the api down; turning the flag
 * off contains it; fixing the key (after reading the diff) repairs it; "check" verifies.
 */
import { describe, expect, it } from 'vitest';
import {
  DIMENSIONS,
  init,
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
import { compileScript, loadScenario, type Scenario, type ScenarioInput } from '../../src/scenario';
import { SavedRunSchema } from '../../src/store/documents';
import { miniScenario, miniScenarioInput } from './helpers/mini-scenario';

const mini = miniScenario();

/** The mini scenario with a few more moves: undoing the flag, a harmful purge, a hypothesis action. */
function rich(overrides: Partial<ScenarioInput> = {}): Scenario {
  const base = miniScenarioInput();
  return miniScenario({
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
      { id: 'purge', label: 'Purge the whole cache', category: 'mitigate', duration: 60, tags: ['change'], outcomes: [{ text: 'Worse.', verdict: 'harmful' }] },
      { id: 'think', label: 'Write a hypothesis', category: 'investigate', duration: 30, tags: ['hypothesis'], outcomes: [{ text: 'Noted.', verdict: 'neutral' }] },
    ],
    ...overrides,
  });
}

const act = (at: number, action: string): LogEntry => ({ at, input: { type: 'act', action } });
const post = (at: number, text: string): LogEntry => ({ at, input: { type: 'post', channel: 'incident', text } });
const note = (at: number, text: string, kind?: NoteKind): LogEntry => ({ at, input: kind ? { type: 'note', text, kind } : { type: 'note', text } });
const reply = (at: number, choice: string): LogEntry => ({ at, input: { type: 'reply', message: 'report', choice } });

/** Plays a log (every input must be accepted), then runs on to `until` or to the scenario's end. */
function play(log: LogEntry[], scenario: Scenario = mini, until?: number, coach: 'off' | 'gentle' = 'off'): EngineState {
  const { state, refused } = replay(scenario, { seed: 1, coach }, log, until);
  expect(refused.map((r) => `${r.entry.at} ${JSON.stringify(r.entry.input)}: ${r.rejection.message}`)).toEqual([]);
  return until === undefined ? runToEnd(scenario, state) : state;
}
const cardOf = (log: LogEntry[], scenario: Scenario = mini, until?: number, coach: 'off' | 'gentle' = 'off'): ScoreCard =>
  score(scenario, play(log, scenario, until, coach));
const codes = (card: ScoreCard) => card.reasons.map((r) => r.code);
const reason = (card: ScoreCard, code: string) => {
  const found = card.reasons.filter((r) => r.code === code);
  expect(found, `${code} in ${codes(card).join(', ')}`).toHaveLength(1);
  return found[0]!;
};

/**
 * The calm run: read the diff and the logs, write a hypothesis, turn the flag off, check, fix,
 * check, declare. Answers support, posts two updates. Impact 16:01–16:03; resolved at 440 s.
 */
const CLEAN: LogEntry[] = [
  reply(65, 'ack'),
  act(70, 'read_diff'),
  act(130, 'read_logs'),
  note(160, 'Hypothesis: the new cache key misses every lookup.', 'hypothesis'),
  act(160, 'flag_off'),
  post(170, 'API errors; turning the cache flag off. Next update in 10 min.'),
  act(190, 'check'),
  act(250, 'fix'),
  post(300, 'Flag off, fixing the cache key. Next update in 10 min.'),
  act(370, 'check'),
  act(430, 'resolve'),
];

describe('the calm run', () => {
  const card = cardOf(CLEAN);

  it('is resolved with full marks where it did everything right', () => {
    expect(play(CLEAN).ending).toMatchObject({ id: 'won', kind: 'resolved' });
    for (const d of ['stabilise', 'diagnose', 'remediate', 'verify', 'composure'] as const) expect(card.dimensions[d].score, d).toBe(100);
    expect(card.grade).toBe('A');
  });

  it('has nothing frantic held against it', () => {
    expect(card.reasons.filter((r) => r.points < 0 && r.code !== 'score.cap')).toEqual([]);
  });
});

describe('stabilise', () => {
  it('gives full marks when users were never affected, and not otherwise', () => {
    const quiet = miniScenario({ deploys: [] });
    expect(reason(cardOf([], quiet, 300), 'stabilise.no-impact').points).toBe(100);
    expect(codes(cardOf(CLEAN))).not.toContain('stabilise.no-impact');
  });

  it('scores containment against the target and limit, which a scenario can tune', () => {
    // Impact 60–190 s: 130 s to contain.
    expect(reason(cardOf(CLEAN), 'stabilise.contained')).toMatchObject({ points: 100, at: 190 });
    const strict = miniScenario({ scoring: { stabiliseTargetSeconds: 60, stabiliseLimitSeconds: 200 } });
    expect(reason(cardOf(CLEAN, strict), 'stabilise.contained').points).toBe(50);
  });

  it('scores nothing when the impact is never contained', () => {
    const card = cardOf([]);
    expect(reason(card, 'stabilise.never').points).toBe(0);
    expect(codes(cardOf(CLEAN))).not.toContain('stabilise.never');
  });

  it('penalises starting a fix while users are affected and nothing is contained, once', () => {
    const card = cardOf([act(70, 'read_diff'), act(130, 'fix'), act(250, 'check'), act(310, 'fix')]);
    const r = reason(card, 'stabilise.remediated-first');
    expect(r).toMatchObject({ points: -20, at: 130, action: 'fix', dimension: 'stabilise' });
    expect(r.text).toContain('“Fix the cache key”');
    expect(r.text).toContain('16:02');
  });

  it('does not penalise a fix after containing, or before users are affected', () => {
    expect(codes(cardOf(CLEAN))).not.toContain('stabilise.remediated-first');
    const late = miniScenario({ deploys: [{ id: 'd1', at: 600, service: 'api', title: 'Cache tweak', author: 'ana', summary: 'Changes the cache key.', effects: [{ set: 'broken', to: true }] }] });
    expect(codes(cardOf([act(0, 'read_diff'), act(60, 'fix')], late, 400))).not.toContain('stabilise.remediated-first');
  });
});

describe('diagnose', () => {
  it('credits checking the change history before changing anything', () => {
    expect(reason(cardOf(CLEAN), 'diagnose.history-first')).toMatchObject({ points: 30, at: 130 });
    expect(codes(cardOf([act(70, 'flag_off'), act(100, 'read_diff')]))).not.toContain('diagnose.history-first');
  });

  it('gives less for a late look at the history, and nothing for none', () => {
    const late = cardOf([act(70, 'flag_off'), act(100, 'read_diff')]);
    expect(reason(late, 'diagnose.history-late')).toMatchObject({ points: 10, at: 160 });
    expect(reason(late, 'diagnose.history-late').text).toContain('16:01');
    expect(reason(cardOf([act(70, 'flag_off')]), 'diagnose.history-never').points).toBe(0);
    expect(codes(cardOf(CLEAN))).not.toEqual(expect.arrayContaining(['diagnose.history-late']));
    expect(codes(cardOf(CLEAN))).not.toContain('diagnose.history-never');
  });

  it('credits the share of key evidence seen before the first fix, naming what was missed', () => {
    expect(reason(cardOf(CLEAN), 'diagnose.evidence').points).toBe(40);
    const hasty = reason(cardOf([act(70, 'read_diff'), act(130, 'fix')]), 'diagnose.evidence');
    expect(hasty.points).toBe(20);
    expect(hasty.text).toContain('not seen: “API logs”');
  });

  it('credits understanding before fixing, less after, nothing never', () => {
    expect(reason(cardOf(CLEAN), 'diagnose.understood').points).toBe(30);
    const byLogs = miniScenario({ incident: { ...miniScenarioInput().incident, understood: { seen: 'logs' } } });
    expect(reason(cardOf([act(70, 'read_diff'), act(130, 'fix'), act(250, 'read_logs')], byLogs), 'diagnose.understood-late').points).toBe(10);
    expect(reason(cardOf([]), 'diagnose.not-understood').points).toBe(0);
    expect(codes(cardOf(CLEAN))).not.toContain('diagnose.understood-late');
    expect(codes(cardOf(CLEAN))).not.toContain('diagnose.not-understood');
  });

  it('lists coach hints at no cost, and only when one came', () => {
    expect(reason(cardOf([], mini, 500, 'gentle'), 'diagnose.hint').points).toBe(0);
    expect(codes(cardOf([], mini, 500, 'off'))).not.toContain('diagnose.hint');
  });
});

describe('diagnose, when nothing was looked at and nothing fixed', () => {
  it('credits no evidence that was never uncovered', () => {
    const card = cardOf([], mini, 600);
    expect(reason(card, 'diagnose.evidence')).toMatchObject({ points: 0, at: 0 });
    expect(reason(card, 'diagnose.evidence').text).toMatch(/^Looked at 0 of \d+ key pieces/);
  });
});

describe('remediate', () => {
  it('credits the fix, and says when it never came', () => {
    expect(reason(cardOf(CLEAN), 'remediate.fixed')).toMatchObject({ points: 100, at: 370 });
    expect(reason(cardOf([act(70, 'flag_off')]), 'remediate.not-fixed').points).toBe(0);
    expect(codes(cardOf(CLEAN))).not.toContain('remediate.not-fixed');
    expect(codes(cardOf([act(70, 'flag_off')]))).not.toContain('remediate.fixed');
  });

  it('charges failed attempts, twice as much for a repeat', () => {
    const card = cardOf([act(70, 'restart'), act(130, 'restart')]);
    expect(card.reasons.filter((r) => r.code === 'remediate.failure').map((r) => r.points)).toEqual([-10, -20]);
    expect(codes(cardOf(CLEAN))).not.toContain('remediate.failure');
  });

  it('charges harmful attempts more', () => {
    const card = cardOf([act(70, 'purge')], rich());
    expect(reason(card, 'remediate.harmful')).toMatchObject({ points: -20, action: 'purge' });
    expect(codes(cardOf(CLEAN, rich()))).not.toContain('remediate.harmful');
  });

  it('takes everything for a failed ending, and caps the total', () => {
    const card = cardOf([]);
    expect(reason(card, 'remediate.catastrophe').points).toBe(-100);
    expect(card.total).toBeLessThanOrEqual(30);
    expect(codes(cardOf(CLEAN))).not.toContain('remediate.catastrophe');
  });

  it('says how the total is made, and when a failed ending limited it', () => {
    const clean = cardOf(CLEAN);
    const average = Math.round(DIMENSIONS.reduce((sum, d) => sum + clean.dimensions[d].score, 0) / DIMENSIONS.length);
    expect(clean.total).toBe(average);
    expect(clean.totalExplained).toBe(`The average of the six dimensions is ${average}.`);
    const weighted = cardOf(CLEAN, miniScenario({ scoring: { weights: { composure: 3 } } }));
    expect(weighted.totalExplained).toMatch(/weighted .*composure ×3/);
    // Weighted to composure alone, a failed run that never panicked averages above the limit: cut down, and said so.
    const calmFailure = cardOf([], miniScenario({ scoring: { weights: { stabilise: 0, diagnose: 0, remediate: 0, verify: 0, communicate: 0, composure: 1 } } }));
    expect(calmFailure.dimensions.composure.score).toBeGreaterThan(30);
    expect(calmFailure.total).toBe(30);
    expect(calmFailure.totalExplained).toMatch(/ended in failure, which limits the total to 30\.$/);
  });
});

describe('verify', () => {
  const premature = [act(70, 'read_diff'), act(130, 'flag_off'), act(160, 'check'), act(220, 'fix'), act(340, 'resolve'), act(350, 'check'), act(410, 'resolve')];

  it('charges a premature all-clear heavily, and credits only part of the later verification', () => {
    const card = cardOf(premature);
    expect(reason(card, 'verify.premature')).toMatchObject({ points: -60, at: 350 });
    expect(reason(card, 'verify.before-all-clear').points).toBe(60);
    expect(card.dimensions.verify.score).toBe(0);
  });

  it('credits verifying before the all-clear in full when nothing was premature', () => {
    const card = cardOf(CLEAN);
    expect(reason(card, 'verify.before-all-clear').points).toBe(100);
    expect(codes(card)).not.toContain('verify.premature');
  });

  it('gives partial credit for verifying without declaring, none for never verifying', () => {
    expect(reason(cardOf(CLEAN.slice(0, -1), mini, 600), 'verify.checked').points).toBe(60);
    expect(reason(cardOf([act(70, 'read_diff'), act(130, 'fix')], mini, 600), 'verify.never').points).toBe(0);
    expect(codes(cardOf(CLEAN))).not.toContain('verify.checked');
    expect(codes(cardOf(CLEAN))).not.toContain('verify.never');
  });
});

describe('communicate', () => {
  it('credits status updates while users are affected, and charges silence', () => {
    expect(reason(cardOf(CLEAN), 'communicate.updates').points).toBe(12);
    expect(reason(cardOf([], mini, 600), 'communicate.silent').points).toBe(-20);
    expect(codes(cardOf(CLEAN))).not.toContain('communicate.silent');
    expect(codes(cardOf([], mini, 600))).not.toContain('communicate.updates');
  });

  it('charges each gap longer than the cadence, which a scenario can tune', () => {
    expect(codes(cardOf(CLEAN))).not.toContain('communicate.gap');
    const impatient = miniScenario({ scoring: { updateCadenceSeconds: 100 } });
    const gaps = cardOf(CLEAN, impatient).reasons.filter((r) => r.code === 'communicate.gap');
    expect(gaps.map((r) => [r.points, r.at])).toEqual([
      [-10, 170],
      [-10, 300],
      [-10, 440],
    ]);
    expect(gaps[0]!.text).toContain('16:01–16:02');
  });

  it('credits a steady cadence: two or more updates and no gap', () => {
    const cadence = reason(cardOf(CLEAN), 'communicate.cadence');
    expect(cadence).toMatchObject({ points: 10, at: 300 });
    expect(cadence.text).toContain('2 updates');
    const once = CLEAN.filter((e) => !(e.input.type === 'post' && e.at === 300));
    expect(codes(cardOf(once))).not.toContain('communicate.cadence');
    expect(codes(cardOf(CLEAN, miniScenario({ scoring: { updateCadenceSeconds: 100 } })))).not.toContain('communicate.cadence');
  });

  it('credits answering an important question, and charges ignoring it or answering badly', () => {
    expect(reason(cardOf([reply(65, 'ack')], mini, 600), 'communicate.answered').points).toBe(6);
    expect(codes(cardOf([reply(65, 'ack')], mini, 600))).not.toContain('communicate.ignored');
    expect(codes(cardOf([], mini, 600))).not.toContain('communicate.answered');
    expect(reason(cardOf([], mini, 600), 'communicate.ignored').points).toBe(-10);
    expect(codes(cardOf([], mini, 100))).not.toContain('communicate.ignored');
    expect(reason(cardOf([reply(65, 'deny')], mini, 600), 'communicate.bad-reply').points).toBe(-15);
    expect(codes(cardOf([reply(65, 'ack')], mini, 600))).not.toContain('communicate.bad-reply');
  });
});

describe('composure', () => {
  it('credits a note marked as a hypothesis before the first change', () => {
    expect(reason(cardOf(CLEAN), 'composure.hypothesis')).toMatchObject({ points: 20, at: 160 });
  });

  it('credits a hypothesis action before the first change', () => {
    expect(reason(cardOf([act(70, 'think'), act(100, 'flag_off')], rich()), 'composure.hypothesis').at).toBe(100);
  });

  it('does not count a plain note, or a hypothesis written after the first change, and says so', () => {
    const plain = CLEAN.map((e) => (e.input.type === 'note' ? note(e.at, e.input.text) : e));
    const card = cardOf(plain);
    expect(codes(card)).not.toContain('composure.hypothesis');
    expect(reason(card, 'composure.no-hypothesis')).toMatchObject({ points: 0, at: 160, action: 'flag_off' });
    const after = cardOf([act(70, 'flag_off'), note(100, 'Hypothesis: the cache key.', 'hypothesis')]);
    expect(codes(after)).not.toContain('composure.hypothesis');
    expect(codes(cardOf(CLEAN))).not.toContain('composure.no-hypothesis');
  });

  it('charges retrying what just failed, but not a second all-clear', () => {
    const r = reason(cardOf([act(70, 'restart'), act(130, 'restart')]), 'composure.repeat-failed');
    expect(r).toMatchObject({ points: -15, at: 130 });
    expect(r.text).toContain('“Restart the api”');
    expect(codes(cardOf([act(70, 'read_diff'), act(130, 'flag_off'), act(160, 'resolve'), act(170, 'fix'), act(290, 'check'), act(350, 'resolve')]))).not.toContain(
      'composure.repeat-failed',
    );
  });

  it('charges a restart with no relevant evidence seen, and not one after reading the logs', () => {
    const card = cardOf([act(70, 'restart')]);
    expect(reason(card, 'composure.blind-restart')).toMatchObject({ points: -10, at: 70 });
    // The same attempt is not also a blind fix.
    expect(codes(card)).not.toContain('composure.blind-fix');
    expect(codes(cardOf([act(70, 'read_logs'), act(100, 'restart')]))).not.toContain('composure.blind-restart');
  });

  it('charges a mitigation or fix started with no relevant evidence seen', () => {
    const r = reason(cardOf([act(70, 'flag_off')]), 'composure.blind-fix');
    expect(r).toMatchObject({ points: -10, at: 70, action: 'flag_off' });
    expect(r.text).toContain('“Turn the flag off” at 16:01');
    expect(codes(cardOf([act(70, 'read_logs'), act(100, 'flag_off')]))).not.toContain('composure.blind-fix');
    expect(codes(cardOf(CLEAN))).not.toContain('composure.blind-fix');
  });

  it('charges changes stacked within the change window with no check between', () => {
    const stacked = [act(70, 'read_diff'), act(130, 'flag_off'), act(200, 'fix')];
    expect(reason(cardOf(stacked), 'composure.stacked-changes')).toMatchObject({ points: -10, at: 200, action: 'fix' });
    expect(codes(cardOf(CLEAN))).not.toContain('composure.stacked-changes');
    // 40 s after the previous change is outside a 30 s window.
    expect(codes(cardOf(stacked, miniScenario({ scoring: { changeWindowSeconds: 30 } })))).not.toContain('composure.stacked-changes');
  });

  it('charges going back to an action after undoing it, either way round', () => {
    const scenario = rich();
    const card = cardOf([act(70, 'read_logs'), act(100, 'flag_off'), act(130, 'flag_on'), act(160, 'flag_off')], scenario);
    const r = reason(card, 'composure.thrash');
    expect(r).toMatchObject({ points: -10, at: 160, action: 'flag_off' });
    expect(r.text).toContain('“Turn the flag back on” at 16:02');
    const back = cardOf([act(70, 'read_logs'), act(100, 'flag_off'), act(130, 'flag_on'), act(160, 'flag_off'), act(190, 'flag_on')], scenario);
    expect(back.reasons.filter((x) => x.code === 'composure.thrash').map((x) => x.at)).toEqual([160, 190]);
  });

  it('does not call a single undo thrashing, nor repeats with no undo between', () => {
    const scenario = rich();
    expect(codes(cardOf([act(70, 'read_logs'), act(100, 'flag_off'), act(130, 'flag_on')], scenario))).not.toContain('composure.thrash');
    expect(codes(cardOf([act(70, 'read_logs'), act(100, 'flag_on'), act(130, 'flag_on'), act(160, 'flag_off')], scenario))).not.toContain('composure.thrash');
    // Without "undoes" the same moves are just moves.
    const unlinked = rich({ actions: rich().actions.map(({ undoes: _, ...a }) => a) });
    expect(codes(cardOf([act(70, 'read_logs'), act(100, 'flag_off'), act(130, 'flag_on'), act(160, 'flag_off')], unlinked))).not.toContain('composure.thrash');
  });

  it('credits two or more changes, each followed by a check before the next', () => {
    const r = reason(cardOf(CLEAN), 'composure.one-change-at-a-time');
    expect(r).toMatchObject({ points: 10, at: 430 });
    expect(r.text).toContain('2 changes');
  });

  it('does not credit one change, or changes with no check between, or a last change left unchecked', () => {
    expect(codes(cardOf([act(70, 'read_logs'), act(100, 'flag_off'), act(130, 'check')]))).not.toContain('composure.one-change-at-a-time');
    expect(codes(cardOf([act(70, 'read_diff'), act(130, 'flag_off'), act(200, 'fix'), act(320, 'check')]))).not.toContain('composure.one-change-at-a-time');
    expect(codes(cardOf([act(70, 'read_diff'), act(130, 'flag_off'), act(160, 'check'), act(220, 'fix')], mini, 600))).not.toContain('composure.one-change-at-a-time');
  });
});

describe('scenario rules and tuning', () => {
  const withRule = miniScenario({
    scoring: { rules: [{ id: 'logs-first', dimension: 'diagnose', points: 5, when: { did: 'read_logs' }, text: 'Read the logs.' }] },
  });

  it('fires a scenario rule the first time its condition holds, and not when it never holds', () => {
    expect(reason(cardOf([act(70, 'read_logs')], withRule, 300), 'rule.logs-first')).toMatchObject({ points: 5, at: 100, dimension: 'diagnose', text: 'Read the logs.' });
    expect(codes(cardOf([act(70, 'read_diff')], withRule, 300))).not.toContain('rule.logs-first');
  });

  it('weights the dimensions in the total as the scenario says', () => {
    const state = play([act(70, 'read_diff'), act(130, 'flag_off')], mini, 600);
    const even = score(mini, state);
    const onlyStabilise = miniScenario({ scoring: { weights: { stabilise: 1, diagnose: 0, remediate: 0, verify: 0, communicate: 0, composure: 0 } } });
    const card = score(onlyStabilise, state);
    expect(card.total).toBe(card.dimensions.stabilise.score);
    const mean = DIMENSIONS.reduce((sum, d) => sum + even.dimensions[d].score, 0) / DIMENSIONS.length;
    expect(even.total).toBe(Math.round(mean));
  });
});

describe('every score is explained', () => {
  const runs: [string, LogEntry[], Scenario][] = [
    ['calm', CLEAN, mini],
    ['idle', [], mini],
    ['frantic', [act(70, 'restart'), act(130, 'restart'), act(190, 'purge'), act(250, 'flag_off'), act(280, 'flag_on'), act(310, 'flag_off'), act(340, 'resolve')], rich()],
  ];

  it.each(runs)('%s: reasons add up to each dimension, kept within 0–100 by cap and floor reasons', (_, log, scenario) => {
    const card = cardOf(log, scenario);
    for (const d of DIMENSIONS) {
      const { score: value, reasons } = card.dimensions[d];
      expect(reasons.reduce((sum, r) => sum + r.points, 0), d).toBe(value);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }
    for (const r of card.reasons) {
      expect(r.text.length).toBeGreaterThan(10);
      expect(Number.isInteger(r.points)).toBe(true);
    }
  });

  it('caps a dimension with a reason saying so', () => {
    const card = cardOf(CLEAN);
    expect(reason(card, 'score.cap')).toMatchObject({ dimension: 'composure', points: -10 });
  });

  it('floors a dimension with a reason saying so', () => {
    const card = cardOf(runs[2]![1], rich());
    expect(card.reasons.some((r) => r.code === 'score.floor' && r.dimension === 'composure' && r.points > 0)).toBe(true);
    expect(codes(cardOf(CLEAN))).not.toContain('score.floor');
  });

  it('is the same for the same run', () => {
    const a = JSON.stringify(cardOf(runs[2]![1], rich()));
    expect(JSON.stringify(cardOf(runs[2]![1], rich()))).toBe(a);
  });
});

describe('suggestions', () => {
  /** A sound run except for declaring resolved before checking. */
  const PREMATURE = [
    reply(65, 'ack'),
    act(70, 'read_logs'),
    note(100, 'Hypothesis: the cache tweak.', 'hypothesis'),
    act(100, 'flag_off'),
    post(110, 'Flag going off.'),
    act(130, 'read_diff'),
    act(190, 'fix'),
    post(200, 'Fixing the key.'),
    act(310, 'resolve'),
    act(320, 'check'),
    act(380, 'resolve'),
  ];

  const frantic = [act(70, 'restart'), act(130, 'restart'), act(190, 'purge'), act(250, 'flag_off'), act(280, 'flag_on'), act(310, 'flag_off'), act(340, 'resolve')];

  it('gives at most three, most points first, one per code', () => {
    const scenario = rich();
    const list = suggestions(scenario, cardOf(frantic, scenario));
    expect(list).toHaveLength(3);
    expect(new Set(list.map((s) => s.code)).size).toBe(3);
    const points = list.map((s) => s.points);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    for (const s of list) {
      expect(s.points).toBeGreaterThan(0);
      expect(s.text.length).toBeGreaterThan(30);
    }
  });

  it('is specific: names the action and the time from the reason', () => {
    const card = cardOf([act(70, 'read_diff'), act(130, 'fix'), act(250, 'flag_off'), act(280, 'check'), act(340, 'resolve')]);
    const list = suggestions(mini, card);
    const first = list.find((s) => s.code === 'stabilise.remediated-first');
    expect(first).toMatchObject({ at: 130, points: 20 });
    expect(first!.text).toContain('“Fix the cache key”');
    expect(first!.text).toContain('16:02');
  });

  it('names the premature all-clear and the checks that would have caught it', () => {
    const card = cardOf(PREMATURE);
    const [top] = suggestions(mini, card);
    expect(top).toMatchObject({ code: 'verify.premature', points: 60, at: 320 });
    expect(top!.text).toContain('At 16:05 you declared');
    expect(top!.text).toContain('“Check recovery”');
  });

  it('never suggests what went well: a calm run gets none', () => {
    expect(suggestions(mini, cardOf(CLEAN))).toEqual([]);
  });

  it('gives fewer than three for a nearly perfect run', () => {
    const impatient = miniScenario({ scoring: { updateCadenceSeconds: 100 } });
    const list = suggestions(impatient, cardOf(CLEAN, impatient));
    expect(list.map((s) => s.code)).toEqual(['communicate.gap']);
  });

  it('leaves out dimensions the scenario does not count', () => {
    const scenario = miniScenario({ scoring: { weights: { verify: 0 } } });
    const card = cardOf([act(70, 'read_logs'), act(100, 'flag_off'), act(130, 'check'), act(190, 'resolve')], scenario, 600);
    expect(suggestions(scenario, card).map((s) => s.code)).not.toContain('verify.premature');
  });

  it("uses a negative scenario rule's advice, with a plain fallback without one", () => {
    const rule = { id: 'deny', dimension: 'communicate' as const, points: -20, when: { answered: 'report', choice: 'deny' }, text: 'Told support it works.' };
    const advised = miniScenario({ scoring: { rules: [{ ...rule, advice: 'Acknowledge the report, then look.' }] } });
    const log = [reply(65, 'deny'), act(70, 'read_logs'), act(100, 'flag_off'), post(140, 'Looking.'), act(150, 'check'), act(210, 'read_diff'), act(270, 'fix'), act(390, 'check'), act(450, 'resolve')];
    const withAdvice = suggestions(advised, cardOf(log, advised)).find((s) => s.code === 'rule.deny');
    expect(withAdvice?.text).toContain('Acknowledge the report, then look.');
    expect(withAdvice?.text).toContain('16:01');
    const plain = miniScenario({ scoring: { rules: [rule] } });
    const without = suggestions(plain, cardOf(log, plain)).find((s) => s.code === 'rule.deny');
    expect(without?.text).toContain('Told support it works.');
    expect(without?.text).not.toContain('Acknowledge the report');
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
    const saved = (input: unknown) => SavedRunSchema.safeParse({ version: 1, scenario: { id: 'mini', version: '1.0.0' }, options: { seed: 1, coach: 'off' }, log: [{ at: 5, input }], time: 5 }).success;
    expect(saved({ type: 'note', text: 'Hypothesis: cache.', kind: 'hypothesis' })).toBe(true);
    expect(saved({ type: 'note', text: 'Old note.' })).toBe(true);
    expect(saved({ type: 'note', text: 'x', kind: 'theory' })).toBe(false);
  });

  it('takes a kind in action scripts, and leaves it out of the log when not given', () => {
    const compiled = compileScript(mini, { scenario: 'mini', steps: [{ at: 10, note: 'Hypothesis: cache.', kind: 'hypothesis' }, { at: 20, note: 'Plain.' }] });
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
    input.actions.push({ id: 'flag_on', label: 'Flag on', category: 'mitigate', duration: 30, undoes, outcomes: [{ text: 'On.', verdict: 'neutral' }] });
    return JSON.stringify(input, null, 2);
  };

  it('accepts a reference to a defined action', () => {
    expect(loadScenario(withUndo('flag_off'), 'u.json').ok).toBe(true);
  });

  it('reports a reference to an action that does not exist, at the value', () => {
    const result = loadScenario(withUndo('flag_of'), 'u.json');
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.pointer, d.message])).toEqual([['FD300', `/actions/${miniScenarioInput().actions.length}/undoes`, 'No action has the id "flag_of".']]);
  });
});
