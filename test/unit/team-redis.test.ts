/**
 * Team mode over several processes: Debian's redis-server on a loopback port and two production
 * servers (`src/server/main.ts`) sharing it. A facilitator opens a game day through process A; a
 * player joins it by its code through process B, whose matchmaker reserves the seat on A over
 * Redis and whose websocket B passes on to A; both then see the same numbered events.
 *
 * Needs `redis-server` (Debian: `apt-get install redis-server`; .ci/run installs it). Without it
 * this file fails rather than skips, so scale-out cannot silently go untested.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamClient, type TeamSession } from '../../src/net/team-client';

const root = join(import.meta.dirname, '../..');
const STARTUP_MS = 20_000;

interface ServerProcess {
  child: ChildProcess;
  port: number;
  processId: string;
  output: () => string;
}

let redis: ChildProcess | undefined;
let redisDir: string | undefined;
const servers: ServerProcess[] = [];
const sessions: TeamSession[] = [];

/** A port nobody listens on right now (the OS's pick, released at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** One PING over a fresh connection; true on PONG. */
function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

async function until<T>(what: string, check: () => T | Promise<T>, ms: number): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts `src/server/main.ts` on a free loopback port with Redis, and waits for its "serving" line. */
async function startServer(name: string, redisUrl: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL: redisUrl,
      FIREDRILL_PEER_ADDRESS: '',
      FIREDRILL_DIST: join(root, 'dist'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const server = { child, port: 0, processId: '', output: () => text };
  servers.push(server);
  const line = await until(
    `server ${name} to start (output so far: ${JSON.stringify(text)})`,
    () => {
      if (child.exitCode !== null) throw new Error(`server ${name} exited with ${child.exitCode}:\n${text}`);
      return /serving on http:\/\/127\.0\.0\.1:(\d+)\/.*as process ([A-Za-z0-9_-]+)/.exec(text);
    },
    STARTUP_MS,
  );
  server.port = Number(line[1]);
  server.processId = line[2]!;
  return server;
}

/** SIGTERM, then SIGKILL if it has not gone after `ms`. */
async function stop(child: ChildProcess | undefined, ms = 8000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  await exited;
  clearTimeout(timer);
}

beforeAll(async () => {
  const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new Error(
      "redis-server is not installed, and the scale-out test needs it: install Debian's package with " +
        '"sudo apt-get install redis-server" (CI does this in .ci/run), then run the tests again.',
    );
  }
  const port = await freePort();
  redisDir = mkdtempSync(join(tmpdir(), 'firedrill-redis-'));
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir], {
    stdio: 'ignore',
  });
  await until(
    'redis-server to answer PING',
    async () => {
      if (redis!.exitCode !== null) throw new Error(`redis-server exited with ${redis!.exitCode}`);
      return redisPing(port);
    },
    10_000,
  );
  const url = `redis://127.0.0.1:${port}`;
  await Promise.all([startServer('A', url), startServer('B', url)]);
}, 45_000);

afterAll(async () => {
  await Promise.allSettled(sessions.map((s) => s.leave()));
  await Promise.allSettled(servers.map((s) => stop(s.child)));
  await stop(redis, 3000);
  if (redisDir) rmSync(redisDir, { recursive: true, force: true });
}, 30_000);

/** Where a session's websocket went: `ws://host:port/team/<processId>/<roomId>?…`. */
const socketUrl = (s: TeamSession): URL =>
  new URL((s.room.connection as unknown as { transport: { ws: { url: string } } }).transport.ws.url);

describe('team mode over two processes sharing Redis', () => {
  it('lets a player join, through process B, a game day created on process A, and shows both the same events', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    expect(a.processId).not.toBe(b.processId);

    const facilitator = await teamClient(`ws://127.0.0.1:${a.port}/team`).create({ scenario: 'friday-deploy' });
    sessions.push(facilitator);
    const code = facilitator.welcome.code;
    const secret = facilitator.welcome.you.kind === 'facilitator' ? facilitator.welcome.you.secret : '';
    // The room lives on A, and the facilitator talks to A.
    expect(socketUrl(facilitator).port).toBe(String(a.port));
    expect(socketUrl(facilitator).pathname).toBe(`/team/${a.processId}/${code}`);

    const player = await teamClient(`ws://127.0.0.1:${b.port}/team`).join(code, { name: 'Ada', role: 'operator' });
    sessions.push(player);
    // The player only ever talked to B: its seat was reserved on A through B, and B carries its websocket to A.
    expect(socketUrl(player).port).toBe(String(b.port));
    expect(socketUrl(player).pathname).toBe(`/team/${a.processId}/${code}`);
    expect(player.welcome.code).toBe(code);

    expect(await facilitator.send({ type: 'start', secret })).toMatchObject({ ok: true });
    expect(await player.send({ type: 'act', action: 'check_deploy_history' })).toMatchObject({ ok: true });
    expect(await player.send({ type: 'post', channel: 'general', text: 'Looking at the deploy history.' })).toMatchObject({ ok: true });

    const seat = player.welcome.you.kind === 'player' ? player.welcome.you.seat.id : '';
    const playerInputs = (s: TeamSession) =>
      s.events.flatMap((e) => (e.kind === 'input' && e.entry.input.player === seat ? [e.entry.input.type] : []));
    await until("the player's act and post to reach the facilitator on A", () => playerInputs(facilitator).length === 2, 10_000);
    await until('both clients to hold the same number of events', () => facilitator.lastSeq() === player.lastSeq(), 10_000);
    // Clock events keep coming while the game runs: compare what both hold up to the same point.
    const upTo = Math.min(facilitator.lastSeq(), player.lastSeq());
    expect(player.events.slice(0, upTo)).toEqual(facilitator.events.slice(0, upTo));
    expect(facilitator.events.slice(0, upTo).map((e) => e.seq)).toEqual(Array.from({ length: upTo }, (_, i) => i + 1));
    expect(playerInputs(facilitator)).toEqual(['act', 'post']);

    // The game day's public facts live in its listing, which Redis shares: B answers for A's room.
    const info = await until(
      "process B to serve the game day's facts with the player in them",
      async () => {
        const res = await fetch(`http://127.0.0.1:${b.port}/team/game-days/${code}`);
        const body = (await res.json()) as { phase?: string; players?: unknown[] };
        return res.status === 200 && body.phase === 'running' && body.players?.length === 1 ? body : null;
      },
      10_000,
    );
    expect(info).toMatchObject({ code, scenario: { id: 'friday-deploy' }, players: [{ name: 'Ada', role: 'operator' }] });
    expect((info as { roles: { id: string }[] }).roles.map((r) => r.id)).toContain('operator');
    expect(JSON.stringify(info)).not.toContain(secret);
    expect((await fetch(`http://127.0.0.1:${b.port}/team/game-days/ZZZZZZZZZZ`)).status).toBe(404);
    expect(facilitator.events.find((e) => e.kind === 'seat')).toMatchObject({ seat: { id: seat, name: 'Ada', role: 'operator' } });
  }, 30_000);
});
