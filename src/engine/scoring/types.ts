/** The score card's shapes, and the context every detector reads. */
import type { Grade } from '../../format/concepts';
import type { Dimension, Scenario } from '../../format/schema';
import type { EngineState } from '../types';
import type { World } from '../world';

/** One part of a reason: what one detector saw about one moment. */
export interface ReasonPart {
  code: string;
  points: number;
  text: string;
}

/** One scored observation: why points were given or taken, and when it happened. */
export interface ScoreReason {
  code: string;
  dimension: Dimension;
  points: number;
  at: number;
  text: string;
  /** The action the reason is about, when there is one, so the debrief can point at it. */
  action?: string;
  /** When several detectors judged the same action, their parts; `points` is their sum, `code` the costliest's. */
  parts?: ReasonPart[];
  /** For credit that can be earned in part: the most it gives. */
  best?: number;
}

export interface DimensionScore {
  /** The sum of the reasons' points, kept within 0–100. */
  score: number;
  /** The sum before it was kept within 0–100. */
  raw: number;
  reasons: ScoreReason[];
  /** Said in words when the raw sum fell outside 0–100, or when part of the 100 is the scenario's own rules. */
  note?: string;
}

export type { Grade };

/** A limit on the total: a mistake that no amount of good work elsewhere makes up for. */
export interface ScoreLimit {
  code: string;
  /** The most the total can be. */
  max: number;
  at: number;
  text: string;
  /** The reason codes whose mistakes set this limit; only advice answering all of them lifts it. */
  causes: string[];
}

export interface ScoreCard {
  total: number;
  grade: Grade;
  /** How the total is made, in words: the weighted average, and any limit applied to it. */
  totalExplained: string;
  /** The first part of that: how the weighted average is made. */
  averageExplained: string;
  dimensions: Record<Dimension, DimensionScore>;
  reasons: ScoreReason[];
  /** Every limit the run hit; the total is at most the lowest. */
  limits: ScoreLimit[];
  /** The weighted average of the dimensions, before any limit. */
  average: number;
}

/** What a detector gets: the run, and the ways to record a reason and a limit. */
export interface ScoringContext {
  scenario: Scenario;
  world: World;
  state: EngineState;
  /** When the run's scoring stops: its ending, or now for a run still going. */
  end: number;
  add: (
    dimension: Dimension,
    code: string,
    points: number,
    at: number,
    text: string,
    action?: string,
    more?: { parts?: ReasonPart[]; best?: number },
  ) => void;
  limit: (code: string, max: number, at: number, text: string, cause: string) => void;
  /** "16:23": the wall-clock time players saw. */
  clock: (t: number) => string;
}
