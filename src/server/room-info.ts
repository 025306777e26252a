/**
 * `GET <team path>/game-days/<code>`: a game day's public facts (scenario, roles, phase, who plays),
 * so the join form can offer that game day's own roles before anyone joins. Read from the room's
 * listing metadata through the matchmaker, so with Redis any process can answer for any room.
 */
import type http from 'node:http';
import { matchMaker } from '@colyseus/core';
import { JoinCode, normaliseJoinCode, ROOM_NAME, RoomInfo, type RoomInfoRefusal } from '../net/protocol';

/** Longest code segment looked at: a join code is 10 characters, with dashes or spaces a few more. */
const MAX_CODE_TEXT = 40;

/** Answers one room-info request; `rest` is the part of the path after `/game-days/`. */
export async function serveRoomInfo(req: http.IncomingMessage, res: http.ServerResponse, rest: string): Promise<void> {
  if (req.method !== 'GET') return send(res, 405, { code: 'protocol.invalid', message: 'Only GET is allowed here.' }, { allow: 'GET' });
  let typed: string;
  try {
    typed = decodeURIComponent(rest.split('?')[0]!);
  } catch {
    typed = '';
  }
  const code = normaliseJoinCode(typed.slice(0, MAX_CODE_TEXT));
  if (typed.length > MAX_CODE_TEXT || !JoinCode.safeParse(code).success) {
    return send(res, 400, { code: 'join.code', message: 'That is not a join code: it has 10 letters and digits.' });
  }
  try {
    const [listing] = await matchMaker.query({ name: ROOM_NAME, roomId: code });
    // A room still being created has no facts yet; anything odd in the listing is not served.
    const info = RoomInfo.safeParse(listing?.metadata);
    if (!info.success) return send(res, 404, { code: 'join.code', message: `No game day has the code ${code}.` });
    send(res, 200, info.data);
  } catch (error) {
    console.error('team server: could not look up a game day', error);
    send(res, 500, { code: 'server.error', message: 'The server could not look up that game day; try again.' });
  }
}

function send(res: http.ServerResponse, status: number, body: RoomInfo | RoomInfoRefusal, extra: Record<string, string> = {}): void {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra })
    .end(JSON.stringify(body));
}
