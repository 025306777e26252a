/**
 * Whether this page may send a player's input to the room at all. Each refusal has its own code: the
 * page's own (`client.…`) when it has nothing to send with, the room's when the room would refuse the
 * same input for the same reason, so a refusal reads the same whichever side gave it.
 */
import type { RoomError } from '../../net/protocol';

export interface Sender {
  /** Whether the page is in a game day. */
  connected: boolean;
  as: 'facilitator' | 'player' | 'watcher' | null;
  /** Whether the page has a seat to act from (a player's). */
  seated: boolean;
  reconnecting: boolean;
}

export const RECONNECTING: RoomError = { code: 'client.reconnecting', message: 'Reconnecting to the game day; try again in a moment.' };

export function refuseInput(sender: Sender): RoomError | null {
  if (!sender.connected) return { code: 'client.offline', message: 'Not connected to a game day.' };
  if (sender.as === 'watcher') return { code: 'watch.read-only', message: 'A projector view only watches.' };
  if (!sender.seated) return { code: 'seat.none', message: 'The facilitator watches; players act.' };
  if (sender.reconnecting) return RECONNECTING;
  return null;
}
