/**
 * The explorer: on the flagship it must find the win, the expert path's A, the irreversible
 * down-migration, and method beating panic; on a mini scenario made unwinnable it must say so.
 * Every run it reports must replay, through the action-script path `firedrill play` uses, to the
 * ending it claims.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { compileScript, runScript, type Scenario, type ScenarioInput } from '../../src/scenario';
import { CLEAR_MARGIN, DEFAULT_BUDGET, explore, type ExploreReport, type ExploreScript } from '../../src/scenario/explore';
import { loadShipped, scenariosDir } from './helpers/flagship';
import { miniScenario, miniScenarioInput } from './helpers/mini-scenario';

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

  it('sees method beat panic by a clear margin, and plays the scenario\'s own scripts', () => {
    const { methodical, frantic, margin, clear, scripts } = report.policies;
    expect(methodical.ending?.kind).toBe('resolved');
    expect(frantic.ending?.kind).not.toBe('resolved');
    expect(margin).toBe(methodical.score - frantic.score);
    expect(margin).toBeGreaterThanOrEqual(CLEAR_MARGIN);
    expect(clear).toBe(true);
    expect(scripts.map((s) => s.name)).toEqual(['frantic.json', 'methodical.json', 'mixed.json']);
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
  return { ...input, actions: input.actions!.filter((a) => a.id !== 'fix'), expertPath: input.expertPath!.filter((s) => s.action !== 'fix') };
}

describe('explore: a mini scenario', () => {
  it('finds the way through the winnable one and passes', () => {
    const scenario = miniScenario(winnableMini());
    const report = explore(scenario, { seed: 3, budget: 400 });
    expect(report.problems).toEqual([]);
    expect(report.resolved.witness!.ending?.id).toBe('won');
    expect(play(scenario, report.resolved.witness!.script).state.ending?.id).toBe('won');
    expect(report.expertPath.ok).toBe(true);
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
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-explore-'));
    const file = join(dir, 'mini.json');
    writeFileSync(file, JSON.stringify(input, null, 2));
    return file;
  };

  it('exits 0 and says OK when the scenario passes', () => {
    capture();
    const code = main(['explore', write(winnableMini()), '--budget', '300']);
    const text = out.join('\n');
    expect(text).toMatch(/✓ The resolved ending is reachable/);
    expect(text).toMatch(/Searched \d+ states .* in \d+\.\d\d s/);
    expect(text).toMatch(/^OK: /m);
    expect(code).toBe(0);
  });

  it('exits 1 and says why when the resolved ending is out of reach', () => {
    capture();
    const code = main(['explore', write(unwinnableMini()), '--budget', '300']);
    const text = out.join('\n');
    expect(text).toMatch(/✗ No run reached the resolved ending/);
    expect(text).toMatch(/^NOT OK:\n {2}- No run reached the resolved ending/m);
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
    writeFileSync(join(dir, 'calm.json'), JSON.stringify({ scenario: 'mini', steps: [{ at: 0, do: 'read_diff' }], expect: { ending: 'won' } }));
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
