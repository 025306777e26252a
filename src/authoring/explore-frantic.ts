/**
 * Frantic patterns, read straight from a run's state: the explorer's guard on the scoring. They are
 * worked out here from what happened (the completed actions, the declarations, the impact intervals
 * and the timeline), never from the score's own reasons, so a scoring that forgets to charge for one
 * is caught rather than trusted. A run that shows any of them must not grade above C.
 */
import type { EngineState, World } from '../engine';
import { relevantSeenBy, statusUpdates } from '../engine/scoring/patterns';
import type { Scenario } from '../format/schema';

export const FRANTIC_PATTERNS = ['repeated-rollback', 'hunch-restart', 'premature-all-clear', 'silence'] as const;
export type FranticPattern = (typeof FRANTIC_PATTERNS)[number];

/** How each pattern reads in a report. */
export const FRANTIC_LABELS: Record<FranticPattern, string> = {
  'repeated-rollback': 'a rollback repeated after it failed',
  'hunch-restart': 'a restart on a hunch',
  'premature-all-clear': 'a premature all-clear',
  silence: 'silence while users were affected',
};

/** One frantic moment in a run. */
export interface FranticSighting {
  pattern: FranticPattern;
  /** Game time it happened (for silence: when users were first affected). */
  at: number;
  /** The action concerned, where there is one. */
  action?: string;
}

/**
 * Every frantic pattern a run shows, first sighting of each:
 * - repeated-rollback: an action tagged `rollback` started again after an earlier run of it ended
 *   in failure or harm;
 * - hunch-restart: an action tagged `restart` started before any evidence flagged `relevant` was seen;
 * - premature-all-clear: a declaration of resolution that was not accepted;
 * - silence: users were affected (the run's impact intervals) and no status update (an
 *   incident-channel post, or an action tagged `status-update`) came between the moment they first
 *   were and the end of the incident.
 */
export function franticPatterns(scenario: Scenario, world: World, state: EngineState): FranticSighting[] {
  const ctx = { scenario, world, state };
  const found = new Map<FranticPattern, FranticSighting>();
  const sight = (s: FranticSighting) => {
    if (!found.has(s.pattern)) found.set(s.pattern, s);
  };
  for (let i = 0; i < state.done.length; i++) {
    const d = state.done[i]!;
    const tags = world.actions.get(d.action)?.tags ?? [];
    if (tags.includes('rollback')) {
      const failedBefore = state.done
        .slice(0, i)
        .some((p) => p.action === d.action && (p.verdict === 'failure' || p.verdict === 'harmful') && p.at <= d.startedAt);
      if (failedBefore) sight({ pattern: 'repeated-rollback', at: d.startedAt, action: d.action });
    }
    if (tags.includes('restart') && !relevantSeenBy(ctx, d.startedAt))
      sight({ pattern: 'hunch-restart', at: d.startedAt, action: d.action });
  }
  const premature = state.declarations.find((d) => !d.accepted);
  if (premature) sight({ pattern: 'premature-all-clear', at: premature.at });

  const end = state.ending?.at ?? state.time;
  const began = state.impact.find((i) => (i.to ?? end) > i.from)?.from;
  if (began !== undefined) {
    // An update counts from the moment users were first affected until the incident ends: one made
    // just after containing the impact still tells people about it.
    if (!statusUpdates(ctx).some((t) => t >= began && t <= end)) sight({ pattern: 'silence', at: began });
  }
  return FRANTIC_PATTERNS.flatMap((p) => (found.has(p) ? [found.get(p)!] : []));
}
