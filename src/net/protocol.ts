/**
 * The team-mode wire protocol: every message a client may send and every message the server sends
 * back, as zod schemas with bounded sizes. The server parses each client message once, here, and
 * passes typed values on; anything else is refused with a specific error and changes nothing.
 */
import { z } from 'zod';
import { CoachModeSchema, SpeedSchema } from '../format/concepts';
import {
  ActInputSchema,
  HintAudienceSchema,
  HintInputSchema,
  IdSchema,
  InjectByIdInputSchema,
  InjectTextInputSchema,
  NoteInputSchema,
  PostInputSchema,
  ReplyInputSchema,
  RunOptionsSchema,
  TEXT_LIMITS,
  textSchema,
} from '../format/inputs';
import {
  FACILITATOR_NOTE_MAX,
  FACILITATOR_PLAYER,
  FacilitatorNoteSchema,
  SEAT_NAME_MAX,
  SeatNameSchema,
  SeatSchema,
} from '../format/run-log';
import { ENGINE_ERROR_CODES, ROOM_ERROR_CODES, type RoomErrorCode } from '../format/errors';
import { PROTOCOL_STYLE, explainIssues } from '../format/issues';
import type { RejectionCode, TimelineEvent } from '../engine';

// ---------------------------------------------------------------------------------------------
// Limits and shared pieces
// ---------------------------------------------------------------------------------------------

export const LIMITS = {
  name: SEAT_NAME_MAX,
  /** Posts, notes, injects and hints: the engine's own limits, so the protocol never lets through what it refuses. */
  ...TEXT_LIMITS,
  facilitatorNote: FACILITATOR_NOTE_MAX,
  secret: 128,
  /** The most events one `events` message carries; a longer catch-up comes in several. */
  eventsPerMessage: 500,
} as const;

/** The name rooms are defined under on the server and created with from the client. */
export const ROOM_NAME = 'game-day';

/** The Colyseus message types: clients send only `cmd`; the server sends the others. */
export const MESSAGE = { command: 'cmd', welcome: 'welcome', events: 'events', error: 'error', ack: 'ack', notes: 'notes' } as const;

/** Join codes: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 50 bits. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 10;
const JOIN_CODE_PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** What a person types as a code, normalised: case, spaces and dashes do not matter. */
export function normaliseJoinCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export { SPEEDS, type Speed } from '../format/concepts';
export const PHASES = ['lobby', 'running', 'paused', 'ended'] as const;
export type Phase = (typeof PHASES)[number];

// Ids and text follow the engine's input rules (src/format/inputs.ts), so a command the protocol takes is one the engine can.
const Id = IdSchema;
const Text = textSchema;
const Name = SeatNameSchema;
const Secret = z
  .string()
  .min(16, 'is too short to be a secret')
  .max(LIMITS.secret)
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a secret this server issued');
const Ref = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1)
  .optional();
export const JoinCode = z.string().regex(JOIN_CODE_PATTERN, `is not a join code (${JOIN_CODE_LENGTH} letters and digits)`);

// ---------------------------------------------------------------------------------------------
// Client → server
// ---------------------------------------------------------------------------------------------

const command = <K extends string, T extends z.ZodRawShape>(type: K, shape: T) =>
  z.strictObject({ type: z.literal(type), ref: Ref, ...shape });
const facilitator = <K extends string, T extends z.ZodRawShape>(type: K, shape: T) => command(type, { secret: Secret, ...shape });

/** Who a hint is for: everyone in a role, or one seat. */
export const HintTarget = z.union([z.strictObject({ role: Id }), z.strictObject({ seat: Id })]);
export type HintTarget = z.infer<typeof HintTarget>;

const PLAYER_COMMANDS = {
  sync: command('sync', {
    since: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  }),
  act: command('act', { action: ActInputSchema.shape.action }),
  reply: command('reply', { message: ReplyInputSchema.shape.message, choice: ReplyInputSchema.shape.choice }),
  post: command('post', { channel: PostInputSchema.shape.channel, text: PostInputSchema.shape.text }),
  note: command('note', { text: NoteInputSchema.shape.text, kind: NoteInputSchema.shape.kind }),
};
const FACILITATOR_COMMANDS = {
  start: facilitator('start', {}),
  pause: facilitator('pause', {}),
  resume: facilitator('resume', {}),
  end: facilitator('end', {}),
  speed: facilitator('speed', { speed: SpeedSchema }),
  inject: facilitator('inject', { inject: Id }),
  'inject-text': facilitator('inject-text', {
    from: InjectTextInputSchema.shape.from,
    channel: InjectTextInputSchema.shape.channel,
    text: InjectTextInputSchema.shape.text,
  }),
  hint: facilitator('hint', { to: HintTarget, text: HintInputSchema.shape.text }),
  'facilitator-note': facilitator('facilitator-note', { text: Text(LIMITS.facilitatorNote) }),
};
const COMMANDS = { ...PLAYER_COMMANDS, ...FACILITATOR_COMMANDS };
type CommandType = keyof typeof COMMANDS;

export const ClientCommand = z.discriminatedUnion(
  'type',
  Object.values(COMMANDS) as unknown as [(typeof COMMANDS)[CommandType], ...(typeof COMMANDS)[CommandType][]],
);
export type ClientCommand = { [K in CommandType]: z.infer<(typeof COMMANDS)[K]> }[CommandType];
export type PlayerCommand = Extract<ClientCommand, { type: keyof typeof PLAYER_COMMANDS }>;
export type FacilitatorCommand = Extract<ClientCommand, { type: keyof typeof FACILITATOR_COMMANDS }>;
export const isFacilitatorCommand = (c: ClientCommand): c is FacilitatorCommand => c.type in FACILITATOR_COMMANDS;

/** What the facilitator chooses when creating a game day. */
export const GameDayOptions = z.strictObject({
  scenario: Id,
  /** The roles on offer, a subset of the scenario's; all of them when left out. */
  roles: z.array(Id).min(1).max(12).optional(),
  speed: SpeedSchema.default(1),
  coach: CoachModeSchema.default('off'),
  /** For a reproducible game day; the server draws one when left out. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
});
export type GameDayOptions = z.output<typeof GameDayOptions>;

/**
 * How a connection enters a room: creating it, as a new player, back to a seat, as the facilitator,
 * or as a watcher (a projector view: anyone with the code, no seat, read-only).
 */
export const JoinOptions = z.discriminatedUnion('as', [
  z.strictObject({ as: z.literal('create'), game: GameDayOptions }),
  z.strictObject({ as: z.literal('player'), name: Name, role: Id }),
  z.strictObject({ as: z.literal('seat'), token: Secret }),
  z.strictObject({ as: z.literal('facilitator'), secret: Secret }),
  z.strictObject({ as: z.literal('watch') }),
]);
export type JoinOptions = z.infer<typeof JoinOptions>;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * Every way the room refuses something, besides the engine's own rejections (an unknown inject,
 * character or channel, or a hint in a scenario without a coach, are the engine's: `inject.*`, `hint.no-coach`).
 */
export { ROOM_ERROR_CODES, type RoomErrorCode };
export type ErrorCode = RoomErrorCode | RejectionCode;

/** A refusal: a stable code to branch on and a sentence to show. */
export interface RoomError {
  code: ErrorCode;
  message: string;
}

/** Parses a raw client message; a refusal says exactly what is wrong with it. */
export function parseCommand(raw: unknown): { ok: true; command: ClientCommand } | { ok: false; error: RoomError } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: { code: 'protocol.malformed', message: 'A command must be an object with a "type".' } };
  }
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(COMMANDS, type)) {
    const shown = typeof type === 'string' ? `"${type.slice(0, 40)}"` : 'missing';
    return { ok: false, error: { code: 'protocol.unknown-type', message: `Unknown command type (${shown}).` } };
  }
  const parsed = COMMANDS[type as CommandType].safeParse(raw);
  if (!parsed.success)
    return { ok: false, error: { code: 'protocol.invalid', message: `Invalid "${type}" command: ${describeIssue(parsed.error, raw)}` } };
  return { ok: true, command: parsed.data as ClientCommand };
}

/** The first problem zod found, as "field: what is wrong" (the shared formatter, src/format/issues.ts). */
export function describeIssue(error: z.ZodError, root: unknown): string {
  return `${explainIssues(error.issues, root, PROTOCOL_STYLE)}.`;
}

// ---------------------------------------------------------------------------------------------
// Server → client
// ---------------------------------------------------------------------------------------------

const Seq = z.number().int().min(1);
const GameTime = z.number().min(0);

/** A player's seat as everyone sees it (the seat's token never leaves the server after joining). */
export const SeatView = SeatSchema;
export type SeatView = z.infer<typeof SeatView>;

export { FACILITATOR_PLAYER };

/**
 * An input as the engine logs it, with the seat that made it (the facilitator's as FACILITATOR_PLAYER):
 * the engine's own input schemas, narrowed to what a room feeds it.
 */
const seated = { player: Id };
export const EngineInput = z.union([
  ActInputSchema.extend(seated),
  ReplyInputSchema.extend(seated),
  PostInputSchema.extend(seated),
  NoteInputSchema.extend(seated),
  // A scenario inject by id (its own character, channel and text: the room never overrides them), or words written on the spot as a character.
  InjectByIdInputSchema.omit({ from: true, channel: true, text: true }).extend(seated),
  InjectTextInputSchema.extend(seated),
  HintInputSchema.extend({ ...seated, to: HintAudienceSchema }),
]);
export const LoggedInput = z.strictObject({ at: GameTime, input: EngineInput });
export type LoggedInput = z.infer<typeof LoggedInput>;

/** What the engine reported; the shape is the engine's own, so only its frame is checked here. */
const Happened = z.array(
  z.custom<TimelineEvent>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as { kind?: unknown }).kind === 'string' &&
      typeof (v as { seq?: unknown }).seq === 'number',
  ),
);

/**
 * One numbered event of a room; every client sees the same list in the same order. The facilitator's
 * injects and hints are engine inputs, so they arrive as `input` events like the players' own.
 */
export const RoomEvent = z.discriminatedUnion('kind', [
  z.strictObject({ seq: Seq, kind: z.literal('seat'), seat: SeatView }),
  // `by` says the facilitator made the change (started, paused, resumed or ended it); a game day the run's own ending ended has none.
  z.strictObject({ seq: Seq, kind: z.literal('phase'), phase: z.enum(PHASES), at: GameTime, by: z.literal(FACILITATOR_PLAYER).optional() }),
  z.strictObject({ seq: Seq, kind: z.literal('speed'), speed: SpeedSchema, at: GameTime }),
  z.strictObject({ seq: Seq, kind: z.literal('input'), entry: LoggedInput, happened: Happened }),
  z.strictObject({ seq: Seq, kind: z.literal('clock'), time: GameTime, happened: Happened }),
]);
export type RoomEvent = z.infer<typeof RoomEvent>;
type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;
export type NewRoomEvent = WithoutSeq<RoomEvent>;

const RoleView = z.strictObject({
  id: Id,
  name: z.string().max(60),
  description: z.string().max(400),
  may: z.strictObject({
    categories: z.array(z.string().max(20)).max(5),
    actions: z.array(Id).max(128),
    tags: z.array(z.string().max(20)).max(8),
    statusUpdates: z.boolean(),
    chat: z.boolean(),
    notes: z.boolean(),
  }),
});

/** Sent to one connection when it enters: who it is, and what it needs to run the same engine. */
export const Welcome = z.strictObject({
  code: JoinCode,
  you: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('player'), seat: SeatView, token: Secret }),
    z.strictObject({ kind: z.literal('facilitator'), secret: Secret }),
    z.strictObject({ kind: z.literal('watcher') }),
  ]),
  scenario: z.strictObject({ id: Id, version: z.string().max(20) }),
  options: RunOptionsSchema,
  roles: z.array(RoleView).max(12),
  /** The scenario's injects, for the facilitator's console; players and watchers get an empty list. */
  injects: z.array(z.strictObject({ id: Id, label: z.string().max(80) })).max(64),
  latest: z.number().int().min(0),
});
export type Welcome = z.infer<typeof Welcome>;

/** Numbered events, live or as a catch-up after `sync`; `latest` is the room's newest number. */
export const EventsMessage = z.strictObject({
  events: z.array(RoomEvent).max(LIMITS.eventsPerMessage),
  latest: z.number().int().min(0),
  catchUp: z.boolean(),
});
export type EventsMessage = z.infer<typeof EventsMessage>;
export const ErrorMessage = z.strictObject({ code: z.string().max(40), message: z.string().max(400), ref: Ref });
export type ErrorMessage = z.infer<typeof ErrorMessage>;
export const AckMessage = z.strictObject({ ref: z.number().int().min(0), latest: z.number().int().min(0) });
export type AckMessage = z.infer<typeof AckMessage>;
/** The facilitator's private notes; sent only to facilitator connections. */
export const NotesMessage = z.strictObject({ notes: z.array(FacilitatorNoteSchema) });
export type NotesMessage = z.infer<typeof NotesMessage>;

/** The path, under team mode's own, where a game day's public facts are served: `GET /team/game-days/<code>`. */
export const ROOM_INFO_PATH = '/game-days/';

/**
 * A game day's public facts, for the join form before anyone joins: which scenario, which roles,
 * who is already playing. Nothing secret: anyone with the code may read it.
 */
export const RoomInfo = z.strictObject({
  code: JoinCode,
  scenario: z.strictObject({ id: Id, title: z.string().max(200) }),
  roles: z
    .array(z.strictObject({ id: Id, name: z.string().max(60), description: z.string().max(400) }))
    .min(1)
    .max(12),
  phase: z.enum(PHASES),
  players: z.array(z.strictObject({ name: Name, role: Id })).max(64),
});
export type RoomInfo = z.infer<typeof RoomInfo>;
/** What the room-info path answers instead when there is no such game day: a room refusal (`join.code`, `server.error`…). */
export const RoomInfoRefusal = z.strictObject({ code: z.enum(ROOM_ERROR_CODES), message: z.string().max(400) });
export type RoomInfoRefusal = z.infer<typeof RoomInfoRefusal>;

/**
 * What a client reads of the room's synchronised state (the server's TeamState, src/server/team-state.ts,
 * as plain JSON): the speed, how many projector views watch, and who is connected. It comes off the
 * wire like any message, so it is parsed, and an answer that does not fit is not shown in part.
 */
export const SyncedState = z.object({
  speed: SpeedSchema,
  watchers: z.number().int().min(0),
  roster: z.record(Id, z.object({ id: Id, connected: z.boolean() })),
});
export type SyncedState = z.infer<typeof SyncedState>;

/** A refusal as it travels: its code must be one the catalogue knows. */
export const RoomErrorSchema = z.strictObject({
  code: z.enum([...ROOM_ERROR_CODES, ...ENGINE_ERROR_CODES] as [ErrorCode, ...ErrorCode[]]),
  message: z.string().max(2000),
});

/** A join refusal travels in the matchmaker's error text as JSON `{ code, message }`; this reads it back. */
export function joinErrorText(error: RoomError): string {
  return JSON.stringify({ code: error.code, message: error.message });
}
export function parseJoinError(text: string): RoomError | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = RoomErrorSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
