/**
 * The team room's pure core: roles come from the scenario and are enforced, facilitator commands
 * need the secret, injects and hints are attributed and numbered, the clock pauses and changes
 * speed, a game day ends, every refusal is specific and leaves the state exactly as it was, and a
 * room's log replays to the same engine state and score as the room reached.
 */
import { describe, expect, it } from 'vitest';
import { exportRun, importRun, runRecordOf } from '../../src/debrief';
import { advanceTo, replay, score, type EngineState, type TimelineEvent } from '../../src/engine';
import type { Scenario } from '../../src/format';
import { DEFAULT_ROLES, declaringRoles } from '../../src/net/roles';
import {
  FACILITATOR_PLAYER,
  RoomEvent as RoomEventSchema,
  type ClientCommand,
  type ErrorCode,
  type GameDayOptions,
  type RoomEvent,
} from '../../src/net/protocol';
import { followEvents } from '../../src/net/team-view';
import {
  applyCommand,
  createRoom,
  eventsSince,
  isFacilitator,
  joinSeat,
  returnToSeat,
  setConnected,
  tick,
  welcome,
  MAX_SEATS,
  type Outcome,
  type RoomState,
} from '../../src/server/room-core';
import { loadShipped } from './helpers/flagship';
import { teamMiniScenario } from './helpers/mini-scenario';

type Command = Exclude<ClientCommand, { type: 'sync' }>;

/** The room's run as the team debrief exports it (a run file with the roster and notes), opened again. */
async function reopened(scenario: Scenario, room: RoomState) {
  const team = { roster: room.roster.map((s) => ({ id: s.id, name: s.name, role: s.role })), notes: [...room.notes] };
  const opened = await importRun(await exportRun(scenario, runRecordOf(scenario, room.options, room.log, room.engine, team)), [scenario]);
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.record;
}

const SECRET = 'facilitator-secret-0123456789abcdef';
const WRONG = 'not-the-facilitator-secret-0123456789';
const flagship = loadShipped('friday-deploy.json');

const teamMini = teamMiniScenario();

function must<T extends Outcome<object>>(outcome: T): Extract<T, { ok: true }> {
  if (!outcome.ok) throw new Error(`refused: ${outcome.error.code} ${outcome.error.message}`);
  return outcome as Extract<T, { ok: true }>;
}

function newRoom(scenario: Scenario = flagship, game: Partial<GameDayOptions> = {}): RoomState {
  const created = createRoom({
    code: 'ABCDEFGHJK',
    scenario,
    game: { scenario: scenario.id, speed: 1, coach: 'off', ...game },
    seed: 7,
    facilitatorSecret: SECRET,
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.state;
}

const tokenFor = (name: string) => `seat-token-${name}-0123456789abcdef`;

/** A flagship game day with a commander, an operator, comms and a scribe seated, not yet started. */
function seated(scenario: Scenario = flagship, roles = ['commander', 'operator', 'comms', 'scribe']) {
  let state = newRoom(scenario);
  const seats: Record<string, string> = {};
  for (const role of roles) {
    const joined = must(joinSeat(state, { name: `Player ${role}`, role, token: tokenFor(role) }));
    state = joined.state;
    seats[role] = joined.seat.id;
  }
  return { state, seats };
}

function running(scenario: Scenario = flagship, roles?: string[]) {
  const { state, seats } = seated(scenario, roles);
  return { state: must(applyCommand(state, null, { type: 'start', secret: SECRET })).state, seats };
}

/** Applies a command that must be refused with `code`, and checks that nothing changed. */
function expectRefused(state: RoomState, seat: string | null, command: Command, code: ErrorCode): string {
  const before = structuredClone(state);
  const outcome = applyCommand(state, seat, command);
  expect(outcome.ok, `${command.type} should be refused with ${code}`).toBe(false);
  if (outcome.ok) return '';
  expect(outcome.error.code).toBe(code);
  expect(outcome.error.message.length).toBeGreaterThan(10);
  expect(state).toEqual(before);
  return outcome.error.message;
}

/** Lets real time pass in one-second ticks (the transport ticks more often; the core does not mind). */
function wait(state: RoomState, realMs: number): { state: RoomState; events: RoomEvent[] } {
  const events: RoomEvent[] = [];
  for (let left = realMs; left > 0; left -= 1000) {
    const t = tick(state, Math.min(1000, left));
    state = t.state;
    events.push(...t.events);
  }
  return { state, events };
}

describe('a game day in the lobby', () => {
  it('seats players in the roles on offer and numbers a seat event for each', () => {
    const { state, seats } = seated();
    expect(Object.values(seats)).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(state.roster.map((s) => [s.role, s.connected])).toEqual([
      ['commander', true],
      ['operator', true],
      ['comms', true],
      ['scribe', true],
    ]);
    expect(state.events.map((e) => [e.seq, e.kind])).toEqual([
      [1, 'seat'],
      [2, 'seat'],
      [3, 'seat'],
      [4, 'seat'],
    ]);
    // The token is kept only as a digest, and never appears in an event.
    expect(JSON.stringify(state)).not.toContain(tokenFor('operator'));
    expect(JSON.stringify(state)).not.toContain(SECRET);
  });

  it("offers the built-in roles when the scenario names none, and the scenario's own when it does", () => {
    expect(newRoom().roles.map((r) => r.id)).toEqual(DEFAULT_ROLES.map((r) => r.id));
    expect(newRoom(teamMini).roles.map((r) => r.id)).toEqual(['lead', 'fixer']);
    expect(newRoom(flagship, { roles: ['commander', 'operator'] }).roles.map((r) => r.id)).toEqual(['commander', 'operator']);
    const refused = createRoom({
      code: 'ABCDEFGHJK',
      scenario: flagship,
      game: { scenario: flagship.id, speed: 1, coach: 'off', roles: ['pilot'] },
      seed: 1,
      facilitatorSecret: SECRET,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('create.role');
  });

  it('refuses a role that is not on offer, a full room and a game day that is over', () => {
    const state = newRoom(flagship, { roles: ['commander', 'operator'] });
    const wrongRole = joinSeat(state, { name: 'Eve', role: 'comms', token: tokenFor('eve') });
    expect(wrongRole.ok === false && wrongRole.error.code).toBe('join.role');
    let full = state;
    for (let i = 0; i < MAX_SEATS; i++) full = must(joinSeat(full, { name: `P${i}`, role: 'operator', token: tokenFor(`p${i}`) })).state;
    const tooMany = joinSeat(full, { name: 'One more', role: 'operator', token: tokenFor('more') });
    expect(tooMany.ok === false && tooMany.error.code).toBe('room.full');
    const ended = must(applyCommand(full, null, { type: 'end', secret: SECRET })).state;
    const late = joinSeat(ended, { name: 'Late', role: 'operator', token: tokenFor('late') });
    expect(late.ok === false && late.error.code).toBe('room.ended');
  });

  it('refuses a name someone in the game day already has, whatever its case, and changes nothing', () => {
    const state = must(joinSeat(newRoom(), { name: 'Ana', role: 'operator', token: tokenFor('ana') })).state;
    const twin = joinSeat(state, { name: '  ana ', role: 'comms', token: tokenFor('twin') });
    expect(twin.ok === false && twin.error).toEqual({
      code: 'join.name',
      message: 'Someone in this game day is already called ana; add an initial so the team can tell you apart.',
    });
    expect(state.roster.map((s) => s.name)).toEqual(['Ana']);
    expect(must(joinSeat(state, { name: 'Ana B', role: 'comms', token: tokenFor('ana-b') })).state.roster.map((s) => s.name)).toEqual([
      'Ana',
      'Ana B',
    ]);
  });

  it('gives a seat back to the token that took it, and to no other', () => {
    const { state, seats } = seated();
    const away = setConnected(state, seats.operator!, false);
    expect(away.roster.find((s) => s.id === seats.operator)?.connected).toBe(false);
    const back = must(returnToSeat(away, tokenFor('operator')));
    expect(back.seat.id).toBe(seats.operator);
    expect(back.events).toEqual([]);
    expect(back.state.roster.find((s) => s.id === seats.operator)?.connected).toBe(true);
    const stranger = returnToSeat(away, tokenFor('stranger'));
    expect(stranger.ok === false && stranger.error.code).toBe('join.seat');
    expect(setConnected(state, seats.operator!, true)).toBe(state);
  });

  it('waits for the facilitator: players cannot act, time does not pass, start needs a player', () => {
    const { state, seats } = seated();
    expectRefused(state, seats.operator!, { type: 'act', action: 'check_deploy_history' }, 'room.lobby');
    // What the role may never do is said before what the phase does not allow yet.
    expectRefused(state, seats.operator!, { type: 'act', action: 'status_update' }, 'role.forbidden');
    expect(tick(state, 1000).state).toBe(state);
    expectRefused(newRoom(), null, { type: 'start', secret: SECRET }, 'room.no-players');
    const started = must(applyCommand(state, null, { type: 'start', secret: SECRET }));
    expect(started.events).toEqual([{ seq: 5, kind: 'phase', phase: 'running', at: 0, by: 'facilitator' }]);
    expectRefused(started.state, null, { type: 'start', secret: SECRET }, 'room.running');
  });

  it("welcomes players without the facilitator's injects, and the facilitator with them", () => {
    const state = newRoom(teamMini);
    const player = welcome(state, { kind: 'player', seat: { id: 'p1', name: 'A', role: 'lead' }, token: tokenFor('a') });
    const facilitator = welcome(state, { kind: 'facilitator', secret: SECRET });
    expect(player.injects).toEqual([]);
    expect(facilitator.injects).toEqual([{ id: 'ceo', label: 'The CEO asks' }]);
    expect(player.options).toEqual({ seed: 7, coach: 'off' });
    expect(player.roles.map((r) => r.id)).toEqual(['lead', 'fixer']);
  });
});

describe('roles', () => {
  it('let each player do what the role grants, attributed to their seat', () => {
    let { state, seats } = running();
    const accept = (seat: string, command: Command) => {
      const outcome = must(applyCommand(state, seat, command));
      state = outcome.state;
      return outcome.events;
    };
    const [started] = accept(seats.operator!, { type: 'act', action: 'check_deploy_history' });
    expect(started).toMatchObject({
      kind: 'input',
      entry: { at: 0, input: { type: 'act', action: 'check_deploy_history', player: seats.operator } },
    });
    expect(started?.kind === 'input' && started.happened).toContainEqual(
      expect.objectContaining({ kind: 'action-started', player: seats.operator }),
    );
    // Status updates open once the deploy has shipped.
    while (state.engine.facts.deploy_482_shipped !== true) state = tick(state, 1000).state;
    accept(seats.comms!, { type: 'act', action: 'status_update' });
    accept(seats.comms!, { type: 'post', channel: 'incident-orders', text: 'Looking into checkout errors.' });
    accept(seats.operator!, { type: 'post', channel: 'general', text: 'Checking the deploys.' });
    accept(seats.scribe!, { type: 'note', text: 'Hypothesis: the 16:00 deploy.', kind: 'hypothesis' });
    expect(state.engine.done.find((d) => d.action === 'check_deploy_history')?.player).toBe(seats.operator);
    expect(state.engine.current[seats.comms!]?.action).toBe('status_update');
    expect(state.engine.notes.at(-1)).toMatchObject({ player: seats.scribe, kind: 'hypothesis' });
    expect(state.log.map((e) => e.input.player)).toEqual([seats.operator, seats.comms, seats.comms, seats.operator, seats.scribe]);
  });

  it('refuse what the role does not grant, saying which role and what', () => {
    const { state, seats } = running(flagship, ['commander', 'operator', 'comms', 'scribe', 'observer']);
    expect(expectRefused(state, seats.operator!, { type: 'act', action: 'status_update' }, 'role.forbidden')).toMatch(
      /Operator.*status update/,
    );
    expect(expectRefused(state, seats.comms!, { type: 'act', action: 'rollback_api' }, 'role.forbidden')).toMatch(
      /Communications.*remediate/,
    );
    expectRefused(state, seats.operator!, { type: 'act', action: 'declare_resolved' }, 'role.forbidden');
    expectRefused(state, seats.operator!, { type: 'post', channel: 'incident-orders', text: 'All fixed!' }, 'role.forbidden');
    expectRefused(state, seats.scribe!, { type: 'act', action: 'read_api_logs' }, 'role.forbidden');
    expectRefused(state, seats.scribe!, { type: 'post', channel: 'general', text: 'hi' }, 'role.forbidden');
    expectRefused(state, seats.scribe!, { type: 'reply', message: 'anything', choice: 'ack' }, 'role.forbidden');
    expectRefused(state, seats.observer!, { type: 'note', text: 'I saw it.' }, 'role.forbidden');
  });

  it("follow a scenario's own grants: named actions and tags", () => {
    let { state, seats } = running(teamMini, ['lead', 'fixer']);
    expectRefused(state, seats.fixer!, { type: 'act', action: 'read_diff' }, 'role.forbidden');
    expectRefused(state, seats.fixer!, { type: 'act', action: 'status' }, 'role.forbidden');
    state = must(applyCommand(state, seats.lead!, { type: 'act', action: 'read_diff' })).state;
    state = wait(state, 21_000).state;
    state = must(applyCommand(state, seats.fixer!, { type: 'act', action: 'fix' })).state;
    state = wait(state, 41_000).state;
    state = must(applyCommand(state, seats.fixer!, { type: 'act', action: 'check' })).state;
    expect(state.engine.done.map((d) => [d.action, d.player])).toEqual([
      ['read_diff', seats.lead],
      ['fix', seats.fixer],
    ]);
  });

  it('leave the game rules to the engine, whose refusals come through as they are', () => {
    let { state, seats } = running();
    expectRefused(state, seats.operator!, { type: 'act', action: 'no_such_action' }, 'action.unknown');
    expectRefused(state, seats.operator!, { type: 'post', channel: 'no-such-channel', text: 'hello' }, 'post.unknown-channel');
    expectRefused(state, seats.comms!, { type: 'reply', message: 'no-such-message', choice: 'ack' }, 'reply.unknown');
    state = must(applyCommand(state, seats.operator!, { type: 'act', action: 'check_deploy_history' })).state;
    expectRefused(state, seats.operator!, { type: 'act', action: 'read_api_logs' }, 'action.busy');
    // Another player is not busy: the team works in parallel.
    must(applyCommand(state, seats.commander!, { type: 'act', action: 'read_api_logs' }));
  });

  it('never take the seat from the message: a connection without a seat cannot play', () => {
    const { state } = running();
    expectRefused(state, null, { type: 'act', action: 'check_deploy_history' }, 'seat.none');
    expectRefused(state, 'p99', { type: 'note', text: 'ghost' }, 'seat.none');
  });
});

describe('who may declare resolved', () => {
  it("is the roles that may start one of the scenario's resolve actions, by category, action or tag", () => {
    expect(declaringRoles(flagship, DEFAULT_ROLES).map((r) => r.id)).toEqual(['commander']);
    expect(declaringRoles(teamMini, teamMini.team!.roles!).map((r) => r.id)).toEqual(['lead']);
    const named = DEFAULT_ROLES.map((r) => (r.id === 'scribe' ? { ...r, may: { ...r.may, actions: ['resolve'] } } : r));
    expect(declaringRoles(teamMini, named).map((r) => r.id)).toEqual(['commander', 'scribe']);
    expect(
      declaringRoles(
        teamMini,
        DEFAULT_ROLES.filter((r) => r.id !== 'commander'),
      ),
    ).toEqual([]);
    // The welcome's roles (plain strings) fit as well, so the console checks what the room offers.
    expect(declaringRoles(flagship, welcome(seated().state, { kind: 'watcher' }).roles).map((r) => r.id)).toEqual(['commander']);
  });
});

describe('the facilitator', () => {
  const commands: Command[] = [
    { type: 'start', secret: WRONG },
    { type: 'pause', secret: WRONG },
    { type: 'resume', secret: WRONG },
    { type: 'end', secret: WRONG },
    { type: 'speed', secret: WRONG, speed: 4 },
    { type: 'inject', secret: WRONG, inject: 'ceo' },
    { type: 'inject-text', secret: WRONG, from: 'dana', channel: 'general', text: 'Forged.' },
    { type: 'hint', secret: WRONG, to: { role: 'operator' }, text: 'Forged.' },
    { type: 'facilitator-note', secret: WRONG, text: 'Forged.' },
  ];

  it.each(commands.map((c) => [c.type, c] as const))('needs the secret for "%s", from anyone', (_, command) => {
    const { state, seats } = running();
    expectRefused(state, seats.commander!, command, 'auth.facilitator');
    expectRefused(state, null, command, 'auth.facilitator');
    expect(isFacilitator(state, SECRET)).toBe(true);
    expect(isFacilitator(state, WRONG)).toBe(false);
  });

  it('pauses the clock and the players, but not their notes, and resumes', () => {
    let { state, seats } = running();
    state = wait(state, 2000).state;
    expect(state.engine.time).toBe(6);
    const paused = must(applyCommand(state, null, { type: 'pause', secret: SECRET }));
    expect(paused.events).toEqual([expect.objectContaining({ kind: 'phase', phase: 'paused', at: 6 })]);
    state = paused.state;
    expect(tick(state, 1000).state).toBe(state);
    expectRefused(state, seats.operator!, { type: 'act', action: 'check_deploy_history' }, 'room.paused');
    expectRefused(state, seats.comms!, { type: 'post', channel: 'incident-orders', text: 'update' }, 'room.paused');
    expectRefused(state, null, { type: 'pause', secret: SECRET }, 'room.paused');
    state = must(applyCommand(state, seats.scribe!, { type: 'note', text: 'Paused to discuss the rollback.' })).state;
    expect(state.engine.notes.at(-1)).toMatchObject({ at: 6, player: seats.scribe });
    state = must(applyCommand(state, null, { type: 'resume', secret: SECRET })).state;
    expectRefused(state, null, { type: 'resume', secret: SECRET }, 'room.running');
    expect(wait(state, 1000).state.engine.time).toBe(9);
  });

  it('changes the speed of game time, which real time cannot outrun', () => {
    let { state } = running();
    state = tick(state, 1000).state;
    expect(state.engine.time).toBe(3);
    const faster = must(applyCommand(state, null, { type: 'speed', secret: SECRET, speed: 4 }));
    expect(faster.events).toEqual([expect.objectContaining({ kind: 'speed', speed: 4, at: 3 })]);
    state = faster.state;
    state = tick(state, 1000).state;
    expect(state.engine.time).toBe(15);
    // A stalled server catching up with a 60 s gap gets one second's worth, not a burst.
    state = tick(state, 60_000).state;
    expect(state.engine.time).toBe(27);
    const same = must(applyCommand(state, null, { type: 'speed', secret: SECRET, speed: 4 }));
    expect(same.events).toEqual([]);
    expect(same.state).toBe(state);
  });

  it('keeps fractions of a second, so many small ticks add up exactly', () => {
    let { state } = running();
    for (let i = 0; i < 30; i++) state = tick(state, 100).state;
    expect(state.engine.time).toBe(9);
    expect(state.carry).toBe(0);
    state = tick(state, 250).state;
    expect([state.engine.time, state.carry]).toEqual([9, 750]);
  });

  it('numbers a clock event when a world tick passes or the engine reports something, and not otherwise', () => {
    let { state } = running();
    const first = tick(state, 1000);
    expect(first.events).toEqual([]);
    const second = tick(first.state, 1000);
    expect(second.events).toEqual([expect.objectContaining({ kind: 'clock', time: 6 })]);
    state = second.state;
    const all = eventsSince(state, 0);
    expect(all.ok && all.events.at(-1)?.seq).toBe(state.events.length);
  });

  it('injects a scenario inject and words written on the spot through the engine, attributed to the facilitator', () => {
    let state = running(teamMini, ['lead', 'fixer']).state;
    state = wait(state, 10_000).state;
    const scripted = must(applyCommand(state, null, { type: 'inject', secret: SECRET, inject: 'ceo' }));
    // A named inject is logged by its id alone: its character, channel and text come from the scenario.
    expect(scripted.events).toEqual([
      {
        seq: expect.any(Number),
        kind: 'input',
        entry: { at: 30, input: { type: 'inject', inject: 'ceo', player: FACILITATOR_PLAYER } },
        happened: expect.any(Array),
      },
    ]);
    const happened = (scripted.events[0] as Extract<RoomEvent, { kind: 'input' }>).happened;
    expect(happened.map((e: TimelineEvent) => e.kind)).toEqual(['message', 'inject', 'evidence']);
    expect(happened[1]).toMatchObject({ kind: 'inject', inject: 'ceo', from: 'sue', channel: 'support' });
    state = scripted.state;
    expect(state.engine.chat.at(-1)).toMatchObject({
      from: 'sue',
      channel: 'support',
      text: 'The CEO is asking what is going on.',
      byPlayer: false,
      importance: 'important',
    });
    // Its effects apply.
    expect(state.engine.facts.pings).toBe(1);
    expect(state.engine.seen.logs).toBe(30);
    const written = must(
      applyCommand(state, null, {
        type: 'inject-text',
        secret: SECRET,
        from: 'ana',
        channel: 'incident',
        text: '  Did my cache tweak do this?  ',
      }),
    );
    expect(written.events[0]).toMatchObject({
      kind: 'input',
      entry: { at: 30, input: { type: 'inject', from: 'ana', channel: 'incident', player: FACILITATOR_PLAYER } },
    });
    state = written.state;
    expect(state.engine.chat.at(-1)).toMatchObject({
      from: 'ana',
      channel: 'incident',
      text: 'Did my cache tweak do this?',
      byPlayer: false,
    });
    expect(state.log.map((e) => [e.input.type, e.at, e.input.player])).toEqual([
      ['inject', 30, FACILITATOR_PLAYER],
      ['inject', 30, FACILITATOR_PLAYER],
    ]);
    // What the room numbers is what the protocol lets through to clients.
    for (const event of [...scripted.events, ...written.events]) expect(RoomEventSchema.safeParse(event).success).toBe(true);
    expectRefused(state, null, { type: 'inject', secret: SECRET, inject: 'nope' }, 'inject.unknown');
    expectRefused(state, null, { type: 'inject-text', secret: SECRET, from: 'nobody', channel: 'incident', text: 'x' }, 'inject.character');
    expectRefused(state, null, { type: 'inject-text', secret: SECRET, from: 'ana', channel: 'nowhere', text: 'x' }, 'inject.channel');
    // The flagship has no team section, so it has no scripted injects, but free text still works.
    const flag = running().state;
    expectRefused(flag, null, { type: 'inject', secret: SECRET, inject: 'ceo' }, 'inject.unknown');
    must(applyCommand(flag, null, { type: 'inject-text', secret: SECRET, from: 'dana', channel: 'incident-orders', text: 'ETA?' }));
  });

  it('injects and hints while the clock is paused, and not in the lobby or after the end', () => {
    let { state } = running(teamMini, ['lead', 'fixer']);
    state = must(applyCommand(state, null, { type: 'pause', secret: SECRET })).state;
    state = must(applyCommand(state, null, { type: 'inject', secret: SECRET, inject: 'ceo' })).state;
    state = must(applyCommand(state, null, { type: 'hint', secret: SECRET, to: { role: 'lead' }, text: 'Look at the diff.' })).state;
    expect(state.engine.time).toBe(0);
    expect(state.log.map((e) => e.input.type)).toEqual(['inject', 'hint']);
    expectRefused(seated(teamMini, ['lead']).state, null, { type: 'inject', secret: SECRET, inject: 'ceo' }, 'room.lobby');
    const ended = must(applyCommand(state, null, { type: 'end', secret: SECRET })).state;
    expectRefused(ended, null, { type: 'inject', secret: SECRET, inject: 'ceo' }, 'room.ended');
    expectRefused(ended, null, { type: 'hint', secret: SECRET, to: { role: 'lead' }, text: 'x' }, 'room.ended');
  });

  it('sends hints to a role or to one player, and only to ones in the game day', () => {
    let { state, seats } = running();
    const toRole = must(
      applyCommand(state, null, { type: 'hint', secret: SECRET, to: { role: 'operator' }, text: 'What changed at 16:00?' }),
    );
    expect(toRole.events[0]).toMatchObject({
      kind: 'input',
      entry: { at: 0, input: { type: 'hint', to: { role: 'operator' }, text: 'What changed at 16:00?', player: FACILITATOR_PLAYER } },
    });
    expect(RoomEventSchema.safeParse(toRole.events[0]).success).toBe(true);
    state = toRole.state;
    // The coach posts it in the coach's channel, whatever the coach mode (this game day's is off).
    expect(state.engine.chat.at(-1)).toMatchObject({
      from: flagship.coach!.character,
      channel: flagship.coach!.channel,
      text: 'What changed at 16:00?',
      mentionsPlayer: true,
    });
    state = must(
      applyCommand(state, null, { type: 'hint', secret: SECRET, to: { seat: seats.comms! }, text: 'Time for an update.' }),
    ).state;
    const hints = state.engine.timeline.filter((e) => e.kind === 'facilitator-hint');
    expect(hints.map((e) => e.kind === 'facilitator-hint' && e.to)).toEqual([{ role: 'operator' }, { player: seats.comms }]);
    expectRefused(state, null, { type: 'hint', secret: SECRET, to: { role: 'pilot' }, text: 'x' }, 'hint.role');
    expectRefused(state, null, { type: 'hint', secret: SECRET, to: { seat: 'p42' }, text: 'x' }, 'hint.seat');
    expectRefused(seated().state, null, { type: 'hint', secret: SECRET, to: { role: 'operator' }, text: 'x' }, 'room.lobby');
    // Without a coach there is nobody to send it as: the engine says so.
    const { coach: _, ...noCoach } = teamMini;
    const coachless = running(noCoach as Scenario, ['lead']);
    expectRefused(
      coachless.state,
      null,
      { type: 'hint', secret: SECRET, to: { role: 'lead' }, text: 'Look at the diff.' },
      'hint.no-coach',
    );
  });

  it('keeps private notes out of the numbered events', async () => {
    const { state } = running();
    const noted = must(
      applyCommand(state, null, { type: 'facilitator-note', secret: SECRET, text: 'Ops jumped to rollback without looking.' }),
    );
    expect(noted.events).toEqual([]);
    expect(noted.state.events).toBe(state.events);
    expect(noted.state.notes).toEqual([{ at: 0, text: 'Ops jumped to rollback without looking.' }]);
    expect((await reopened(flagship, noted.state)).team?.notes).toEqual(noted.state.notes);
  });

  it('ends the game day; after that only private notes are taken', () => {
    let { state, seats } = running();
    const ended = must(applyCommand(state, null, { type: 'end', secret: SECRET }));
    expect(ended.events).toEqual([expect.objectContaining({ kind: 'phase', phase: 'ended' })]);
    state = ended.state;
    expectRefused(state, seats.operator!, { type: 'act', action: 'check_deploy_history' }, 'room.ended');
    expectRefused(state, seats.scribe!, { type: 'note', text: 'late' }, 'room.ended');
    for (const type of ['start', 'pause', 'resume', 'end'] as const) expectRefused(state, null, { type, secret: SECRET }, 'room.ended');
    expectRefused(state, null, { type: 'speed', secret: SECRET, speed: 2 }, 'room.ended');
    expectRefused(state, null, { type: 'inject-text', secret: SECRET, from: 'dana', channel: 'general', text: 'x' }, 'room.ended');
    expect(tick(state, 1000).state).toBe(state);
    must(applyCommand(state, null, { type: 'facilitator-note', secret: SECRET, text: 'Good teamwork overall.' }));
  });
});

describe('catching up', () => {
  it('hands out exactly the events after a sequence number, and refuses a number from the future', () => {
    const { state } = running();
    const all = eventsSince(state, 0);
    const tail = eventsSince(state, 3);
    expect(all.ok && all.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(tail.ok && tail.events.map((e) => e.seq)).toEqual([4, 5]);
    expect(eventsSince(state, 5)).toEqual({ ok: true, events: [] });
    const ahead = eventsSince(state, 6);
    expect(ahead.ok === false && ahead.error.code).toBe('sync.ahead');
  });
});

describe('a whole game day', () => {
  /** The flagship's expert path played by a team: each step goes to the first role allowed to do it. */
  function playExpertPath() {
    const order = ['operator', 'comms', 'commander'];
    let { state, seats } = running();
    const commands: [string | null, Command | { tick: number }][] = [];
    const apply = (seat: string | null, command: Command) => {
      commands.push([seat, command]);
      state = must(applyCommand(state, seat, command)).state;
    };
    const pass = (ms: number) => {
      commands.push([null, { tick: ms }]);
      state = tick(state, ms).state;
    };
    apply(null, { type: 'inject-text', secret: SECRET, from: 'dana', channel: 'general', text: 'Is the deploy out?' });
    for (const stepOfPath of flagship.expertPath) {
      while (state.engine.time < stepOfPath.at) pass(Math.min(1000, Math.ceil(((stepOfPath.at - state.engine.time) * 1000) / 3)));
      const action = flagship.actions.find((a) => a.id === stepOfPath.action)!;
      const role = order.find((r) => {
        const may = state.roles.find((x) => x.id === r)!.may;
        return action.tags.includes('status-update') ? may.statusUpdates : may.categories.includes(action.category);
      })!;
      apply(seats[role]!, { type: 'act', action: action.id });
      if (stepOfPath.at === 1680) apply(null, { type: 'hint', secret: SECRET, to: { role: 'comms' }, text: 'Tell people what you know.' });
    }
    while (state.phase !== 'ended' && state.engine.time < flagship.clock.limitSeconds) pass(1000);
    return { state, seats, commands };
  }

  const run = playExpertPath();

  it('reaches the resolved ending, which ends the game day, with every action attributed by role', () => {
    const { state, seats } = run;
    expect(state.engine.ending?.kind).toBe('resolved');
    expect(state.phase).toBe('ended');
    expect(state.events.at(-1)).toMatchObject({ kind: 'phase', phase: 'ended' });
    const byPlayer = (player: string) => state.engine.done.filter((d) => d.player === player).map((d) => d.category);
    expect(new Set(byPlayer(seats.operator!))).toEqual(new Set(['investigate', 'mitigate', 'remediate']));
    expect(new Set(byPlayer(seats.comms!))).toEqual(new Set(['communicate']));
    expect(byPlayer(seats.commander!)).toEqual(['resolve']);
    expect(state.events.map((e) => e.seq)).toEqual(state.events.map((_, i) => i + 1));
  });

  it("replays from its run file, the facilitator's inject and hint included, to the same engine state and score", async () => {
    const record = await reopened(flagship, run.state);
    expect(record.team?.roster.map((s) => s.role)).toEqual(run.state.roster.map((s) => s.role));
    expect(record.log.filter((e) => e.input.player === FACILITATOR_PLAYER).map((e) => e.input.type)).toEqual(['inject', 'hint']);
    const replayed = replay(flagship, record.options, record.log, record.time);
    expect(replayed.refused).toEqual([]);
    expect(replayed.state).toEqual(run.state.engine);
    expect(replayed.state.timeline.filter((e) => e.kind === 'inject' || e.kind === 'facilitator-hint').map((e) => e.kind)).toEqual([
      'inject',
      'facilitator-hint',
    ]);
    expect(score(flagship, replayed.state)).toEqual(score(flagship, run.state.engine));
    // Without the facilitator's inputs the run is a different one: they are part of it.
    const playersOnly = replay(
      flagship,
      record.options,
      record.log.filter((e) => e.input.player !== FACILITATOR_PLAYER),
      record.time,
    );
    expect(playersOnly.state.chat.length).toBe(run.state.engine.chat.length - 2);
  });

  it("replays a scripted inject's effects the same way, and a follower sees them too", async () => {
    let { state, seats } = running(teamMini, ['lead', 'fixer']);
    state = wait(state, 5000).state;
    state = must(applyCommand(state, null, { type: 'inject', secret: SECRET, inject: 'ceo' })).state;
    state = must(applyCommand(state, seats.lead!, { type: 'act', action: 'read_diff' })).state;
    state = wait(state, 30_000).state;
    state = must(
      applyCommand(state, null, { type: 'hint', secret: SECRET, to: { seat: seats.fixer! }, text: 'The diff says it all.' }),
    ).state;
    state = must(applyCommand(state, null, { type: 'inject', secret: SECRET, inject: 'ceo' })).state;
    state = wait(state, 10_000).state;
    expect(state.engine.facts.pings).toBeGreaterThanOrEqual(2);
    const record = await reopened(teamMini, state);
    const replayed = replay(teamMini, record.options, record.log, record.time);
    expect(replayed.refused).toEqual([]);
    expect(replayed.state).toEqual(state.engine);
    expect(score(teamMini, replayed.state)).toEqual(score(teamMini, state.engine));
    const followed = followEvents(teamMini, state.options, state.events);
    expect(advanceTo(teamMini, followed, state.engine.time).state).toEqual(state.engine);
  });

  it('is rebuilt exactly by a client that follows its numbered events', () => {
    const followed: EngineState = followEvents(flagship, run.state.options, run.state.events);
    expect(advanceTo(flagship, followed, run.state.engine.time).state).toEqual(run.state.engine);
  });

  it('is the same room again when the same commands and ticks are applied to a new room', () => {
    let { state } = running();
    for (const [seat, command] of run.commands)
      state = 'tick' in command ? tick(state, command.tick).state : must(applyCommand(state, seat, command)).state;
    expect(state).toEqual(run.state);
  });
});
