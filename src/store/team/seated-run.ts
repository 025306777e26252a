/**
 * The room's run rewritten for the solo panels: every seat becomes a character of the scenario, so
 * chat shows each player's posts under their own name, and a player sees their own seat as "you".
 */
import type { EngineState, TimelineEvent } from '../../engine';
import type { Scenario } from '../../format';
import type { SeatView } from '../../net/protocol';

const SEAT_COLORS = ['#62a0ea', '#57e389', '#f8e45c', '#ffa348', '#dc8add', '#99c1f1', '#8ff0a4', '#f66151'];

// One rewrite per scenario and roster: the panels redraw on a new scenario object, so it is kept while the seats stay the same.
const seated = new WeakMap<Scenario, { key: string; scenario: Scenario }>();

/** The scenario with every seat not already a character added as one, named by its role. */
export function withSeats(scenario: Scenario, roster: readonly SeatView[], roleName: (role: string) => string): Scenario {
  const key = roster.map((s) => `${s.id}:${s.name}:${s.role}`).join('|');
  const cached = seated.get(scenario);
  if (cached && cached.key === key) return cached.scenario;
  const characters = [
    ...scenario.characters,
    ...roster
      .filter((s) => !scenario.characters.some((c) => c.id === s.id))
      .map((s, i) => ({ id: s.id, name: s.name, role: roleName(s.role), color: SEAT_COLORS[i % SEAT_COLORS.length]! })),
  ];
  const next: Scenario = { ...scenario, characters };
  seated.set(scenario, { key, scenario: next });
  return next;
}

/** The panels ask about the solo player ("you"); a player sees their own seat there, others see no one. */
export function asYou(engine: EngineState, seat: string | null): EngineState {
  if (!seat) return engine;
  const mine = engine.current[seat];
  const current = { ...engine.current };
  if (mine) current.you = mine;
  else delete current.you;
  return { ...engine, current };
}

/** The run without the chat posts this page may not read (hints meant for others); the same state when there are none. */
export function withoutPosts(engine: EngineState, hidden: readonly string[]): EngineState {
  if (hidden.length === 0) return engine;
  return { ...engine, chat: engine.chat.filter((post) => !hidden.includes(post.id)) };
}

/** What happened, without what concerns a post this page may not read, so no sound or badge gives it away. */
export function happenedFor(events: readonly TimelineEvent[], hidden: readonly string[]): TimelineEvent[] {
  if (hidden.length === 0) return [...events];
  return events.filter((e) => !('post' in e && typeof e.post === 'string' && hidden.includes(e.post)));
}
