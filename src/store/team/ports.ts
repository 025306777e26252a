/**
 * What team mode needs from the outside world, injected so the store holds no browser globals:
 * the browser's implementations are built in src/ui/team/ports.ts, tests pass their own.
 */
import type { teamClient } from '../../net/team-client';
import { memoryStorage, type KeyValueStorage } from '../storage';

export type TeamClient = ReturnType<typeof teamClient>;

/** The parts of the page's address team mode reads: links, the endpoint, the look-up URL. */
export interface PageLocation {
  origin: string;
  pathname: string;
  protocol: string;
  host: string;
}

export interface TeamPorts {
  /** The transport to the team endpoint; loaded on demand, the first time a game day is opened. */
  connect(endpoint: string): Promise<TeamClient>;
  /** Where this tab keeps its seat (or console) so a reload returns to it. */
  seats: KeyValueStorage;
  location: PageLocation;
  fetch: typeof fetch;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** How long to wait for the room's welcome before giving up. */
  welcomeTimeoutMs: number;
}

export const WELCOME_TIMEOUT_MS = 10_000;

/** Ports for a store no browser has plugged in: nothing is saved and nothing reaches a network. */
export function unpluggedPorts(): TeamPorts {
  const offline = () => Promise.reject(new Error('Team mode is not connected to a server here.'));
  return {
    connect: offline,
    seats: memoryStorage(),
    location: { origin: '', pathname: '/', protocol: 'http:', host: '' },
    fetch: offline as unknown as typeof fetch,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    welcomeTimeoutMs: WELCOME_TIMEOUT_MS,
  };
}
