/**
 * Several processes behind one address. With Redis, any process answers matchmaking: Colyseus
 * reserves the seat on the process that hosts the room (over Redis) and the client then opens its
 * websocket at `<team path>/<processId>/<roomId>` on the address it already uses, which a load
 * balancer may send to any process. A process that does not host the room passes that websocket
 * on, byte for byte, to the one that does, found by its processId in Redis. So the processes need
 * only reach each other; the front needs no per-process routes and no sticky sessions.
 */
import net from 'node:net';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { matchMaker } from '@colyseus/core';

/** Redis hash: processId → the `host:port` other processes reach it at. */
const PEERS_KEY = 'firedrill:peers';
/** Marks a websocket already passed on once, so a stale address can never make a loop. */
export const FORWARDED_HEADER = 'x-firedrill-forwarded';
const CONNECT_TIMEOUT_MS = 5000;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface PeerForwarding {
  /** Where the room named in a websocket URL lives, when that is another process; null to handle it here. */
  elsewhere(url: string | undefined, headers: http.IncomingHttpHeaders): string | null;
  /** Passes the websocket on to `processId`; false when nobody knows where that process is. */
  forward(processId: string, req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<boolean>;
  /** Forgets this process's address and cuts every websocket passed on. */
  close(): Promise<void>;
}

/** Parses `host:port` (IPv6 as `[::1]:port`). */
export function parsePeerAddress(address: string): { host: string; port: number } {
  let url: URL;
  try {
    url = new URL(`http://${address}`);
  } catch {
    throw new Error(`A peer address must look like "host:port", not "${address}".`);
  }
  const port = Number(url.port);
  if (!url.hostname || !Number.isInteger(port) || port <= 0 || url.pathname !== '/' || url.username || url.search) {
    throw new Error(`A peer address must look like "host:port", not "${address}".`);
  }
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
}

/** Registers this process at `address` (host:port, reachable by the other processes) and returns the forwarder. */
export async function peerForwarding(address: string | undefined): Promise<PeerForwarding> {
  if (address !== undefined) {
    parsePeerAddress(address);
    await matchMaker.presence.hset(PEERS_KEY, matchMaker.processId, address);
  }
  const passedOn = new Set<Duplex>();

  return {
    elsewhere(url, headers) {
      if (headers[FORWARDED_HEADER] !== undefined) return null;
      const pathname = (url ?? '').split('?')[0]!;
      const match = /\/([^/]+)\/([^/]+)$/.exec(pathname);
      if (!match) return null;
      const [, processId, roomId] = match as unknown as [string, string, string];
      if (!ID.test(processId) || processId === matchMaker.processId || matchMaker.getLocalRoomById(roomId)) return null;
      return processId;
    },

    async forward(processId, req, socket, head) {
      const target = await matchMaker.presence.hget(PEERS_KEY, processId);
      if (!target || socket.destroyed) return false;
      const { host, port } = parsePeerAddress(target);
      const upstream = net.connect({ host, port });
      passedOn.add(socket);
      const cut = () => {
        passedOn.delete(socket);
        socket.destroy();
        upstream.destroy();
      };
      socket.on('error', cut).on('close', cut);
      upstream.on('error', cut).on('close', cut);
      upstream.setTimeout(CONNECT_TIMEOUT_MS, cut);
      upstream.once('connect', () => {
        upstream.setTimeout(0);
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
        for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
          const name = req.rawHeaders[i]!;
          if (name.toLowerCase() === 'x-forwarded-for' || name.toLowerCase() === FORWARDED_HEADER) continue;
          lines.push(`${name}: ${req.rawHeaders[i + 1]}`);
        }
        const forwardedFor = [req.headers['x-forwarded-for'], socket instanceof net.Socket ? socket.remoteAddress : undefined]
          .flat()
          .filter(Boolean)
          .join(', ');
        if (forwardedFor) lines.push(`x-forwarded-for: ${forwardedFor}`);
        lines.push(`${FORWARDED_HEADER}: ${matchMaker.processId}`);
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) upstream.write(head);
        socket.pipe(upstream).pipe(socket);
      });
      return true;
    },

    async close() {
      for (const socket of passedOn) socket.destroy();
      passedOn.clear();
      if (address !== undefined) await matchMaker.presence.hdel(PEERS_KEY, matchMaker.processId);
    },
  };
}
