/**
 * The join form's look-up: a game day's public facts (`GET /team/game-days/<code>`), checked against
 * the protocol before anything of it is shown.
 */
import { ROOM_INFO_PATH, RoomInfo, RoomInfoRefusal, describeIssue } from '../../net/protocol';
import { errorText } from './connection';

export type RoomInfoAnswer = { ok: true; info: RoomInfo } | { ok: false; message: string };

export async function readRoomInfo(origin: string, code: string, fetcher: typeof fetch): Promise<RoomInfoAnswer> {
  let response: Response;
  let body: unknown;
  try {
    response = await fetcher(`${origin}/team${ROOM_INFO_PATH}${encodeURIComponent(code)}`, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
    });
    body = await response.json();
  } catch (error) {
    return { ok: false, message: `Could not look up the game day: ${errorText(error)}` };
  }
  if (!response.ok) {
    const refusal = RoomInfoRefusal.safeParse(body);
    return {
      ok: false,
      message: refusal.success ? refusal.data.message : `Could not look up the game day (the server answered ${response.status}).`,
    };
  }
  const info = RoomInfo.safeParse(body);
  // A garbled (or hostile) answer is refused whole rather than shown in part.
  if (!info.success)
    return { ok: false, message: `The server's answer about this game day is not valid: ${describeIssue(info.error, body)}` };
  if (info.data.code !== code) return { ok: false, message: 'The server answered about a different game day.' };
  return { ok: true, info: info.data };
}
