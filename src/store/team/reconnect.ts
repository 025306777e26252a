/**
 * Team mode's automatic reconnection: when the connection to a game day drops (not a leave the page
 * asked for, not a seat taken over by a newer tab), try again with a growing delay (0.5 s, 1 s, 2 s…
 * at most 30 s), and at once when the browser says it is back online. Each try hands the events
 * already held to the client, so only the missing ones arrive; the session (src/store/team-session.ts) folds them in.
 *
 * The status lives in its own small store, so the screens can show "Reconnecting…" and then
 * "Back in your seat" without touching the game day's state.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RoomErrorCode } from '../../format/errors';
import { TeamJoinError } from '../../net/join-error';

/** Colyseus's code for a leave the client asked for. */
export const CLOSE_CONSENTED = 4000;
/** The team room's code for "your seat was taken over by a newer connection" (CLOSE_SEAT_TAKEN on the server). */
export const CLOSE_SEAT_TAKEN = 4001;

/** Join refusals that no amount of retrying will change. */
const TERMINAL: ReadonlySet<string> = new Set([
  'auth.facilitator',
  'join.code',
  'join.seat',
  'room.ended',
  'sync.ahead',
] satisfies RoomErrorCode[]);

export const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 30_000;

export type ConnectionState = 'online' | 'reconnecting' | 'back' | 'lost';

export interface ReconnectStatus {
  state: ConnectionState;
  /** Tries made since the drop. */
  attempt: number;
  /** When the next try starts (ms since the epoch), while reconnecting. */
  nextAt: number | null;
  /** Why the last try failed, or why the page gave up. */
  detail: string | null;
}

/** The delay before try number `attempt` (0-based): 0.5 s, 1 s, 2 s, 4 s… capped at 30 s. */
export function backoffDelay(attempt: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, Math.min(attempt, 16)));
}

/** Whether a close code is a drop worth retrying. */
export function shouldReconnect(code: number): boolean {
  return code !== CLOSE_CONSENTED && code !== CLOSE_SEAT_TAKEN;
}

/** Whether a failed try should end the retrying. */
export function isTerminal(error: unknown): boolean {
  return error instanceof TeamJoinError && TERMINAL.has(error.error.code);
}

const statuses = new WeakMap<object, StoreApi<ReconnectStatus>>();

/** The connection status of a team store (one per store, created on first use). */
export function connectionStatus(owner: object): StoreApi<ReconnectStatus> {
  let status = statuses.get(owner);
  if (!status) {
    status = createStore<ReconnectStatus>()(() => ({ state: 'online', attempt: 0, nextAt: null, detail: null }));
    statuses.set(owner, status);
  }
  return status;
}

export function isReconnecting(owner: object): boolean {
  const state = statuses.get(owner)?.getState().state;
  return state === 'reconnecting' || state === 'lost';
}

export interface ReconnectPlan {
  /** One try: resolves when the page is back in the game day. */
  attempt: () => Promise<void>;
  /** False once the page left the game day: the retrying stops quietly. */
  alive: () => boolean;
  /** Called once when a try fails for good. */
  giveUp: (error: unknown) => void;
  /** For tests: the timers. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const running = new WeakMap<object, () => void>();

/** Stops any retrying and forgets the status (leaving the game day). */
export function stopReconnecting(owner: object): void {
  running.get(owner)?.();
  running.delete(owner);
  statuses.get(owner)?.setState({ state: 'online', attempt: 0, nextAt: null, detail: null });
}

/** Starts retrying (once: a second drop while retrying is ignored). */
export function startReconnecting(owner: object, plan: ReconnectPlan): void {
  if (running.has(owner)) return;
  const status = connectionStatus(owner);
  const setTimer = plan.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = plan.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let backTimer: unknown = null;
  let trying = false;
  let stopped = false;
  let attempt = 0;
  const onOnline = () => {
    if (!trying && timer !== null) {
      clearTimer(timer);
      timer = null;
      void tryNow();
    }
  };
  const stop = () => {
    stopped = true;
    if (timer !== null) clearTimer(timer);
    if (backTimer !== null) clearTimer(backTimer);
    timer = null;
    if (typeof removeEventListener === 'function') removeEventListener('online', onOnline);
  };
  const schedule = () => {
    const delay = backoffDelay(attempt);
    status.setState({ state: 'reconnecting', attempt, nextAt: Date.now() + delay });
    timer = setTimer(() => {
      timer = null;
      void tryNow();
    }, delay);
  };
  const tryNow = async () => {
    if (stopped || trying) return;
    if (!plan.alive()) return quit();
    trying = true;
    attempt++;
    status.setState({ state: 'reconnecting', attempt, nextAt: null });
    try {
      await plan.attempt();
      trying = false;
      if (stopped) return;
      running.delete(owner);
      stop();
      status.setState({ state: 'back', attempt, nextAt: null, detail: null });
      // "Back in your seat" stays a while, then the bar is quiet again.
      backTimer = setTimer(() => {
        if (status.getState().state === 'back') status.setState({ state: 'online', attempt: 0 });
      }, 8000);
    } catch (error) {
      trying = false;
      if (stopped) return;
      if (!plan.alive()) return quit();
      const detail = error instanceof Error ? error.message : String(error);
      if (isTerminal(error)) {
        finish();
        status.setState({ state: 'lost', nextAt: null, detail });
        plan.giveUp(error);
        return;
      }
      status.setState({ detail });
      schedule();
    }
  };
  const finish = () => {
    running.delete(owner);
    stop();
  };
  // The page left the game day (or opened another): no status to show.
  const quit = () => {
    finish();
    status.setState({ state: 'online', attempt: 0, nextAt: null, detail: null });
  };
  running.set(owner, () => {
    stop();
  });
  if (typeof addEventListener === 'function') addEventListener('online', onOnline);
  status.setState({ state: 'reconnecting', attempt: 0, nextAt: null, detail: null });
  schedule();
}
