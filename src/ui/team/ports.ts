/** The browser's side of team mode's ports: the page's address, sessionStorage, fetch, timers, colyseus.js. */
import { WELCOME_TIMEOUT_MS, type TeamPorts } from '../../store/team/ports';
import type { KeyValueStorage } from '../../store/storage';

/** sessionStorage: a seat belongs to one tab; a disabled storage means "not saved", never a crash. */
function sessionSeats(): KeyValueStorage {
  const store = (() => {
    try {
      return globalThis.sessionStorage ?? null;
    } catch {
      return null;
    }
  })();
  return {
    get: (key) => {
      try {
        return store?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set: (key, value) => {
      try {
        store?.setItem(key, value);
        return store !== null;
      } catch {
        return false;
      }
    },
    remove: (key) => {
      try {
        store?.removeItem(key);
      } catch {
        // nothing saved, nothing to forget
      }
    },
  };
}

export function browserTeamPorts(): TeamPorts {
  return {
    connect: async (endpoint) => {
      const { teamClient } = await import('../../net/team-client');
      return teamClient(endpoint);
    },
    seats: sessionSeats(),
    // Read each time: the hash (and so the page's address) changes while the page lives.
    get location() {
      return { origin: location.origin, pathname: location.pathname, protocol: location.protocol, host: location.host };
    },
    fetch: (input, init) => fetch(input, init),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    welcomeTimeoutMs: WELCOME_TIMEOUT_MS,
  };
}
