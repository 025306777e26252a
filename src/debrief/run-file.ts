/**
 * A run as a file: scenario + options + action log + the time it reached, plus the result it claims
 * and a checksum. Importing trusts none of it: the checksum catches naive edits, and replaying the
 * log through the engine catches a recomputed checksum on an impossible or altered run.
 */
import { z } from 'zod';
import { replay, score, wallClock, type EngineState, type LogEntry, type RunOptions } from '../engine';
import type { Scenario } from '../format/schema';
import { GradeSchema } from '../format/concepts';
import { LogEntrySchema } from '../format/inputs';
import { FACILITATOR_PLAYER, FacilitatorNoteSchema, SavedRunSchema, SeatSchema } from '../format/run-log';
import { canonicalJson, sha256Label } from './checksum';
import type { AppError, ReplayLinkErrorCode, RunFileErrorCode } from '../format/errors';
import { explainIssues } from '../format/issues';

export const RUN_FILE_FORMAT = 'firedrill-run';
/** Version 2 added the optional team section; version 1 files (solo, no team) are still read. */
export const RUN_FILE_VERSION = 2;
const READABLE_VERSIONS = [1, RUN_FILE_VERSION] as const;
/** Far beyond any real run (10,000 log entries at most); refused before parsing so a huge paste cannot stall the page. */
export const MAX_RUN_FILE_BYTES = 2 * 1024 * 1024;

/** The run itself, as the engine needs it to rebuild every moment. */
export interface RunRecord {
  scenario: { id: string; version: string };
  options: RunOptions;
  log: LogEntry[];
  /** The game time the run reached (its ending time if it ended). */
  time: number;
  /** A team game day's roster (and the facilitator's notes, on the facilitator's copy); absent for a solo run. */
  team?: RunTeam;
}

/**
 * Who played a team run. Who made each input is the log's own `player` field (a seat id, or
 * FACILITATOR_PLAYER); the roster gives those ids their names and roles.
 */
const RunTeamSchema = z
  .strictObject({
    roster: z.array(SeatSchema).min(1).max(64),
    /** The facilitator's private notes: only the facilitator's own export carries them. */
    notes: z.array(FacilitatorNoteSchema).max(1000).optional(),
  })
  .superRefine((team, ctx) => {
    // Inputs are attributed by seat id, so an id must name one seat, never the facilitator.
    const seen = new Set<string>();
    team.roster.forEach((seat, i) => {
      if (seat.id === FACILITATOR_PLAYER || seen.has(seat.id))
        ctx.addIssue({
          code: 'custom',
          path: ['roster', i, 'id'],
          message: seat.id === FACILITATOR_PLAYER ? `"${seat.id}" is the facilitator's id, not a seat's` : `"${seat.id}" names two seats`,
        });
      seen.add(seat.id);
    });
  });
export type RunTeam = z.infer<typeof RunTeamSchema>;

const RunResultSchema = z.strictObject({
  ending: z.string().max(200).nullable(),
  total: z.number().int().min(0).max(100),
  grade: GradeSchema,
});
/** What the run claims it achieved; an import only accepts it if replaying gives the same. */
export type RunResult = z.infer<typeof RunResultSchema>;

/**
 * The file on disk. Scenario, options and time are the saved-run document's own fields, so a run
 * file and a save can never disagree about what a run is; the log takes every entry a saved run
 * takes, plus a team game day's facilitator injects and hints (which no solo save can hold).
 */
const RunFileV1Schema = SavedRunSchema.extend({
  format: z.literal(RUN_FILE_FORMAT),
  version: z.literal(1),
  log: z.array(LogEntrySchema).max(10_000),
  scenario: SavedRunSchema.shape.scenario.extend({ title: z.string().max(200) }),
  result: RunResultSchema,
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" followed by 64 lower-case hex digits'),
});
/** Version 2: version 1 plus the optional team section. */
const RunFileSchema = RunFileV1Schema.extend({ version: z.literal(RUN_FILE_VERSION), team: RunTeamSchema.optional() });
export type RunFile = z.infer<typeof RunFileSchema>;

function checkStamps(file: { log: readonly LogEntry[]; time: number }, ctx: z.RefinementCtx): void {
  // Out-of-order or future stamps would replay at other times than they claim; say so plainly.
  file.log.forEach((entry, i) => {
    const previous = i > 0 ? file.log[i - 1]!.at : 0;
    if (entry.at < previous)
      ctx.addIssue({
        code: 'custom',
        path: ['log', i, 'at'],
        message: `${entry.at} is earlier than the entry before it (${previous}); entries must be in time order`,
      });
    else if (entry.at > file.time)
      ctx.addIssue({ code: 'custom', path: ['log', i, 'at'], message: `${entry.at} is after the time the run reached (${file.time})` });
  });
}
const READERS = { 1: RunFileV1Schema.superRefine(checkStamps), 2: RunFileSchema.superRefine(checkStamps) } as const;

export type ImportResult =
  | { ok: true; scenario: Scenario; record: RunRecord; state: EngineState; result: RunResult }
  | { ok: false; error: RunError };

/** Why a run file or a replay link was refused: a code from the catalogue and a sentence to show. */
export type RunError = AppError<RunFileErrorCode | ReplayLinkErrorCode>;

/** The record of a run as it stands: what to replay, and how far. */
export function runRecordOf(
  scenario: Scenario,
  options: RunOptions,
  log: readonly LogEntry[],
  state: EngineState,
  team?: RunTeam,
): RunRecord {
  return {
    scenario: { id: scenario.id, version: scenario.version },
    options: { seed: options.seed, coach: options.coach },
    // Copies, so later changes to the live log cannot alter a record already taken.
    log: log.map((entry) => ({ at: entry.at, input: { ...entry.input } })),
    // The engine stops its clock at the ending, so this is the ending time for a finished run.
    time: state.ending?.at ?? state.time,
    ...(team ? { team: copyTeam(team) } : {}),
  };
}

function copyTeam(team: RunTeam): RunTeam {
  return {
    roster: team.roster.map((s) => ({ id: s.id, name: s.name, role: s.role })),
    ...(team.notes ? { notes: team.notes.map((n) => ({ at: n.at, text: n.text })) } : {}),
  };
}

function resultOf(scenario: Scenario, state: EngineState): RunResult {
  const card = score(scenario, state);
  return { ending: state.ending?.id ?? null, total: card.total, grade: card.grade };
}

/** The complete file object; its result comes from replaying the record, never from the caller. */
export async function runFileOf(scenario: Scenario, record: RunRecord): Promise<RunFile> {
  const { state } = replay(scenario, record.options, record.log, record.time);
  const body: Omit<RunFile, 'checksum'> = {
    format: RUN_FILE_FORMAT,
    version: RUN_FILE_VERSION,
    scenario: { id: record.scenario.id, version: record.scenario.version, title: scenario.title },
    options: { seed: record.options.seed, coach: record.options.coach },
    ...(record.team ? { team: copyTeam(record.team) } : {}),
    log: record.log.map((entry) => ({ at: entry.at, input: { ...entry.input } })),
    time: record.time,
    result: resultOf(scenario, state),
  };
  return { ...body, checksum: await sha256Label(canonicalJson(body)) };
}

/** The run as pretty-printed JSON, ready to save as a file. */
export async function exportRun(scenario: Scenario, record: RunRecord): Promise<string> {
  return `${JSON.stringify(await runFileOf(scenario, record), null, 2)}\n`;
}

/** Reads a run file, checks it every way it can be checked, and replays it. Never throws. */
export async function importRun(text: string, scenarios: readonly Scenario[]): Promise<ImportResult> {
  return readRun(text, scenarios, 'file');
}

/** Where the run came from, so messages name the thing the player actually has in hand. */
export type RunSource = 'file' | 'link';

const fail = (code: RunFileErrorCode, message: string): ImportResult => ({ ok: false, error: { code, message } });

/** importRun's work, shared with replay links. */
export async function readRun(text: string, scenarios: readonly Scenario[], source: RunSource): Promise<ImportResult> {
  const the = source === 'file' ? 'The run file' : 'The replay link';
  try {
    if (typeof text !== 'string')
      return fail('run-file.unreadable', `${the} could not be read: expected text, got ${text === null ? 'null' : typeof text}.`);
    const size = text.length > MAX_RUN_FILE_BYTES ? text.length : new TextEncoder().encode(text).length;
    if (size > MAX_RUN_FILE_BYTES)
      return fail(
        'run-file.too-large',
        `${the} is too large (${megabytes(size)}; the limit is ${megabytes(MAX_RUN_FILE_BYTES)}). It is not a Firedrill run.`,
      );

    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return fail(
        'run-file.not-json',
        source === 'file' ? `${the} is not valid JSON: ${why}` : `${the} is damaged: what it unpacks to is not valid JSON (${why}).`,
      );
    }

    // Format and version first: a newer file deserves "update the game", not a list of schema errors.
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      return fail(
        'run-file.not-object',
        `${the} is not a Firedrill run: expected a JSON object, got ${raw === null ? 'null' : Array.isArray(raw) ? 'a list' : typeof raw}.`,
      );
    }
    const head = raw as Record<string, unknown>;
    if (head.format !== RUN_FILE_FORMAT) {
      const got = head.format === undefined ? 'it has no "format" field' : `its "format" is ${JSON.stringify(head.format)?.slice(0, 60)}`;
      return fail('run-file.not-a-run', `${the} is not a Firedrill run: ${got}, expected "${RUN_FILE_FORMAT}".`);
    }
    if (typeof head.version !== 'number' || !Number.isInteger(head.version)) {
      return fail('run-file.no-version', `${the} has no usable "version" (expected a whole number up to ${RUN_FILE_VERSION}).`);
    }
    if (head.version > RUN_FILE_VERSION) {
      return fail(
        'run-file.newer-version',
        `${the} comes from a newer version of Firedrill (run format ${head.version}; this game reads format ${RUN_FILE_VERSION}). Update the game to open it.`,
      );
    }
    const version = READABLE_VERSIONS.find((v) => v === head.version);
    if (version === undefined)
      return fail(
        'run-file.unknown-version',
        `${the} has an unknown run format version (${head.version}); this game reads formats ${READABLE_VERSIONS.join(' and ')}.`,
      );

    const parsed = READERS[version].safeParse(raw);
    if (!parsed.success)
      return fail('run-file.invalid', `${the} does not have the expected contents: ${explainIssues(parsed.error.issues, raw)}.`);
    // A version 1 file reads as a version 2 one without a team.
    const file: RunFile = { ...parsed.data, version: RUN_FILE_VERSION };

    // Hash what was read (minus the checksum) the same way export hashed what it wrote.
    const { checksum: _claimed, ...body } = head;
    if ((await sha256Label(canonicalJson(body))) !== file.checksum) {
      return fail(
        'run-file.checksum',
        source === 'file'
          ? 'The run file was edited after it was exported: its checksum does not match.'
          : 'The replay link is damaged or was edited after it was made: its checksum does not match.',
      );
    }

    const scenario = scenarios.find((s) => s.id === file.scenario.id);
    if (!scenario) {
      const loaded = scenarios.map((s) => `"${s.id}"`).join(', ') || 'none';
      return fail(
        'run-file.unknown-scenario',
        `${the} is of a scenario that is not loaded: "${file.scenario.id}" ("${file.scenario.title}"). Loaded scenarios: ${loaded}.`,
      );
    }
    if (scenario.version !== file.scenario.version) {
      return fail(
        'run-file.scenario-version',
        `${the} was played on "${scenario.title}" version ${file.scenario.version}, but the loaded scenario is version ${scenario.version}; a run only replays on the version it was played on.`,
      );
    }

    if (file.team) {
      // A team run names everyone who made an input; one the roster cannot name was not exported by a room.
      const seats = new Set([FACILITATOR_PLAYER, ...file.team.roster.map((s) => s.id)]);
      const stray = file.log.findIndex((e) => e.input.player !== undefined && !seats.has(e.input.player));
      if (stray >= 0) {
        const entry = file.log[stray]!;
        return fail(
          'run-file.unknown-player',
          `Entry ${stray + 1} (${wallClock(scenario.clock, entry.at)}, ${describeInput(entry)}) was made by "${entry.input.player}", who has no seat in the run's team.`,
        );
      }
    }

    const record: RunRecord = {
      scenario: { id: file.scenario.id, version: file.scenario.version },
      options: file.options,
      log: file.log,
      time: file.time,
      ...(file.team ? { team: file.team } : {}),
    };
    const replayed = replay(scenario, record.options, record.log, record.time);
    const refused = replayed.refused[0];
    if (refused) {
      const { index, entry, rejection } = refused;
      // Entries are numbered from 1 for people; the schema's field paths (log[3]) count from 0.
      return fail(
        'run-file.refused',
        `Entry ${index + 1} (${wallClock(scenario.clock, entry.at)}, ${describeInput(entry)}) was refused by the engine: ${rejection.message}`,
      );
    }
    const { state } = replayed;
    if (state.time !== record.time) {
      return fail(
        'run-file.time-mismatch',
        `${the} says the run reached ${wallClock(scenario.clock, record.time)}, but replaying its actions ends at ${wallClock(scenario.clock, state.time)}.`,
      );
    }
    const result = resultOf(scenario, state);
    if (result.ending !== file.result.ending || result.total !== file.result.total || result.grade !== file.result.grade) {
      const claim = (r: RunResult) => `${r.total}/100 (${r.grade})`;
      const outcome = (r: RunResult) => (r.ending === null ? `no ending yet and ${claim(r)}` : `the ending "${r.ending}" and ${claim(r)}`);
      const detail =
        result.ending === file.result.ending
          ? `says ${claim(file.result)} but replaying its actions gives ${claim(result)}`
          : `says ${outcome(file.result)} but replaying its actions gives ${outcome(result)}`;
      return fail('run-file.result-mismatch', `${the} ${detail}. Its actions do not lead to the result it claims.`);
    }
    return { ok: true, scenario, record, state, result };
  } catch (error) {
    // Nothing above should throw; if something does, the player still gets words, not a crash.
    return fail('run-file.unreadable', `${the} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function describeInput({ input }: LogEntry): string {
  switch (input.type) {
    case 'act':
      return `act ${input.action}`;
    case 'reply':
      return `reply ${input.choice} to ${input.message}`;
    case 'post':
      return `post in ${input.channel}`;
    case 'note':
      return 'note';
    case 'inject':
      return input.inject !== undefined ? `inject ${input.inject}` : `inject as ${input.from} in ${input.channel}`;
    case 'hint':
      return 'facilitator hint';
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}
