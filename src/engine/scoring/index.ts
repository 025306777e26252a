/**
 * Scoring: a score per dimension from what the player did and when, every point carrying a reason
 * pinned to a game time, and limits on the total for the mistakes no other good work makes up for.
 * Pure: it reads a finished (or running) state. Each dimension's detectors live in their own
 * module; this one adds them up.
 */
import { DIMENSIONS } from '../../format/concepts';
import type { Dimension, Scenario } from '../../format/schema';
import { wallClock } from '../clock';
import { shownEnding } from '../endings';
import type { EngineState } from '../types';
import { worldOf } from '../world';
import { communicate } from './communicate';
import { composure } from './composure';
import { diagnose } from './diagnose';
import { tidy } from './lines';
import { remediate } from './remediate';
import { scenarioRules } from './rules';
import { stabilise } from './stabilise';
import type { DimensionScore, Grade, ScoreCard, ScoreLimit, ScoreReason, ScoringContext } from './types';
import { verify } from './verify';

export type { Grade, ScoreCard, ScoreLimit, ScoreReason } from './types';
export { suggestions, worthText } from './suggestions';

export { DIMENSIONS };

/** The most a run that ended in failure can score. */
export const FAILED_ENDING_LIMIT = 30;

/** Scores a run. Each dimension is the sum of its reasons' points, kept within 0–100. */
export function score(scenario: Scenario, state: EngineState): ScoreCard {
  const reasons: ScoreReason[] = [];
  const limits: ScoreLimit[] = [];
  const add: ScoringContext['add'] = (dimension, code, points, at, text, action, more) =>
    reasons.push({ code, dimension, points, at, text, ...(action === undefined ? {} : { action }), ...more });
  const limit: ScoringContext['limit'] = (code, max, at, text, cause) => {
    const same = limits.find((l) => l.code === code);
    if (!same) {
      limits.push({ code, max, at, text, causes: [cause] });
      return;
    }
    // One line per kind of limit, naming every mistake that set it: the lowest wins, and for the
    // premature all-clear the latest (each one lowers it further).
    if (!same.causes.includes(cause)) same.causes.push(cause);
    if (max < same.max || code === 'limit.premature') Object.assign(same, { max, at, text });
  };
  const end = state.ending?.at ?? state.time;
  const ctx: ScoringContext = {
    scenario,
    world: worldOf(scenario),
    state,
    end,
    add,
    limit,
    clock: (t) => wallClock(scenario.clock, t, false),
  };

  stabilise(ctx);
  diagnose(ctx);
  remediate(ctx);
  verify(ctx);
  communicate(ctx);
  composure(ctx);
  makeRoomForRules(scenario, reasons);
  scenarioRules(ctx);
  if (state.ending?.kind === 'failed') {
    limit(
      'limit.failed',
      FAILED_ENDING_LIMIT,
      state.ending.at,
      `The incident ended in failure (${shownEnding(scenario, state)!.title})`,
      'remediate.catastrophe',
    );
  }

  const lines = tidy(ctx, reasons);
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((d) => [
      d,
      dimension(
        scenario,
        lines.filter((r) => r.dimension === d),
      ),
    ]),
  ) as Record<Dimension, DimensionScore>;
  const weights = scenario.scoring.weights;
  const weightSum = DIMENSIONS.reduce((total, d) => total + weights[d], 0) || 1;
  const average = Math.round(DIMENSIONS.reduce((sum, d) => sum + dimensions[d].score * weights[d], 0) / weightSum);
  const even = DIMENSIONS.every((d) => weights[d] === weights[DIMENSIONS[0]!]);
  const made = even
    ? `The average of the six dimensions is ${average}.`
    : `The average of the six dimensions, weighted ${DIMENSIONS.map((d) => `${d} ×${weights[d]}`).join(', ')}, is ${average}.`;
  limits.sort((a, b) => a.max - b.max || a.at - b.at);
  const total = Math.min(average, ...limits.map((l) => l.max));
  // Every limit is said, binding or not: each names a mistake the player should know weighs that much.
  const limited = limits.length === 0 ? '' : ` ${limits.map(limitText).join(' ')}`;
  lines.sort((a, b) => a.at - b.at);
  return {
    total,
    grade: gradeFor(total),
    totalExplained: `${made}${limited}`,
    averageExplained: made,
    dimensions,
    reasons: lines,
    limits,
    average,
  };
}

function dimension(scenario: Scenario, reasons: ScoreReason[]): DimensionScore {
  const raw = reasons.reduce((total, r) => total + r.points, 0);
  const score = Math.max(0, Math.min(100, raw));
  const notes: string[] = [];
  if (raw > 100) notes.push(`The points add up to ${raw}; a dimension scores at most 100.`);
  if (raw < 0) notes.push(`The points add up to ${raw}; a dimension scores at least 0.`);
  const own = ownRoom(scenario, reasons[0]?.dimension);
  if (own > 0) notes.push(`This scenario's own rules are worth up to ${own} of the 100.`);
  return { score, raw, reasons, ...(notes.length > 0 ? { note: notes.join(' ') } : {}) };
}

/** Points a dimension's positive scenario rules can add, at most 50 of its 100. */
function ownRoom(scenario: Scenario, d: Dimension | undefined): number {
  if (d === undefined) return 0;
  return Math.min(
    50,
    scenario.scoring.rules.reduce((sum, r) => (r.dimension === d && r.points > 0 ? sum + r.points : sum), 0),
  );
}

/** Built-in credit is scaled to leave room for the scenario's own positive rules, so they are never swallowed by the 100. */
function makeRoomForRules(scenario: Scenario, reasons: ScoreReason[]): void {
  for (const r of reasons) {
    const room = ownRoom(scenario, r.dimension);
    if (room === 0) continue;
    if (r.points > 0) r.points = (r.points * (100 - room)) / 100;
    if (r.best !== undefined) r.best = (r.best * (100 - room)) / 100;
  }
}

/** "A false all-clear …: the total can be at most 69.": a limit as the debrief says it. */
export const limitText = (l: ScoreLimit): string => `${l.text}: the total can be at most ${l.max}.`;

/** Every reason code on the card, the parts of merged lines included. */
export function reasonCodes(card: Pick<ScoreCard, 'reasons'>): string[] {
  return card.reasons.flatMap((r) => [r.code, ...(r.parts ?? []).map((p) => p.code).filter((c) => c !== r.code)]);
}

/** The grade bands, shared by the debrief and the checker. */
export function gradeFor(total: number): Grade {
  if (total >= 85) return 'A';
  if (total >= 70) return 'B';
  if (total >= 55) return 'C';
  if (total >= 40) return 'D';
  return 'F';
}
