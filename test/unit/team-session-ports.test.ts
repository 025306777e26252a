/**
 * The team session through injected ports: no browser globals, a welcome that never comes ends in
 * a clear error after the timeout (and a late one is left), and seats are kept in the given storage.
 */
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../src/store';
import { createTeamStore, joinGameDay, joinLink, lookUpGameDay, resumeTeam, teamEndpoint } from '../../src/store/team-session';
import { type TeamClient, type TeamPorts, unpluggedPorts } from '../../src/store/team/ports';

function fakeTimers() {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  return {
    timers,
    setTimer: (fn: () => void, ms: number) => (timers.set(next, { fn, ms }), next++),
    clearTimer: (handle: unknown) => void timers.delete(handle as number),
    fire(ms: number) {
      for (const [id, t] of [...timers]) if (t.ms === ms) timers.delete(id), t.fn();
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the team session through its ports', () => {
  it('builds links and the endpoint from the injected location', () => {
    const team = createTeamStore(() => [], {
      ...unpluggedPorts(),
      location: { origin: 'https://drill.example', pathname: '/play/', protocol: 'https:', host: 'drill.example' },
    });
    expect(joinLink(team, 'ABCDEFGHJK')).toBe('https://drill.example/play/#join=ABCDEFGHJK');
    expect(teamEndpoint(team)).toBe('wss://drill.example/team');
  });

  it('looks a game day up with the injected fetch', async () => {
    let asked = '';
    const fetch = (async (url: string) => ((asked = url), new Response('{}', { status: 500 }))) as unknown as typeof globalThis.fetch;
    const team = createTeamStore(() => [], { ...unpluggedPorts(), fetch, location: { ...unpluggedPorts().location, origin: 'http://h' } });
    await lookUpGameDay(team, 'ABCDEFGHJK');
    expect(asked).toBe('http://h/team/game-days/ABCDEFGHJK');
    expect(team.getState().lookup).toMatchObject({ state: 'failed' });
  });

  it('gives up on a welcome that does not arrive in time, with a clear error, and leaves a late session', async () => {
    const timers = fakeTimers();
    let arrive: (session: unknown) => void = () => {};
    let left = false;
    const client = {
      join: () => new Promise((resolve) => (arrive = resolve)),
    } as unknown as TeamClient;
    const ports: TeamPorts = { ...unpluggedPorts(), ...timers, welcomeTimeoutMs: 10_000, connect: async () => client };
    const team = createTeamStore(() => [], ports);
    const joining = joinGameDay(team, 'ABCDEFGHJK', { name: 'Alice', role: 'lead' });
    await flush();
    expect(team.getState().screen).toBe('connecting');
    timers.fire(10_000);
    await joining;
    expect(team.getState().screen).toBe('join');
    expect(team.getState().error).toBe('The game day did not answer within 10 seconds; check the connection and try again.');
    arrive({ leave: async () => void (left = true) });
    await flush();
    expect(left).toBe(true);
  });

  it('reads a saved seat from the injected storage, and forgets it when it cannot return', async () => {
    const seats = memoryStorage({ 'firedrill.team.seat': JSON.stringify({ code: 'ABCDEFGHJK', secret: 'seat-token' }) });
    const team = createTeamStore(() => [], { ...unpluggedPorts(), seats });
    expect(await resumeTeam(team)).toBe(true);
    expect(team.getState()).toMatchObject({ screen: 'join', prefillCode: 'ABCDEFGHJK' });
    expect(team.getState().error).toMatch(/^Could not return to the game day: /);
    expect(seats.dump()).toEqual({});
    expect(await resumeTeam(team)).toBe(false);
  });
});
