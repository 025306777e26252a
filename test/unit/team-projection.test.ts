/**
 * The team client's pure projection: a room's numbered events fold into what a page shows (the
 * run, the roster, the feed with its text, this page's hints), to the same engine state as the
 * room reached, and only the hints meant for this page.
 */
import { describe, expect, it } from 'vitest';
import type { ClientCommand, RoomEvent } from '../../src/net/protocol';
import { applyCommand, createRoom, joinSeat, tick, welcome, type RoomState } from '../../src/server/room-core';
import {
  initialProjection,
  parseRoomEvent,
  project,
  projectAll,
  ENDED_BY_FACILITATOR,
  RESYNCED,
  resync,
  type ProjectionContext,
} from '../../src/store/team/projection';
import { happenedFor, withoutPosts } from '../../src/store/team/seated-run';
import { teamMiniScenario } from './helpers/mini-scenario';

const SECRET = 'facilitator-secret-0123456789abcdef';
const scenario = teamMiniScenario();

function apply(state: RoomState, seat: string | null, command: Exclude<ClientCommand, { type: 'sync' }>): RoomState {
  const outcome = applyCommand(state, seat, command);
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.state;
}

/** A mini game day: two seats, started, a few inputs from players and the facilitator, some clock. */
function gameDay() {
  const created = createRoom({
    code: 'ABCDEFGHJK',
    scenario,
    game: { scenario: scenario.id, speed: 1, coach: 'off' },
    seed: 7,
    facilitatorSecret: SECRET,
  });
  if (!created.ok) throw new Error(created.error.message);
  let state = created.state;
  const seats: Record<string, string> = {};
  for (const [name, role] of [
    ['Alice', 'lead'],
    ['Bob', 'fixer'],
  ] as const) {
    const joined = joinSeat(state, { name, role, token: `seat-token-${name}-0123456789abcdef` });
    if (!joined.ok) throw new Error(joined.error.message);
    state = joined.state;
    seats[role] = joined.seat.id;
  }
  state = apply(state, null, { type: 'start', secret: SECRET });
  state = tick(state, 5000).state;
  state = apply(state, seats.lead!, { type: 'act', action: 'read_diff' });
  state = apply(state, seats.lead!, { type: 'post', channel: 'incident', text: 'Looking at the <b>diff</b>' });
  state = apply(state, seats.lead!, { type: 'note', text: 'cache key changed', kind: 'finding' });
  state = apply(state, null, { type: 'inject', inject: 'ceo', secret: SECRET });
  state = apply(state, null, { type: 'inject-text', from: 'sam', channel: 'incident', text: 'Need help?', secret: SECRET });
  state = apply(state, null, { type: 'hint', to: { role: 'fixer' }, text: 'Check the flag', secret: SECRET });
  state = apply(state, null, { type: 'hint', to: { seat: seats.lead! }, text: 'Read the logs', secret: SECRET });
  state = apply(state, null, { type: 'speed', speed: 2, secret: SECRET });
  state = tick(state, 3000).state;
  state = apply(state, null, { type: 'pause', secret: SECRET });
  return { state, seats };
}

function contextFor(state: RoomState, as: ProjectionContext['as'], seatId: string | null = null): ProjectionContext {
  const seat = seatId ? state.roster.find((s) => s.id === seatId)! : null;
  const w = welcome(state, { kind: 'watcher' });
  return {
    scenario,
    options: { seed: w.options.seed, coach: w.options.coach },
    as,
    seat: seat ? { id: seat.id, name: seat.name, role: seat.role } : null,
    roles: w.roles,
  };
}

describe('the team projection', () => {
  it('follows the room to the same engine state, phase, speed and log', () => {
    const { state } = gameDay();
    const p = projectAll(initialProjection(contextFor(state, 'watcher')), state.events);
    expect(p.engine).toEqual(state.engine);
    expect(p.phase).toBe('paused');
    expect(p.speed).toBe(2);
    expect(p.seq).toBe(state.events.at(-1)!.seq);
    expect(p.diverged).toBeNull();
    expect(p.log.map((e) => e.input.type)).toEqual(['act', 'post', 'note', 'inject', 'inject', 'hint', 'hint']);
    expect(p.roster.map((s) => s.name)).toEqual(['Alice', 'Bob']);
  });

  it('writes the feed with names, roles, channels and characters, keeping network text as it came', () => {
    const { state } = gameDay();
    const p = projectAll(initialProjection(contextFor(state, 'facilitator')), state.events);
    expect(p.feed.map((f) => [f.kind, f.text])).toEqual([
      ['phase', 'The game day is running.'],
      ['action', 'Alice (Lead) started “Read the diff”'],
      ['post', 'Alice (Lead) posted in #incident: Looking at the <b>diff</b>'],
      ['note', 'Alice (Lead) noted a finding: cache key changed'],
      ['inject', 'Inject: Sue in #support: The CEO is asking what is going on.'],
      ['inject', 'Inject: Sam in #incident: Need help?'],
      ['hint', 'Hint to everyone in Fixer: Check the flag'],
      ['hint', 'Hint to Alice (Lead): Read the logs'],
      ['phase', 'The facilitator paused the game day.'],
    ]);
    expect(new Set(p.feed.map((f) => f.key)).size).toBe(p.feed.length);
    expect(p.hints.map((h) => h.text)).toEqual(['Check the flag', 'Read the logs']);
  });

  it('never shows a player or the projector an inject as an inject, nor a hint, in the feed', () => {
    const { state, seats } = gameDay();
    for (const context of [
      contextFor(state, 'player', seats.lead!),
      contextFor(state, 'player', seats.fixer!),
      contextFor(state, 'watcher'),
    ]) {
      const p = projectAll(initialProjection(context), state.events);
      const texts = p.feed.map((f) => f.text);
      expect(p.feed.some((f) => f.kind === 'inject' || f.kind === 'hint')).toBe(false);
      expect(texts.filter((t) => t.startsWith('Inject:') || t.startsWith('Hint to'))).toEqual([]);
      expect(texts.some((t) => t.includes('Check the flag') || t.includes('Read the logs'))).toBe(false);
    }
    // A player reads an inject in chat, as the character's message, like any scripted one: it is not in their feed.
    const lead = projectAll(initialProjection(contextFor(state, 'player', seats.lead!)), state.events);
    expect(lead.feed.some((f) => f.text.includes('The CEO is asking') || f.text.includes('Need help?'))).toBe(false);
    expect(lead.engine.chat.some((c) => c.from === 'sue' && c.text === 'The CEO is asking what is going on.')).toBe(true);
  });

  it('shows the projector the messages that matter from the channels it does not show, injected or scripted alike', () => {
    const { state } = gameDay();
    const p = projectAll(initialProjection(contextFor(state, 'watcher')), state.events);
    const messages = p.feed.filter((f) => f.kind === 'message').map((f) => f.text);
    // The inject in #support is there as Sue's message; the one in #incident is on the projector's screen already.
    expect(messages).toContain('Sue in #support: The CEO is asking what is going on.');
    expect(messages.some((t) => t.includes('Need help?'))).toBe(false);
    const important = state.engine.chat.filter(
      (c) =>
        !c.byPlayer &&
        c.channel !== 'incident' &&
        (c.importance === 'important' || c.importance === 'critical') &&
        !p.hiddenPosts.includes(c.id),
    );
    expect(messages).toHaveLength(important.length);
    // Nobody else's feed carries them: players have every channel in their chat.
    const facilitator = projectAll(initialProjection(contextFor(state, 'facilitator')), state.events);
    expect(facilitator.feed.some((f) => f.kind === 'message')).toBe(false);
  });

  it("keeps each hint's chat post from everyone it is not for, and only while the game day runs", () => {
    const { state, seats } = gameDay();
    const hintPosts = state.engine.timeline.filter((e) => e.kind === 'facilitator-hint').map((e) => (e as { post: string }).post);
    expect(hintPosts).toHaveLength(2);
    const [toFixers, toAlice] = hintPosts as [string, string];
    const hiddenFor = (context: ProjectionContext) => projectAll(initialProjection(context), state.events).hiddenPosts;
    expect(hiddenFor(contextFor(state, 'facilitator'))).toEqual([]);
    expect(hiddenFor(contextFor(state, 'player', seats.fixer!))).toEqual([toAlice]);
    expect(hiddenFor(contextFor(state, 'player', seats.lead!))).toEqual([toFixers]);
    expect(hiddenFor(contextFor(state, 'watcher'))).toEqual([toFixers, toAlice]);
    // What the panels get: the chat without those posts, and no event about them to sound or badge.
    const shown = withoutPosts(state.engine, [toFixers, toAlice]);
    expect(shown.chat.map((c) => c.id)).toEqual(state.engine.chat.map((c) => c.id).filter((id) => id !== toFixers && id !== toAlice));
    expect(shown.chat.some((c) => c.text === 'Check the flag' || c.text === 'Read the logs')).toBe(false);
    expect(withoutPosts(state.engine, [])).toBe(state.engine);
    const happened = state.events.flatMap((e) => ('happened' in e ? e.happened : []));
    const left = happenedFor(happened, [toFixers, toAlice]);
    expect(left.some((e) => 'post' in e && (e.post === toFixers || e.post === toAlice))).toBe(false);
    expect(left.length).toBeLessThan(happened.length);
  });

  it('records that the facilitator ended the game day, and when; a run that reaches its ending has no one who ended it', () => {
    const { state } = gameDay();
    const ended = apply(state, null, { type: 'end', secret: SECRET });
    expect(ended.events.at(-1)).toMatchObject({ kind: 'phase', phase: 'ended', by: 'facilitator', at: state.engine.time });
    for (const as of ['facilitator', 'watcher'] as const) {
      const p = projectAll(initialProjection(contextFor(ended, as)), ended.events);
      expect(p.ended).toEqual({ at: state.engine.time, by: 'facilitator' });
      expect(p.feed.at(-1)).toMatchObject({ kind: 'phase', text: ENDED_BY_FACILITATOR });
    }
    // Before the end, nothing is recorded; an ending the engine reaches (the time limit here) is nobody's.
    expect(projectAll(initialProjection(contextFor(state, 'watcher')), state.events).ended).toBeNull();
    let running = apply(state, null, { type: 'resume', secret: SECRET });
    for (let i = 0; i < 5000 && running.phase !== 'ended'; i++) running = tick(running, 1000).state;
    expect(running.phase).toBe('ended');
    const p = projectAll(initialProjection(contextFor(running, 'watcher')), running.events);
    expect(p.ended).toEqual({ at: running.engine.time, by: null });
    expect(p.feed.at(-1)).toMatchObject({ kind: 'phase', text: 'The game day is over.' });
  });

  it('shows a player only the hints for their role or seat, and keeps hints out of their feed', () => {
    const { state, seats } = gameDay();
    const fixer = projectAll(initialProjection(contextFor(state, 'player', seats.fixer!)), state.events);
    expect(fixer.hints).toEqual([expect.objectContaining({ text: 'Check the flag', to: 'everyone in Fixer' })]);
    const lead = projectAll(initialProjection(contextFor(state, 'player', seats.lead!)), state.events);
    expect(lead.hints).toEqual([expect.objectContaining({ text: 'Read the logs', to: 'Alice (Lead)' })]);
    expect(lead.feed.some((f) => f.kind === 'hint')).toBe(false);
    const watcher = projectAll(initialProjection(contextFor(state, 'watcher')), state.events);
    expect(watcher.hints).toEqual([]);
  });

  it('is pure: folding leaves the earlier projection as it was, and a seat seen twice is listed once', () => {
    const { state } = gameDay();
    const start = initialProjection(contextFor(state, 'watcher'));
    const before = structuredClone(start);
    const seat = state.events.find((e): e is Extract<RoomEvent, { kind: 'seat' }> => e.kind === 'seat')!;
    const once = project(start, seat);
    expect(start).toEqual(before);
    expect(project(once, { ...seat, seq: seat.seq + 100 }).roster).toHaveLength(1);
  });

  it('marks itself diverged when an event cannot be followed, instead of throwing', () => {
    const { state } = gameDay();
    const input = state.events.find((e) => e.kind === 'input')!;
    const start = initialProjection(contextFor(state, 'watcher'));
    expect(project(start, input).diverged).toBeNull();
    // An engine state the follower cannot step stands in for a client that went its own way.
    const q = project({ ...start, engine: null as unknown as typeof start.engine }, input);
    expect(q.diverged).toEqual(expect.any(String));
  });

  it('parses untrusted events with the protocol schema', () => {
    const { state } = gameDay();
    expect(parseRoomEvent(JSON.parse(JSON.stringify(state.events[0])))).toEqual(state.events[0]);
    expect(parseRoomEvent({ seq: 1, kind: 'facilitator-hint', text: 'old server' })).toBeNull();
    expect(parseRoomEvent({ seq: 1, kind: 'seat', seat: { id: 's', name: 'x', role: 'lead' }, extra: true })).toBeNull();
  });

  it("resyncs a diverged follower from the room's events, and says so in the feed", () => {
    const { state } = gameDay();
    const start = initialProjection(contextFor(state, 'facilitator'));
    const half = projectAll(start, state.events.slice(0, 4));
    // A follower that went its own way: a stale engine, flagged as diverged.
    const wrong = { ...projectAll(half, state.events.slice(4)), engine: half.engine, diverged: 'went wrong' };
    const fixed = resync(wrong, state.events);
    expect(fixed.diverged).toBeNull();
    expect(fixed.engine).toEqual(state.engine);
    expect(fixed.feed.at(-1)).toMatchObject({ kind: 'phase', text: RESYNCED });
    expect(fixed.feed.slice(0, -1)).toEqual(projectAll(start, state.events).feed);
  });
});
