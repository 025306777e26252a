/**
 * What a run's log holds: the player's and the facilitator's inputs as saved in a run in progress,
 * a run file and a replay link. Defined here, below the engine, so the saved documents (store) and
 * the run files (debrief) share one definition.
 */
import { z } from 'zod';

/** The kinds of note a player can write; the engine reads hypotheses from them. */
export const NOTE_KINDS = ['hypothesis', 'finding', 'note'] as const;

const PlayerText = z.string().min(1).max(2000);
export const Ref = z.string().min(1).max(200);

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
  z.strictObject({
    type: z.literal('inject'),
    inject: Ref,
    from: Ref.optional(),
    channel: Ref.optional(),
    text: PlayerText.optional(),
    player: Ref.optional(),
  }),
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

export const Coach = z.enum(['off', 'gentle', 'guided']);

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
