/**
 * Team mode under load, on loopback: one production server process (`src/server/main.ts`, rooms
 * in memory) and, in this process, R game days of six colyseus.js clients each (a facilitator and
 * five players). Once every room runs, each player sends a command every few seconds; the figure is
 * the time from a player's command to each client of the room receiving the resulting event (every
 * delivery counts, the sender's own included), with the server process's CPU and memory alone.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Client, type Room } from 'colyseus.js';
import { MESSAGE, ROOM_NAME } from '../src/net/protocol';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCENARIO = 'friday-deploy';
/** Who sits in each room besides the facilitator; chat roles post in #general, the scribe writes notes. */
const PLAYERS = [
  { role: 'commander', name: 'Ada' },
  { role: 'operator', name: 'Otto' },
  { role: 'operator', name: 'Olga' },
  { role: 'comms', name: 'Cass' },
  { role: 'scribe', name: 'Sid' },
] as const;
const CLIENTS_PER_ROOM = PLAYERS.length + 1;
/** A player's pause between commands: uniform in this range (a busy incident, several times a person's pace). */
const INTERVAL_MS = [2000, 4000] as const;
const WARMUP_MS = 3000;
const TARGET_P99_MS = 100;
/** Rooms being set up at once. */
const SETUP_CONCURRENCY = 10;
const STARTUP_MS = 30_000;
/** How long after the last command the bench waits for its events. */
const DRAIN_MS = 3000;

export interface TeamBenchOptions {
  quick: boolean;
  rooms?: number;
  /** Measured seconds of play, after the warm-up. */
  seconds?: number;
}

interface Pending {
  sentAt: number;
  /** Clients still to receive it. */
  remaining: number;
  measured: boolean;
}

interface Seat {
  room: Room;
  role: string;
}

/** Runs the load bench and prints its lines; false if it could not run. */
export async function benchTeam(options: TeamBenchOptions, print: (line: string) => void): Promise<boolean> {
  const roomCount = options.rooms ?? (options.quick ? 20 : 100);
  const seconds = options.seconds ?? (options.quick ? 8 : 25);
  let server: ChildProcess | undefined;
  const rooms: Room[] = [];
  try {
    const started = await startServer();
    server = started.child;
    const endpoint = `ws://127.0.0.1:${started.port}/team`;

    // What the clients see: every delivery of a player's event, keyed by its unique text.
    const pending = new Map<string, Pending>();
    const deliveries: number[] = [];
    const slowest: number[] = [];
    let measuredActions = 0;
    let refused = 0;
    const refusals = new Map<string, number>();
    const onEvents = (raw: unknown) => {
      const now = performance.now();
      const events = (raw as { events?: unknown[] }).events ?? [];
      for (const event of events as { kind?: string; entry?: { input?: { text?: string } } }[]) {
        const text = event.kind === 'input' ? event.entry?.input?.text : undefined;
        const p = text === undefined ? undefined : pending.get(text);
        if (!p) continue;
        if (p.measured) deliveries.push(now - p.sentAt);
        if (--p.remaining === 0) {
          if (p.measured) slowest.push(now - p.sentAt);
          pending.delete(text!);
        }
      }
    };

    // Set up: R rooms, each a facilitator and five players, all synced, then started.
    const setupStart = performance.now();
    const client = new Client(endpoint);
    const seats: Seat[] = [];
    let next = 0;
    const setUpRoom = async () => {
      for (let i = next++; i < roomCount; i = next++) {
        const facilitator = await enter(
          () => client.create(ROOM_NAME, { as: 'create', game: { scenario: SCENARIO, speed: 1 } }),
          onEvents,
          rooms,
        );
        const code = facilitator.welcome.code as string;
        const secret = (facilitator.welcome.you as { secret: string }).secret;
        for (const p of PLAYERS) {
          const player = await enter(() => client.joinById(code, { as: 'player', name: p.name, role: p.role }), onEvents, rooms);
          seats.push({ room: player.room, role: p.role });
        }
        await facilitator.command({ type: 'start', secret });
      }
    };
    await Promise.all(Array.from({ length: SETUP_CONCURRENCY }, setUpRoom));
    const setupSeconds = (performance.now() - setupStart) / 1000;

    // Play: each player sends a command every 2–4 s; the first WARMUP_MS are not measured.
    let counter = 0;
    let sending = true;
    let measuring = false;
    const timers = new Set<NodeJS.Timeout>();
    for (const seat of seats) {
      seat.room.onMessage(MESSAGE.error, (raw: { code?: string }) => {
        refused++;
        refusals.set(raw.code ?? '?', (refusals.get(raw.code ?? '?') ?? 0) + 1);
      });
      const act = () => {
        timers.delete(timer);
        if (!sending) return;
        const text = `Load check #${++counter}`;
        pending.set(text, { sentAt: performance.now(), remaining: CLIENTS_PER_ROOM, measured: measuring });
        if (measuring) measuredActions++;
        seat.room.send(MESSAGE.command, seat.role === 'scribe' ? { type: 'note', text } : { type: 'post', channel: 'general', text });
        schedule();
      };
      let timer: NodeJS.Timeout;
      const schedule = () => {
        timer = setTimeout(act, INTERVAL_MS[0] + Math.random() * (INTERVAL_MS[1] - INTERVAL_MS[0]));
        timers.add(timer);
      };
      schedule();
    }
    await sleep(WARMUP_MS);

    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const cpuBefore = processCpuSeconds(server.pid!);
    const machineBefore = machineCpu();
    const ownCpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    measuring = true;
    await sleep(seconds * 1000);
    measuring = false;
    const wall = (performance.now() - wallBefore) / 1000;
    const cpuAfter = processCpuSeconds(server.pid!);
    const machineAfter = machineCpu();
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const memory = processMemory(server.pid!);
    lag.disable();
    sending = false;
    for (const t of timers) clearTimeout(t);
    await waitFor(() => [...pending.values()].every((p) => !p.measured), DRAIN_MS);
    const missing = [...pending.values()].filter((p) => p.measured).reduce((n, p) => n + p.remaining, 0);

    deliveries.sort((a, b) => a - b);
    slowest.sort((a, b) => a - b);
    const p50 = quantile(deliveries, 0.5);
    const p99 = quantile(deliveries, 0.99);
    const serverCpu = cpuBefore !== null && cpuAfter !== null ? `${(((cpuAfter - cpuBefore) / wall) * 100).toFixed(0)}%` : 'n/a (no /proc)';
    const rss = memory ? `${(memory.rss / 1e6).toFixed(0)} MB` : 'n/a (no /proc)';
    print(
      `team: ${roomCount} rooms × ${CLIENTS_PER_ROOM} clients, ${measuredActions.toLocaleString('en-US')} actions, action→all clients p50 ${ms(p50)}, p99 ${ms(p99)} ` +
        `(target p99 < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'met' : 'missed'}); server CPU ${serverCpu}, RSS ${rss}`,
    );
    const refusedText = refused === 0 ? 'none refused' : `${refused} refused (${[...refusals].map(([c, n]) => `${c} ×${n}`).join(', ')})`;
    print(
      `team: each player acts every ${INTERVAL_MS[0] / 1000}–${INTERVAL_MS[1] / 1000} s, measured ${wall.toFixed(0)} s after a ${WARMUP_MS / 1000} s warm-up; ` +
        `${deliveries.length.toLocaleString('en-US')} deliveries, ${missing} missing, ${refusedText}; slowest client per action p50 ${ms(quantile(slowest, 0.5))}, p99 ${ms(quantile(slowest, 0.99))}, max ${ms(slowest.at(-1) ?? NaN)}`,
    );
    const machineBusy =
      machineBefore && machineAfter
        ? `; all ${machineAfter.cores} cores together were ${(((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * 100).toFixed(0)}% busy (anything else running shows here)`
        : '';
    print(
      `team: server peak RSS ${memory ? `${(memory.peak / 1e6).toFixed(0)} MB` : 'n/a'}; the ${(roomCount * CLIENTS_PER_ROOM).toLocaleString('en-US')} clients (this process) used ` +
        `${(((ownCpu.user + ownCpu.system) / 1e6 / wall) * 100).toFixed(0)}% CPU, event-loop delay p99 ${ms(lag.percentile(99) / 1e6)}${machineBusy}; setup took ${setupSeconds.toFixed(1)} s`,
    );
    return true;
  } catch (error) {
    print(`team: failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return false;
  } finally {
    await Promise.allSettled(rooms.map((r) => r.leave(true)));
    await stopServer(server);
  }
}

/** A client in a room once the server has welcomed and synced it; `command` sends and awaits the answer. */
async function enter(join: () => Promise<Room>, onEvents: (raw: unknown) => void, all: Room[]) {
  const room = await join();
  all.push(room);
  let welcomed: (w: Record<string, unknown>) => void = () => {};
  const welcome = new Promise<Record<string, unknown>>((resolve) => (welcomed = resolve));
  const answers = new Map<number, (ok: boolean) => void>();
  let ref = 0;
  room.onMessage(MESSAGE.welcome, (w: Record<string, unknown>) => welcomed(w));
  room.onMessage(MESSAGE.events, onEvents);
  room.onMessage(MESSAGE.ack, (a: { ref: number }) => answers.get(a.ref)?.(true));
  room.onMessage(MESSAGE.error, (e: { ref?: number }) => e.ref !== undefined && answers.get(e.ref)?.(false));
  room.onMessage(MESSAGE.notes, () => {});
  const command = async (body: Record<string, unknown>) => {
    const r = ++ref;
    const ok = await withTimeout(
      new Promise<boolean>((resolve) => answers.set(r, resolve)),
      10_000,
      `an answer to "${String(body.type)}"`,
      () => room.send(MESSAGE.command, { ...body, ref: r }),
    );
    answers.delete(r);
    if (!ok) throw new Error(`the server refused "${String(body.type)}"`);
  };
  const w = await withTimeout(welcome, 10_000, 'the welcome');
  await command({ type: 'sync', since: 0 });
  return { room, welcome: w, command };
}

/** Starts the production server on a free loopback port, rooms in memory, and waits for its "serving" line. */
async function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
  delete env.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  try {
    const port = await withTimeout(
      new Promise<number>((resolve, reject) => {
        const check = () => {
          const match = /serving on http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
          if (match) return resolve(Number(match[1]));
          if (child.exitCode !== null) return reject(new Error(`the server exited with ${child.exitCode}: ${output.trim()}`));
          setTimeout(check, 50);
        };
        check();
      }),
      STARTUP_MS,
      'the server to start',
    );
    return { child, port };
  } catch (error) {
    await stopServer(child);
    throw error;
  }
}

async function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(force);
}

let clockTicks: number | undefined;
/** User + system CPU seconds of a process so far, from /proc (Linux); null elsewhere. */
function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

/** Resident memory now and at its peak, in bytes, from /proc (Linux); null elsewhere. */
function processMemory(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kB = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
    return { rss: kB('VmRSS'), peak: kB('VmHWM') };
  } catch {
    return null;
  }
}

/** The machine's CPU time so far, busy and in all, in /proc/stat's ticks (Linux); null elsewhere. */
function machineCpu(): { busy: number; total: number; cores: number } | null {
  try {
    const stat = readFileSync('/proc/stat', 'utf8');
    const all = stat.split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (all[3] ?? 0) + (all[4] ?? 0);
    const total = all.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total, cores: (stat.match(/^cpu\d+ /gm) ?? []).length };
  } catch {
    return null;
  }
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const ms = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms` : 'n/a');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check() && performance.now() < deadline) await sleep(20);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string, start?: () => void): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)),
  );
  start?.();
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
