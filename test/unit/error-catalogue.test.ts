/**
 * The error catalogue (src/format/errors.ts) and docs/errors.md, checked together: every code is
 * documented with its summary, and every code has an example here — a tiny input that produces
 * exactly that code. EXAMPLES is typed by the catalogue, so a code added without an example fails
 * `tsc`, and one removed from the catalogue fails too. FD codes have their own examples in
 * docs/diagnostics.md (test/unit/diagnostic-catalogue.test.ts).
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { Client } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRun, readReplayFragment, type ImportResult } from '../../src/debrief';
import { canonicalJson, sha256Label } from '../../src/debrief/checksum';
import { encodeBase64url } from '../../src/debrief/base64url';
import { exportRun, runRecordOf, type RunFile } from '../../src/debrief/run-file';
import { init, replay, step, type EngineState, type Input } from '../../src/engine';
import { CATALOGUE, ERROR_CATALOGUE, errorName, type ErrorName, type Scenario } from '../../src/format';
import { parseCommand } from '../../src/net/protocol';
import { teamClient, TeamJoinError, type TeamSession } from '../../src/net/team-client';
import { createTeamServer, type TeamServer } from '../../src/server';
import { applyCommand, createRoom, eventsSince, joinSeat, returnToSeat, type RoomState } from '../../src/server/room-core';
import { memoryStorage, readDocument, SAVED_RUN, type DocumentSpec } from '../../src/store';
import { createGameStore, dispatch, resumeRun } from '../../src/store/game-store';
import { openReplay } from '../../src/store/replay';
import { refuseInput } from '../../src/store/team/input-gate';
import { z } from 'zod';
import { miniScenario, teamMiniScenario } from './helpers/mini-scenario';

const DOC = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const NAMES = Object.keys(ERROR_CATALOGUE) as ErrorName[];

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

const mini = miniScenario();
const start = (scenario: Scenario = mini): EngineState => init(scenario, { seed: 7, coach: 'off' });
function run(state: EngineState, ...inputs: Input[]): EngineState {
  for (const input of inputs) state = step(mini, state, input).state;
  return state;
}
const rejected = (input: Input, state = start(), scenario: Scenario = mini) => step(scenario, state, input).rejected?.code;
const tick = (seconds: number): Input => ({ type: 'tick', seconds });

// ---------------------------------------------------------------------------------------------
// The room
// ---------------------------------------------------------------------------------------------

const team = teamMiniScenario();
const SECRET = 'facilitator-secret-0123456789abcdef';
function lobby(scenario: Scenario = team, roles?: string[]): RoomState {
  const created = createRoom({
    code: 'ABCDEFGHJK',
    scenario,
    game: { scenario: scenario.id, speed: 1, coach: 'off', ...(roles ? { roles } : {}) },
    seed: 7,
    facilitatorSecret: SECRET,
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.state;
}
function seated(role = 'lead'): { state: RoomState; seat: string } {
  const joined = joinSeat(lobby(), { name: 'Ada', role, token: 'seat-token-0123456789abcdef' });
  if (!joined.ok) throw new Error(joined.error.message);
  return { state: joined.state, seat: joined.seat.id };
}
function started(role = 'lead'): { state: RoomState; seat: string } {
  const { state, seat } = seated(role);
  const outcome = applyCommand(state, null, { type: 'start', secret: SECRET });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return { state: outcome.state, seat };
}
const refusedCode = (outcome: { ok: boolean; error?: { code: string } } | { ok: true }) =>
  outcome.ok ? 'accepted' : (outcome as { error: { code: string } }).error.code;

let server: TeamServer;
const sessions: TeamSession[] = [];
beforeAll(async () => {
  server = await createTeamServer({ scenarios: [team], port: 0, host: '127.0.0.1', rateLimit: { capacity: 2, perSecond: 0.001 } });
});
afterAll(async () => {
  await Promise.allSettled(sessions.map((s) => s.leave()));
  await server.close();
});
const client = () => teamClient(server.endpoint);
async function joinRefusal(join: () => Promise<TeamSession>): Promise<string> {
  try {
    sessions.push(await join());
  } catch (error) {
    if (error instanceof TeamJoinError) return error.error.code;
    throw error;
  }
  return 'joined';
}
async function gameDay(): Promise<string> {
  const facilitator = await client().create({ scenario: team.id });
  sessions.push(facilitator);
  return facilitator.welcome.code;
}

// ---------------------------------------------------------------------------------------------
// Run files and replay links
// ---------------------------------------------------------------------------------------------

async function runFile(): Promise<RunFile> {
  const state = run(start(), tick(30));
  return JSON.parse(await exportRun(mini, runRecordOf(mini, { seed: 7, coach: 'off' }, [], state))) as RunFile;
}
/** A run file changed and re-sealed: the checksum holds, so only replaying it can tell. */
async function resealed(change: (file: RunFile) => void): Promise<string> {
  const file = await runFile();
  change(file);
  const { checksum: _old, ...body } = file;
  return JSON.stringify({ ...body, checksum: await sha256Label(canonicalJson(body)) });
}
const codeOf = (result: ImportResult | null) => (result === null ? 'no replay' : result.ok ? 'opened' : result.error.code);
const opened = async (text: unknown, scenarios: readonly Scenario[] = [mini]) => codeOf(await importRun(text as string, scenarios));
const linked = async (hash: string) => codeOf(await readReplayFragment(hash, [mini]));
const packed = (bytes: Uint8Array) => `#replay=${encodeBase64url(deflateRawSync(bytes))}`;

// ---------------------------------------------------------------------------------------------
// Saves
// ---------------------------------------------------------------------------------------------

const DOCUMENT: DocumentSpec<{ name: string }> = {
  key: 'doc',
  version: 2,
  schema: z.object({ name: z.string() }),
  migrations: {
    1: () => {
      throw new Error('cannot');
    },
  },
  what: 'the document',
};
const stored = (text: string) => {
  const read = readDocument(memoryStorage({ doc: text }), DOCUMENT);
  return read.ok === false ? read.error.code : String(read.ok);
};
const saved = (scenario: { id: string; version: string }, log: unknown[] = [], time = 10) =>
  refusedCode(
    resumeRun(SAVED_RUN.schema.parse({ version: 1, scenario, options: { seed: 7, coach: 'off' }, log, time }), [mini]) as {
      ok: boolean;
    },
  );

/** Each produces the code it is filed under, as the value carries it. */
const EXAMPLES: Record<ErrorName, () => string | undefined | Promise<string | undefined>> = {
  'engine.game.over': () => rejected({ type: 'act', action: 'read_diff' }, run(start(), tick(1800))),
  'engine.input.invalid': () => rejected({ type: 'tick', seconds: -1 }),
  'engine.action.unknown': () => rejected({ type: 'act', action: 'nope' }),
  'engine.action.hidden': () => {
    const hidden = miniScenario({ actions: mini.actions.map((a) => ({ ...a, visible: { fact: 'fixed' } })) as never });
    return rejected({ type: 'act', action: 'read_diff' }, start(hidden), hidden);
  },
  'engine.action.busy': () => rejected({ type: 'act', action: 'read_logs' }, run(start(), { type: 'act', action: 'read_diff' })),
  'engine.action.done': () => {
    const once = miniScenario({ actions: mini.actions.map((a) => ({ ...a, repeatable: false })) as never });
    const state = [{ type: 'act', action: 'read_diff' } as Input, tick(60)].reduce((s, input) => step(once, s, input).state, start(once));
    return rejected({ type: 'act', action: 'read_diff' }, state, once);
  },
  'engine.action.precondition': () => rejected({ type: 'act', action: 'fix' }),
  'engine.reply.unknown': () => rejected({ type: 'reply', message: 'nope', choice: 'ack' }, run(start(), tick(65))),
  'engine.reply.no-question': () => rejected({ type: 'reply', message: 'hello', choice: 'ack' }, run(start(), tick(65))),
  'engine.reply.already-answered': () =>
    rejected(
      { type: 'reply', message: 'report', choice: 'deny' },
      run(start(), tick(65), { type: 'reply', message: 'report', choice: 'ack' }),
    ),
  'engine.reply.expired': () => {
    const state = run(start(), tick(130));
    return rejected({ type: 'reply', message: state.chat.find((p) => p.message === 'report')!.id, choice: 'ack' }, state);
  },
  'engine.reply.unknown-choice': () => rejected({ type: 'reply', message: 'report', choice: 'shrug' }, run(start(), tick(65))),
  'engine.post.unknown-channel': () => rejected({ type: 'post', channel: 'nowhere', text: 'Hello.' }),
  'engine.text.invalid': () => rejected({ type: 'note', text: '   ' }),
  'engine.inject.unknown': () => rejected({ type: 'inject', inject: 'nope' }),
  'engine.inject.character': () => rejected({ type: 'inject', from: 'nobody', channel: 'incident', text: 'Hi.' }),
  'engine.inject.channel': () => rejected({ type: 'inject', from: 'ana', channel: 'nowhere', text: 'Hi.' }),
  'engine.hint.no-coach': () => {
    const { coach: _coach, hints: _hints, ...rest } = mini;
    const coachless = rest as Scenario;
    return rejected({ type: 'hint', text: 'Look.' }, start(coachless), coachless);
  },

  'room.protocol.malformed': () => refusedCode(parseCommand('hello')),
  'room.protocol.unknown-type': () => refusedCode(parseCommand({ type: 'explode' })),
  'room.protocol.invalid': () => refusedCode(parseCommand({ type: 'act' })),
  'room.rate.limited': async () => {
    const session = await client().join(await gameDay(), { name: 'Rae', role: 'lead' });
    sessions.push(session);
    const answers = await Promise.all([1, 2, 3].map(() => session.send({ type: 'note', text: 'x' })));
    return answers.map((a) => (a.ok ? 'accepted' : a.error.code)).find((c) => c !== 'accepted' && c !== 'room.lobby');
  },
  'room.auth.facilitator': () => refusedCode(applyCommand(lobby(), null, { type: 'start', secret: 'not-the-facilitator-secret-0123' })),
  'room.seat.none': () => refusedCode(applyCommand(started().state, null, { type: 'act', action: 'fix' })),
  'room.role.forbidden': () => {
    const { state, seat } = started('fixer');
    return refusedCode(applyCommand(state, seat, { type: 'act', action: 'read_logs' }));
  },
  'room.room.lobby': () => {
    const { state, seat } = seated();
    return refusedCode(applyCommand(state, seat, { type: 'act', action: 'read_logs' }));
  },
  'room.room.paused': () => {
    const { state, seat } = started();
    const paused = applyCommand(state, null, { type: 'pause', secret: SECRET });
    return paused.ok ? refusedCode(applyCommand(paused.state, seat, { type: 'act', action: 'read_logs' })) : 'not paused';
  },
  'room.room.running': () => refusedCode(applyCommand(started().state, null, { type: 'start', secret: SECRET })),
  'room.room.ended': () => {
    const ended = applyCommand(started().state, null, { type: 'end', secret: SECRET });
    return ended.ok
      ? refusedCode(joinSeat(ended.state, { name: 'Bo', role: 'lead', token: 'seat-token-bo-0123456789abcdef' }))
      : 'not ended';
  },
  'room.room.no-players': () => refusedCode(applyCommand(lobby(), null, { type: 'start', secret: SECRET })),
  'room.room.full': async () => {
    const code = await gameDay();
    const watchers = await Promise.all([1, 2, 3, 4].map(() => client().watch(code)));
    sessions.push(...watchers);
    return joinRefusal(() => client().watch(code));
  },
  'room.room.unknown-scenario': () => joinRefusal(() => client().create({ scenario: 'no-such-scenario' })),
  'room.create.role': () => {
    const created = createRoom({
      code: 'ABCDEFGHJK',
      scenario: team,
      game: { scenario: team.id, speed: 1, coach: 'off', roles: ['pilot'] },
      seed: 7,
      facilitatorSecret: SECRET,
    });
    return refusedCode(created);
  },
  'room.join.code': () => joinRefusal(() => client().join('ZZZZZZZZZZ', { name: 'Eve', role: 'lead' })),
  'room.join.role': () => refusedCode(joinSeat(lobby(), { name: 'Eve', role: 'pilot', token: 'seat-token-eve-0123456789abcdef' })),
  'room.join.name': () => refusedCode(joinSeat(seated().state, { name: 'Ada', role: 'lead', token: 'seat-token-ada2-0123456789abcdef' })),
  'room.join.seat': () => refusedCode(returnToSeat(lobby(), 'seat-token-nobody-0123456789abcdef')),
  'room.join.not-creator': async () => {
    const code = await gameDay();
    try {
      const room = await new Client(server.endpoint).joinById(code, { as: 'create', game: { scenario: team.id } });
      await room.leave();
      return 'joined';
    } catch (error) {
      return (JSON.parse((error as Error).message) as { code: string }).code;
    }
  },
  'room.hint.role': () =>
    refusedCode(applyCommand(started().state, null, { type: 'hint', secret: SECRET, to: { role: 'pilot' }, text: 'Look.' })),
  'room.hint.seat': () =>
    refusedCode(applyCommand(started().state, null, { type: 'hint', secret: SECRET, to: { seat: 'p9' }, text: 'Look.' })),
  'room.sync.ahead': () => refusedCode(eventsSince(lobby(), 10_000)),
  'room.watch.read-only': async () => {
    const watcher = await client().watch(await gameDay());
    sessions.push(watcher);
    const answer = await watcher.send({ type: 'note', text: 'x' });
    return answer.ok ? 'accepted' : answer.error.code;
  },
  'room.client.offline': () => refuseInput({ connected: false, as: null, seated: false, reconnecting: false })?.code,
  'room.client.reconnecting': () => refuseInput({ connected: true, as: 'player', seated: true, reconnecting: true })?.code,
  // Nothing listens on port 9 (discard): the client reports the failure as the server's.
  'room.server.error': () => joinRefusal(() => teamClient('ws://127.0.0.1:9/team').join('ABCDEFGHJK', { name: 'Eve', role: 'lead' })),

  'run-file.unreadable': () => opened(null),
  'run-file.too-large': () => opened('x'.repeat(2 * 1024 * 1024 + 1)),
  'run-file.not-json': () => opened('{'),
  'run-file.not-object': () => opened('[]'),
  'run-file.not-a-run': () => opened('{}'),
  'run-file.no-version': () => opened('{ "format": "firedrill-run" }'),
  'run-file.newer-version': () => opened('{ "format": "firedrill-run", "version": 3 }'),
  'run-file.unknown-version': () => opened('{ "format": "firedrill-run", "version": 0 }'),
  'run-file.invalid': () => opened('{ "format": "firedrill-run", "version": 1 }'),
  'run-file.checksum': async () => opened(JSON.stringify({ ...(await runFile()), time: 40 })),
  'run-file.unknown-scenario': async () => opened(JSON.stringify(await runFile()), []),
  'run-file.scenario-version': async () => opened(JSON.stringify(await runFile()), [{ ...mini, version: '9.9.9' }]),
  'run-file.refused': async () => opened(await resealed((f) => f.log.push({ at: 10, input: { type: 'act', action: 'nope' } }))),
  'run-file.time-mismatch': async () => opened(await resealed((f) => Object.assign(f, { time: 2000 }))),
  'run-file.result-mismatch': async () => opened(await resealed((f) => Object.assign(f.result, { total: f.result.total + 1 }))),
  'run-file.unknown-player': async () =>
    opened(
      await resealed((f) => {
        f.team = { roster: [{ id: 'p1', name: 'Ana', role: 'lead' }] };
        f.log.push({ at: 10, input: { type: 'note', text: 'Who wrote this?', player: 'p9' } });
      }),
    ),

  'replay-link.empty': () => linked('#replay='),
  'replay-link.too-long': () => linked(`#replay=${'A'.repeat(200_001)}`),
  'replay-link.not-base64': () => linked('#replay=!!!'),
  'replay-link.too-big': () => linked(packed(new Uint8Array(3 * 1024 * 1024))),
  'replay-link.corrupt': () => linked('#replay=____'),
  'replay-link.not-text': () => linked(packed(new Uint8Array([0xff, 0xfe, 0xfd]))),

  // Solo play: a store with no run, and one watching a replay.
  'play.no-run': () =>
    dispatch(createGameStore({ storage: memoryStorage(), scenarios: [mini], newSeed: () => 7 }), { type: 'act', action: 'fix' })?.code,
  'play.replay': () => {
    const store = createGameStore({ storage: memoryStorage(), scenarios: [mini], newSeed: () => 7 });
    openReplay(store, { scenario: mini, options: { seed: 7, coach: 'off' }, log: [], end: 60 }, 'file');
    return dispatch(store, { type: 'act', action: 'fix' })?.code;
  },
  'save.not-json': () => stored('{'),
  'save.not-object': () => stored('[]'),
  'save.no-version': () => stored('{}'),
  'save.newer-version': () => stored('{ "version": 3 }'),
  'save.old-version': () => stored('{ "version": 0 }'),
  'save.migration': () => stored('{ "version": 1 }'),
  'save.invalid': () => stored('{ "version": 2, "name": 5 }'),
  'save.unknown-scenario': () => saved({ id: 'elsewhere', version: '1.0.0' }),
  'save.scenario-version': () => saved({ id: 'mini', version: '0.9.0' }),
  'save.refused': () => saved({ id: 'mini', version: '1.0.0' }, [{ at: 5, input: { type: 'act', action: 'fix' } }]),
  'save.ended': () => {
    const { state } = replay(mini, { seed: 7, coach: 'off' }, [], 1800);
    return saved({ id: 'mini', version: '1.0.0' }, [], state.time);
  },
};

describe('the error catalogue in docs/errors.md', () => {
  it('documents every code, in catalogue order, with its summary, and no code that does not exist', () => {
    const headings = [...DOC.matchAll(/^### `([a-z0-9-]+(?:\.[a-z0-9-]+)+)` (.+)$/gm)].map((m) => ({ code: m[1]!, summary: m[2]!.trim() }));
    expect(headings.map((h) => h.code)).toEqual(NAMES);
    for (const h of headings) expect(h).toEqual({ code: h.code, summary: ERROR_CATALOGUE[h.code as ErrorName].summary });
  });

  it('says what to do about every code', () => {
    for (const name of NAMES) expect(DOC, name).toContain(ERROR_CATALOGUE[name].action);
  });

  it('presents the FD codes as part of the same catalogue', () => {
    expect(DOC).toContain('diagnostics.md');
    expect(Object.keys(CATALOGUE).every((code) => /^FD\d{3}$/.test(code))).toBe(true);
  });

  it('has an example for every code, and none for a code that does not exist', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...NAMES].sort());
  });

  it.each(NAMES)('the %s example produces exactly that code', async (name) => {
    const code = await EXAMPLES[name]();
    expect(code).toBeDefined();
    expect(errorName(code as never, name.startsWith('engine.') ? 'engine' : name.startsWith('room.') ? 'room' : undefined)).toBe(name);
  });
});
