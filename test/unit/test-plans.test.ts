/**
 * Test plans: every scenario in scenarios/ loads without errors, and every action script written
 * for it under scenarios/scripts/<scenario id>/ plays with no refused step and meets its own
 * `expect` block. Each scenario has at least a methodical and a frantic script, method wins, and
 * the explorer passes it.
 * Scenarios and scripts are discovered from the folders, so a new scenario is covered by adding files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScript, loadScenario, runScript, type ScriptRun } from '../../src/authoring';
import type { Scenario } from '../../src/format';
import { explore } from '../../src/authoring/explore';
import { scenariosDir, shippedScenarioFiles } from './helpers/flagship';
import { miniScenario } from './helpers/mini-scenario';

interface Plan {
  file: string;
  /** The scenario's id as written, read without validation so a broken file still gets its tests. */
  id: string;
  scriptsDir: string;
  scripts: string[];
}

function plans(): Plan[] {
  return shippedScenarioFiles()
    .sort()
    .map((file) => {
      let id = file.replace(/\.json$/, '');
      try {
        const raw: unknown = JSON.parse(readFileSync(join(scenariosDir, file), 'utf8'));
        if (raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string') id = raw.id;
      } catch {
        // The load test below reports the file's problems.
      }
      const scriptsDir = join(scenariosDir, 'scripts', id);
      const scripts = existsSync(scriptsDir)
        ? readdirSync(scriptsDir)
            .filter((f) => f.endsWith('.json'))
            .sort()
        : [];
      return { file, id, scriptsDir, scripts };
    });
}

const loaded = new Map<string, Scenario>();

/** Each file is read once (the load test above reads it on its own); the engine never changes a scenario. */
function load(file: string): Scenario {
  const known = loaded.get(file);
  if (known) return known;
  const result = loadScenario(readFileSync(join(scenariosDir, file), 'utf8'), file);
  if (!result.ok)
    throw new Error(`${file} does not load:\n${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('\n')}`);
  loaded.set(file, result.scenario);
  return result.scenario;
}

function play(scenario: Scenario, plan: Plan, script: string): ScriptRun & { raw: Record<string, unknown> } {
  const raw = JSON.parse(readFileSync(join(plan.scriptsDir, script), 'utf8')) as Record<string, unknown>;
  const compiled = compileScript(scenario, raw);
  if (!compiled.ok) throw new Error(`${plan.id}/${script} does not compile: ${compiled.errors.join('; ')}`);
  return { ...runScript(scenario, compiled.script, compiled.compiled), raw };
}

const all = plans();

describe('test plans', () => {
  it('cover every scenario file in scenarios/', () => {
    expect(all.length).toBeGreaterThanOrEqual(1);
    expect(all.map((p) => p.file)).not.toContain('scenario.schema.json');
  });

  describe.each(all.map((plan) => [plan.file, plan] as const))('%s', (_file, plan) => {
    it('loads with no error diagnostics', () => {
      const result = loadScenario(readFileSync(join(scenariosDir, plan.file), 'utf8'), plan.file);
      const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`);
      expect(errors).toEqual([]);
      expect(result.ok).toBe(true);
    });

    it(`has at least a methodical and a frantic script in scripts/${plan.id}/`, () => {
      expect(plan.scripts).toEqual(expect.arrayContaining(['methodical.json', 'frantic.json']));
    });

    it.each(plan.scripts)('script %s plays with no refused step and meets its expectations', (script) => {
      const scenario = load(plan.file);
      const run = play(scenario, plan, script);
      expect(run.raw.scenario, 'the script names its scenario').toBe(scenario.id);
      expect(run.raw.expect, 'a test plan states what it expects').toBeTypeOf('object');
      expect(run.refused.map((r) => `step ${r.index + 1}: ${r.rejection.message}`)).toEqual([]);
      expect(run.unmet).toEqual([]);
      expect(run.state.ending, 'the script plays to an ending').not.toBeNull();
    });

    it('passes the explorer: winnable, the expert path earns an A and nothing outscores it, method clearly beats panic, no frantic run grades above C', () => {
      const scenario = load(plan.file);
      const scripts = plan.scripts.map((name) => ({
        name,
        script: JSON.parse(readFileSync(join(plan.scriptsDir, name), 'utf8')) as unknown,
      }));
      const report = explore(scenario, { seed: 1, scripts });
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
    }, 30_000);

    it('rewards method: the methodical script outscores the frantic one', () => {
      const scenario = load(plan.file);
      const methodical = play(scenario, plan, 'methodical.json');
      const frantic = play(scenario, plan, 'frantic.json');
      expect(methodical.state.ending?.kind).toBe('resolved');
      expect(frantic.state.ending?.kind).not.toBe('resolved');
      expect(methodical.score.total).toBeGreaterThan(frantic.score.total);
    });
  });
});

describe('a script expecting a grade', () => {
  // An empty script plays the mini scenario to its end; whatever grade that earns is the one to expect.
  const mini = miniScenario();
  const runWith = (expectBlock: Record<string, unknown>) => {
    const compiled = compileScript(mini, { scenario: 'mini', steps: [], expect: expectBlock });
    if (!compiled.ok) throw new Error(compiled.errors.join('; '));
    return runScript(mini, compiled.script, compiled.compiled);
  };
  const earned = runWith({}).score;
  const others = (['A', 'B', 'C', 'D', 'F'] as const).filter((g) => g !== earned.grade);

  it('is met by the grade the run earns, given as a letter or in a list', () => {
    expect(runWith({ grade: earned.grade }).unmet).toEqual([]);
    expect(runWith({ grade: [others[0], earned.grade] }).unmet).toEqual([]);
  });

  it('is unmet by any other grade, and says what the run got', () => {
    expect(runWith({ grade: others[0] }).unmet).toEqual([`expected the grade ${others[0]}, got ${earned.grade} (${earned.total}/100)`]);
    expect(runWith({ grade: [others[0], others[1]] }).unmet).toEqual([
      `expected the grade ${others[0]} or ${others[1]}, got ${earned.grade} (${earned.total}/100)`,
    ]);
  });

  it('refuses a grade that is not a letter of the scale, or an empty list', () => {
    for (const grade of ['E', 'a', 'A+', [], 85]) {
      const compiled = compileScript(mini, { scenario: 'mini', steps: [], expect: { grade } });
      expect(compiled.ok, JSON.stringify(grade)).toBe(false);
    }
  });
});
