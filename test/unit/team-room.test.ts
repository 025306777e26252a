/**
 * Team mode over real websockets, in-process on loopback: a real Colyseus server on an ephemeral
 * port and colyseus.js clients through the team client. A facilitator and players in roles see the
 * same numbered events in the same order; a hostile client is refused every time and changes
 * nothing; a dropped player comes back to the same seat with exactly the events missed.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchMaker } from '@colyseus/core';
import { Client } from 'colyseus.js';
import { advanceTo } from '../../src/engine';
import { type ErrorMessage, MESSAGE, ROOM_NAME, RoomInfo, type RoomEvent } from '../../src/net/protocol';
import type { RateLimit } from '../../src/net/rate-limit';
import { teamClient, TeamJoinError, type TeamSession } from '../../src/net/team-client';
import { followEvents } from '../../src/net/team-view';
import { createTeamServer, CLOSE_SEAT_TAKEN, type TeamServer } from '../../src/server';
import { MAX_WATCHERS } from '../../src/server/team-room';
import type { RoomState } from '../../src/server/room-core';
import { loadShipped } from './helpers/flagship';
import { teamMiniScenario } from './helpers/mini-scenario';

const flagship = loadShipped('friday-deploy.json');
const teamMini = teamMiniScenario();
/** Room for the hostile test's two dozen probes in one burst; the flood is three times this. */
const RATE: RateLimit = { capacity: 30, perSecond: 5 };
let server: TeamServer;
let client: ReturnType<typeof teamClient>;
const sessions: TeamSession[] = [];

beforeAll(async () => {
  server = await createTeamServer({ scenarios: [flagship, teamMini], port: 0, host: '127.0.0.1', rateLimit: RATE });
  client = teamClient(server.endpoint);
});

afterAll(async () => {
  await Promise.allSettled(sessions.map((s) => s.leave()));
  await server.close();
});

/** Polls until `check` holds; fails with `what` after `ms`. */
async function until(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The room's authority, read in-process for the assertions (clients never see it). */
const coreOf = (code: string): RoomState => (matchMaker.getLocalRoomById(code) as unknown as { core: RoomState }).core;

const secretOf = (s: TeamSession) => (s.welcome.you.kind === 'facilitator' ? s.welcome.you.secret : '');
const tokenOf = (s: TeamSession) => (s.welcome.you.kind === 'player' ? s.welcome.you.token : '');
const seatOf = (s: TeamSession) => (s.welcome.you.kind === 'player' ? s.welcome.you.seat.id : '');
const track = <T extends TeamSession>(s: T): T => (sessions.push(s), s);

/** A game day with a facilitator and three players in roles. */
async function gameDay() {
  const facilitator = track(await client.create({ scenario: flagship.id }));
  const code = facilitator.welcome.code;
  const commander = track(await client.join(code, { name: 'Ada', role: 'commander' }));
  const operator = track(await client.join(code, { name: 'Otto', role: 'operator' }));
  const comms = track(await client.join(code, { name: 'Cass', role: 'comms' }));
  return { code, secret: secretOf(facilitator), facilitator, commander, operator, comms, all: [facilitator, commander, operator, comms] };
}

async function accepted(session: TeamSession, command: Parameters<TeamSession['send']>[0]) {
  const result = await session.send(command);
  expect(result, JSON.stringify(command)).toMatchObject({ ok: true });
}

/** Waits until every session holds all of the room's events, and returns each one's list. */
async function caughtUp(code: string, all: TeamSession[]): Promise<RoomEvent[][]> {
  await until('every client to catch up', () => all.every((s) => s.lastSeq() === coreOf(code).events.length));
  return all.map((s) => [...s.events]);
}

describe('a game day over websockets', () => {
  it('seats three players in roles and shows every action, in order, to everyone', async () => {
    const { code, secret, facilitator, commander, operator, comms, all } = await gameDay();
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/);
    await until('the roster to reach the facilitator', () => facilitator.room.state.roster?.size === 3);
    expect([...facilitator.room.state.roster.values()].map((s: { role: string }) => s.role)).toEqual(['commander', 'operator', 'comms']);

    await accepted(facilitator, { type: 'start', secret });
    await accepted(operator, { type: 'act', action: 'check_deploy_history' });
    await accepted(commander, { type: 'act', action: 'read_api_logs' });
    await accepted(comms, { type: 'post', channel: 'general', text: 'Comms here, watching #support.' });
    await accepted(facilitator, { type: 'inject-text', secret, from: 'dana', channel: 'general', text: 'Is the Friday deploy out yet?' });
    await accepted(facilitator, { type: 'hint', secret, to: { role: 'operator' }, text: 'What shipped today?' });

    const lists = await caughtUp(code, all);
    for (const list of lists) expect(list).toEqual(lists[0]);
    const seqs = lists[0]!.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const inputs = lists[0]!.flatMap((e) => (e.kind === 'input' ? [[e.entry.input.type, e.entry.input.player]] : []));
    // The facilitator's inject and hint are engine inputs too, attributed to the facilitator.
    expect(inputs).toEqual([
      ['act', seatOf(operator)],
      ['act', seatOf(commander)],
      ['post', seatOf(comms)],
      ['inject', 'facilitator'],
      ['hint', 'facilitator'],
    ]);

    // Every client can rebuild the server's engine state from the events alone.
    const core = coreOf(code);
    const followed = followEvents(flagship, operator.welcome.options, operator.events);
    expect(advanceTo(flagship, followed, core.engine.time).state).toEqual(core.engine);
  });

  it('refuses a hostile client every time, leaves the room exactly as it was, and keeps serving the others', async () => {
    const { code, secret, facilitator, operator, all } = await gameDay();
    const hostile = track(await client.join(code, { name: 'Mallory', role: 'operator' }));
    await accepted(facilitator, { type: 'start', secret });
    await accepted(operator, { type: 'act', action: 'check_deploy_history' });
    // Paused, the room does not change by itself, so any change would be the hostile client's doing.
    await accepted(facilitator, { type: 'pause', secret });
    await caughtUp(code, [...all, hostile]);
    const before = structuredClone(coreOf(code));

    const refusals: ErrorMessage[] = [];
    hostile.onRefusal((e) => refusals.push(e));
    const forged = 'f'.repeat(43);
    const attempts: [unknown, string][] = [
      // Wrong role.
      [{ type: 'act', action: 'status_update' }, 'role.forbidden'],
      [{ type: 'post', channel: 'incident-orders', text: 'All clear!' }, 'role.forbidden'],
      [{ type: 'act', action: 'declare_resolved' }, 'role.forbidden'],
      // Malformed.
      ['hello', 'protocol.malformed'],
      [[1, 2, 3], 'protocol.malformed'],
      [null, 'protocol.malformed'],
      [{ type: 'explode' }, 'protocol.unknown-type'],
      [{ type: 'act' }, 'protocol.invalid'],
      [{ type: 'act', action: 'check_deploy_history', player: 'p1' }, 'protocol.invalid'],
      [{ type: 'note', text: 'x'.repeat(2001) }, 'protocol.invalid'],
      [{ type: 'note', text: 'bell\u0007' }, 'protocol.invalid'],
      [{ type: 'post', channel: '../etc/passwd', text: 'x' }, 'protocol.invalid'],
      [{ type: 'sync', since: -1 }, 'protocol.invalid'],
      [{ type: 'sync', since: 10_000 }, 'sync.ahead'],
      // Forged facilitator commands.
      [{ type: 'resume', secret: forged }, 'auth.facilitator'],
      [{ type: 'end', secret: forged }, 'auth.facilitator'],
      [{ type: 'speed', secret: forged, speed: 4 }, 'auth.facilitator'],
      [{ type: 'inject-text', secret: forged, from: 'dana', channel: 'general', text: 'Everyone go home.' }, 'auth.facilitator'],
      [{ type: 'hint', secret: forged, to: { role: 'operator' }, text: 'Roll back!' }, 'auth.facilitator'],
      [{ type: 'facilitator-note', secret: forged, text: 'x' }, 'auth.facilitator'],
      [{ type: 'resume' }, 'protocol.invalid'],
    ];
    attempts.forEach(([body, _], i) => {
      const withRef = typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, ref: 1000 + i } : body;
      hostile.room.send(MESSAGE.command, withRef);
    });
    hostile.room.send('hack', { type: 'start', secret });
    await until('every refusal', () => refusals.length === attempts.length + 1);
    expect(refusals.slice(0, attempts.length).map((r) => r.code)).toEqual(attempts.map(([, code]) => code));
    expect(refusals.at(-1)?.code).toBe('protocol.unknown-type');
    for (const r of refusals) expect(r.message.length).toBeGreaterThan(10);
    expect(coreOf(code)).toEqual(before);

    // A flood: once the burst allowance is spent, each further message is refused as rate limited.
    refusals.length = 0;
    const flood = 3 * RATE.capacity;
    // Half of it on a message type the room does not know: that is limited too.
    for (let i = 0; i < flood; i++) {
      if (i % 2 === 0) hostile.room.send(MESSAGE.command, { type: 'act', action: 'status_update' });
      else hostile.room.send('hack', { type: 'start', secret });
    }
    await until('the flood to be answered', () => refusals.length === flood);
    const limited = refusals.filter((r) => r.code === 'rate.limited').length;
    expect(limited).toBeGreaterThanOrEqual(flood - RATE.capacity - 2);
    expect(refusals.filter((r) => r.code === 'role.forbidden' || r.code === 'protocol.unknown-type').length).toBe(flood - limited);
    expect(refusals.find((r) => r.code === 'rate.limited')?.message).toMatch(/Too many messages/);
    expect(coreOf(code)).toEqual(before);

    // A message too big for the socket closes only that connection; the room and the others carry on.
    const closed = new Promise<number>((resolve) => hostile.onLeave(resolve));
    hostile.room.send(MESSAGE.command, { type: 'note', text: 'x'.repeat(40_000) });
    expect(await closed).toBeGreaterThan(1000);
    expect(coreOf(code)).toEqual({
      ...before,
      roster: before.roster.map((s) => (s.id === seatOf(hostile) ? { ...s, connected: false } : s)),
    });
    await accepted(facilitator, { type: 'resume', secret });
    await accepted(operator, { type: 'note', text: 'Still here.' });
  });

  it('cuts a flood of valid messages off at the burst allowance', async () => {
    const { code, secret, facilitator } = await gameDay();
    const scribe = track(await client.join(code, { name: 'Sid', role: 'scribe' }));
    await accepted(facilitator, { type: 'start', secret });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => scribe.send({ type: 'note', text: `note ${i}` })));
    const ok = results.filter((r) => r.ok).length;
    // Joining spent one token on the catch-up request.
    expect(ok).toBeGreaterThanOrEqual(RATE.capacity - 1);
    expect(ok).toBeLessThan(RATE.capacity + 5);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'rate.limited')).toBe(true);
    expect(coreOf(code).engine.notes).toHaveLength(ok);
  });

  it('brings a dropped player back to the same seat with exactly the events missed', async () => {
    const { code, secret, facilitator, commander, operator, comms } = await gameDay();
    await accepted(facilitator, { type: 'start', secret });
    await accepted(operator, { type: 'act', action: 'check_deploy_history' });
    await caughtUp(code, [facilitator, commander, operator, comms]);
    const heldBefore = [...operator.events];

    // Cut the operator's connection without a goodbye, as a network drop does.
    const dropped = new Promise<number>((resolve) => operator.onLeave(resolve));
    (operator.room.connection.transport as unknown as { ws: { terminate(): void } }).ws.terminate();
    await dropped;
    await until('the server to see the drop', () => coreOf(code).roster.find((s) => s.id === seatOf(operator))?.connected === false);
    await until('the roster to show it', () => facilitator.synced()?.roster[seatOf(operator)]?.connected === false);

    // The incident goes on without them.
    await accepted(commander, { type: 'act', action: 'read_api_logs' });
    await accepted(facilitator, { type: 'inject-text', secret, from: 'bea', channel: 'support', text: 'Customers cannot pay!' });
    await accepted(facilitator, { type: 'hint', secret, to: { seat: seatOf(operator) }, text: 'Welcome back: check the worker.' });
    await caughtUp(code, [facilitator, commander, comms]);
    const missed = coreOf(code).events.length - heldBefore.length;
    expect(missed).toBeGreaterThanOrEqual(3);

    const received: RoomEvent[] = [];
    const back = track(await client.returnToSeat(code, tokenOf(operator), heldBefore));
    back.onEvents((events) => received.push(...events));
    expect(seatOf(back)).toBe(seatOf(operator));
    expect(coreOf(code).roster.filter((s) => s.role === 'operator')).toHaveLength(1);
    await until('the roster to show them back', () => facilitator.synced()?.roster[seatOf(operator)]?.connected === true);

    // The catch-up arrived before `returnToSeat` resolved: exactly the missed events, none twice.
    expect(back.events.slice(heldBefore.length).map((e) => e.seq)).toEqual(
      Array.from({ length: missed }, (_, i) => heldBefore.length + i + 1),
    );
    await accepted(back, { type: 'note', text: 'Back online.' });
    await accepted(facilitator, { type: 'pause', secret });
    const lists = await caughtUp(code, [facilitator, commander, comms, back]);
    for (const list of lists) expect(list).toEqual(lists[0]);
    expect(lists[0]!.map((e) => e.seq)).toEqual(lists[0]!.map((_, i) => i + 1));
    expect(received.map((e) => e.seq)).toEqual(lists[0]!.slice(heldBefore.length + missed).map((e) => e.seq));

    // A reload holds nothing: the same seat, and the whole history again.
    const taken = new Promise<number>((resolve) => back.onLeave(resolve));
    const reloaded = track(await client.returnToSeat(code, tokenOf(operator)));
    expect(reloaded.events).toEqual(coreOf(code).events);
    expect(await taken).toBe(CLOSE_SEAT_TAKEN);
    expect(coreOf(code).roster.find((s) => s.id === seatOf(operator))?.connected).toBe(true);
  });
});

describe('joining', () => {
  it('refuses each bad join with its own reason', async () => {
    const { code, secret } = await gameDay();
    const refusal = async (join: () => Promise<unknown>) => {
      try {
        await join();
      } catch (error) {
        expect(error).toBeInstanceOf(TeamJoinError);
        return (error as TeamJoinError).error.code;
      }
      throw new Error('the join was accepted');
    };
    expect(await refusal(() => client.join('ZZZZZZZZZZ', { name: 'Eve', role: 'operator' }))).toBe('join.code');
    expect(await refusal(() => client.join(code, { name: 'Eve', role: 'pilot' }))).toBe('join.role');
    expect(await refusal(() => client.join(code, { name: 'E'.repeat(41), role: 'operator' }))).toBe('protocol.invalid');
    expect(await refusal(() => client.join(code, { name: 'Eve\nline', role: 'operator' }))).toBe('protocol.invalid');
    expect(await refusal(() => client.returnToSeat(code, 'a'.repeat(43)))).toBe('join.seat');
    expect(await refusal(() => client.facilitate(code, 'b'.repeat(43)))).toBe('auth.facilitator');
    expect(await refusal(() => client.create({ scenario: 'no-such-scenario' }))).toBe('room.unknown-scenario');
    const raw = new Client(server.endpoint);
    await expect(raw.joinById(code, { as: 'create', game: { scenario: flagship.id } })).rejects.toThrow(/join\.not-creator/);
    await expect(raw.joinById(code, { as: 'player', name: 'Eve', role: 'operator', extra: 1 })).rejects.toThrow(/protocol\.invalid/);
    // Rooms are private: without the code there is nothing to join.
    await expect(raw.join(ROOM_NAME, { as: 'player', name: 'Eve', role: 'operator' })).rejects.toThrow();
    // The facilitator can come back with the secret, and sees the private notes.
    const console2 = track(await client.facilitate(code, secret));
    await accepted(console2, { type: 'facilitator-note', secret, text: 'Second screen works.' });
    await until('the notes', () => console2.notes.length === 1);
  });

  it('answers only its own path on the http server, and refuses an oversized matchmaking request', async () => {
    const request = (method: string, path: string, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: server.port, method, path, headers: body ? { 'content-type': 'application/json' } : {} },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    expect(await request('GET', '/')).toBe(404);
    expect(await request('GET', '/matchmake/joinById/x')).toBe(404);
    expect(await request('GET', '/team/elsewhere')).toBe(404);
    expect(
      await request(
        'POST',
        `/team/matchmake/create/${ROOM_NAME}`,
        JSON.stringify({ as: 'create', game: { scenario: flagship.id }, pad: 'x'.repeat(20_000) }),
      ),
    ).toBe(413);
  });
});

describe('a projector view (a watcher)', () => {
  it('follows the same events as the players with nothing but the code, and is not in the roster', async () => {
    const { code, secret, facilitator, commander, operator, comms } = await gameDay();
    const watcher = track(await client.watch(code));
    expect(watcher.welcome.you).toEqual({ kind: 'watcher' });
    expect(watcher.welcome.injects).toEqual([]);
    expect(watcher.welcome.roles.map((r) => r.id)).toEqual(facilitator.welcome.roles.map((r) => r.id));
    expect(coreOf(code).roster).toHaveLength(3);

    await accepted(facilitator, { type: 'start', secret });
    await accepted(operator, { type: 'act', action: 'check_deploy_history' });
    await accepted(comms, { type: 'post', channel: 'general', text: 'Comms here.' });
    await accepted(facilitator, { type: 'facilitator-note', secret, text: 'Private: the projector must not see this.' });
    await accepted(facilitator, { type: 'pause', secret });
    const lists = await caughtUp(code, [facilitator, commander, operator, comms, watcher]);
    for (const list of lists) expect(list).toEqual(lists[0]);
    // Watchers get no notes, take no seat and do not count as facilitators.
    expect(watcher.notes).toEqual([]);
    expect(coreOf(code).roster).toHaveLength(3);
    await until('the state to reach the watcher', () => watcher.room.state.roster?.size === 3);
    expect(watcher.room.state.facilitators).toBe(1);
    // The console sees how many projector views are watching.
    await until('the watcher count to reach the console', () => facilitator.synced()?.watchers === 1);
  });

  it('is refused every command but sync, with its own code, and the room stays exactly as it was', async () => {
    const { code, secret, facilitator, operator, all } = await gameDay();
    await accepted(facilitator, { type: 'start', secret });
    await accepted(facilitator, { type: 'pause', secret });
    const watcher = track(await client.watch(code));
    await caughtUp(code, [...all, watcher]);
    const before = structuredClone(coreOf(code));
    const refusals: ErrorMessage[] = [];
    watcher.onRefusal((e) => refusals.push(e));
    const attempts: unknown[] = [
      { type: 'act', action: 'check_deploy_history' },
      { type: 'reply', message: 'p12', choice: 'ack' },
      { type: 'post', channel: 'general', text: 'Hello from the projector.' },
      { type: 'note', text: 'A note.' },
      { type: 'resume', secret },
      { type: 'end', secret },
      { type: 'speed', secret, speed: 4 },
      { type: 'inject-text', secret, from: 'dana', channel: 'general', text: 'Everyone go home.' },
      { type: 'hint', secret, to: { role: 'operator' }, text: 'Roll back!' },
      { type: 'facilitator-note', secret, text: 'x' },
      { type: 'explode' },
    ];
    attempts.forEach((body, i) => watcher.room.send(MESSAGE.command, { ...(body as object), ref: 2000 + i }));
    watcher.room.send('hack', { type: 'start', secret });
    await until('every refusal', () => refusals.length === attempts.length + 1);
    expect(refusals.map((r) => r.code)).toEqual(Array(attempts.length + 1).fill('watch.read-only'));
    expect(refusals[0]!.message).toMatch(/projector view only watches/);
    expect(coreOf(code)).toEqual(before);
    // It may still ask for events: a sync since 0 is the whole history again.
    expect(await watcher.send({ type: 'sync', since: 0 } as never)).toMatchObject({ ok: true });
    await accepted(operator, { type: 'note', text: 'The players carry on.' });
  });

  it('reconnects from the last event it holds, like a player', async () => {
    const { code, secret, facilitator, operator } = await gameDay();
    await accepted(facilitator, { type: 'start', secret });
    const watcher = track(await client.watch(code));
    await accepted(operator, { type: 'act', action: 'check_deploy_history' });
    await accepted(facilitator, { type: 'pause', secret });
    await caughtUp(code, [facilitator, watcher]);
    const held = [...watcher.events];
    const dropped = new Promise<number>((resolve) => watcher.onLeave(resolve));
    (watcher.room.connection.transport as unknown as { ws: { terminate(): void } }).ws.terminate();
    await dropped;
    await accepted(facilitator, { type: 'inject-text', secret, from: 'bea', channel: 'support', text: 'Customers cannot pay!' });
    await accepted(operator, { type: 'note', text: 'While the projector was away.' });
    const back = track(await client.watch(code, held));
    // What it held plus the inject and the note it missed, each once and in order.
    expect(held.length).toBeGreaterThan(0);
    expect(back.events.length).toBe(held.length + 2);
    expect(back.events.map((e) => e.seq)).toEqual(coreOf(code).events.map((e) => e.seq));
    expect(back.events).toEqual(coreOf(code).events);
  });

  it('takes at most a few watchers per game day, and says so', async () => {
    const { code } = await gameDay();
    const watchers = [];
    for (let i = 0; i < MAX_WATCHERS; i++) watchers.push(track(await client.watch(code)));
    const refused = await client.watch(code).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(TeamJoinError);
    expect((refused as TeamJoinError).error.code).toBe('room.full');
    expect((refused as TeamJoinError).message).toMatch(/projector views/);
    // Players still get in; a watcher that leaves frees its place.
    track(await client.join(code, { name: 'Dee', role: 'scribe' }));
    await watchers[0]!.leave();
    await until(
      'the room to see the watcher go',
      () =>
        [
          ...(matchMaker.getLocalRoomById(code) as unknown as { connections: Map<string, { watcher: boolean }> }).connections.values(),
        ].filter((c) => c.watcher).length ===
        MAX_WATCHERS - 1,
    );
    track(await client.watch(code));
    expect(coreOf(code).roster.map((r) => r.name)).toEqual(['Ada', 'Otto', 'Cass', 'Dee']);
  });
});

describe("a game day's public facts over http", () => {
  const get = (path: string, method = 'GET') =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: unknown }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, method, path }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : null }));
      });
      req.on('error', reject);
      req.end();
    });

  it("serves the scenario's own roles, and keeps the phase and players fresh", async () => {
    const facilitator = track(await client.create({ scenario: teamMini.id }));
    const code = facilitator.welcome.code;
    const secret = secretOf(facilitator);
    const first = await get(`/team/game-days/${code}`);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.body).toEqual({
      code,
      scenario: { id: 'mini', title: 'Mini incident' },
      roles: [
        { id: 'lead', name: 'Lead', description: 'Does everything.' },
        { id: 'fixer', name: 'Fixer', description: 'Only fixes.' },
      ],
      phase: 'lobby',
      players: [],
    });
    expect(RoomInfo.safeParse(first.body).success).toBe(true);
    expect(JSON.stringify(first.body)).not.toContain(secret);

    track(await client.join(code, { name: 'Ada', role: 'fixer' }));
    await accepted(facilitator, { type: 'start', secret });
    // A typed code is normalised: case, spaces and dashes do not matter.
    const later = await get(`/team/game-days/${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`);
    expect(later.body).toMatchObject({ code, phase: 'running', players: [{ name: 'Ada', role: 'fixer' }] });
  });

  it('answers 404 for an unknown code, 400 for garbage, and 405 for anything but GET', async () => {
    const unknown = await get('/team/game-days/ZZZZZZZZZZ');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/json/);
    expect(unknown.body).toEqual({ code: 'join.code', message: 'No game day has the code ZZZZZZZZZZ.' });
    for (const garbage of [
      '/team/game-days/',
      '/team/game-days/..%2F..%2Fetc',
      '/team/game-days/%E0%A4%A',
      `/team/game-days/${'A'.repeat(500)}`,
      '/team/game-days/ABCDEFGHJK/extra',
    ]) {
      const answer = await get(garbage);
      expect(answer.status, garbage).toBe(400);
      expect(answer.body, garbage).toMatchObject({ code: 'join.code' });
    }
    const { code } = await gameDay();
    expect((await get(`/team/game-days/${code}`, 'POST')).status).toBe(405);
    expect((await get(`/team/game-days/${code}`, 'DELETE')).status).toBe(405);
  });
});
