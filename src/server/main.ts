/**
 * The production server (`npm run serve`): one Node http server on one port serves the built game
 * from `dist/` and team mode under `/team`. Rooms live in memory; with `REDIS_URL` set, several of
 * these processes share their rooms through Redis behind one address (see peer-forward.ts).
 *
 * Environment:
 *   PORT                    port to listen on (default 8080; 0 picks a free one)
 *   HOST                    interface (default 127.0.0.1; HOST=0.0.0.0 serves the LAN)
 *   FIREDRILL_DIST          the built game (default dist/ in the project)
 *   FIREDRILL_SCENARIOS     the scenarios a facilitator may choose (default scenarios/ in the project)
 *   REDIS_URL               share rooms with other processes, e.g. redis://10.0.0.5:6379
 *   FIREDRILL_PEER_ADDRESS  with REDIS_URL: host:port the other processes reach this one at
 *                           (default HOST:PORT, or this machine's host name when HOST is 0.0.0.0)
 *
 * Stops cleanly on SIGINT and SIGTERM: no new connections, every room closed, Redis left tidy.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { matchMaker } from '@colyseus/core';
import { loadScenarioFolder } from './scenarios';
import { staticFiles } from './static-files';
import { createTeamServer, type TeamServer } from './team-server';

export const DEFAULT_PORT = 8080;
const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
/** How long a shutdown may take before the process gives up waiting and exits anyway. */
const SHUTDOWN_LIMIT_MS = 10_000;

export interface ServeOptions {
  port: number;
  host: string;
  /** The built game. */
  dist: string;
  /** The scenario folder. */
  scenarios: string;
  redisUrl?: string;
  peerAddress?: string;
}

export interface Served {
  /** The address it listens on, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string;
  readonly port: number;
  readonly team: TeamServer;
  close(): Promise<void>;
}

/** Vite's hashed file names never change content, so they may be kept; everything else is checked each time. */
const cacheHeaders = (file: string): Record<string, string> => ({
  'cache-control': file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
});

export async function serve(options: ServeOptions): Promise<Served> {
  const scenarios = loadScenarioFolder(options.scenarios);
  if (scenarios.length === 0) throw new Error(`No scenarios in ${options.scenarios}.`);
  const files = staticFiles(options.dist, { headers: cacheHeaders });
  const httpServer = http.createServer((req, res) => void files(req, res));
  await new Promise<void>((ok, fail) => {
    httpServer.once('error', fail);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', fail);
      ok();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  let team: TeamServer;
  try {
    // Mounted once listening, so the port (and with Redis, this process's address for its peers) is known.
    team = await createTeamServer({
      scenarios,
      httpServer,
      redisUrl: options.redisUrl ?? '',
      ...(options.peerAddress ? { peerAddress: options.peerAddress } : {}),
    });
  } catch (error) {
    httpServer.close();
    throw error;
  }
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}/`,
    port,
    team,
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((ok) => httpServer.close(() => ok()));
        await team.close();
        httpServer.closeAllConnections();
        await closed;
      })()),
  };
}

/** Reads the environment; throws a sentence naming the bad variable. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): ServeOptions {
  const port = env.PORT === undefined || env.PORT === '' ? DEFAULT_PORT : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (0–65535), not "${env.PORT}".`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dist: resolve(env.FIREDRILL_DIST || resolve(PROJECT, 'dist')),
    scenarios: resolve(env.FIREDRILL_SCENARIOS || resolve(PROJECT, 'scenarios')),
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    ...(env.FIREDRILL_PEER_ADDRESS ? { peerAddress: env.FIREDRILL_PEER_ADDRESS } : {}),
  };
}

async function main(): Promise<void> {
  const options = optionsFromEnv(process.env);
  if (!existsSync(resolve(options.dist, 'index.html'))) {
    console.error(`firedrill: no built game in ${options.dist} (run "npm run build"); serving team mode only.`);
  }
  const served = await serve(options);
  const rooms = options.redisUrl
    ? `rooms shared through Redis as process ${matchMaker.processId}, ${served.team.peerAddress ? `reachable by its peers at ${served.team.peerAddress}` : 'with no address for its peers'}`
    : 'rooms in memory';
  console.log(`firedrill: serving on ${served.url} (team mode under /team; ${rooms})`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`firedrill: ${signal} again; exiting now.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`firedrill: ${signal}: closing rooms and stopping.`);
    setTimeout(() => {
      console.error(`firedrill: still stopping after ${SHUTDOWN_LIMIT_MS / 1000} s; exiting anyway.`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    served.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('firedrill: could not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(`firedrill: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
