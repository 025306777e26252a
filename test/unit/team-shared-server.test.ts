/**
 * Team mode mounted on a server it does not own, as the game's dev, preview and production servers
 * will lend theirs: the game's own routes and its other websockets (Vite's hot reload, say) keep
 * working, team mode answers under its path only, and closing team mode leaves the server running.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { teamClient } from '../../src/net/team-client';
import { createTeamServer, type TeamServer } from '../../src/server';
import { loadShipped } from './helpers/flagship';

let game: http.Server;
let other: WebSocketServer;
let team: TeamServer;
let port = 0;

beforeAll(async () => {
  game = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('the game'));
  // Another websocket on the same server, answering only its own protocol, as Vite's hot reload does.
  other = new WebSocketServer({ noServer: true });
  game.on('upgrade', (req, socket, head) => {
    if (req.headers['sec-websocket-protocol'] === 'vite-hmr') other.handleUpgrade(req, socket, head, (ws) => ws.send('hmr hello'));
  });
  await new Promise<void>((resolve) => game.listen(0, '127.0.0.1', resolve));
  port = (game.address() as AddressInfo).port;
  team = await createTeamServer({ scenarios: [loadShipped('friday-deploy.json')], httpServer: game });
});

afterAll(async () => {
  await team.close();
  other.close();
  await new Promise<void>((resolve) => game.close(() => resolve()));
});

const get = (path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });

const hmrHello = () =>
  new Promise<string>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, 'vite-hmr');
    ws.on('message', (data) => {
      resolve(String(data));
      ws.close();
    });
    ws.on('error', reject);
  });

describe('team mode on a lent server', () => {
  it("leaves the game's routes and other websockets alone", async () => {
    expect(await get('/')).toEqual({ status: 200, body: 'the game' });
    expect(await get('/src/matchmake.ts')).toEqual({ status: 200, body: 'the game' });
    expect(await hmrHello()).toBe('hmr hello');
  });

  it('serves game days under its path on the same port', async () => {
    expect(team.port).toBe(port);
    const client = teamClient(`ws://127.0.0.1:${port}/team`);
    const facilitator = await client.create({ scenario: 'friday-deploy' });
    const player = await client.join(facilitator.welcome.code, { name: 'Ada', role: 'operator' });
    expect(player.events.map((e) => e.kind)).toEqual(['seat']);
    await player.leave();
    await facilitator.leave();
  });

  it('closes without closing the server it was lent', async () => {
    await team.close();
    expect(await get('/')).toEqual({ status: 200, body: 'the game' });
    expect(await hmrHello()).toBe('hmr hello');
  });
});
