/**
 * Entering a game day over the transport: the welcome's time limit, the way back to a seat or a
 * console (after a reload or a drop), and what a closed connection is told as.
 */
import type { RoomEvent, Welcome } from '../../net/protocol';
import type { TeamSession } from '../../net/team-client';
import type { TeamClient, TeamPorts } from './ports';
import { CLOSE_SEAT_TAKEN } from './reconnect';
import type { Saved } from './seat-storage';

/** What a thrown failure says, for a sentence shown to the player. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A session whose welcome does not arrive in time is given up with a clear error, rather than
 * leaving the page on "connecting"; one that arrives later is left at once.
 */
export function welcomed(
  ports: Pick<TeamPorts, 'setTimer' | 'clearTimer' | 'welcomeTimeoutMs'>,
  opening: Promise<TeamSession>,
): Promise<TeamSession> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = ports.setTimer(() => {
      late = true;
      reject(
        new Error(
          `The game day did not answer within ${Math.round(ports.welcomeTimeoutMs / 1000)} seconds; check the connection and try again.`,
        ),
      );
    }, ports.welcomeTimeoutMs);
    opening.then(
      (session) => {
        if (late) return void session.leave().catch(() => {});
        ports.clearTimer(timer);
        resolve(session);
      },
      (error) => {
        if (late) return;
        ports.clearTimer(timer);
        reject(error);
      },
    );
  });
}

/** After a reload: back to the seat or the console this tab kept. */
export function returnTo(client: TeamClient, saved: Saved): Promise<TeamSession> {
  return saved.kind === 'seat' ? client.returnToSeat(saved.code, saved.secret) : client.facilitate(saved.code, saved.secret);
}

/** After a drop: back in as the welcome said, handing over the events held so that only the rest arrive. */
export function reenter(client: TeamClient, welcome: Pick<Welcome, 'code' | 'you'>, held: readonly RoomEvent[]): Promise<TeamSession> {
  const { code, you } = welcome;
  if (you.kind === 'player') return client.returnToSeat(code, you.token, held);
  if (you.kind === 'facilitator') return client.facilitate(code, you.secret, held);
  return client.watch(code, held);
}

/** Why a connection that is not retried closed, as the page says it. */
export function closedText(code: number): string {
  const why =
    code === CLOSE_SEAT_TAKEN ? 'This seat was taken over by a newer tab or device.' : `The connection to the game day closed (${code}).`;
  return `${why} Reload the page to return to it.`;
}
