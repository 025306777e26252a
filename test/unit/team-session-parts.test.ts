/**
 * The team client's small parts, each on its own: what a tab keeps (seat storage), the roster's
 * connected flags, the run rewritten for the solo panels, whether an input may be sent, the way
 * back into a game day, the links, the synchronised state's schema; then the session that ties
 * them together, driven by a fake transport built from the real room core.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileScript } from '../../src/authoring';
import { init } from '../../src/engine';
import { SyncedState, type RoomEvent, type SeatView, type SyncedState as Synced, type Welcome } from '../../src/net/protocol';
import type { TeamSession } from '../../src/net/team-client';
import { createRoom, joinSeat, welcome as welcomeOf } from '../../src/server/room-core';
import { browserStorage, dispatch, memoryStorage } from '../../src/store';
import { closeTeam, createTeamStore, joinGameDay, roleName, type TeamStore } from '../../src/store/team-session';
import { closedText, reenter, returnTo } from '../../src/store/team/connection';
import { refuseInput } from '../../src/store/team/input-gate';
import { observeCodeFromHash, projectorLink } from '../../src/store/team/links';
import { type TeamClient, unpluggedPorts } from '../../src/store/team/ports';
import { CLOSE_SEAT_TAKEN, startReconnecting, stopReconnecting } from '../../src/store/team/reconnect';
import { keepConnected, withConnected, type TeamSeat } from '../../src/store/team/roster';
import { forgetSeat, saveName, savedName, savedSeat, saveSeat } from '../../src/store/team/seat-storage';
import { asYou, withSeats } from '../../src/store/team/seated-run';
import { miniScenario, teamMiniScenario } from './helpers/mini-scenario';

const CODE = 'ABCDEFGHJK';
const SECRET = 'facilitator-secret-0123456789abcdef';
const TOKEN = 'seat-token-0123456789abcdef';
const scenario = teamMiniScenario();

/** A lobby with one seat (Ada, lead), from the real room core: its events and a welcome for each kind. */
function lobby() {
  const created = createRoom({
    code: CODE,
    scenario,
    game: { scenario: scenario.id, speed: 1, coach: 'off' },
    seed: 7,
    facilitatorSecret: SECRET,
  });
  if (!created.ok) throw new Error(created.error.message);
  const joined = joinSeat(created.state, { name: 'Ada', role: 'lead', token: TOKEN });
  if (!joined.ok) throw new Error(joined.error.message);
  const seat: SeatView = { id: joined.seat.id, name: joined.seat.name, role: joined.seat.role };
  return {
    state: joined.state,
    seat,
    player: welcomeOf(joined.state, { kind: 'player', seat, token: TOKEN }),
    facilitator: welcomeOf(joined.state, { kind: 'facilitator', secret: SECRET }),
    watcher: welcomeOf(joined.state, { kind: 'watcher' }),
  };
}

describe('seat storage', () => {
  it('keeps a player seat and a console, prefers the seat, and keeps nothing for a watcher', () => {
    const { player, facilitator, watcher } = lobby();
    const storage = memoryStorage();
    saveSeat(storage, watcher);
    expect(storage.dump()).toEqual({});
    saveSeat(storage, facilitator);
    expect(savedSeat(storage)).toEqual({ kind: 'facilitator', code: CODE, secret: SECRET });
    saveSeat(storage, player);
    expect(savedSeat(storage)).toEqual({ kind: 'seat', code: CODE, secret: TOKEN });
    forgetSeat(storage, 'seat');
    expect(savedSeat(storage)).toEqual({ kind: 'facilitator', code: CODE, secret: SECRET });
    forgetSeat(storage);
    expect(savedSeat(storage)).toBeNull();
  });

  it('reads back only what has the saved shape', () => {
    for (const raw of ['{', '[]', '{"code":"X"}', '{"code":1,"secret":"s"}']) {
      expect(savedSeat(memoryStorage({ 'firedrill.team.seat': raw })), raw).toBeNull();
    }
    // A damaged seat falls back to the console this tab also had.
    const both = memoryStorage({
      'firedrill.team.seat': '{',
      'firedrill.team.facilitator': JSON.stringify({ code: CODE, secret: SECRET }),
    });
    expect(savedSeat(both)).toMatchObject({ kind: 'facilitator' });
  });

  it('keeps the name last joined with, which leaving the game day does not forget', () => {
    const storage = memoryStorage();
    expect(savedName(storage)).toBe('');
    saveName(storage, 'Ada');
    forgetSeat(storage);
    expect(savedName(storage)).toBe('Ada');
  });
});

describe('the page storage', () => {
  afterEach(() => vi.unstubAllGlobals());
  const fake = () => {
    const m = memoryStorage();
    return { m, api: { getItem: m.get, setItem: m.set, removeItem: m.remove } };
  };

  it('uses localStorage or sessionStorage as asked', () => {
    const local = fake();
    const session = fake();
    vi.stubGlobal('localStorage', local.api);
    vi.stubGlobal('sessionStorage', session.api);
    browserStorage('session').set('k', 'tab');
    browserStorage('local').set('k', 'page');
    expect(session.m.dump()).toEqual({ k: 'tab' });
    expect(local.m.dump()).toEqual({ k: 'page' });
  });

  it('degrades to "not saved" when the storage refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    vi.stubGlobal('sessionStorage', refusing);
    const storage = browserStorage('session');
    expect(storage.set('k', 'v')).toBe(false);
    expect(storage.get('k')).toBeNull();
    expect(() => storage.remove('k')).not.toThrow();
  });
});

describe('the roster', () => {
  const seat = (id: string, connected: boolean): TeamSeat => ({ id, name: id, role: 'lead', connected });

  it('keeps the connected flag already shown, and shows a new seat connected', () => {
    expect(keepConnected([seat('p1', true), seat('p2', true)], [seat('p1', false)]).map((s) => s.connected)).toEqual([false, true]);
  });

  it('takes the synchronised flags, and hands back the same roster when nothing changed', () => {
    const shown = [seat('p1', true), seat('p2', true)];
    expect(withConnected(shown, { p1: { id: 'p1', connected: true } })).toBe(shown);
    expect(withConnected(shown, { p9: { id: 'p9', connected: false } })).toBe(shown);
    const next = withConnected(shown, { p2: { id: 'p2', connected: false } });
    expect(next.map((s) => s.connected)).toEqual([true, false]);
    expect(next[0]).toBe(shown[0]);
  });
});

describe('the run as the solo panels see it', () => {
  const roster: SeatView[] = [
    { id: 'p1', name: 'Ada', role: 'lead' },
    { id: 'p2', name: 'Bo', role: 'fixer' },
  ];
  const names = (role: string) => `role ${role}`;

  it('adds every seat as a character named by its role, once per roster', () => {
    const seated = withSeats(scenario, roster, names);
    expect(seated.characters.slice(scenario.characters.length)).toEqual([
      { id: 'p1', name: 'Ada', role: 'role lead', color: expect.stringMatching(/^#/) },
      { id: 'p2', name: 'Bo', role: 'role fixer', color: expect.stringMatching(/^#/) },
    ]);
    expect(seated.characters[scenario.characters.length]!.color).not.toBe(seated.characters[scenario.characters.length + 1]!.color);
    expect(withSeats(scenario, [...roster], names)).toBe(seated);
    expect(withSeats(scenario, [roster[0]!], names)).not.toBe(seated);
    expect(scenario.characters.some((c) => c.id === 'p1')).toBe(false);
  });

  it('shows a player their own seat as "you", and no one else\'s', () => {
    const engine = init(scenario, { seed: 1, coach: 'off' });
    const busy = { ...engine, current: { p1: { action: 'fix', startedAt: 0, endsAt: 10 } } } as unknown as typeof engine;
    expect(asYou(busy, null)).toBe(busy);
    expect(asYou(busy, 'p1').current.you).toEqual(busy.current.p1);
    expect(asYou({ ...busy, current: { you: busy.current.p1! } }, 'p2').current.you).toBeUndefined();
  });
});

describe('whether an input may be sent', () => {
  const ready = { connected: true, as: 'player' as const, seated: true, reconnecting: false };

  it('lets a seated, connected player send', () => {
    expect(refuseInput(ready)).toBeNull();
  });

  it('refuses with its own code for each reason, in this order', () => {
    expect(refuseInput({ ...ready, connected: false, as: 'watcher', reconnecting: true })?.code).toBe('client.offline');
    expect(refuseInput({ ...ready, as: 'watcher', seated: false, reconnecting: true })?.code).toBe('watch.read-only');
    expect(refuseInput({ ...ready, as: 'facilitator', seated: false, reconnecting: true })?.code).toBe('seat.none');
    expect(refuseInput({ ...ready, reconnecting: true })?.code).toBe('client.reconnecting');
  });
});

describe('the way back into a game day', () => {
  const calls: string[] = [];
  const client = {
    returnToSeat: async (code: string, token: string, held: readonly RoomEvent[] = []) =>
      void calls.push(`seat ${code} ${token} ${held.length}`),
    facilitate: async (code: string, secret: string, held: readonly RoomEvent[] = []) =>
      void calls.push(`console ${code} ${secret} ${held.length}`),
    watch: async (code: string, held: readonly RoomEvent[] = []) => void calls.push(`watch ${code} ${held.length}`),
  } as unknown as TeamClient;

  it('returns as the welcome said, handing over the events held', async () => {
    const { state, player, facilitator, watcher } = lobby();
    calls.length = 0;
    for (const w of [player, facilitator, watcher]) await reenter(client, w, state.events);
    await returnTo(client, { kind: 'seat', code: CODE, secret: TOKEN });
    await returnTo(client, { kind: 'facilitator', code: CODE, secret: SECRET });
    const n = state.events.length;
    expect(calls).toEqual([
      `seat ${CODE} ${TOKEN} ${n}`,
      `console ${CODE} ${SECRET} ${n}`,
      `watch ${CODE} ${n}`,
      `seat ${CODE} ${TOKEN} 0`,
      `console ${CODE} ${SECRET} 0`,
    ]);
  });

  it('says why a connection that is not retried closed', () => {
    expect(closedText(CLOSE_SEAT_TAKEN)).toBe('This seat was taken over by a newer tab or device. Reload the page to return to it.');
    expect(closedText(4999)).toBe('The connection to the game day closed (4999). Reload the page to return to it.');
  });
});

describe('links', () => {
  it('reads a projector code from the address, and nothing else', () => {
    expect(observeCodeFromHash(`#observe=${CODE}`)).toBe(CODE);
    for (const hash of ['', `#join=${CODE}`, '#observe=', '#observe=<script>']) expect(observeCodeFromHash(hash), hash).toBeNull();
    expect(projectorLink({ ports: { location: { origin: 'https://h', pathname: '/p/', protocol: 'https:', host: 'h' } } }, CODE)).toBe(
      `https://h/p/#observe=${CODE}`,
    );
  });
});

describe("the room's synchronised state", () => {
  it('reads speed, watchers and connected flags, and refuses an answer that does not fit', () => {
    const raw = {
      phase: 'running',
      speed: 2,
      time: 5,
      latest: 3,
      facilitators: 1,
      watchers: 1,
      roster: { p1: { id: 'p1', name: 'Ada', role: 'lead', connected: false } },
    };
    expect(SyncedState.parse(raw)).toEqual({ speed: 2, watchers: 1, roster: { p1: { id: 'p1', connected: false } } });
    for (const bad of [{ ...raw, speed: 3 }, { ...raw, watchers: -1 }, { ...raw, roster: { p1: { id: 'p1', connected: 'yes' } } }, {}]) {
      expect(SyncedState.safeParse(bad).success).toBe(false);
    }
  });
});

describe('action scripts', () => {
  it('explain a malformed script with the shared zod-issue formatter', () => {
    const compiled = compileScript(miniScenario(), { scenario: 'mini', steps: [{ at: -5, do: 'fix' }] });
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.errors[0]).toMatch(/^steps\[0\]/);
    expect(compiled.errors.join('\n')).toContain('got the number -5');
  });
});

// ---------------------------------------------------------------------------------------------
// The session, over a fake transport
// ---------------------------------------------------------------------------------------------

/** A session as the transport gives it, with the events and synchronised state the test pushes. */
function fakeSession(welcome: Welcome, events: readonly RoomEvent[]) {
  const synced: ((s: Synced) => void)[] = [];
  const leaves: ((code: number) => void)[] = [];
  let last: Synced | null = null;
  const sent: unknown[] = [];
  const session = {
    welcome,
    events: [...events],
    notes: [],
    send: async (command: unknown) => (sent.push(command), { ok: true as const, latest: events.length }),
    onEvents: () => () => {},
    onLeave: (l: (code: number) => void) => (leaves.push(l), () => {}),
    onNotes: () => () => {},
    onSynced: (l: (s: Synced) => void) => (synced.push(l), () => {}),
    synced: () => last,
    leave: async () => {},
  } as unknown as TeamSession;
  return {
    session,
    sent,
    sync(state: Synced) {
      last = state;
      for (const l of synced) l(state);
    },
  };
}

async function joined(as: 'player' | 'facilitator' | 'watcher' = 'player') {
  const room = lobby();
  const fake = fakeSession(room[as], room.state.events);
  const seats = memoryStorage();
  const client = { join: async () => fake.session } as unknown as TeamClient;
  const team: TeamStore = createTeamStore(() => [scenario], { ...unpluggedPorts(), seats, connect: async () => client });
  await joinGameDay(team, CODE, { name: 'Ada', role: 'lead' });
  return { team, fake, seats, room };
}

describe('the team session', () => {
  it('shows the seats from the events and their connected flags, speed and watchers from the synchronised state', async () => {
    const { team, fake, room } = await joined();
    expect(team.getState()).toMatchObject({ screen: 'lobby', as: 'player', watchers: 0 });
    expect(team.getState().roster).toEqual([{ ...room.seat, connected: true }]);
    fake.sync({ speed: 4, watchers: 2, roster: { [room.seat.id]: { id: room.seat.id, connected: false } } });
    expect(team.getState()).toMatchObject({ speed: 4, watchers: 2, roster: [{ id: room.seat.id, connected: false }] });
    expect(roleName(team, 'lead')).toBe('Lead');
  });

  it('keeps the seat for a reload and forgets it on leaving', async () => {
    const { team, seats } = await joined();
    expect(savedSeat(seats)).toEqual({ kind: 'seat', code: CODE, secret: TOKEN });
    closeTeam(team);
    expect(savedSeat(seats)).toBeNull();
  });

  it("refuses a player's input it cannot send with its own code, and sends the rest without the seat id", async () => {
    const { team, fake } = await joined();
    const game = team.getState().game!;
    expect(dispatch(game, { type: 'act', action: 'fix', player: 'p7' })).toBeNull();
    expect(fake.sent).toEqual([{ type: 'act', action: 'fix' }]);
    startReconnecting(team, {
      attempt: () => new Promise(() => {}),
      alive: () => true,
      giveUp: () => {},
      setTimer: () => 0,
      clearTimer: () => {},
    });
    expect(dispatch(game, { type: 'act', action: 'fix' })?.code).toBe('client.reconnecting');
    stopReconnecting(team);
    closeTeam(team);
    expect(dispatch(game, { type: 'act', action: 'fix' })?.code).toBe('client.offline');
    expect(fake.sent).toHaveLength(1);
  });

  it('refuses a projector view and the facilitator before sending, with the codes the room would give', async () => {
    for (const [as, code] of [
      ['watcher', 'watch.read-only'],
      ['facilitator', 'seat.none'],
    ] as const) {
      const { team, fake } = await joined(as);
      expect(dispatch(team.getState().game!, { type: 'act', action: 'fix' })?.code, as).toBe(code);
      expect(fake.sent).toEqual([]);
    }
  });
});
