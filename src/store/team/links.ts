/** The addresses team mode builds from the page's own: the WebSocket endpoint and the links it shares. */
import type { TeamPorts } from './ports';

type Located = { ports: Pick<TeamPorts, 'location'> };

/** The WebSocket endpoint of team mode: the same host as the page, under /team. */
export function teamEndpoint(team: Located): string {
  const { protocol, host } = team.ports.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/team`;
}

export function joinLink(team: Located, code: string): string {
  const { origin, pathname } = team.ports.location;
  return `${origin}${pathname}#join=${code}`;
}

/** The projector view of a game day: a watcher, so the code is all it needs and any browser opens it. */
export function projectorLink(team: Located, code: string): string {
  const { origin, pathname } = team.ports.location;
  return `${origin}${pathname}#observe=${code}`;
}

/** `#observe=CODE`: this tab is a projector for that game day. */
export function observeCodeFromHash(hash: string): string | null {
  return /^#observe=([A-Za-z0-9-]{1,40})$/.exec(hash)?.[1] ?? null;
}
