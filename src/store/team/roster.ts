/**
 * The roster a team page shows: the seats from the room's numbered events, each with whether it is
 * connected, which comes from the room's synchronised state instead (no event is numbered for it).
 */
import type { SeatView, SyncedState } from '../../net/protocol';

export interface TeamSeat extends SeatView {
  connected: boolean;
}

/** The seats the events name, keeping the connected flag already shown (a new seat is connected: it just joined). */
export function keepConnected(seats: readonly SeatView[], shown: readonly TeamSeat[]): TeamSeat[] {
  return seats.map((seat) => ({ ...seat, connected: shown.find((r) => r.id === seat.id)?.connected ?? true }));
}

/** The shown roster with the synchronised connected flags; the same array when nothing changed, so nothing redraws. */
export function withConnected(shown: readonly TeamSeat[], synced: SyncedState['roster']): readonly TeamSeat[] {
  const flag = (id: string) => (Object.hasOwn(synced, id) ? synced[id]!.connected : undefined);
  if (!shown.some((s) => flag(s.id) !== undefined && flag(s.id) !== s.connected)) return shown;
  return shown.map((s) => {
    const connected = flag(s.id);
    return connected === undefined ? s : { ...s, connected };
  });
}
