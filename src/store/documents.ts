/** The three things Firedrill keeps between visits: the run in progress, settings and progress. */
import { z } from 'zod';
import { ID_PATTERN } from '../engine/ids';
import { NOTE_KINDS } from '../engine/types';
import type { DocumentSpec } from './persisted';

const PlayerText = z.string().min(1).max(2000);
const Ref = z.string().min(1).max(200);

const LogInput = z.union([
  z.strictObject({ type: z.literal('act'), action: Ref, player: Ref.optional() }),
  z.strictObject({ type: z.literal('reply'), message: Ref, choice: Ref, player: Ref.optional() }),
  z.strictObject({ type: z.literal('post'), channel: Ref, text: PlayerText, player: Ref.optional() }),
  z.strictObject({ type: z.literal('note'), text: PlayerText, kind: z.enum(NOTE_KINDS).optional(), player: Ref.optional() }),
]);

/** A solo run's log entry: a saved run holds only what a player can do. */
export const LogEntrySchema = z.strictObject({ at: z.number().min(0).max(86_400), input: LogInput });

/**
 * A team game day's facilitator inputs: injects (a scenario inject by id, optionally overriding its
 * character, channel or text; or all three written on the spot) and hints. No solo run has them,
 * so the saved run refuses them; a run file (and so a replay link) of a game day carries them.
 */
const FacilitatorLogInput = z.union([
  z.strictObject({ type: z.literal('inject'), inject: Ref, from: Ref.optional(), channel: Ref.optional(), text: PlayerText.optional(), player: Ref.optional() }),
  z.strictObject({ type: z.literal('inject'), from: Ref, channel: Ref, text: PlayerText, player: Ref.optional() }),
  z.strictObject({
    type: z.literal('hint'),
    text: PlayerText,
    to: z.union([z.strictObject({ role: Ref }), z.strictObject({ player: Ref })]).optional(),
    player: Ref.optional(),
  }),
]);

/** Any run's log entry, a team game day's included: what a run file holds. */
export const RunLogEntrySchema = z.strictObject({ at: z.number().min(0).max(86_400), input: z.union([LogInput, FacilitatorLogInput]) });

const Coach = z.enum(['off', 'gentle', 'guided']);

/** A run in progress: enough to rebuild it exactly by replaying. */
export const SavedRunSchema = z.strictObject({
  version: z.number(),
  scenario: z.strictObject({ id: Ref, version: Ref }),
  options: z.strictObject({ seed: z.number().int(), coach: Coach }),
  log: z.array(LogEntrySchema).max(10_000),
  /** The game time when saved; the replay runs on to it. */
  time: z.number().min(0).max(86_400),
});
export type SavedRun = z.infer<typeof SavedRunSchema>;

export const SAVED_RUN: DocumentSpec<SavedRun> = { key: 'firedrill.run', version: 1, schema: SavedRunSchema, migrations: {}, what: 'your saved run' };

export const SettingsSchema = z.strictObject({
  version: z.number(),
  volume: z.number().min(0).max(1),
  muted: z.boolean(),
  coach: Coach,
  speed: z.union([z.literal(1), z.literal(2), z.literal(4)]),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = { version: 1, volume: 0.7, muted: false, coach: 'gentle', speed: 1 };
export const SETTINGS: DocumentSpec<Settings> = { key: 'firedrill.settings', version: 1, schema: SettingsSchema, migrations: {}, what: 'your settings' };

const Best = z.strictObject({
  completed: z.number().int().min(0),
  bestScore: z.number().min(0).max(100),
  bestGrade: z.enum(['A', 'B', 'C', 'D', 'F']),
  lastEnding: z.string().max(200),
});
export type ScenarioProgress = z.infer<typeof Best>;

export const ProgressSchema = z.strictObject({
  version: z.number(),
  scenarios: z.record(z.string().regex(ID_PATTERN), Best),
});
export type Progress = z.infer<typeof ProgressSchema>;
export const EMPTY_PROGRESS: Progress = { version: 1, scenarios: {} };
export const PROGRESS: DocumentSpec<Progress> = { key: 'firedrill.progress', version: 1, schema: ProgressSchema, migrations: {}, what: 'your progress' };
