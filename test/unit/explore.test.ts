/**
 * The explorer: on the flagship it must find the win, the expert path's A, the irreversible
 * down-migration, and method beating panic; on a mini scenario made unwinnable it must say so; on
 * mini scenarios whose scoring can be farmed, or lets a frantic run grade above C, it must say so
 * with the run that shows it, and on a sound one say nothing.
 * Every run it reports must replay, through the action-script path `firedrill play` uses, to the
 * ending it claims.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { init, step, worldOf } from '../../src/engine';
import { compileScript, runScript } from '../../src/authoring';
import { EXPLORE_CATALOGUE, type Scenario, type ScenarioInput } from '../../src/format';
import { CLEAR_MARGIN, DEFAULT_BUDGET, explore, type ExploreReport, type ExploreScript } from '../../src/authoring/explore';
import { franticPatterns } from '../../src/authoring/explore-frantic';
import { loadShipped, scenariosDir } from './helpers/flagship';
import { miniScenario, miniScenarioInput } from './helpers/mini-scenario';
import { tempDir } from './helpers/temp-dir';

const scratch = tempDir('explore');

/** Plays a script the explorer reported, the way `firedrill play` does. */
function play(scenario: Scenario, script: ExploreScript) {
  const compiled = compileScript(scenario, JSON.parse(JSON.stringify(script)));
  if (!compiled.ok) throw new Error(`the explorer wrote a script that does not compile: ${compiled.errors.join('; ')}`);
  return runScript(scenario, compiled.script, compiled.compiled);
}

function flagshipScripts() {
  const dir = join(scenariosDir, 'scripts', 'friday-deploy');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, script: JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown }));
}

describe('explore: the flagship', () => {
  const scenario = loadShipped('friday-deploy.json');
  let report: ExploreReport;

  beforeAll(() => {
    report = explore(scenario, { seed: 1, budget: DEFAULT_BUDGET, scripts: flagshipScripts() });
  }, 120_000);

  it('uses its budget and reports the work done', () => {
    expect(report.budget).toBe(DEFAULT_BUDGET);
    expect(report.search.states).toBeGreaterThan(DEFAULT_BUDGET * 0.9);
    expect(report.search.states).toBeLessThanOrEqual(DEFAULT_BUDGET);
    expect(report.search.rollouts).toBeGreaterThan(0);
    expect(report.scores.runs).toBeGreaterThan(report.search.rollouts);
  });

  it('finds the resolved ending, with a witness that replays to it', () => {
    expect(report.resolved.reachable).toBe(true);
    const witness = report.resolved.witness!;
    expect(witness.ending?.kind).toBe('resolved');
    const run = play(scenario, witness.script);
    expect(run.refused).toEqual([]);
    expect(run.state.ending?.kind).toBe('resolved');
    expect(run.score.total).toBe(witness.score);
    expect(run.unmet).toEqual([]);
  });

  it('replays the expert path to the resolved ending with an A once its questions are answered', () => {
    const { answered, asWritten, ok, steps } = report.expertPath;
    expect(steps).toBe(scenario.expertPath.length);
    expect(asWritten!.refused).toEqual([]);
    expect(answered!.ending?.kind).toBe('resolved');
    expect(answered!.grade).toBe('A');
    expect(ok).toBe(true);
    // The expert path lists actions only; answering the questions is what lifts it to an A.
    expect(answered!.score).toBeGreaterThanOrEqual(asWritten!.score);
    expect(play(scenario, answered!.script).score.total).toBe(answered!.score);
  });

  it('finds the hand-written down-migration as a dead end that ends in data loss', () => {
    const migration = report.deadEnds.find((d) => d.move === 'manual_down_migration');
    expect(migration, JSON.stringify(report.deadEnds.map((d) => d.cause))).toBeDefined();
    expect(migration!.ending?.id).toBe('data-loss');
    expect(migration!.verdict).toBe('harmful');
    const run = play(scenario, migration!.script);
    expect(run.state.ending?.id).toBe('data-loss');
    // Dead ends are distinct causes, and few enough to read.
    const causes = report.deadEnds.map((d) => d.move ?? d.cause);
    expect(new Set(causes).size).toBe(causes.length);
    expect(report.deadEnds.length).toBeLessThanOrEqual(5);
  });

  it('does not call a reversible mistake a dead end: the rollback can be undone by re-deploying', () => {
    expect(report.deadEnds.some((d) => d.move === 'rollback_api')).toBe(false);
  });

  it('reports the best and worst scores found, each with a run that replays to it', () => {
    const { best, worst } = report.scores;
    expect(best!.score).toBeGreaterThanOrEqual(85);
    expect(best!.ending?.kind).toBe('resolved');
    expect(worst!.score).toBeLessThanOrEqual(30);
    expect(worst!.ending?.kind).not.toBe('resolved');
    for (const run of [best!, worst!]) expect(play(scenario, run.script).score.total).toBe(run.score);
    expect(report.scores.endings.resolved).toBeGreaterThan(0);
    expect(report.scores.endings['data-loss']).toBeGreaterThan(0);
  });

  it("sees method beat panic by a clear margin, and plays the scenario's own scripts", () => {
    const { methodical, frantic, margin, clear, scripts } = report.policies;
    expect(methodical.ending?.kind).toBe('resolved');
    expect(frantic.ending?.kind).not.toBe('resolved');
    expect(margin).toBe(methodical.score - frantic.score);
    expect(margin).toBeGreaterThanOrEqual(CLEAR_MARGIN);
    expect(clear).toBe(true);
    expect(scripts.map((s) => s.name)).toEqual(flagshipScripts().map((s) => s.name));
    expect(scripts.map((s) => s.name)).toEqual(
      expect.arrayContaining(['frantic.json', 'methodical.json', 'mixed.json', 'farmer.json', 'silent.json', 'idle.json']),
    );
    for (const s of scripts) expect(s.unmet, s.name).toEqual([]);
    expect(scripts.find((s) => s.name === 'methodical.json')!.ending?.id).toBe('resolved');
  });

  it('passes, with nothing to complain about', () => {
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

/** The mini scenario with an expert path, so it can pass. */
function winnableMini(): ScenarioInput {
  return {
    ...miniScenarioInput(),
    expertPath: [
      { at: 0, action: 'read_diff', why: 'Read the change before it ships.' },
      { at: 60, action: 'read_logs', why: 'See what the errors are.' },
      { at: 90, action: 'flag_off', why: 'Contain it.' },
      { at: 120, action: 'status', why: 'Tell people.' },
      { at: 140, action: 'fix', why: 'Fix the cache key.' },
      { at: 260, action: 'check', why: 'Check that it worked.' },
      { at: 320, action: 'resolve', why: 'Close it.' },
    ],
  };
}

/** The same, with the only fix taken away: nothing can make "fixed" hold. */
function unwinnableMini(): ScenarioInput {
  const input = winnableMini();
  return {
    ...input,
    actions: input.actions!.filter((a) => a.id !== 'fix'),
    expertPath: input.expertPath!.filter((s) => s.action !== 'fix'),
  };
}

type Rule = NonNullable<NonNullable<ScenarioInput['scoring']>['rules']>[number];
const DIMENSIONS = ['stabilise', 'diagnose', 'remediate', 'verify', 'communicate', 'composure'] as const;
const penalty = (id: string, when: Rule['when'], dimensions: readonly Rule['dimension'][]): Rule[] =>
  dimensions.map((dimension) => ({ id: `${id}-${dimension}`, dimension, points: -50, when, text: `Frantic: ${id}.` }));
/** Scoring rules that sink each frantic pattern the mini allows well below C. */
const FRANTIC_PENALTIES = {
  restart: penalty('restart', { did: 'restart' }, ['composure', 'communicate', 'diagnose']),
  // The mini's relapse, after a declaration that was not accepted, pings support.
  relapse: penalty('relapse', { fact: 'pings', gte: 1 }, ['stabilise', 'verify', 'communicate', 'composure']),
  silent: penalty('silent', { all: [{ any: [{ time: { gte: 400 } }, { milestone: 'verified' }] }, { not: { did: 'status' } }] }, [
    'diagnose',
    'remediate',
    'communicate',
    'composure',
  ]),
};

/**
 * The mini scenario with a hypothesis action, an expert path that posts one status update, rules
 * that sink frantic runs, and (unless `farm` is off) a rule that pays for a second status update:
 * only farming that rule can beat the expert path.
 */
function farmableMini(penalties: (keyof typeof FRANTIC_PENALTIES)[] = ['restart', 'relapse', 'silent'], farm = true): ScenarioInput {
  const input = miniScenarioInput();
  // A rule that pays for volume, not substance: the kind of authoring slip the maximiser exists to catch.
  const chatty: Rule = {
    id: 'chatty',
    dimension: 'communicate',
    points: 30,
    when: { did: 'status', count: { gte: 2 } },
    text: 'Posted two status updates.',
  };
  return {
    ...input,
    // Status updates may be posted again and again, as in the shipped scenarios.
    actions: [
      ...input.actions!.map((a) => (a.id === 'status' ? { ...a, repeatable: true } : a)),
      {
        id: 'hypothesis',
        label: 'Write down a hypothesis',
        category: 'investigate',
        duration: 20,
        tags: ['hypothesis'],
        outcomes: [{ text: 'Written.', verdict: 'success' }],
      },
    ],
    expertPath: [
      { at: 0, action: 'read_diff', why: 'Read the change before it ships.' },
      { at: 60, action: 'read_logs', why: 'See what the errors are.' },
      { at: 90, action: 'hypothesis', why: 'Say what the evidence points at.' },
      { at: 110, action: 'flag_off', why: 'Contain it.' },
      { at: 140, action: 'status', why: 'Tell people.' },
      { at: 160, action: 'read_logs', why: 'See that it worked.' },
      { at: 190, action: 'fix', why: 'Fix the cache key.' },
      { at: 310, action: 'check', why: 'Check that it worked.' },
      { at: 370, action: 'resolve', why: 'Close it.' },
    ],
    scoring: { rules: [...(farm ? [chatty] : []), ...penalties.flatMap((p) => FRANTIC_PENALTIES[p])] },
  };
}

/** The same, with full marks for a verified run that told people and did nothing frantic: nothing can beat the expert path. */
function soundMini(penalties?: (keyof typeof FRANTIC_PENALTIES)[]): ScenarioInput {
  const input = farmableMini(penalties);
  const method: Rule['when'] = {
    all: [{ milestone: 'verified' }, { did: 'status' }, { not: { did: 'restart' } }, { fact: 'pings', lte: 0 }],
  };
  const full: Rule[] = DIMENSIONS.flatMap((dimension) =>
    [1, 2].map((n) => ({ id: `method-${dimension}-${n}`, dimension, points: 50, when: method, text: 'Worked methodically.' })),
  );
  return { ...input, scoring: { rules: [...full, ...input.scoring!.rules!] } };
}

describe('explore: a mini scenario', () => {
  it('finds the way through the winnable one and passes', () => {
    const scenario = miniScenario(soundMini());
    const report = explore(scenario, { seed: 3, budget: 400 });
    expect(report.problems).toEqual([]);
    expect(report.resolved.witness!.ending?.id).toBe('won');
    expect(play(scenario, report.resolved.witness!.script).state.ending?.id).toBe('won');
    expect(report.expertPath.ok).toBe(true);
    expect(report.findings).toEqual([]);
  });

  it('says the unwinnable one cannot be resolved, and lists no dead ends where everything is one', () => {
    const scenario = miniScenario(unwinnableMini());
    const report = explore(scenario, { seed: 3, budget: 400 });
    expect(report.resolved).toEqual({ reachable: false, witness: null });
    expect(report.scores.endings.won).toBeUndefined();
    expect(report.scores.runs).toBeGreaterThan(10);
    expect(report.deadEnds).toEqual([]);
    expect(report.expertPath.ok).toBe(false);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/No run reached the resolved ending/);
  });

  it('fails a scenario whose scoring does not reward method over panic', () => {
    // A scoring that weighs nothing scores every run 0: method and panic come out the same.
    const weights = { stabilise: 0, diagnose: 0, remediate: 0, verify: 0, communicate: 0, composure: 0 };
    const scenario = miniScenario({ ...winnableMini(), scoring: { weights } });
    const report = explore(scenario, { seed: 3, budget: 100 });
    expect(report.policies.clear).toBe(false);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/Method does not clearly beat panic/);
  });
});

describe('explore: the highest score and frantic runs', () => {
  const codes = (report: ExploreReport) => report.findings.map((f) => f.code);

  it('says nothing about a sound scenario: nothing beats the expert path, no frantic run grades above C', () => {
    const scenario = miniScenario(soundMini());
    for (const seed of [1, 3]) {
      const report = explore(scenario, { seed });
      expect(report.findings, `seed ${seed}`).toEqual([]);
      expect(report.maximiser.expert).toBe(100);
      expect(report.maximiser.best!.score).toBe(100);
      expect(report.maximiser.beaten).toBe(false);
      expect(report.maximiser.evaluations).toBeGreaterThan(50);
      // The frantic runs were found, and graded C or below.
      const found = Object.fromEntries(report.frantic.patterns.map((p) => [p.pattern, p.best?.grade ?? null]));
      expect(found['repeated-rollback']).toBeNull(); // the mini has no rollback
      for (const pattern of ['hunch-restart', 'premature-all-clear', 'silence']) expect(['C', 'D', 'F'], pattern).toContain(found[pattern]);
      expect(report.frantic.patterns.every((p) => !p.aboveC)).toBe(true);
    }
  });

  it('reports a farming run that beats the expert path, with a script that replays to its score', () => {
    const scenario = miniScenario(farmableMini());
    const report = explore(scenario, { seed: 1 });
    expect(codes(report)).toEqual(['explore.expert-outscored']);
    expect(report.ok).toBe(false);
    const finding = report.findings[0]!;
    expect(finding.severity).toBe('error');
    expect(finding.hint).toBe(EXPLORE_CATALOGUE['explore.expert-outscored'].hint);
    expect(finding.message).toMatch(/^A run scores \d+\/100 \([AB]\), above the expert path's \d+\/100/);
    const expert = report.expertPath.answered!;
    const farm = finding.run!;
    expect(farm).toEqual(report.maximiser.best);
    expect(report.maximiser.beaten).toBe(true);
    expect(farm.score).toBeGreaterThan(expert.score);
    // The expert path earns every point but communication's, so the farm's extra points are all talk.
    expect(farm.dimensions!.communicate).toBeGreaterThan(expert.dimensions!.communicate);
    const replayed = play(scenario, farm.script);
    expect(replayed.refused).toEqual([]);
    expect(replayed.score.total).toBe(farm.score);
    expect(replayed.state.ending?.id).toBe('won');
    // It says so in the problems too, and the CLI prints its steps.
    expect(report.problems).toEqual([finding.message]);
  });

  it('reports a frantic run that grades above C, naming the pattern, with a script that shows it', () => {
    // With the silence limit lifted and no rule that charges for it, a run that never tells anyone still earns an A or B.
    const input = farmableMini(['restart', 'relapse'], false);
    const scenario = miniScenario({ ...input, scoring: { ...input.scoring, limits: { silent: 100 } } });
    const report = explore(scenario, { seed: 1 });
    expect(codes(report)).toEqual(['explore.frantic-above-c']);
    const finding = report.findings[0]!;
    expect(finding.pattern).toBe('silence');
    expect(finding.message).toMatch(/^A run with silence while users were affected at 16:01:00 grades [AB], \d+\/100/);
    const silent = report.frantic.patterns.find((p) => p.pattern === 'silence')!;
    expect(silent.aboveC).toBe(true);
    expect(finding.run).toEqual(silent.best);
    const replayed = play(scenario, finding.run!.script);
    expect(replayed.score.total).toBe(finding.run!.score);
    expect(['A', 'B']).toContain(replayed.score.grade);
    expect(franticPatterns(scenario, worldOf(scenario), replayed.state).map((f) => f.pattern)).toContain('silence');
    expect(report.maximiser.beaten).toBe(false);
  });
});

describe('frantic patterns, read from the run', () => {
  const input = farmableMini();
  input.actions = [
    ...input.actions!,
    {
      id: 'rollback',
      label: 'Roll back the cache tweak',
      category: 'remediate',
      duration: 30,
      tags: ['rollback', 'change'],
      outcomes: [{ text: 'It does not help.', verdict: 'failure' }],
    },
  ];
  const scenario = miniScenario(input);
  const world = worldOf(scenario);
  /** Plays actions each at its time (waiting for the previous to finish), then lets the clock run to `until`. */
  const run = (steps: [number, string][], until = 900) => {
    let state = init(scenario, { seed: 1, coach: 'off' });
    for (const [at, action] of steps) {
      if (at > state.time) state = step(scenario, state, { type: 'tick', seconds: at - state.time }).state;
      const result = step(scenario, state, { type: 'act', action });
      expect(result.rejected, `${action} at ${at}`).toBeUndefined();
      state = result.state;
    }
    if (until > state.time) state = step(scenario, state, { type: 'tick', seconds: until - state.time }).state;
    return franticPatterns(scenario, world, state);
  };
  const patterns = (steps: [number, string][], until?: number) => run(steps, until).map((f) => f.pattern);

  it('finds nothing in the expert path', () => {
    expect(patterns(scenario.expertPath.map((s) => [s.at, s.action]))).toEqual([]);
  });

  it('sees a rollback repeated after it failed, not one tried once', () => {
    expect(
      run([
        [70, 'rollback'],
        [110, 'rollback'],
        [150, 'status'],
      ]),
    ).toEqual([{ pattern: 'repeated-rollback', at: 110, action: 'rollback' }]);
    expect(
      patterns([
        [70, 'rollback'],
        [110, 'status'],
      ]),
    ).toEqual([]);
  });

  it('sees a restart before any relevant evidence, not one after reading the logs', () => {
    expect(
      run([
        [70, 'restart'],
        [140, 'status'],
      ]),
    ).toEqual([{ pattern: 'hunch-restart', at: 70, action: 'restart' }]);
    expect(
      patterns([
        [70, 'read_logs'],
        [100, 'restart'],
        [160, 'status'],
      ]),
    ).toEqual([]);
  });

  it('sees a declaration that was not accepted', () => {
    expect(
      run([
        [70, 'status'],
        [100, 'resolve'],
      ]).map((f) => f.pattern),
    ).toEqual(['premature-all-clear']);
  });

  it('sees silence while users were affected; an update just after containing it still counts', () => {
    expect(run([[70, 'flag_off']])).toEqual([{ pattern: 'silence', at: 60 }]);
    expect(
      patterns([
        [70, 'flag_off'],
        [100, 'status'],
      ]),
    ).toEqual([]);
    // Nothing is silence before users are affected.
    expect(patterns([], 50)).toEqual([]);
  });
});

describe('explore: determinism', () => {
  it('gives the identical report for the same seed and budget', () => {
    const scenario = loadShipped('friday-deploy.json');
    const a = explore(scenario, { seed: 7, budget: 150 });
    const b = explore(scenario, { seed: 7, budget: 150 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const mini = miniScenario(winnableMini());
    expect(JSON.stringify(explore(mini, { seed: 11, budget: 300 }))).toBe(JSON.stringify(explore(mini, { seed: 11, budget: 300 })));
  });

  it('lets the seed steer the search', () => {
    const mini = miniScenario(winnableMini());
    const reports = [1, 2, 3].map((seed) => JSON.stringify(explore(mini, { seed, budget: 300 }).search));
    expect(new Set(reports).size).toBeGreaterThan(1);
  });
});

describe('firedrill explore', () => {
  const out: string[] = [];
  const capture = () => {
    out.length = 0;
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  };
  afterEach(() => vi.restoreAllMocks());

  const write = (input: ScenarioInput) => {
    const dir = mkdtempSync(join(scratch, 'case-'));
    const file = join(dir, 'mini.json');
    writeFileSync(file, JSON.stringify(input, null, 2));
    return file;
  };

  it('exits 0 and says OK when the scenario passes', () => {
    capture();
    const code = main(['explore', write(soundMini()), '--budget', '300']);
    const text = out.join('\n');
    expect(text).toMatch(/✓ The resolved ending is reachable/);
    expect(text).toMatch(/Searched \d+ states .* in \d+\.\d\d s/);
    expect(text).toMatch(/^OK: /m);
    expect(code).toBe(0);
  });

  it('exits 1 and prints the run that beats the expert path, step by step, with its code', () => {
    capture();
    const code = main(['explore', write(farmableMini())]);
    const text = out.join('\n');
    expect(text).toMatch(
      /^✗ Highest score found \(\d+ runs by the greedy player and the climbs\): \d+\/100 \([AB], [^)]+\), above the expert path's \d+\/100\. To replay it/m,
    );
    expect(text).toMatch(/^ {4}expert path: stabilise \d+, diagnose/m);
    expect(text).toMatch(/^ {4}\d\d:\d\d:\d\d {2}(do|reply|post|note) /m);
    expect(text).toMatch(/^✓ Frantic play \(checked in \d+ complete runs\): no run with a frantic pattern grades above C\.$/m);
    expect(text).toMatch(/^NOT OK:\n {2}- A run scores \d+\/100 .* \[explore\.expert-outscored\]$/m);
    expect(code).toBe(1);
  });

  it('exits 1 and says why when the resolved ending is out of reach', () => {
    capture();
    const code = main(['explore', write(unwinnableMini()), '--budget', '300']);
    const text = out.join('\n');
    expect(text).toMatch(/✗ No run reached the resolved ending/);
    expect(text).toMatch(/^NOT OK:\n {2}- No run reached the resolved ending.* \[explore\.unreachable\]$/m);
    expect(code).toBe(1);
  });

  it('prints the report as JSON, with the time it took', () => {
    capture();
    const code = main(['explore', write(unwinnableMini()), '--json', '--budget', '100', '--seed', '5']);
    const report = JSON.parse(out.join('\n')) as ExploreReport & { elapsedMs: number };
    expect(report.ok).toBe(false);
    expect(report.seed).toBe(5);
    expect(report.budget).toBe(100);
    expect(report.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(code).toBe(1);
  });

  it('plays the scripts found next to the scenario, and reports the ones it cannot', () => {
    const file = write(winnableMini());
    const dir = join(file, '..', 'scripts', 'mini');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'calm.json'),
      JSON.stringify({ scenario: 'mini', steps: [{ at: 0, do: 'read_diff' }], expect: { ending: 'won' } }),
    );
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    capture();
    main(['explore', file, '--json', '--budget', '100']);
    const report = JSON.parse(out.join('\n')) as ExploreReport;
    const scripts = Object.fromEntries(report.policies.scripts.map((s) => [s.name, s.unmet.join(' ')]));
    expect(scripts['calm.json']).toMatch(/expected the ending "won"/);
    expect(scripts['broken.json']).toMatch(/not valid JSON/);
  });

  it('refuses bad options with exit code 2', () => {
    capture();
    expect(main(['explore'])).toBe(2);
    expect(main(['explore', 'x.json', '--budget', 'lots'])).toBe(2);
    expect(main(['explore', 'x.json', '--budget', '5'])).toBe(2);
    expect(main(['explore', 'x.json', '--seed', '1.5'])).toBe(2);
    expect(main(['explore', join(tmpdir(), 'firedrill-no-such-file.json')])).toBe(1);
  });
});
