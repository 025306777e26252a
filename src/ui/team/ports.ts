/** The browser's side of team mode's ports: the page's address, sessionStorage, fetch, timers, colyseus.js. */
import { WELCOME_TIMEOUT_MS, type TeamPorts } from '../../store/team/ports';
import { browserStorage } from '../../store/storage';

export function browserTeamPorts(): TeamPorts {
  return {
    connect: async (endpoint) => {
      const { teamClient } = await import('../../net/team-client');
      return teamClient(endpoint);
    },
    // sessionStorage: a seat belongs to one tab.
    seats: browserStorage('session'),
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
