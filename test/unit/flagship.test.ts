import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScriptRun } from '../../src/scenario';
import { loadShipped, playShippedScript, scenariosDir, shippedScenarioFiles } from './helpers/flagship';

const scenario = loadShipped('friday-deploy.json');
const codes = (run: ScriptRun) => run.score.reasons.map((r) => r.code);

describe('every shipped scenario', () => {
  it.each(shippedScenarioFiles())('%s points editors at the schema', (file) => {
    expect(JSON.parse(readFileSync(join(scenariosDir, file), 'utf8')).$schema).toBe('./scenario.schema.json');
  });
});

describe('the Friday 4pm deploy', () => {
  it('is as rich as the story needs', () => {
    expect(scenario.channels.map((c) => c.kind)).toEqual(expect.arrayContaining(['incident', 'support', 'dm']));
    expect(scenario.characters.length).toBeGreaterThanOrEqual(4);
    expect(scenario.messages.length).toBeGreaterThanOrEqual(25);
    expect(scenario.actions.length).toBeGreaterThanOrEqual(12);
    expect(new Set(scenario.actions.map((a) => a.category))).toEqual(new Set(['investigate', 'mitigate', 'remediate', 'communicate', 'resolve']));
    expect(scenario.clock).toMatchObject({ weekday: 'Friday' });
    expect(scenario.deploys.some((d) => d.at > 0 && d.at <= 600)).toBe(true);
  });

  describe('played methodically', () => {
    let run: ScriptRun;
    beforeAll(() => {
      run = playShippedScript(scenario, 'friday-deploy/methodical.json');
    });

    it('reaches the resolved ending with every step accepted and a high score', () => {
      expect(run.refused).toEqual([]);
      expect(run.state.ending?.kind).toBe('resolved');
      expect(run.score.total).toBeGreaterThanOrEqual(85);
      expect(run.score.grade).toBe('A');
      expect(run.unmet).toEqual([]);
    });

    it('is credited for checking the change, understanding it before fixing, and verifying', () => {
      expect(codes(run)).toEqual(expect.arrayContaining(['diagnose.history-first', 'diagnose.understood', 'verify.before-all-clear', 'stabilise.contained', 'composure.hypothesis']));
      const stabilised = run.score.reasons.find((r) => r.code === 'stabilise.contained')!;
      expect(stabilised.points).toBeGreaterThanOrEqual(80);
    });

    it('is credited for the checks made before the deploy shipped', () => {
      const deployAt = scenario.deploys.find((d) => d.at > 0)!.at;
      const early = run.score.reasons.filter((r) => r.code.startsWith('rule.') && r.points > 0 && r.at <= deployAt);
      expect(early.length).toBeGreaterThanOrEqual(1);
    });

    it('has nothing frantic held against it', () => {
      expect(codes(run)).not.toEqual(expect.arrayContaining(['verify.premature']));
      for (const code of ['verify.premature', 'composure.repeat-failed', 'composure.blind-restart', 'remediate.harmful', 'communicate.silent']) {
        expect(codes(run), code).not.toContain(code);
      }
      expect(run.state.timeline.some((e) => e.kind === 'relapse')).toBe(false);
    });
  });

  describe('played frantically', () => {
    let run: ScriptRun;
    let methodical: ScriptRun;
    beforeAll(() => {
      run = playShippedScript(scenario, 'friday-deploy/frantic.json');
      methodical = playShippedScript(scenario, 'friday-deploy/methodical.json');
    });

    it('suffers the relapse after declaring victory without checking', () => {
      expect(run.state.timeline.some((e) => e.kind === 'relapse')).toBe(true);
      expect(run.state.declarations[0]).toMatchObject({ accepted: false });
      const relapseMessages = scenario.relapse.messages;
      expect(relapseMessages.length).toBeGreaterThan(0);
      expect(run.state.chat.some((p) => p.message === relapseMessages[0])).toBe(true);
    });

    it('ends far lower than the methodical run', () => {
      expect(run.state.ending?.kind).not.toBe('resolved');
      expect(run.score.total).toBeLessThanOrEqual(40);
      expect(methodical.score.total - run.score.total).toBeGreaterThanOrEqual(40);
    });

    it('is told why, moment by moment', () => {
      expect(codes(run)).toEqual(expect.arrayContaining(['verify.premature', 'composure.repeat-failed', 'remediate.harmful', 'composure.blind-restart']));
      const rollbacks = run.score.reasons.filter((r) => r.code === 'remediate.harmful');
      expect(rollbacks.length).toBeGreaterThanOrEqual(2);
      expect(rollbacks[1]!.points).toBeLessThan(rollbacks[0]!.points);
      for (const reason of run.score.reasons) {
        expect(reason.text.length).toBeGreaterThan(10);
        expect(reason.at).toBeGreaterThanOrEqual(0);
      }
    });
  });
});
