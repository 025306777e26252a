import { describe, expect, it } from 'vitest';
import {
  availability,
  init,
  replay,
  runToEnd,
  score,
  splitNoteText,
  step,
  worldOf,
  type EngineState,
  type Input,
  type LogEntry,
} from '../../src/engine';
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

  // Conditions on facts alone remember their answer per facts object (src/engine/conditions.ts),
  // which is only sound while no step writes a facts object in place.
  it('never writes a facts object in place, so an answer remembered for it stays true', () => {
    let state = start();
    const frozen: EngineState[] = [];
    for (const input of [tick(60), act('flag_off'), tick(120), act('read_diff'), tick(600)]) {
      Object.freeze(state.facts);
      frozen.push(state);
      state = run(state, input);
    }
    expect(frozen.map((s) => Object.isFrozen(s.facts))).toEqual(frozen.map(() => true));
    // The same run with every facts object fresh (as after a save and load) ends the same.
    let fresh = start();
    for (const input of [tick(60), act('flag_off'), tick(120), act('read_diff'), tick(600)]) {
      fresh = run(JSON.parse(JSON.stringify(fresh)) as EngineState, input);
    }
    expect(JSON.stringify(fresh)).toBe(JSON.stringify(state));
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

  it("keeps the player busy for the action's duration, then applies its outcome", () => {
    let state = run(start(), tick(70), act('read_diff'));
    expect(step(scenario, state, act('read_logs')).rejected?.code).toBe('action.busy');
    state = run(state, tick(59));
    expect(state.seen.diff).toBeUndefined();
    state = run(state, tick(1));
    expect(state.seen.diff).toBe(130);
    expect(state.done.at(-1)).toMatchObject({ action: 'read_diff', verdict: 'success', startedAt: 70, at: 130 });
  });

  it('chooses the outcome from the state at completion, so the same action can succeed or not', () => {
    const later = miniScenario({
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

describe('the facilitator', () => {
  /** The mini scenario with injects: one that turns the flag off and reveals the logs, one that only talks. */
  const team = miniScenario({
    team: {
      injects: [
        {
          id: 'flag_flip',
          label: 'Someone flips the flag',
          from: 'ana',
          channel: 'incident',
          text: 'I turned the feature flag off, just in case.',
          effects: [{ set: 'flag_off', to: true }, { reveal: 'logs' }, { add: 'pings', amount: 2 }],
        },
        { id: 'ceo', label: 'The CEO asks', from: 'sue', channel: 'support', text: 'The CEO is asking what is going on.' },
      ],
    },
  });
  const begin = (coach: 'off' | 'gentle' | 'guided' = 'off') => init(team, { seed: 7, coach });
  const go = (state: EngineState, ...inputs: Input[]): EngineState => {
    for (const input of inputs) {
      const result = step(team, state, input);
      if (result.rejected) throw new Error(`${input.type} refused: ${result.rejected.code} ${result.rejected.message}`);
      state = result.state;
    }
    return state;
  };
  const refused = (state: EngineState, input: Input, scenarioUsed = team) => {
    const result = step(scenarioUsed, state, input);
    expect(result.state).toBe(state);
    expect(result.events).toEqual([]);
    expect(result.rejected?.message.length).toBeGreaterThan(10);
    return result.rejected?.code;
  };

  it('posts a named inject as its character in its channel, with no text repeated in the input, and applies its effects', () => {
    const before = go(begin(), tick(70));
    expect(before.services.api).toBe('down');
    const result = step(team, before, { type: 'inject', inject: 'flag_flip', player: 'facilitator' });
    expect(result.rejected).toBeUndefined();
    const state = result.state;
    expect(state.chat.at(-1)).toEqual({
      id: `p${state.chat.length}`,
      channel: 'incident',
      from: 'ana',
      byPlayer: false,
      text: 'I turned the feature flag off, just in case.',
      at: 70,
      importance: 'important',
      mentionsPlayer: false,
    });
    const post = state.chat.at(-1)!.id;
    expect(result.events.map(({ seq: _, ...e }) => e)).toEqual([
      { kind: 'message', at: 70, post, channel: 'incident', from: 'ana', importance: 'important', mention: false },
      { kind: 'inject', at: 70, post, channel: 'incident', from: 'ana', inject: 'flag_flip' },
      { kind: 'evidence', at: 70, evidence: 'logs' },
    ]);
    expect(state.facts).toMatchObject({ flag_off: true, pings: 2 });
    expect(state.seen.logs).toBe(70);
    // The world follows its facts at the next tick, as after any other effect.
    expect(go(state, tick(5)).services.api).toBe('healthy');
    // The input state is untouched.
    expect(before.facts.flag_off).toBe(false);
  });

  it("lets a named inject's character, channel or text be replaced", () => {
    const state = go(begin(), { type: 'inject', inject: 'ceo', text: '  The CEO is on the phone.  ', channel: 'incident' });
    expect(state.chat.at(-1)).toMatchObject({ from: 'sue', channel: 'incident', text: 'The CEO is on the phone.' });
  });

  it('posts words written on the spot as any character, with no effects', () => {
    const before = go(begin(), tick(70));
    const result = step(team, before, { type: 'inject', from: 'sue', channel: 'support', text: 'A customer says checkout is slow.' });
    const state = result.state;
    expect(state.chat.at(-1)).toMatchObject({
      from: 'sue',
      channel: 'support',
      text: 'A customer says checkout is slow.',
      byPlayer: false,
      importance: 'important',
    });
    expect(state.chat.at(-1)!.message).toBeUndefined();
    expect(result.events.map((e) => e.kind)).toEqual(['message', 'inject']);
    expect(result.events[1]).not.toHaveProperty('inject');
    expect(state.facts).toEqual(before.facts);
    // Scripted messages are untouched: an inject is not one of them.
    expect(state.posted).toEqual(before.posted);
  });

  it('refuses an unknown inject, character or channel, bad text, and an inject after the end', () => {
    const state = begin();
    expect(refused(state, { type: 'inject', inject: 'nope' })).toBe('inject.unknown');
    expect(refused(state, { type: 'inject', from: 'nobody', channel: 'incident', text: 'Hi.' })).toBe('inject.character');
    expect(refused(state, { type: 'inject', from: 'ana', channel: 'nowhere', text: 'Hi.' })).toBe('inject.channel');
    expect(refused(state, { type: 'inject', inject: 'ceo', from: 'nobody' })).toBe('inject.character');
    expect(refused(state, { type: 'inject', from: 'ana', channel: 'incident', text: '   ' })).toBe('text.invalid');
    expect(refused(state, { type: 'inject', from: 'ana', channel: 'incident', text: 'x'.repeat(2001) })).toBe('text.invalid');
    expect(refused(state, { type: 'inject', from: 'ana', channel: 'incident' } as unknown as Input)).toBe('input.invalid');
    expect(refused(state, { type: 'inject', inject: 7 } as unknown as Input)).toBe('input.invalid');
    // A scenario with no team section has no injects, but free text works.
    expect(refused(start(), { type: 'inject', inject: 'ceo' }, scenario)).toBe('inject.unknown');
    expect(step(scenario, start(), { type: 'inject', from: 'ana', channel: 'incident', text: 'Hi.' }).rejected).toBeUndefined();
    const over = runToEnd(team, begin());
    expect(refused(over, { type: 'inject', inject: 'ceo' })).toBe('game.over');
  });

  it('posts a hint as the coach in the coach channel, whatever the coach mode, and lists it in the score', () => {
    const result = step(team, go(begin('off'), tick(40)), {
      type: 'hint',
      text: ' Look at what shipped. ',
      to: { role: 'operator' },
      player: 'facilitator',
    });
    expect(result.rejected).toBeUndefined();
    const state = result.state;
    expect(state.chat.at(-1)).toMatchObject({
      from: 'sam',
      channel: 'dm-sam',
      text: 'Look at what shipped.',
      byPlayer: false,
      importance: 'important',
      mentionsPlayer: true,
    });
    const post = state.chat.at(-1)!.id;
    expect(result.events.map(({ seq: _, at: __, ...e }) => e)).toEqual([
      { kind: 'message', post, channel: 'dm-sam', from: 'sam', importance: 'important', mention: true },
      { kind: 'facilitator-hint', post, to: { role: 'operator' } },
    ]);
    // Scenario hints are the coach's own: a facilitator's leaves them alone.
    expect(state.hints).toEqual({});
    const toPlayer = go(state, { type: 'hint', text: 'You in particular.', to: { player: 'p2' } }, { type: 'hint', text: 'Everyone.' });
    expect(
      toPlayer.timeline.filter((e) => e.kind === 'facilitator-hint').map((e) => (e.kind === 'facilitator-hint' ? e.to : null)),
    ).toEqual([{ role: 'operator' }, { player: 'p2' }, undefined]);
    const reasons = score(team, toPlayer).reasons.filter((r) => r.code === 'diagnose.hint');
    expect(reasons.map((r) => [r.points, r.text])).toEqual([
      [0, 'Facilitator hint received: “Look at what shipped.”'],
      [0, 'Facilitator hint received: “You in particular.”'],
      [0, 'Facilitator hint received: “Everyone.”'],
    ]);
  });

  it('refuses a hint when the scenario has no coach, and a malformed one', () => {
    const coachless = miniScenario({ coach: undefined, hints: [] });
    expect(refused(init(coachless, { seed: 7, coach: 'off' }), { type: 'hint', text: 'Look.' }, coachless)).toBe('hint.no-coach');
    const state = begin();
    expect(refused(state, { type: 'hint', text: '' })).toBe('text.invalid');
    expect(refused(state, { type: 'hint', text: 'Look.', to: { seat: 'p1' } } as unknown as Input)).toBe('input.invalid');
    expect(refused(state, { type: 'hint', text: 'Look.', to: { role: 'Ops Lead' } })).toBe('input.invalid');
    expect(refused(state, { type: 'hint', text: 'Look.', to: { role: 'ops', player: 'p1' } } as unknown as Input)).toBe('input.invalid');
  });

  it('replays a run with injects and hints to the same state and score, however it was stepped', () => {
    const log: LogEntry[] = [
      { at: 20, input: { type: 'inject', inject: 'ceo', player: 'facilitator' } },
      { at: 65, input: { type: 'act', action: 'read_diff', player: 'p1' } },
      { at: 70, input: { type: 'hint', text: 'What changed at 16:01?', to: { player: 'p1' }, player: 'facilitator' } },
      { at: 130, input: { type: 'inject', inject: 'flag_flip', player: 'facilitator' } },
      { at: 130, input: { type: 'inject', from: 'ana', channel: 'incident', text: 'Was it me?', player: 'facilitator' } },
      { at: 140, input: { type: 'act', action: 'fix', player: 'p2' } },
    ];
    const first = replay(team, { seed: 11, coach: 'gentle' }, log, 600);
    expect(first.refused).toEqual([]);
    // Round-tripped through JSON, as a saved game day or a run file is.
    const again = replay(team, { seed: 11, coach: 'gentle' }, JSON.parse(JSON.stringify(log)) as LogEntry[], 600);
    expect(JSON.stringify(again.state)).toBe(JSON.stringify(first.state));
    // Stepped by hand in small ticks.
    let stepped = init(team, { seed: 11, coach: 'gentle' });
    for (const entry of log) {
      while (stepped.time < entry.at) stepped = go(stepped, tick(Math.min(3, entry.at - stepped.time)));
      stepped = go(stepped, entry.input);
    }
    while (stepped.time < 600) stepped = go(stepped, tick(Math.min(7, 600 - stepped.time)));
    expect(JSON.stringify(stepped)).toBe(JSON.stringify(first.state));
    expect(score(team, stepped)).toEqual(score(team, first.state));
    expect(first.state.facts.flag_off).toBe(true);
    expect(first.state.timeline.filter((e) => e.kind === 'inject').length).toBe(3);
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
