/** Plays an action script headless to the end and checks its expectations. */
import { reasonCodes, replay, runToEnd, score, type EngineState, type ReplayResult, type ScoreCard } from '../engine';
import type { ActionScript, CompiledScript } from './action-script';
import type { Scenario } from '../format/schema';

export interface ScriptRun {
  state: EngineState;
  score: ScoreCard;
  refused: ReplayResult['refused'];
  /** Expectations the run did not meet, in words; empty when it met them all. */
  unmet: string[];
}

export function runScript(scenario: Scenario, script: ActionScript, compiled: CompiledScript): ScriptRun {
  const played = replay(scenario, { seed: compiled.seed, coach: compiled.coach }, compiled.log);
  const state = runToEnd(scenario, played.state);
  const card = score(scenario, state);
  const unmet: string[] = [];
  const expect = script.expect;
  if (expect) {
    if (expect.ending !== undefined && state.ending?.id !== expect.ending) {
      unmet.push(`expected the ending "${expect.ending}", got "${state.ending?.id ?? 'none'}"`);
    }
    if (expect.minScore !== undefined && card.total < expect.minScore)
      unmet.push(`expected a score of at least ${expect.minScore}, got ${card.total}`);
    if (expect.maxScore !== undefined && card.total > expect.maxScore)
      unmet.push(`expected a score of at most ${expect.maxScore}, got ${card.total}`);
    for (const code of expect.reasons ?? []) {
      if (!reasonCodes(card).includes(code)) unmet.push(`expected the score reason "${code}"`);
    }
    if (expect.grade !== undefined) {
      const allowed = typeof expect.grade === 'string' ? [expect.grade] : expect.grade;
      if (!allowed.includes(card.grade)) unmet.push(`expected the grade ${allowed.join(' or ')}, got ${card.grade} (${card.total}/100)`);
    }
    const relapsed = state.declarations.some((d) => !d.accepted);
    if (expect.relapse !== undefined && relapsed !== expect.relapse)
      unmet.push(expect.relapse ? 'expected a relapse' : 'expected no relapse');
  }
  return { state, score: card, refused: played.refused, unmet };
}
