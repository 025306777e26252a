/**
 * Archetype plans: every shipped scenario has scripts under scenarios/scripts/<scenario id>/ for the
 * typical players of issue 11 (the careful senior is methodical.json), and they rank the way an
 * experienced incident commander would rank them: the careful senior above the point farmer and
 * above every other archetype, each further false all-clear costing more than the last, and doing
 * nothing earning nothing in any dimension. Each script's own grade band is checked by
 * test-plans.test.ts, which plays every script in the folder.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../../src/engine';
import type { Scenario } from '../../src/format';
import type { ScriptRun } from '../../src/authoring';
import { loadShipped, playShippedScript, scenariosDir, shippedScenarioFiles, shippedScriptLog } from './helpers/flagship';

/** The careful senior every other archetype is measured against. */
const CAREFUL = 'methodical';

/** The archetypes, in the order of the table; premature-3 only where a scenario lets a player declare three times. */
const ARCHETYPES = ['farmer', 'silent', 'premature-1', 'premature-2', 'premature-3', 'guesser', 'restarter', 'no-verify', 'idle'] as const;
const OPTIONAL: ReadonlySet<string> = new Set(['premature-3']);
const PREMATURE = ['premature-1', 'premature-2', 'premature-3'] as const;

const scriptPath = (scenario: Scenario, name: string) => `${scenario.id}/${name}.json`;
const hasScript = (scenario: Scenario, name: string) => existsSync(join(scenariosDir, 'scripts', scriptPath(scenario, name)));
const summary = (name: string, run: ScriptRun) => `${name}: ${run.score.total}/100, grade ${run.score.grade}`;

describe.each(shippedScenarioFiles().sort())('archetypes of %s', (file) => {
  const scenario = loadShipped(file);
  const runs = new Map<string, ScriptRun>();
  const play = (name: string): ScriptRun => {
    let run = runs.get(name);
    if (!run) {
      run = playShippedScript(scenario, scriptPath(scenario, name));
      runs.set(name, run);
    }
    return run;
  };
  const present = ARCHETYPES.filter((name) => hasScript(scenario, name));

  it('has a script for every archetype (premature-3 where the scenario allows three all-clears)', () => {
    expect(hasScript(scenario, CAREFUL), `${CAREFUL}.json, the careful senior`).toBe(true);
    expect(ARCHETYPES.filter((name) => !OPTIONAL.has(name) && !hasScript(scenario, name))).toEqual([]);
  });

  it('ranks the careful senior above the point farmer', () => {
    const careful = play(CAREFUL);
    const farmer = play('farmer');
    expect(careful.score.total, `${summary(CAREFUL, careful)}; ${summary('farmer', farmer)}`).toBeGreaterThan(farmer.score.total);
    // Farming pays nothing: more questions answered and more posts earn no more than the senior's
    // communication, while the harm let through to collect them costs.
    expect(farmer.score.dimensions.communicate.score).toBeLessThanOrEqual(careful.score.dimensions.communicate.score);
    expect(farmer.score.dimensions.stabilise.score).toBeLessThan(careful.score.dimensions.stabilise.score);
  });

  it.each(present.filter((name) => name !== 'farmer'))('ranks the careful senior above %s', (name) => {
    const careful = play(CAREFUL);
    const other = play(name);
    expect(careful.score.total, `${summary(CAREFUL, careful)}; ${summary(name, other)}`).toBeGreaterThan(other.score.total);
  });

  it('makes each further false all-clear cost more than the last', () => {
    const played = PREMATURE.filter((name) => hasScript(scenario, name)).map((name) => ({ name, run: play(name) }));
    expect(played.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < played.length; i++) {
      const before = played[i - 1]!;
      const after = played[i]!;
      expect(before.run.score.total, `${summary(before.name, before.run)}; ${summary(after.name, after.run)}`).toBeGreaterThan(
        after.run.score.total,
      );
    }
  });

  it('gives a player who does nothing no points in any dimension', () => {
    const idle = play('idle');
    expect(shippedScriptLog(scenario, scriptPath(scenario, 'idle')).log, 'idle.json does nothing').toEqual([]);
    const earned = DIMENSIONS.filter((d) => idle.score.dimensions[d].score !== 0).map((d) => `${d} ${idle.score.dimensions[d].score}`);
    expect(earned, 'dimensions that scored for doing nothing').toEqual([]);
  });
});
