/**
 * The catalogue of error codes, beside the scenario diagnostics (FD codes, src/format/diagnostics.ts):
 * every way the engine refuses an input, the team room refuses a command or a join, and a run file,
 * a replay link or a save cannot be opened. Each code has a one-line summary and what to do; every
 * one is explained in docs/errors.md and has an example that runs as a test
 * (test/unit/error-catalogue.test.ts). Codes are never renamed or reused.
 *
 * Every code is namespaced: `<namespace>.<code>`. The engine's and the room's codes predate this
 * catalogue and travel without their namespace (a rejection says `reply.unknown`, catalogued as
 * `engine.reply.unknown`; a refusal says `join.name`, catalogued as `room.join.name`); run files,
 * replay links and saves carry the whole name (`run-file.checksum`).
 */

/** A failure as a value: a stable code to branch on and a plain sentence to show, as text. */
export interface AppError<Code extends string = ErrorCode> {
  code: Code;
  message: string;
}

export interface ErrorEntry {
  /** What went wrong, in one line. */
  summary: string;
  /** What to do about it. */
  action: string;
}

export const ERROR_CATALOGUE = {
  // The engine: step() refuses an input and returns the state unchanged.
  'engine.game.over': { summary: 'The incident is over', action: 'Nothing more can happen in this run: read the debrief, or start again.' },
  'engine.input.invalid': {
    summary: 'Malformed input',
    action: 'The input does not have the shape the engine takes (type, ids, numbers in range); fix the caller or the action script.',
  },
  'engine.action.unknown': { summary: 'No such action', action: "Use one of the scenario's action ids." },
  'engine.action.hidden': {
    summary: 'Action not possible now',
    action: 'Its "visible" condition does not hold yet: do what reveals it first.',
  },
  'engine.action.busy': { summary: 'Still busy', action: 'Wait for the action under way to finish; each player does one at a time.' },
  'engine.action.done': { summary: 'Already done', action: 'The action is not repeatable; choose another.' },
  'engine.action.precondition': {
    summary: 'Requirement not met',
    action: 'The message says what the action requires; bring that about first.',
  },
  'engine.reply.unknown': { summary: 'No such message', action: 'Reply to a message id that has been posted.' },
  'engine.reply.no-question': { summary: 'Nothing to answer', action: 'Only messages that ask something take a reply.' },
  'engine.reply.already-answered': {
    summary: 'Already answered',
    action: 'Each question takes one answer; post in the channel to add more.',
  },
  'engine.reply.expired': {
    summary: 'Question moved on',
    action: 'Answer questions while they are open; the next one may come back louder.',
  },
  'engine.reply.unknown-choice': { summary: 'No such reply', action: 'Choose one of the replies the message offers.' },
  'engine.post.unknown-channel': { summary: 'No such channel', action: "Post in one of the scenario's channels." },
  'engine.text.invalid': { summary: 'Empty or too long text', action: 'Write between 1 and 2,000 characters.' },
  'engine.inject.unknown': { summary: 'No such inject', action: "Use one of the scenario's prepared injects, or a free-text inject." },
  'engine.inject.character': { summary: 'No such character', action: "Post the inject as one of the scenario's characters." },
  'engine.inject.channel': { summary: 'No such channel for the inject', action: "Post the inject in one of the scenario's channels." },
  'engine.hint.no-coach': { summary: 'No coach to hint as', action: 'Send a free-text inject instead, or give the scenario a "coach".' },

  // The team room: the server refuses a command or a join, and nothing changes.
  'room.protocol.malformed': { summary: 'Not a command', action: 'Send an object with a "type"; this is a bug in the client.' },
  'room.protocol.unknown-type': { summary: 'Unknown command type', action: 'Use a command type the protocol defines; update the client.' },
  'room.protocol.invalid': { summary: 'Invalid command or join', action: 'The message says which field is wrong; fix it and send again.' },
  'room.rate.limited': { summary: 'Too many messages', action: 'Wait the time the message gives, then send again.' },
  'room.auth.facilitator': {
    summary: 'Not the facilitator',
    action: "Only the facilitator's secret runs the game day: open the console from the link you got when creating it.",
  },
  'room.seat.none': { summary: 'No seat', action: 'Join the game day as a player to act.' },
  'room.role.forbidden': { summary: 'Not your role', action: 'Ask a teammate whose role may do it, or the facilitator for another role.' },
  'room.room.lobby': { summary: 'Not started', action: 'Wait for the facilitator to start the game day.' },
  'room.room.paused': { summary: 'Paused', action: 'Wait for the facilitator to resume; notes still work.' },
  'room.room.running': { summary: 'Already running', action: 'Nothing to do: the game day is under way.' },
  'room.room.ended': { summary: 'Game day over', action: 'Read the debrief; start a new game day to play again.' },
  'room.room.no-players': { summary: 'Nobody joined', action: 'Share the join code and wait for at least one player.' },
  'room.room.full': { summary: 'Full', action: 'No more seats, consoles, projector views or game days here: close one, or try later.' },
  'room.room.unknown-scenario': { summary: 'Scenario not on this server', action: 'Pick a scenario the server offers.' },
  'room.create.role': { summary: 'No such role to offer', action: "Offer only the scenario's roles." },
  'room.join.code': { summary: 'No such game day', action: 'Check the join code: 10 letters and digits, from the facilitator.' },
  'room.join.role': { summary: 'Role not on offer', action: 'Pick one of the roles the join form lists.' },
  'room.join.name': { summary: 'Name taken', action: 'Choose a name nobody else in the game day has; add an initial.' },
  'room.join.seat': { summary: 'Unknown seat', action: 'The seat is gone (the game day was restarted?): join again as a new player.' },
  'room.join.not-creator': {
    summary: 'Not how a game day is created',
    action: 'Create game days with { as: "create" }; join existing ones by code.',
  },
  'room.hint.role': { summary: 'No such role for the hint', action: 'Send the hint to a role in this game day.' },
  'room.hint.seat': { summary: 'No such seat for the hint', action: 'Send the hint to a player in this game day.' },
  'room.sync.ahead': { summary: 'Asked for events not there', action: 'Sync again from 0; the client should do this by itself.' },
  'room.watch.read-only': { summary: 'Projector views only watch', action: 'Join as a player to act.' },
  // The page refuses these itself, before anything is sent (the room would refuse a watcher's or the facilitator's input with the codes above).
  'room.client.offline': {
    summary: 'Not in a game day',
    action: 'Open the game day again (its join link, or reload the page); nothing was sent.',
  },
  'room.client.reconnecting': {
    summary: 'Reconnecting',
    action: 'Wait for "Back in your seat", then do it again; nothing was sent.',
  },
  'room.server.error': { summary: 'Server or connection failure', action: 'Nothing changed: try again, and check the connection.' },

  // Run files (and what a replay link unpacks to): opening one checks it every way and replays it.
  'run-file.unreadable': { summary: 'Could not be read', action: 'Open the file exported from the debrief, as it was saved.' },
  'run-file.too-large': { summary: 'Too large', action: 'Real run files are a few kB: this is not one.' },
  'run-file.not-json': { summary: 'Not JSON', action: 'Open the file exported from the debrief; a damaged link cannot be repaired.' },
  'run-file.not-object': { summary: 'Not a run', action: 'Open a Firedrill run file (a JSON object).' },
  'run-file.not-a-run': { summary: 'Wrong format', action: 'Open a file whose "format" is "firedrill-run".' },
  'run-file.no-version': { summary: 'No version', action: 'The file was edited: export the run again.' },
  'run-file.newer-version': { summary: 'From a newer Firedrill', action: 'Update the game to open it.' },
  'run-file.unknown-version': { summary: 'Unknown format version', action: 'The file was edited: export the run again.' },
  'run-file.invalid': {
    summary: 'Unexpected contents',
    action: 'The message names the field; export the run again rather than editing it.',
  },
  'run-file.checksum': { summary: 'Edited after export', action: 'Open the file as exported; edits are refused.' },
  'run-file.unknown-scenario': { summary: 'Scenario not loaded', action: 'Load the scenario it was played on, then open it again.' },
  'run-file.scenario-version': {
    summary: 'Other scenario version',
    action: 'Load the version of the scenario it was played on; a run replays only there.',
  },
  'run-file.refused': { summary: 'An entry is refused', action: 'The run was altered: the engine would not allow that entry.' },
  'run-file.time-mismatch': { summary: 'Time does not match', action: 'The run was altered: its actions end at another time.' },
  'run-file.result-mismatch': { summary: 'Result does not match', action: 'The run was altered: its actions lead to another result.' },
  'run-file.unknown-player': {
    summary: 'Input by no seat of the team',
    action: 'The team run was altered: export it again from the game day’s debrief.',
  },

  // Replay links: unpacked, then read as a run file.
  'replay-link.empty': { summary: 'Carries no run', action: 'Copy the whole link from the debrief.' },
  'replay-link.too-long': { summary: 'Too long', action: 'Real links are a few kB: this is not one.' },
  'replay-link.not-base64': { summary: 'Damaged characters', action: 'Copy the whole link again; it may have been changed when copied.' },
  'replay-link.too-big': { summary: 'Unpacks too large', action: 'Not a Firedrill run: it was not opened.' },
  'replay-link.corrupt': { summary: 'Does not unpack', action: 'Copy the whole link again; it may have been cut short.' },
  'replay-link.not-text': { summary: 'Unpacks to no text', action: 'Copy the whole link again; it may have been changed when copied.' },

  // Solo play: the page refuses an input itself, before the engine sees it.
  'play.no-run': { summary: 'No incident running', action: 'Start a scenario from the list first.' },
  'play.replay': { summary: 'Watching a replay', action: 'A replay only plays back; start the scenario to play it yourself.' },
  // Saves in the browser's storage: the run, settings and progress. A save that cannot be read is dropped.
  'save.not-json': { summary: 'Damaged (not JSON)', action: 'Nothing to do: a fresh start is ready.' },
  'save.not-object': { summary: 'Damaged', action: 'Nothing to do: a fresh start is ready.' },
  'save.no-version': { summary: 'No version', action: 'Nothing to do: a fresh start is ready.' },
  'save.newer-version': { summary: 'From a newer Firedrill', action: 'Update the game, or carry on with a fresh start.' },
  'save.old-version': { summary: 'Too old to read', action: 'Nothing to do: a fresh start is ready.' },
  'save.migration': { summary: 'Could not be upgraded', action: 'Nothing to do: a fresh start is ready.' },
  'save.invalid': { summary: 'Damaged contents', action: 'Nothing to do: a fresh start is ready.' },
  'save.unknown-scenario': { summary: 'Scenario no longer available', action: 'Start another scenario.' },
  'save.scenario-version': { summary: 'Scenario changed', action: 'Start the scenario again.' },
  'save.refused': { summary: 'No longer replays', action: 'Start the scenario again.' },
  'save.ended': { summary: 'Already ended', action: 'Start the scenario again.' },
} as const satisfies Record<string, ErrorEntry>;

/** Every catalogued code, namespace included. */
export type ErrorName = keyof typeof ERROR_CATALOGUE;
type Within<N extends string> = ErrorName extends infer E ? (E extends `${N}.${infer C}` ? C : never) : never;

/** The engine's rejection codes, as step() returns them (`reply.unknown`). */
export type EngineErrorCode = Within<'engine'>;
/** The room's refusal codes, as the server sends them (`join.name`). */
export type RoomErrorCode = Within<'room'>;
export type RunFileErrorCode = Extract<ErrorName, `run-file.${string}`>;
export type ReplayLinkErrorCode = Extract<ErrorName, `replay-link.${string}`>;
export type SaveErrorCode = Extract<ErrorName, `save.${string}`>;
export type PlayErrorCode = Extract<ErrorName, `play.${string}`>;
/** Every code as a value carries it. */
export type ErrorCode = EngineErrorCode | RoomErrorCode | RunFileErrorCode | ReplayLinkErrorCode | SaveErrorCode | PlayErrorCode;

function codesWithin<N extends 'engine' | 'room'>(namespace: N): Within<N>[] {
  return Object.keys(ERROR_CATALOGUE)
    .filter((name) => name.startsWith(`${namespace}.`))
    .map((name) => name.slice(namespace.length + 1) as Within<N>);
}

/** The engine's codes, as values carry them. */
export const ENGINE_ERROR_CODES: readonly EngineErrorCode[] = codesWithin('engine');
/** The room's codes, as values carry them. */
export const ROOM_ERROR_CODES: readonly RoomErrorCode[] = codesWithin('room');

/** The catalogued name of a code as a value carries it: `reply.unknown` → `engine.reply.unknown`. */
export function errorName(code: ErrorCode, namespace?: 'engine' | 'room'): ErrorName {
  if (Object.hasOwn(ERROR_CATALOGUE, code)) return code as ErrorName;
  if (namespace) return `${namespace}.${code}` as ErrorName;
  return ((ENGINE_ERROR_CODES as readonly string[]).includes(code) ? `engine.${code}` : `room.${code}`) as ErrorName;
}

/** Builds an error value; the code is checked against the catalogue by the compiler. */
export function appError<Code extends ErrorCode>(code: Code, message: string): AppError<Code> {
  return { code, message };
}
