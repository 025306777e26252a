/** A scenario indexed by id once, so the hot loop looks things up instead of searching arrays. */
import type { Action, Evidence, Inject, Message, Scenario } from '../format/schema';

export interface World {
  scenario: Scenario;
  actions: ReadonlyMap<string, Action>;
  messages: ReadonlyMap<string, Message>;
  evidence: ReadonlyMap<string, Evidence>;
  channels: ReadonlyMap<string, Scenario['channels'][number]>;
  facts: ReadonlyMap<string, Scenario['facts'][number]>;
  characters: ReadonlyMap<string, Scenario['characters'][number]>;
  /** The facilitator's injects (team mode); empty without a team section. */
  injects: ReadonlyMap<string, Inject>;
  /** Messages that post by themselves (an `at` or a `when`), in file order. */
  scheduled: readonly Message[];
  /** Messages that post again while a condition holds, in file order. */
  repeating: readonly Message[];
  /** The channel status updates go to by default. */
  incidentChannel: string | undefined;
}

const cache = new WeakMap<Scenario, World>();

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

/** Indexes a validated scenario; the result is cached per scenario object. */
export function worldOf(scenario: Scenario): World {
  const cached = cache.get(scenario);
  if (cached) return cached;
  const world: World = {
    scenario,
    actions: byId(scenario.actions),
    messages: byId(scenario.messages),
    evidence: byId(scenario.evidence),
    channels: byId(scenario.channels),
    facts: byId(scenario.facts),
    characters: byId(scenario.characters),
    injects: byId(scenario.team?.injects ?? []),
    scheduled: scenario.messages.filter((m) => m.at !== undefined || m.when !== undefined),
    repeating: scenario.messages.filter((m) => m.repeat !== undefined),
    incidentChannel: scenario.channels.find((c) => c.kind === 'incident')?.id,
  };
  cache.set(scenario, world);
  return world;
}
