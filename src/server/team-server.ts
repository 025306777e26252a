/**
 * Mounts team mode on a Node http server: Colyseus's matchmaking and websockets under one path
 * (default `/team`), with a game day's public facts at `/team/game-days/<code>`, and everything
 * else left to the server's own handlers, so the game and its rooms can share one port. Rooms live
 * in memory; with `REDIS_URL` set, Colyseus's Redis presence and driver let several processes
 * behind one address share them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { Duplex } from 'node:stream';
import { matchMaker, Server, type MatchMakerDriver, type Presence } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { ROOM_INFO_PATH, ROOM_NAME } from '../net/protocol';
import type { RateLimit } from '../net/rate-limit';
import type { Scenario } from '../format/schema';
import { parsePeerAddress, peerForwarding, type PeerForwarding } from './peer-forward';
import { serveRoomInfo } from './room-info';
import { DEFAULT_ROOM_CONFIG, teamRoomClass } from './team-room';

export interface TeamServerOptions {
  /** The scenarios a facilitator may choose from. */
  scenarios: readonly Scenario[];
  /** Share this server (the game's); when left out, the team server listens on `port` itself. */
  httpServer?: http.Server;
  /** Port for a server of its own; 0 picks a free one. Default 2567. */
  port?: number;
  /** Interface for a server of its own. Default 127.0.0.1. */
  host?: string;
  /** Where team mode lives on the server. Default `/team`. */
  path?: string;
  /** Redis for several processes; default `process.env.REDIS_URL`, and in-memory when neither is set. */
  redisUrl?: string;
  /**
   * With Redis: the `host:port` the other processes reach this one at, so they can pass on the
   * websockets of rooms hosted here (see peer-forward.ts). Default: the address the http server
   * listens on, or this machine's host name when that is a wildcard (0.0.0.0, ::).
   */
  peerAddress?: string;
  rateLimit?: RateLimit;
  idleDisposeMs?: number;
  maxRooms?: number;
}

export interface TeamServer {
  readonly gameServer: Server;
  readonly httpServer: http.Server;
  /** The port the http server listens on. */
  readonly port: number;
  /** What a client connects to, e.g. `ws://127.0.0.1:2567/team`. */
  readonly endpoint: string;
  /** With Redis: the `host:port` this process told the others to pass websockets on to (none when it knew no address). */
  readonly peerAddress?: string;
  close(): Promise<void>;
}

/** Largest websocket message accepted: a 2,000-character post in any script, with room to spare. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;
/** Largest matchmaking request body (join options are a few hundred bytes). */
const MAX_MATCHMAKE_BODY = 8 * 1024;

/** Colyseus keeps its matchmaker in module state, so one team server per process. */
let active = false;

/** A websocket transport that never closes a server it was lent. */
class TeamTransport extends WebSocketTransport {
  constructor(
    server: http.Server,
    private readonly ownsServer: boolean,
  ) {
    super({ server, maxPayload: MAX_PAYLOAD_BYTES });
    // The transport starts pinging clients on "listening"; a lent server may be listening already.
    if (server.listening) this.autoTerminateUnresponsiveClients(this.pingIntervalMS, this.pingMaxRetries);
  }

  override shutdown(): void {
    clearInterval(this.pingInterval);
    this.wss.close();
    if (this.ownsServer) this.server?.close();
  }
}

export async function createTeamServer(options: TeamServerOptions): Promise<TeamServer> {
  if (active) throw new Error('A team server is already running in this process (Colyseus keeps one matchmaker per process).');
  active = true;
  try {
    return await start(options);
  } catch (error) {
    active = false;
    throw error;
  }
}

async function start(options: TeamServerOptions): Promise<TeamServer> {
  const path = (options.path ?? '/team').replace(/\/+$/, '');
  if (!/^\/[A-Za-z0-9_-]+$/.test(path)) throw new Error(`The team path must look like "/team", not "${options.path}".`);
  if (options.peerAddress !== undefined) parsePeerAddress(options.peerAddress);
  const owns = !options.httpServer;
  const httpServer = options.httpServer ?? http.createServer();
  const under = (url: string | undefined) =>
    url !== undefined && (url === path || url.startsWith(`${path}/`) || url.startsWith(`${path}?`));

  // Colyseus wraps the request listeners present when it starts and adds an upgrade listener for
  // every websocket; both are confined to `path` below, so the game's own routes (and, in the dev
  // server, Vite's hot-reload socket) never reach it.
  const ownRequestListeners = httpServer.listeners('request') as http.RequestListener[];
  const upgradeBefore = new Set(httpServer.listeners('upgrade'));
  const transport = new TeamTransport(httpServer, owns);
  const { presence, driver } = await scaleOut(options.redisUrl ?? process.env.REDIS_URL);
  const shared = driver !== undefined;
  const gameServer = new Server({
    transport,
    presence,
    driver,
    greet: false,
    gracefullyShutdown: false,
    ...(shared ? { selectProcessIdToCreateRoom: fewestRoomsHereFirst } : {}),
  });
  /** With Redis: passes on websockets for rooms on other processes (set once this process is registered). */
  let peers: PeerForwarding | null = null;

  const colyseusUpgrade = httpServer.listeners('upgrade').filter((l) => !upgradeBefore.has(l)) as ((
    req: http.IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ) => void)[];
  for (const l of colyseusUpgrade) httpServer.removeListener('upgrade', l);
  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (under(req.url)) {
      const here = () => {
        for (const l of colyseusUpgrade) l.call(httpServer, req, socket, head);
      };
      const elsewhere = peers?.elsewhere(req.url, req.headers);
      if (!peers || !elsewhere) return here();
      // The room lives on another process: pass the websocket on (or, with no address for it, let Colyseus refuse it here).
      peers.forward(elsewhere, req, socket, head).then(
        (forwarded) => forwarded || here(),
        () => socket.destroy(),
      );
    }
    // Nobody else listens on a server of our own: do not leave the socket hanging.
    else if (owns) socket.destroy();
  };
  httpServer.on('upgrade', onUpgrade);

  const handleMatchmake = (
    gameServer as unknown as { handleMatchMakeRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> }
  ).handleMatchMakeRequest.bind(gameServer);
  httpServer.removeAllListeners('request');
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!under(req.url)) {
      if (ownRequestListeners.length === 0) res.writeHead(404).end();
      for (const l of ownRequestListeners) l.call(httpServer, req, res);
      return;
    }
    if (req.url!.startsWith(`${path}${ROOM_INFO_PATH}`))
      return void serveRoomInfo(req, res, req.url!.slice(path.length + ROOM_INFO_PATH.length));
    if (!req.url!.startsWith(`${path}/matchmake/`)) return void res.writeHead(404).end();
    if (Number(req.headers['content-length'] ?? 0) > MAX_MATCHMAKE_BODY) return void res.writeHead(413).end();
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_MATCHMAKE_BODY) req.destroy();
    });
    void handleMatchmake(req, res);
  };
  httpServer.on('request', onRequest);

  gameServer.define(
    ROOM_NAME,
    teamRoomClass({
      scenarios: new Map(options.scenarios.map((s) => [s.id, s])),
      rateLimit: options.rateLimit ?? DEFAULT_ROOM_CONFIG.rateLimit,
      idleDisposeMs: options.idleDisposeMs ?? DEFAULT_ROOM_CONFIG.idleDisposeMs,
      tickMs: DEFAULT_ROOM_CONFIG.tickMs,
      maxRooms: options.maxRooms ?? DEFAULT_ROOM_CONFIG.maxRooms,
    }),
  );

  if (owns) {
    await gameServer.listen(options.port ?? 2567, options.host ?? '127.0.0.1');
  } else {
    await matchMaker.accept();
  }
  const address = httpServer.address() as AddressInfo | null;
  const port = address?.port ?? 0;
  (gameServer as unknown as { port: number }).port = port;
  // Registered with the port it is unregistered with on close, so Redis keeps no stale entry.
  if (!owns && httpServer.listening) await gameServer.registerProcessForDiscovery();
  const host = owns ? (options.host ?? '127.0.0.1') : 'localhost';
  const peerAddress = shared ? (options.peerAddress ?? (address ? defaultPeerAddress(address) : undefined)) : undefined;
  if (shared) peers = await peerForwarding(peerAddress);

  let closed = false;
  return {
    gameServer,
    httpServer,
    port,
    endpoint: `ws://${host.includes(':') ? `[${host}]` : host}:${port}${path}`,
    ...(peerAddress ? { peerAddress } : {}),
    async close() {
      if (closed) return;
      closed = true;
      await peers?.close();
      await gameServer.gracefullyShutdown(false);
      httpServer.removeListener('upgrade', onUpgrade);
      httpServer.removeListener('request', onRequest);
      for (const l of ownRequestListeners) httpServer.on('request', l);
      active = false;
    },
  };
}

/** In-memory rooms, or Redis presence and driver when a URL is given (loaded only then). */
async function scaleOut(redisUrl: string | undefined): Promise<{ presence?: Presence; driver?: MatchMakerDriver }> {
  if (!redisUrl) return {};
  const [{ RedisPresence }, { RedisDriver }] = await Promise.all([import('@colyseus/redis-presence'), import('@colyseus/redis-driver')]);
  return { presence: new RedisPresence(redisUrl), driver: new RedisDriver(redisUrl) };
}

/**
 * Where a new game day goes with several processes: the one with the fewest rooms, and on a tie the
 * process the request reached (no round trip through Redis); Colyseus's default picks any of the tied.
 */
async function fewestRoomsHereFirst(): Promise<string> {
  const here = matchMaker.processId;
  let best: { processId: string; roomCount: number } | undefined;
  for (const p of await matchMaker.stats.fetchAll()) {
    if (!best || p.roomCount < best.roomCount || (p.roomCount === best.roomCount && p.processId === here)) best = p;
  }
  return best?.processId ?? here;
}

/** The address the http server listens on, as other processes would dial it. */
function defaultPeerAddress(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? hostname() : address.address;
  return `${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
