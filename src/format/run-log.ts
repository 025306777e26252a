/**
 * What a run in progress is saved as: its scenario, options and log, built from the engine's own
 * input schemas (./inputs). Defined here, below the engine, so the saved documents (store) and
 * the run files (debrief) share one definition.
 */
import { z } from 'zod';
import { GameTimeSchema, PlayerLogEntrySchema, RunOptionsSchema } from './inputs';

const Ref = z.string().min(1).max(200);

/** A run in progress: enough to rebuild it exactly by replaying. A solo save holds only what a player can do. */
export const SavedRunSchema = z.strictObject({
  version: z.number(),
  scenario: z.strictObject({ id: Ref, version: Ref }),
  options: RunOptionsSchema,
  log: z.array(PlayerLogEntrySchema).max(10_000),
  /** The game time when saved; the replay runs on to it. */
  time: GameTimeSchema,
});
export type SavedRun = z.infer<typeof SavedRunSchema>;
