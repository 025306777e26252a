import { describe, expect, it } from 'vitest';
import { availability, init, replay, runToEnd, score, splitNoteText, step, worldOf, type EngineState, type Input, type LogEntry } from '../../src/engine';
import { miniScenario } from './helpers/mini-scenario';

const scenario = miniScenario();
const start = (coach: 'off' | 'gentle' | 'guided' = 'off') => init(scenario, { seed: 7, coach });

function run(state: EngineState, ...inputs: Input[]): EngineState {
  for (const input of inputs) {
    const result = step(scenario, state, input);
    if (result.rejected) throw new Error(`${input.type} refused: ${result.rejected.message}`);
    state = result.state;
  }
  return state;
}
const tick = (seconds: number): Input => ({ type: 'tick', seconds });
const act = (action: string): Input => ({ type: 'act', action });
const texts = (state: EngineState, channel: string) => state.chat.filter((p) => p.channel === channel).map((p) => p.text);

describe('the clock and the world', () => {
  it('posts scheduled messages when their time comes, not before', () => {
    let state = run(start(), tick(25));
    expect(texts(state, 'incident')).toEqual([]);
    state = run(state, tick(5));
    expect(texts(state, 'incident')).toEqual(['Shipping the cache tweak.']);
  });

  it('ships a deploy at its time and the service follows the facts', () => {
    let state = run(start(), tick(55));
    expect(state.services.api).toBe('healthy');
    state = run(state, tick(5));
    expect(state.shipped).toEqual(['d1']);
    expect(state.services.api).toBe('down');
    expect(state.timeline.some((e) => e.kind === 'service' && e.to === 'down')).toBe(true);
  });

  it('moves metrics towards the level their conditions select, and raises an alarm', () => {
    const state = run(start(), tick(200));
    const errors = state.metrics.errors!;
    expect(errors.value).toBeGreaterThan(45);
    expect(errors.samples[5]).toBeLessThan(3);
    expect(state.timeline.some((e) => e.kind === 'alarm' && e.metric === 'errors' && e.on)).toBe(true);
  });

  it('does not care how time is chopped into ticks', () => {
    const once = run(start(), tick(600));
    let many = start();
    for (let i = 0; i < 120; i++) many = run(many, tick(5));
    const odd = run(start(), tick(7), tick(293), tick(0.5), tick(299.5));
    expect(JSON.stringify(many)).toBe(JSON.stringify(once));
    expect(JSON.stringify(odd)).toBe(JSON.stringify(once));
  });

  it('leaves the input state untouched', () => {
    const before = start();
    const copy = JSON.stringify(before);
    run(before, tick(300), act('read_diff'));
    expect(JSON.stringify(before)).toBe(copy);
  });
});

describe('messages and triage', () => {
  it('repeats a message while its condition holds, escalating its text, up to its maximum', () => {
    const state = run(start(), tick(600));
    expect(texts(state, 'support').filter((t) => t !== 'Hello?? Anyone on call?')).toEqual([
      'Customers see errors. Is something wrong?',
      'Still errors!',
      'EVERYTHING IS DOWN',
      'EVERYTHING IS DOWN',
    ]);
  });

  it('stops repeating once the condition no longer holds', () => {
    const reports = (state: EngineState) => state.chat.filter((p) => p.message === 'report').length;
    let state = run(start(), tick(70), act('flag_off'), tick(30));
    expect(reports(state)).toBe(1);
    state = run(state, tick(500));
    expect(reports(state)).toBe(1);
  });

  it('brings an ignored question back louder', () => {
    // Reposted at 120, 180 and 240 s; the last posting's question expires 120 s later.
    const before = run(start(), tick(355));
    expect(texts(before, 'support')).not.toContain('Hello?? Anyone on call?');
    const state = run(before, tick(10));
    const report = state.chat.filter((p) => p.message === 'report').at(-1)!;
    expect(report.ask?.ignored).toBe(true);
    expect(texts(state, 'support')).toContain('Hello?? Anyone on call?');
    expect(state.timeline.some((e) => e.kind === 'ignored')).toBe(true);
  });

  it('asks again on a repeat only while nobody has answered, superseding the older question', () => {
    const state = run(start(), tick(130));
    const [first, second] = state.chat.filter((p) => p.message === 'report');
    expect(first!.ask).toMatchObject({ superseded: true });
    expect(second!.ask?.superseded).toBeUndefined();
    expect(step(scenario, state, { type: 'reply', message: first!.id, choice: 'ack' }).rejected?.code).toBe('reply.expired');
    const answered = run(state, { type: 'reply', message: 'report', choice: 'ack' }, tick(60));
    expect(answered.chat.filter((p) => p.message === 'report').at(-1)!.ask).toBeUndefined();
  });

  it('takes a reply to the newest posting of a message and refuses a second answer', () => {
    let state = run(start(), tick(65), { type: 'reply', message: 'report', choice: 'ack' });
    expect(texts(state, 'support')).toContain('Looking into it now.');
    const again = step(scenario, state, { type: 'reply', message: 'report', choice: 'deny' });
    expect(again.rejected?.code).toBe('reply.already-answered');
    expect(again.state).toBe(state);
    state = run(state, tick(500));
    expect(texts(state, 'support')).not.toContain('Hello?? Anyone on call?');
  });

  it('refuses replies to unknown messages and unknown choices with clear codes', () => {
    const state = run(start(), tick(65));
    expect(step(scenario, state, { type: 'reply', message: 'nope', choice: 'ack' }).rejected?.code).toBe('reply.unknown');
    expect(step(scenario, state, { type: 'reply', message: 'report', choice: 'shrug' }).rejected?.code).toBe('reply.unknown-choice');
    expect(step(scenario, state, { type: 'reply', message: 'hello', choice: 'ack' }).rejected?.code).toBe('reply.no-question');
  });

  it('counts a post in the incident channel as a status update', () => {
    const state = run(start(), { type: 'post', channel: 'incident', text: 'Investigating errors on the API.' });
    expect(state.timeline.at(-1)).toMatchObject({ kind: 'post', statusUpdate: true });
    expect(step(scenario, state, { type: 'post', channel: 'nowhere', text: 'x' }).rejected?.code).toBe('post.unknown-channel');
    expect(step(scenario, state, { type: 'post', channel: 'incident', text: '   ' }).rejected?.code).toBe('text.invalid');
  });
});

describe('actions', () => {
  it('explains why an action is unavailable', () => {
    const state = run(start(), tick(70));
    const verdict = availability(worldOf(scenario), state, 'fix', 'you');
    expect(verdict).toEqual({ ok: false, rejection: { code: 'action.precondition', message: 'You do not know what changed yet.' } });
  });

  it('keeps the player busy for the action\'s duration, then applies its outcome', () => {
    let state = run(start(), tick(70), act('read_diff'));
    expect(step(scenario, state, act('read_logs')).rejected?.code).toBe('action.busy');
    state = run(state, tick(59));
    expect(state.seen.diff).toBeUndefined();
    state = run(state, tick(1));
    expect(state.seen.diff).toBe(130);
    expect(state.done.at(-1)).toMatchObject({ action: 'read_diff', verdict: 'success', startedAt: 70, at: 130 });
  });

  it('chooses the outcome from the state at completion, so the same action can succeed or not', () => {
    const later = miniScenario({ deploys: [{ id: 'd1', at: 600, service: 'api', title: 'Cache tweak', author: 'ana', summary: 'Changes the cache key.', effects: [{ set: 'broken', to: true }] }] });
    let early = init(later, { seed: 7, coach: 'off' });
    for (const input of [act('read_diff'), tick(60), act('fix'), tick(120)]) early = step(later, early, input).state;
    expect(early.done.at(-1)).toMatchObject({ action: 'fix', verdict: 'neutral' });
    const late = run(start(), tick(70), act('read_diff'), tick(60), act('fix'), tick(120));
    expect(late.done.at(-1)).toMatchObject({ action: 'fix', verdict: 'success' });
    expect(late.facts.fixed).toBe(true);
  });

  it('refuses unknown actions and anything after the end', () => {
    expect(step(scenario, start(), act('dance')).rejected?.code).toBe('action.unknown');
    const over = run(start(), tick(1600));
    expect(over.ending).toMatchObject({ id: 'lost', kind: 'failed' });
    expect(step(scenario, over, act('read_diff')).rejected?.code).toBe('game.over');
  });
});

describe('resolution, relapse and endings', () => {
  const fixLog: LogEntry[] = [
    { at: 70, input: { type: 'act', action: 'read_diff' } },
    { at: 130, input: { type: 'act', action: 'flag_off' } },
    { at: 160, input: { type: 'act', action: 'fix' } },
  ];

  it('relapses when resolved is declared before verification, and the game goes on', () => {
    const { state } = replay(scenario, { seed: 1, coach: 'off' }, [...fixLog, { at: 280, input: { type: 'act', action: 'resolve' } }], 400);
    expect(state.ending).toBeNull();
    expect(state.timeline.find((e) => e.kind === 'relapse')).toMatchObject({ missing: ['verified'] });
    expect(state.facts.pings).toBe(1);
    expect(texts(state, 'support')).toContain('Hello?? Anyone on call?');
  });

  it('ends resolved when declared after fixing and verifying', () => {
    const { state } = replay(
      scenario,
      { seed: 1, coach: 'off' },
      [...fixLog, { at: 280, input: { type: 'act', action: 'check' } }, { at: 340, input: { type: 'act', action: 'resolve' } }],
      400,
    );
    expect(state.ending).toEqual({ id: 'won', kind: 'resolved', at: 350 });
    expect(state.milestones).toMatchObject({ stabilised: 160, understood: 130, fixed: 280, verified: 340 });
  });

  it('times out at the limit', () => {
    const quiet = miniScenario({ deploys: [] });
    const state = runToEnd(quiet, init(quiet, { seed: 1, coach: 'off' }));
    expect(state.ending).toEqual({ id: 'late', kind: 'timeout', at: 1800 });
  });
});

describe('the coach', () => {
  const hintTexts = (state: EngineState) => texts(state, 'dm-sam');

  it('sends nothing when off, gentle hints when gentle, and every hint when guided', () => {
    expect(hintTexts(run(start('off'), tick(500)))).toEqual([]);
    expect(hintTexts(run(start('gentle'), tick(500)))).toEqual(['What changed?']);
    expect(hintTexts(run(start('guided'), tick(500)))).toEqual(['What changed?', 'Read the cache tweak diff.']);
  });

  it('holds back a hint whose condition no longer holds', () => {
    const state = run(start('guided'), tick(70), act('read_diff'), tick(500));
    expect(hintTexts(state)).toEqual([]);
  });

  it('notes the hints received in the score', () => {
    const card = score(scenario, run(start('gentle'), tick(500)));
    expect(card.reasons.filter((r) => r.code === 'diagnose.hint')).toHaveLength(1);
  });
});

describe('input validation', () => {
  it('refuses malformed inputs without changing the state', () => {
    const state = start();
    const hostile = [
      { type: 'tick', seconds: -5 },
      { type: 'tick', seconds: Number.NaN },
      { type: 'tick', seconds: 1e12 },
      { type: 'dance' },
      { type: 'act', action: 42 },
      { type: 'post', channel: 'incident', text: 'x'.repeat(5000) },
      { type: 'note', text: 17 },
      { type: 'act', action: 'read_diff', player: '' },
    ] as unknown as Input[];
    for (const input of hostile) {
      const result = step(scenario, state, input);
      expect(result.rejected, JSON.stringify(input).slice(0, 80)).toBeDefined();
      expect(result.state).toBe(state);
    }
  });
});

describe('note text', () => {
  it('reads a kind typed at the start of a note, and leaves other text alone', () => {
    expect(splitNoteText('Hypothesis: the worker cannot read v2')).toEqual({ kind: 'hypothesis', body: 'the worker cannot read v2' });
    expect(splitNoteText('  finding :  312 orders stuck')).toEqual({ kind: 'finding', body: '312 orders stuck' });
    expect(splitNoteText('My hypothesis: later')).toEqual({ kind: null, body: 'My hypothesis: later' });
    expect(splitNoteText('Theory: maybe')).toEqual({ kind: null, body: 'Theory: maybe' });
  });
});
