import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reasonCodes, suggestions } from '../../src/engine';
import type { ScriptRun } from '../../src/authoring';
import { loadShipped, playShippedScript, scenariosDir, shippedScenarioFiles } from './helpers/flagship';

const scenario = loadShipped('friday-deploy.json');
const codes = (run: ScriptRun) => reasonCodes(run.score);

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
    expect(new Set(scenario.actions.map((a) => a.category))).toEqual(
      new Set(['investigate', 'mitigate', 'remediate', 'communicate', 'resolve']),
    );
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
      expect(codes(run)).toEqual(
        expect.arrayContaining([
          'diagnose.history-first',
          'diagnose.understood',
          'verify.before-all-clear',
          'stabilise.contained',
          'composure.hypothesis',
        ]),
      );
      const contained = run.score.reasons.find((r) => r.code === 'stabilise.contained')!;
      expect(contained.points).toBe(Math.round(contained.best!));
      expect(run.score.dimensions.stabilise.score).toBe(100);
    });

    it('is credited for the checks made before the deploy shipped', () => {
      const deployAt = scenario.deploys.find((d) => d.at > 0)!.at;
      const early = run.score.reasons.filter((r) => r.code.startsWith('rule.') && r.points > 0 && r.at <= deployAt);
      expect(early.length).toBeGreaterThanOrEqual(1);
    });

    it('is credited for one change at a time and a steady update cadence', () => {
      expect(codes(run)).toEqual(expect.arrayContaining(['composure.one-change-at-a-time', 'communicate.cadence']));
    });

    it('has nothing frantic held against it, and nothing big left to suggest', () => {
      expect(codes(run)).not.toEqual(expect.arrayContaining(['verify.premature']));
      const frantic = [
        'verify.premature',
        'composure.repeat-failed',
        'composure.blind-restart',
        'composure.blind-fix',
        'composure.thrash',
        'composure.stacked-changes',
      ];
      for (const code of [...frantic, 'stabilise.remediated-first', 'remediate.harmful', 'communicate.silent', 'communicate.gap']) {
        expect(codes(run), code).not.toContain(code);
      }
      expect(run.state.timeline.some((e) => e.kind === 'relapse')).toBe(false);
      expect(suggestions(scenario, run.score)).toEqual([]);
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
      expect(run.score.grade).toBe('F');
      expect(methodical.score.total - run.score.total).toBeGreaterThanOrEqual(40);
    });

    it('is told why, moment by moment', () => {
      expect(codes(run)).toEqual(
        expect.arrayContaining(['verify.premature', 'composure.repeat-failed', 'remediate.harmful', 'composure.blind-restart']),
      );
      const rollbacks = run.score.reasons.filter((r) => r.code === 'remediate.harmful');
      expect(rollbacks.length).toBeGreaterThanOrEqual(2);
      expect(rollbacks[1]!.points).toBeLessThan(rollbacks[0]!.points);
      for (const reason of run.score.reasons) {
        expect(reason.text.length).toBeGreaterThan(10);
        expect(reason.at).toBeGreaterThanOrEqual(0);
      }
    });

    it('is caught fixing before containing, acting blind and flip-flopping on the rollback', () => {
      expect(codes(run)).toEqual(expect.arrayContaining(['stabilise.remediated-first', 'composure.blind-fix', 'composure.thrash']));
      // The third rollback is charged once, on one line naming every pattern it showed.
      const thrash = run.score.reasons.find((r) => r.parts?.some((p) => p.code === 'composure.thrash'))!;
      expect(thrash).toMatchObject({ action: 'rollback_api' });
      expect(thrash.parts!.map((p) => p.code)).toEqual(expect.arrayContaining(['composure.repeat-failed', 'composure.thrash']));
      expect(thrash.points).toBe(thrash.parts!.reduce((sum, p) => sum + p.points, 0));
      expect(thrash.text).toContain('“Re-deploy orders-api v2.14” at 16:42');
    });

    it('gets three specific suggestions: containment first, the ending having failed for want of it', () => {
      const list = suggestions(scenario, run.score);
      expect(list).toHaveLength(3);
      expect(list[0]!.code).toBe('stabilise.never');
      expect(list[0]!.text).toContain('pause the invoice-worker');
      expect(new Set(list.map((s) => s.code)).size).toBe(3);
    });

    it('is limited by its failed ending, its two false all-clears, its frantic retries and its silence', () => {
      expect(run.score.limits.map((l) => l.code)).toEqual(['limit.failed', 'limit.premature', 'limit.frantic', 'limit.silent']);
      expect(run.score.limits.find((l) => l.code === 'limit.premature')!.max).toBe(scenario.scoring.limits.premature[1]);
    });
  });

  describe('played with a sound diagnosis but a premature all-clear', () => {
    let run: ScriptRun;
    beforeAll(() => {
      run = playShippedScript(scenario, 'friday-deploy/mixed.json');
    });

    it('recovers to the resolved ending after the relapse, with every step accepted', () => {
      expect(run.refused).toEqual([]);
      expect(run.unmet).toEqual([]);
      expect(run.state.ending?.kind).toBe('resolved');
      expect(run.state.timeline.filter((e) => e.kind === 'relapse')).toHaveLength(1);
    });

    it('is held to a C by its one false all-clear, however good the rest', () => {
      expect(run.score.average).toBeGreaterThanOrEqual(85);
      expect(run.score.total).toBe(scenario.scoring.limits.premature[0]);
      expect(run.score.grade).toBe('C');
      expect(run.score.totalExplained).toContain(`at most ${scenario.scoring.limits.premature[0]}`);
    });

    it('is credited for the diagnosis and charged for the all-clear', () => {
      expect(codes(run)).toEqual(
        expect.arrayContaining([
          'diagnose.history-first',
          'diagnose.understood',
          'composure.hypothesis',
          'verify.premature',
          'remediate.fixed',
        ]),
      );
      // 100 for the verification that came in the end, less 40 for the false all-clear before it, in 90 of 100 (10 are the rehearsal rule's).
      expect(run.score.dimensions.verify.score).toBe(Math.round(100 * 0.9) - 40);
      const hypothesis = run.score.reasons.find((r) => r.code === 'composure.hypothesis')!;
      expect(run.state.notes.find((n) => n.at === hypothesis.at)?.kind).toBe('hypothesis');
    });

    it('suggests verifying before the all-clear first', () => {
      const [top] = suggestions(scenario, run.score);
      expect(top?.code).toBe('verify.premature');
      expect(top?.text).toContain('16:37');
    });
  });
});
