/**
 * The engine's data: what a run's state holds, what can be fed to it and what it reports back.
 * Everything here is plain JSON-serialisable data, so a state can be saved, sent and compared.
 */
import type { Category, FactValue, Health, Milestone, Verdict } from '../format/schema';
import type { EngineErrorCode } from '../format/errors';

export type CoachMode = 'off' | 'gentle' | 'guided';

/** The id the solo player acts under; team mode uses each player's own id. */
export const SOLO_PLAYER = 'you';

/** How a run starts: the same options and the same inputs always give the same run. */
export interface RunOptions {
  seed: number;
  coach: CoachMode;
}

/** Something fed to the engine. Time passes only through `tick`. */
export type Input =
  | { type: 'tick'; seconds: number }
  | { type: 'act'; action: string; player?: string }
  | { type: 'reply'; message: string; choice: string; player?: string }
  | { type: 'post'; channel: string; text: string; player?: string }
  | { type: 'note'; text: string; kind?: NoteKind; player?: string }
  | InjectInput
  | HintInput;

/**
 * A facilitator's inject: a message posted as a scenario character (team mode). Naming one of the
 * scenario's `team.injects` posts its text as its character in its channel and applies its effects;
 * `from`, `channel` and `text` given alongside replace the inject's own. Without `inject`, all three
 * are required and nothing but the message happens. `player` is who injected it (the facilitator).
 */
export type InjectInput =
  | { type: 'inject'; inject: string; from?: string; channel?: string; text?: string; player?: string }
  | { type: 'inject'; inject?: undefined; from: string; channel: string; text: string; player?: string };

/** Who a facilitator's hint is meant for: everyone in a role, or one player (a team seat). */
export type HintAudience = { role: string } | { player: string };

/**
 * A facilitator's hint, posted by the scenario's coach character in the coach channel whatever the
 * coach mode; refused when the scenario has no coach. `player` is who sent it (the facilitator).
 */
export type HintInput = {
  type: 'hint';
  text: string;
  to?: HintAudience;
  player?: string;
};

/** What players do, in a solo run or from a team seat: everything but time and the facilitator's inputs. */
export type PlayerInput = Extract<Input, { type: 'act' | 'reply' | 'post' | 'note' }>;
/** What only a team game day's facilitator does. */
export type FacilitatorInput = InjectInput | HintInput;

/** True for the inputs a player makes (a solo run holds nothing else). */
export function isPlayerInput(input: Input): input is PlayerInput {
  return input.type === 'act' || input.type === 'reply' || input.type === 'post' || input.type === 'note';
}

/** What a note records; scoring credits a hypothesis written before the first change. */
import { NOTE_KINDS } from '../format/run-log';
export { NOTE_KINDS };
export type NoteKind = (typeof NOTE_KINDS)[number];

/** A player's (or the facilitator's) input stamped with the game time it happened at; a run is a list of these. */
export interface LogEntry {
  at: number;
  input: Exclude<Input, { type: 'tick' }>;
}

/** A log entry of a player's input: what a solo run's log (and its save) holds. */
export interface PlayerLogEntry {
  at: number;
  input: PlayerInput;
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

/** The milestones whose every stretch of holding is recorded (impact has its own intervals). */
export const TRACKED_MILESTONES = ['stabilised', 'understood', 'fixed', 'verified'] as const;
export type TrackedMilestone = (typeof TRACKED_MILESTONES)[number];

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
