/**
 * What can be fed to the engine, what its log holds and how a run starts, written once as zod
 * schemas. The engine's types are inferred from these; the engine checks every input against them,
 * and the saved run, the run file, the team protocol and action scripts are built from the same
 * pieces, so no copy can take what another refuses.
 */
import { z } from 'zod';
import { CoachModeSchema } from './concepts';
import { ID_PATTERN } from './ids';

/** The kinds of note a player can write; the engine reads hypotheses from them. */
export const NOTE_KINDS = ['hypothesis', 'finding', 'note'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** The longest text each input may carry; longer is refused, not cut. */
export const TEXT_LIMITS = {
  /** Posts and notes. */
  text: 2000,
  /** An injected message: as long as a scenario message may be. */
  injectText: 1000,
  hintText: 600,
} as const;

/** A run lasts at most a day of game time; no tick, stamp or saved time goes past it. */
export const MAX_GAME_SECONDS = 86_400;

// Control characters other than tab and line breaks have no business in chat and would confuse logs.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** An id as inputs name things (actions, messages, channels, players); the messages read after the field name. */
export const IdSchema = z
  .string()
  .regex(ID_PATTERN, 'is not an id (1–64 lower-case letters, digits, "-" or "_", starting with a letter)')
  // It names a built-in of every JS object, so it can never be a key the engine looks up.
  .refine((id) => id !== 'constructor', 'is not an id ("constructor" is reserved)');

/** Text a person wrote: not blank, at most `max` characters, no control characters. */
export const textSchema = (max: number) =>
  z
    .string()
    .min(1, 'is empty')
    .max(max, `is longer than ${max} characters`)
    .refine((s) => s.trim().length > 0, 'is empty')
    .refine((s) => !CONTROL.test(s), 'contains control characters');

/** Who made an input; the solo player when absent. */
const By = IdSchema.optional();

export const TickInputSchema = z.strictObject({ type: z.literal('tick'), seconds: z.number().min(0).max(MAX_GAME_SECONDS) });
export const ActInputSchema = z.strictObject({ type: z.literal('act'), action: IdSchema, player: By });
export const ReplyInputSchema = z.strictObject({ type: z.literal('reply'), message: IdSchema, choice: IdSchema, player: By });
export const PostInputSchema = z.strictObject({
  type: z.literal('post'),
  channel: IdSchema,
  text: textSchema(TEXT_LIMITS.text),
  player: By,
});
export const NoteInputSchema = z.strictObject({
  type: z.literal('note'),
  text: textSchema(TEXT_LIMITS.text),
  kind: z.enum(NOTE_KINDS).optional(),
  player: By,
});

/**
 * A facilitator's inject: a message posted as a scenario character (team mode). Naming one of the
 * scenario's `team.injects` posts its text as its character in its channel and applies its effects;
 * `from`, `channel` and `text` given alongside replace the inject's own. Without `inject`, all three
 * are required and nothing but the message happens. `player` is who injected it (the facilitator).
 */
export const InjectByIdInputSchema = z.strictObject({
  type: z.literal('inject'),
  inject: IdSchema,
  from: IdSchema.optional(),
  channel: IdSchema.optional(),
  text: textSchema(TEXT_LIMITS.injectText).optional(),
  player: By,
});
export const InjectTextInputSchema = z.strictObject({
  type: z.literal('inject'),
  // Typed as absent so `input.inject !== undefined` tells the two kinds apart.
  inject: z.undefined().optional(),
  from: IdSchema,
  channel: IdSchema,
  text: textSchema(TEXT_LIMITS.injectText),
  player: By,
});
export const InjectInputSchema = z.union([InjectByIdInputSchema, InjectTextInputSchema]);

/** Who a facilitator's hint is meant for: everyone in a role, or one player (a team seat). */
export const HintAudienceSchema = z.union([z.strictObject({ role: IdSchema }), z.strictObject({ player: IdSchema })]);

/**
 * A facilitator's hint, posted by the scenario's coach character in the coach channel whatever the
 * coach mode; refused when the scenario has no coach. `player` is who sent it (the facilitator).
 */
export const HintInputSchema = z.strictObject({
  type: z.literal('hint'),
  text: textSchema(TEXT_LIMITS.hintText),
  to: HintAudienceSchema.optional(),
  player: By,
});

/** What players do, in a solo run or from a team seat: everything but time and the facilitator's inputs. */
export const PlayerInputSchema = z.union([ActInputSchema, ReplyInputSchema, PostInputSchema, NoteInputSchema]);
/** What only a team game day's facilitator does. */
export const FacilitatorInputSchema = z.union([InjectByIdInputSchema, InjectTextInputSchema, HintInputSchema]);
/** Every input a log can hold: all but `tick`, since time passes between entries. */
export const LoggedInputSchema = z.union([PlayerInputSchema, FacilitatorInputSchema]);
/** Something fed to the engine. Time passes only through `tick`. */
export const InputSchema = z.union([TickInputSchema, LoggedInputSchema]);

/** Each input type's own schema, so a refusal names what is wrong with that type rather than with every type. */
export const INPUT_SCHEMAS = {
  tick: TickInputSchema,
  act: ActInputSchema,
  reply: ReplyInputSchema,
  post: PostInputSchema,
  note: NoteInputSchema,
  inject: InjectInputSchema,
  hint: HintInputSchema,
} as const;

export const GameTimeSchema = z.number().min(0).max(MAX_GAME_SECONDS);

/** A player's or the facilitator's input stamped with the game time it happened at; a run is a list of these. */
export const LogEntrySchema = z.strictObject({ at: GameTimeSchema, input: LoggedInputSchema });
/** A log entry of a player's input: what a solo run's log (and its save) holds. */
export const PlayerLogEntrySchema = z.strictObject({ at: GameTimeSchema, input: PlayerInputSchema });

/** How a run starts: the same options and the same inputs always give the same run. */
export const RunOptionsSchema = z.strictObject({ seed: z.number().int(), coach: CoachModeSchema });

export type Input = z.infer<typeof InputSchema>;
export type PlayerInput = z.infer<typeof PlayerInputSchema>;
export type InjectInput = z.infer<typeof InjectInputSchema>;
export type HintInput = z.infer<typeof HintInputSchema>;
export type HintAudience = z.infer<typeof HintAudienceSchema>;
export type LogEntry = z.infer<typeof LogEntrySchema>;
export type PlayerLogEntry = z.infer<typeof PlayerLogEntrySchema>;
export type RunOptions = z.infer<typeof RunOptionsSchema>;
