/**
 * What a run in progress is saved as: its scenario, options and log, built from the engine's own
 * input schemas (./inputs). Defined here, below the engine, so the saved documents (store) and
 * the run files (debrief) share one definition.
 */
import { z } from 'zod';
import { GameTimeSchema, IdSchema, PlayerLogEntrySchema, RunOptionsSchema, textSchema } from './inputs';

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

/** The id the facilitator's inputs are attributed to in the engine's log; seats are p1, p2, …, so it never names one. */
export const FACILITATOR_PLAYER = 'facilitator';

export const SEAT_NAME_MAX = 40;
export const FACILITATOR_NOTE_MAX = 2000;

/** A player's name as they typed it to join: short, on one line. */
export const SeatNameSchema = textSchema(SEAT_NAME_MAX).refine((s) => !/[\r\n\t]/.test(s), 'must fit on one line');

/** A player's seat as everyone sees it: the team room's roster and a team run file's share this. */
export const SeatSchema = z.strictObject({ id: IdSchema, name: SeatNameSchema, role: IdSchema });
export type Seat = z.infer<typeof SeatSchema>;

/** A facilitator's private note, stamped with the game time it was written at. */
export const FacilitatorNoteSchema = z.strictObject({ at: GameTimeSchema, text: textSchema(FACILITATOR_NOTE_MAX) });
export type FacilitatorNote = z.infer<typeof FacilitatorNoteSchema>;
