/** The score card's shapes, and the context every detector reads. */
import type { Dimension, Scenario } from '../../scenario/schema';
import type { EngineState } from '../types';
import type { World } from '../world';

/** One scored observation: why points were given or taken, and when it happened. */
export interface ScoreReason {
  code: string;
  dimension: Dimension;
  points: number;
  at: number;
  text: string;
  /** The action the reason is about, when there is one, so the debrief can point at it. */
  action?: string;
}

export interface DimensionScore {
  score: number;
  reasons: ScoreReason[];
}

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

export interface ScoreCard {
  total: number;
  grade: Grade;
  /** How the total is made, in words: the weighted average, and any limit applied to it. */
  totalExplained: string;
  dimensions: Record<Dimension, DimensionScore>;
  reasons: ScoreReason[];
}

/** What a detector gets: the run, and the one way to record a reason. */
export interface ScoringContext {
  scenario: Scenario;
  world: World;
  state: EngineState;
  add: (dimension: Dimension, code: string, points: number, at: number, text: string, action?: string) => void;
  /** "16:23": the wall-clock time players saw. */
  clock: (t: number) => string;
}
