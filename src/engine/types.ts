/**
 * The engine's data: what a run's state holds, what can be fed to it and what it reports back.
 * Everything here is plain JSON-serialisable data, so a state can be saved, sent and compared.
 */
import type { Category, FactValue, Health, Milestone, Verdict } from '../format/schema';
import type { TrackedMilestone } from '../format/concepts';
import type { EngineErrorCode } from '../format/errors';
import type { HintAudience, Input, LogEntry, NoteKind, PlayerInput, PlayerLogEntry, RunOptions } from '../format/inputs';

// The inputs, log entries and run options are zod schemas in src/format/inputs.ts; these are their inferred types.
export type {
  HintAudience,
  HintInput,
  InjectInput,
  Input,
  LogEntry,
  NoteKind,
  PlayerInput,
  PlayerLogEntry,
  RunOptions,
} from '../format/inputs';
export { NOTE_KINDS } from '../format/inputs';
export type { CoachMode } from '../format/concepts';
export { TRACKED_MILESTONES, type TrackedMilestone } from '../format/concepts';

/** The id the solo player acts under; team mode uses each player's own id. */
export const SOLO_PLAYER = 'you';

/** True for the inputs a player makes (a solo run holds nothing else). */
export function isPlayerInput(input: Input): input is PlayerInput {
  return input.type === 'act' || input.type === 'reply' || input.type === 'post' || input.type === 'note';
}

/** True for an entry of a player's input, false for the facilitator's. */
export function isPlayerEntry(entry: LogEntry): entry is PlayerLogEntry {
  return isPlayerInput(entry.input);
}

/** Why the engine refused an input. The state is returned unchanged. */
export interface Rejection {
  code: RejectionCode;
  message: string;
}

/** The engine's codes, from the error catalogue (src/format/errors.ts, `engine.…`). */
export type RejectionCode = EngineErrorCode;

/** A message as it appears in a channel. */
export interface ChatPost {
  id: string;
  /** The scenario message it came from (`hint:<id>` for coach hints); absent for what players wrote and for injects and facilitator hints. */
  message?: string;
  channel: string;
  /** A character id, or a player id for what players wrote. */
  from: string;
  byPlayer: boolean;
  text: string;
  at: number;
  importance: 'noise' | 'normal' | 'important' | 'critical';
  mentionsPlayer: boolean;
  /** True on a player's all-clear, posted when they declare the incident over. */
  allClear?: true;
  /** Present when the post asks the player something. */
  ask?: { expiresAt: number; answer?: { choice: string; at: number; player: string }; ignored?: boolean; superseded?: boolean };
}

/** An action a player has started and not yet finished. */
export interface ActionInProgress {
  action: string;
  startedAt: number;
  endsAt: number;
}

/** One completed action, the raw material of scoring. */
export interface Completion {
  action: string;
  category: Category;
  player: string;
  startedAt: number;
  at: number;
  verdict: Verdict;
  outcome: number;
}

export interface MetricState {
  /** Smoothed value without noise: what conditions test. */
  value: number;
  /** One noisy sample per world tick, from game second `sampleEvery` on. */
  samples: number[];
}

export interface Ending {
  id: string;
  kind: 'resolved' | 'failed' | 'timeout';
  at: number;
}

/** A stretch of game time; `to` is null while it lasts. */
export interface Span {
  from: number;
  to: number | null;
}

/** The whole state of a run. */
export interface EngineState {
  scenario: { id: string; version: string };
  options: RunOptions;
  time: number;
  rng: number;
  seq: number;
  facts: Record<string, FactValue>;
  services: Record<string, Health>;
  metrics: Record<string, MetricState>;
  shipped: string[];
  /** Evidence id → game time it was uncovered. */
  seen: Record<string, number>;
  chat: ChatPost[];
  /** Message id → how many times posted and when last. */
  posted: Record<string, { count: number; lastAt: number }>;
  triggers: Record<string, { count: number; lastAt: number }>;
  hints: Record<string, number>;
  /** Scoring rule id → game time it fired. */
  rules: Record<string, number>;
  current: Record<string, ActionInProgress>;
  done: Completion[];
  /** What players wrote down; `kind` is 'note' for inputs that gave none (older saved logs). */
  notes: { at: number; player: string; text: string; kind: NoteKind }[];
  /** First time each milestone held, or null. */
  milestones: Record<Milestone, number | null>;
  /** Intervals during which users were affected. */
  impact: Span[];
  /**
   * Intervals during which each milestone held. Scoring credits a milestone only while it holds at
   * the end, and counts undoing one (a containment lifted, a fix reverted) against the player.
   */
  held: Record<TrackedMilestone, Span[]>;
  declarations: { at: number; player: string; accepted: boolean }[];
  ending: Ending | null;
  timeline: TimelineEvent[];
}

/** What happened, in order; views animate these and the debrief draws them. */
export type TimelineEvent = { seq: number; at: number } & (
  | { kind: 'deploy'; deploy: string }
  | { kind: 'message'; post: string; channel: string; from: string; importance: ChatPost['importance']; mention: boolean }
  | { kind: 'hint'; hint: string; post: string }
  /** Follows the `message` event of a facilitator's inject; `inject` names the scenario inject, if it was one. */
  | { kind: 'inject'; post: string; channel: string; from: string; inject?: string }
  /** Follows the `message` event of a hint the facilitator wrote, posted by the coach. */
  | { kind: 'facilitator-hint'; post: string; to?: HintAudience }
  | { kind: 'ignored'; post: string; message: string }
  | { kind: 'action-started'; action: string; player: string; endsAt: number }
  | { kind: 'action-completed'; action: string; player: string; verdict: Verdict; text: string }
  | { kind: 'reply'; post: string; message: string; choice: string; player: string; verdict: Verdict }
  | { kind: 'post'; post: string; channel: string; player: string; statusUpdate: boolean }
  | { kind: 'note'; player: string; text: string }
  | { kind: 'evidence'; evidence: string }
  | { kind: 'service'; service: string; from: Health; to: Health }
  | { kind: 'alarm'; metric: string; on: boolean }
  | { kind: 'milestone'; milestone: Milestone }
  | { kind: 'impact'; on: boolean }
  /** The player's all-clear, posted in the incident channel when they declare the incident over; `accepted` when it really was (the ending follows), else a relapse follows. */
  | { kind: 'all-clear'; post: string; channel: string; player: string; accepted: boolean }
  | { kind: 'relapse'; player: string; missing: Milestone[] }
  | { kind: 'ending'; ending: string; endingKind: Ending['kind'] }
);

export type TimelineKind = TimelineEvent['kind'];

/** Distributes over the union so each event can be built without its seq and time. */
type WithoutStamp<T> = T extends unknown ? Omit<T, 'seq' | 'at'> : never;
export type NewEvent = WithoutStamp<TimelineEvent>;

/** The answer to every step: the next state, what happened, and why an input was refused if it was. */
export interface StepResult {
  state: EngineState;
  events: TimelineEvent[];
  rejected?: Rejection;
}
