/** A join the server refused, apart from the client so the store can recognise one without loading colyseus.js. */
import type { RoomError } from './protocol';

/** A join the server refused; `error.code` says why (see ROOM_ERROR_CODES). */
export class TeamJoinError extends Error {
  constructor(readonly error: RoomError) {
    super(error.message);
    this.name = 'TeamJoinError';
  }
}
