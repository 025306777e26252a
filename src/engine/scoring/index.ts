/**
 * Scoring: a score per dimension from what the player did and when, every point carrying a reason
 * pinned to a game time. Pure: it reads a finished (or running) state. Each dimension's detectors
 * live in their own module; this one adds them up.
 */
import type { Dimension, Scenario } from '../../scenario/schema';
import { wallClock } from '../clock';
import type { EngineState } from '../types';
import { worldOf } from '../world';
import { communicate } from './communicate';
import { composure } from './composure';
import { diagnose } from './diagnose';
import { remediate } from './remediate';
import { scenarioRules } from './rules';
import { stabilise } from './stabilise';
import type { DimensionScore, Grade, ScoreCard, ScoreReason, ScoringContext } from './types';
import { verify } from './verify';

export type { DimensionScore, Grade, ScoreCard, ScoreReason } from './types';
export { suggestions, type Suggestion } from './suggestions';

export const DIMENSIONS: readonly Dimension[] = ['stabilise', 'diagnose', 'remediate', 'verify', 'communicate', 'composure'];

/** The most a run that ended in failure can score. */
export const FAILED_ENDING_LIMIT = 30;

/** Scores a run. Each dimension is the sum of its reasons' points, kept within 0–100. */
export function score(scenario: Scenario, state: EngineState): ScoreCard {
  const reasons: ScoreReason[] = [];
  const add: ScoringContext['add'] = (dimension, code, points, at, text, action) =>
    reasons.push({ code, dimension, points: Math.round(points), at, text, ...(action === undefined ? {} : { action }) });
  const ctx: ScoringContext = { scenario, world: worldOf(scenario), state, add, clock: (t) => wallClock(scenario.clock, t, false) };

  stabilise(ctx);
  diagnose(ctx);
  remediate(ctx);
  verify(ctx);
  communicate(ctx);
  composure(ctx);
  scenarioRules(ctx);

  // Each dimension stays within 0–100; the clamp is itself a reason, so the reasons always add up.
  for (const d of DIMENSIONS) {
    const sum = reasons.reduce((total, r) => (r.dimension === d ? total + r.points : total), 0);
    if (sum > 100) add(d, 'score.cap', 100 - sum, state.time, `Capped at 100: the points above add up to ${sum}.`);
    if (sum < 0) add(d, 'score.floor', -sum, state.time, `Floored at 0: the points above add up to ${sum}.`);
  }
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((d) => {
      const mine = reasons.filter((r) => r.dimension === d);
      return [d, { score: mine.reduce((total, r) => total + r.points, 0), reasons: mine }];
    }),
  ) as Record<Dimension, DimensionScore>;
  const weights = scenario.scoring.weights;
  const weightSum = DIMENSIONS.reduce((total, d) => total + weights[d], 0) || 1;
  const average = Math.round(DIMENSIONS.reduce((sum, d) => sum + dimensions[d].score * weights[d], 0) / weightSum);
  const even = DIMENSIONS.every((d) => weights[d] === weights[DIMENSIONS[0]!]);
  const made = even ? `The average of the six dimensions is ${average}.` : `The average of the six dimensions, weighted ${DIMENSIONS.map((d) => `${d} ×${weights[d]}`).join(', ')}, is ${average}.`;
  // A run that ends in disaster cannot score well on style alone.
  const failed = state.ending?.kind === 'failed' && average > FAILED_ENDING_LIMIT;
  const total = failed ? FAILED_ENDING_LIMIT : average;
  const totalExplained = failed ? `${made} The incident ended in failure, which limits the total to ${FAILED_ENDING_LIMIT}.` : made;
  reasons.sort((a, b) => a.at - b.at);
  return { total, grade: gradeFor(total), totalExplained, dimensions, reasons };
}

/** The grade bands, shared by the debrief and the checker. */
export function gradeFor(total: number): Grade {
  if (total >= 85) return 'A';
  if (total >= 70) return 'B';
  if (total >= 55) return 'C';
  if (total >= 40) return 'D';
  return 'F';
}
