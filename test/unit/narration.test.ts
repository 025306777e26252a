/**
 * True narration: an ending is told by the first of its variants whose condition holds as the run
 * ends; declaring the incident over posts the player's all-clear in the incident channel; every
 * premature all-clear is visible; and the shipped scenarios' endings say what the run showed — the
 * three contradictions of issue 11 among them.
 */
import { describe, expect, it } from 'vitest';
import {
  ALL_CLEAR_TEXT,
  replay,
  runToEnd,
  score,
  shownEnding,
  step,
  type EngineState,
  type Input,
  type LogEntry,
  type TimelineEvent,
} from '../../src/engine';
import { compileScript, runScript } from '../../src/authoring';
import type { Scenario } from '../../src/format';
import { formatScore, formatTimeline } from '../../src/cli/format-run';
import { postmortem } from '../../src/debrief';
import { loadShipped, playShippedScript, shippedScenarioFiles, shippedScriptLog } from './helpers/flagship';
import { miniScenario } from './helpers/mini-scenario';

const fixLog: LogEntry[] = [
  { at: 70, input: { type: 'act', action: 'read_diff' } },
  { at: 130, input: { type: 'act', action: 'flag_off' } },
  { at: 160, input: { type: 'act', action: 'fix' } },
];
const checkAndResolve: LogEntry[] = [
  { at: 280, input: { type: 'act', action: 'check' } },
  { at: 340, input: { type: 'act', action: 'resolve' } },
];

/** The mini scenario with variants on its resolved and timeout endings. */
const withVariants = miniScenario({
  endings: [
    {
      id: 'won',
      kind: 'resolved',
      title: 'Resolved',
      text: 'Fixed and checked.',
      variants: [
        {
          when: { fact: 'pings', gte: 1 },
          title: 'Resolved, after a false all-clear',
          text: 'Fixed and checked, after calling it too early.',
        },
        { when: { did: 'restart' }, text: 'Fixed and checked; the restart did nothing.' },
        { when: { did: 'flag_off' }, title: 'Switched off and fixed', text: 'Flag off first, then fixed and checked.' },
      ],
    },
    {
      id: 'lost',
      kind: 'failed',
      title: 'Meltdown',
      text: 'Down too long.',
      when: { all: [{ time: { gte: 1500 } }, { service: 'api', is: 'down' }] },
    },
    {
      id: 'late',
      kind: 'timeout',
      title: 'Out of time',
      text: 'The clock ran out.',
      variants: [{ when: { fact: 'fixed' }, text: 'Fixed, but never closed.' }],
    },
  ],
});

function play(scenario: Scenario, log: LogEntry[], until = 2000): EngineState {
  return runToEnd(scenario, replay(scenario, { seed: 1, coach: 'off' }, log, until).state);
}

describe('ending variants', () => {
  it("tells the first variant whose condition holds as the run ends, with its own title or the ending's", () => {
    const flagFirst = shownEnding(withVariants, play(withVariants, [...fixLog, ...checkAndResolve]));
    expect(flagFirst).toMatchObject({
      id: 'won',
      kind: 'resolved',
      variant: 2,
      title: 'Switched off and fixed',
      text: 'Flag off first, then fixed and checked.',
    });

    const restarted = play(withVariants, [
      { at: 70, input: { type: 'act', action: 'read_diff' } },
      { at: 130, input: { type: 'act', action: 'flag_off' } },
      { at: 160, input: { type: 'act', action: 'restart' } },
      { at: 220, input: { type: 'act', action: 'fix' } },
      { at: 340, input: { type: 'act', action: 'check' } },
      { at: 400, input: { type: 'act', action: 'resolve' } },
    ]);
    expect(restarted.ending?.kind).toBe('resolved');
    // Both the restart and the flag variant hold; the earlier one wins, and without a title of its own the ending's is told.
    expect(shownEnding(withVariants, restarted)).toMatchObject({
      variant: 1,
      title: 'Resolved',
      text: 'Fixed and checked; the restart did nothing.',
    });
  });

  it("tells the ending's own title and text when no variant holds", () => {
    const noFlag: LogEntry[] = [
      { at: 70, input: { type: 'act', action: 'read_diff' } },
      { at: 130, input: { type: 'act', action: 'fix' } },
      { at: 250, input: { type: 'act', action: 'check' } },
      { at: 310, input: { type: 'act', action: 'resolve' } },
    ];
    expect(shownEnding(withVariants, play(withVariants, noFlag))).toMatchObject({
      id: 'won',
      variant: null,
      title: 'Resolved',
      text: 'Fixed and checked.',
    });
  });

  it('tells the truth about a premature all-clear: the relapse variant comes first', () => {
    const state = play(withVariants, [
      ...fixLog,
      { at: 280, input: { type: 'act', action: 'resolve' } },
      { at: 300, input: { type: 'act', action: 'check' } },
      { at: 360, input: { type: 'act', action: 'resolve' } },
    ]);
    expect(state.declarations.map((d) => d.accepted)).toEqual([false, true]);
    expect(shownEnding(withVariants, state)).toMatchObject({ variant: 0, title: 'Resolved, after a false all-clear' });
  });

  it('applies to timeouts too, is null while the run goes on, and changes nothing but what is told', () => {
    const open = replay(withVariants, { seed: 1, coach: 'off' }, fixLog, 400).state;
    expect(shownEnding(withVariants, open)).toBeNull();
    const late = runToEnd(withVariants, open);
    expect(late.ending).toEqual({ id: 'late', kind: 'timeout', at: 1800 });
    expect(shownEnding(withVariants, late)).toMatchObject({ title: 'Out of time', text: 'Fixed, but never closed.', variant: 0 });
    // The same run without variants ends the same way, at the same moment, with the same timeline.
    const plain = runToEnd(miniScenario(), replay(miniScenario(), { seed: 1, coach: 'off' }, fixLog, 400).state);
    expect(plain.ending).toEqual(late.ending);
    expect(plain.timeline).toEqual(late.timeline);
  });

  it('is what the CLI and the postmortem tell', () => {
    const state = play(withVariants, [...fixLog, ...checkAndResolve]);
    const card = score(withVariants, state);
    const printed = formatScore(withVariants, state, card);
    expect(printed).toContain('Ending: Switched off and fixed (resolved)');
    expect(printed).toContain('  Flag off first, then fixed and checked.');
    expect(formatTimeline(withVariants, state)).toMatch(/ending {4}Switched off and fixed/);
    const doc = postmortem(withVariants, state, card, []);
    expect(doc).toContain('- **Ending:** Switched off and fixed (resolved)');
    expect(doc).toContain('> Flag off first, then fixed and checked.');
    expect(doc).not.toContain('> Fixed and checked.');
  });
});

describe('the all-clear', () => {
  const scenario = miniScenario();

  it('is posted by the player in the incident channel when a declaration is accepted, before the ending', () => {
    const state = play(scenario, [...fixLog, ...checkAndResolve]);
    const post = state.chat.find((p) => p.allClear);
    expect(post).toMatchObject({ channel: 'incident', from: 'you', byPlayer: true, text: ALL_CLEAR_TEXT, at: 350 });
    const kinds = state.timeline.filter((e) => e.at === 350).map((e) => e.kind);
    expect(kinds.slice(kinds.indexOf('action-completed'))).toEqual(['action-completed', 'all-clear', 'ending']);
    expect(state.timeline.find((e) => e.kind === 'all-clear')).toMatchObject({
      post: post!.id,
      channel: 'incident',
      player: 'you',
      accepted: true,
    });
  });

  it('is posted on a premature declaration too, followed by the relapse', () => {
    const state = replay(
      scenario,
      { seed: 1, coach: 'off' },
      [...fixLog, { at: 280, input: { type: 'act', action: 'resolve' } }],
      400,
    ).state;
    expect(state.chat.filter((p) => p.allClear).map((p) => [p.channel, p.text])).toEqual([['incident', ALL_CLEAR_TEXT]]);
    const kinds = state.timeline.filter((e) => e.at === 290).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['action-completed', 'all-clear', 'relapse']));
    expect(kinds.indexOf('all-clear')).toBeLessThan(kinds.indexOf('relapse'));
    expect(state.timeline.find((e) => e.kind === 'all-clear')).toMatchObject({ accepted: false });
  });

  it('is posted as the team member who declared it', () => {
    let state = replay(scenario, { seed: 1, coach: 'off' }, fixLog, 280).state;
    state = step(scenario, state, { type: 'act', action: 'resolve', player: 'chi' }).state;
    state = step(scenario, state, { type: 'tick', seconds: 20 }).state;
    expect(state.chat.find((p) => p.allClear)).toMatchObject({ from: 'chi', byPlayer: true });
  });

  it('does not count as a status update (its declaration is scored on its own)', () => {
    const state = play(scenario, [...fixLog, ...checkAndResolve]);
    expect(state.timeline.some((e) => e.kind === 'post')).toBe(false);
  });
});

/** A run compiled from an inline action script for a shipped scenario, played to its end. */
function playInline(scenario: Scenario, steps: unknown[]): EngineState {
  const compiled = compileScript(scenario, { scenario: scenario.id, seed: 42, coach: 'off', steps });
  if (!compiled.ok) throw new Error(compiled.errors.join('; '));
  const run = runScript(scenario, compiled.script, compiled.compiled);
  if (run.refused.length > 0) throw new Error(`refused: ${run.refused.map((r) => r.rejection.message).join('; ')}`);
  return run.state;
}

/**
 * Plays a shipped script's log up to the step that starts `before`, waits until the player is free,
 * then declares the incident resolved: what the player sees in the steps that finish the declaration.
 */
function declareBefore(scenario: Scenario, script: string, before: string): { state: EngineState; events: TimelineEvent[] } {
  const { log, options } = shippedScriptLog(scenario, script);
  const at = log.find((e) => e.input.type === 'act' && e.input.action === before)?.at;
  if (at === undefined) throw new Error(`${script} never does ${before}`);
  let state = replay(
    scenario,
    options,
    log.filter((e) => e.at < at),
    at,
  ).state;
  const busy = Object.values(state.current).map((c) => c.endsAt);
  if (busy.length > 0) state = step(scenario, state, { type: 'tick', seconds: Math.max(...busy) - state.time }).state;
  const events: TimelineEvent[] = [];
  const go = (input: Input) => {
    const result = step(scenario, state, input);
    if (result.rejected) throw new Error(`${input.type} refused: ${result.rejected.message}`);
    state = result.state;
    events.push(...result.events);
  };
  go({ type: 'act', action: 'declare_resolved' });
  go({ type: 'tick', seconds: scenario.actions.find((a) => a.id === 'declare_resolved')!.duration });
  return { state, events };
}

/** Every act of a shipped script's log after users were first affected: the moments a player might call it. */
function actsAfterImpact(scenario: Scenario, script: string): string[] {
  const { log, options } = shippedScriptLog(scenario, script);
  const impact = runToEnd(scenario, replay(scenario, options, log).state).milestones.impact ?? 0;
  const acts = log
    .filter((e) => e.at > impact && e.input.type === 'act' && e.input.action !== 'declare_resolved')
    .map((e) => (e.input as { action: string }).action);
  return [...new Set(acts)];
}

describe('every premature all-clear is visible', () => {
  for (const file of shippedScenarioFiles()) {
    const scenario = loadShipped(file);
    const script = `${scenario.id}/methodical.json`;
    it.each(actsAfterImpact(scenario, script))(
      `${scenario.id}: declaring before "%s" posts the all-clear, relapses and tells the player in chat`,
      (before) => {
        const { state, events } = declareBefore(scenario, script, before);
        const allClear = events.find((e) => e.kind === 'all-clear');
        if (allClear?.kind === 'all-clear' && allClear.accepted) return; // it really was over by then
        expect(state.ending).toBeNull();
        expect(allClear).toMatchObject({
          kind: 'all-clear',
          accepted: false,
          channel: scenario.channels.find((c) => c.kind === 'incident')!.id,
        });
        expect(state.chat.find((p) => allClear?.kind === 'all-clear' && p.id === allClear.post)).toMatchObject({
          byPlayer: true,
          text: ALL_CLEAR_TEXT,
        });
        expect(events.some((e) => e.kind === 'relapse')).toBe(true);
        // At least one relapse message the player cannot miss: important or critical, or one that mentions them.
        const loud = events.filter(
          (e) =>
            e.kind === 'message' &&
            scenario.relapse.messages.includes(state.chat.find((p) => p.id === e.post)?.message ?? '') &&
            (e.mention || e.importance === 'important' || e.importance === 'critical'),
        );
        expect(loud.length).toBeGreaterThan(0);
      },
    );
  }

  it('flag-flip: fixing the rule under fire, watching the dashboards and declaring without a preview is not a silent relapse', () => {
    const scenario = loadShipped('flag-flip.json');
    const state = playInline(scenario, [
      { at: '07:03:05', do: 'ack_incident' },
      { at: '07:05:00', do: 'check_flag_audit' },
      { at: '07:06:10', do: 'check_db_dashboard' },
      { at: '07:08:40', do: 'fix_flag_rule' },
      { at: '07:12:00', do: 'watch_dashboards' },
      { at: '07:20:00', do: 'declare_resolved' },
    ]);
    const said = (id: string) => state.chat.filter((p) => p.message === id).map((p) => p.text);
    expect(state.chat.filter((p) => p.allClear).map((p) => p.channel)).toEqual(['incident']);
    expect(said('relapse-noor')).toHaveLength(1);
    expect(said('relapse-ama')).toHaveLength(1);
    // Noor switches the fixed rule on, harmlessly; someone asks the question the player skipped.
    expect(said('tomasz-preview')[0]).toMatch(/evaluation preview/);
    // And the timeout tells what the state shows: the rule is fixed, the incident still open.
    const ending = shownEnding(scenario, state)!;
    expect(ending).toMatchObject({ id: 'timeout', kind: 'timeout' });
    expect(ending.text).toContain('the rule is fixed, but the incident is still open');
    expect(ending.text).not.toMatch(/broken rule/);
  });
});

describe('the shipped endings say what the run showed', () => {
  const flagship = loadShipped('friday-deploy.json');

  it('friday-deploy: the careful run that reprocessed the stuck orders is told so', () => {
    const run = playShippedScript(flagship, 'friday-deploy/methodical.json');
    expect(run.state.facts.orders_reprocessed).toBe(true);
    const ending = shownEnding(flagship, run.state)!;
    expect(ending.title).toBe('Fixed forward, and checked');
    expect(ending.text).toContain('the stuck orders were reprocessed and the double charges refunded');
  });

  it('friday-deploy: a run that stopped the storm before any order got stuck is not told of repairs it never made', () => {
    const state = playInline(flagship, [
      { at: '15:55:10', do: 'review_change' },
      { at: '16:03:00', do: 'read_worker_logs' },
      { at: '16:04:00', do: 'pause_worker' },
      { at: '16:06:00', do: 'ship_compat_fix' },
      { at: '16:17:00', do: 'resume_worker' },
      { at: '16:19:00', do: 'run_consistency_check' },
      { at: '16:22:00', do: 'watch_dashboards' },
      { at: '16:28:00', do: 'declare_resolved' },
    ]);
    expect(state.ending?.kind).toBe('resolved');
    expect(state.facts.orders_stuck).toBe(false);
    const ending = shownEnding(flagship, state)!;
    expect(ending.text).toContain('no order was left stuck');
    expect(ending.text).not.toMatch(/reprocessed|refunded/);
  });

  it('friday-deploy: a run that was declared too early and resolved later says so in its title', () => {
    const run = playShippedScript(flagship, 'friday-deploy/mixed.json');
    expect(run.state.declarations.some((d) => !d.accepted)).toBe(true);
    expect(run.state.ending?.kind).toBe('resolved');
    expect(shownEnding(flagship, run.state)!.title).toBe('Fixed forward, after a false all-clear');
  });

  it('retry-storm: no ending counts steps; traffic restored through the half-open breaker is told so, a run that never opened it is not', () => {
    const storm = loadShipped('retry-storm.json');
    const told = storm.endings.flatMap((e) => [e.text, ...e.variants.map((v) => v.text)]);
    expect(told.filter((t) => /three steps/.test(t))).toEqual([]);
    const stepped = playShippedScript(storm, 'retry-storm/methodical.json');
    expect(shownEnding(storm, stepped.state)!.title).toBe('Calm, restored in steps');
    const direct = playInline(storm, [
      { at: '18:47:00', do: 'read_quote_logs' },
      { at: '18:48:00', do: 'read_gateway_logs' },
      { at: '18:49:00', do: 'ship_retry_policy' },
      { at: '19:05:00', do: 'run_synthetic_orders' },
      { at: '19:08:00', do: 'watch_dashboards' },
      { at: '19:15:00', do: 'declare_resolved' },
    ]);
    expect(direct.ending?.kind).toBe('resolved');
    const ending = shownEnding(storm, direct)!;
    expect(ending.title).toBe('Restored, and checked');
    expect(ending.text).not.toMatch(/steps|breaker|took the load off/);
  });

  it.each(shippedScenarioFiles())('%s: the resolved ending tells a premature all-clear first, under its own title', (file) => {
    const scenario = loadShipped(file);
    const resolved = scenario.endings.find((e) => e.kind === 'resolved')!;
    const first = resolved.variants[0];
    const testsRelapsed = (c: unknown): boolean => JSON.stringify(c).includes('"fact":"relapsed"');
    expect(first && testsRelapsed(first.when)).toBe(true);
    expect(first!.title).toBeDefined();
    expect(first!.title).not.toBe(resolved.title);
    expect(first!.title).toMatch(/false all-clear/);
    for (const v of resolved.variants.slice(1))
      if (!testsRelapsed(v.when)) expect(v.title ?? resolved.title).not.toMatch(/false all-clear/);
    // Every relapse sets the fact the variant tests.
    expect(scenario.relapse.effects).toContainEqual({ set: 'relapsed', to: true });
  });
});
