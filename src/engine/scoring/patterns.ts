/** Questions several detectors ask about a run: what counts as a change, a check, a relevant look. */
import type { Action } from '../../format/schema';
import type { Completion, EngineState, Span, TimelineEvent, TrackedMilestone } from '../types';
import type { World } from '../world';
import type { ScoringContext } from './types';

type Ctx = Pick<ScoringContext, 'world' | 'scenario' | 'state'>;

type Kind = Pick<Action, 'category' | 'tags'>;

/**
 * A change to production: tagged so, or any attempt to fix the cause. A mitigation counts only when
 * tagged `change` (a restart is not one). The scorer and the explorer both ask this.
 */
export const isChangeAction = (action: Kind): boolean => action.tags.includes('change') || action.category === 'remediate';

/** A look at the system that can tell whether the last change worked. */
export const isCheckAction = (action: Kind): boolean => action.category === 'investigate' || action.tags.includes('verify');

export const isChange = ({ world }: Ctx, d: Completion): boolean => {
  const action = world.actions.get(d.action);
  return action !== undefined && isChangeAction(action);
};

export const isCheck = ({ world }: Ctx, d: Completion): boolean => {
  const action = world.actions.get(d.action);
  return action !== undefined ? isCheckAction(action) : d.category === 'investigate';
};

export const label = ({ world }: Ctx, id: string): string => world.actions.get(id)?.label ?? id;

export const hasTag = ({ world }: Ctx, id: string, tag: string): boolean => world.actions.get(id)?.tags.includes(tag as never) ?? false;

/** Whether any evidence flagged relevant had been uncovered by game time `t`. */
export const relevantSeenBy = ({ scenario, state }: Ctx, t: number): boolean =>
  scenario.evidence.some((e) => e.relevant && (state.seen[e.id] ?? Infinity) <= t);

/** Whether users were affected at game time `t`, from the recorded impact intervals. */
export const usersAffectedAt = (state: EngineState, t: number): boolean => within(state.impact, t);

/** Whether `t` falls inside one of the spans. */
export const within = (spans: readonly Span[], t: number): boolean => spans.some((s) => s.from <= t && (s.to === null || t < s.to));

/** Seconds the spans cover between `from` and `to`. */
export function covered(spans: readonly Span[], from: number, to: number): number {
  let total = 0;
  for (const s of spans) total += Math.max(0, Math.min(s.to ?? to, to) - Math.max(s.from, from));
  return total;
}

/** Seconds both sets of spans cover between `from` and `to`. */
export function coveredByBoth(a: readonly Span[], b: readonly Span[], from: number, to: number): number {
  let total = 0;
  for (const s of a) total += covered(b, Math.max(s.from, from), Math.min(s.to ?? to, to));
  return total;
}

/** The span of a milestone still holding at the end of the run, if there is one. */
export const holdingAtEnd = (state: EngineState, milestone: TrackedMilestone): Span | undefined => {
  const last = state.held[milestone].at(-1);
  return last && last.to === null ? last : undefined;
};

/**
 * A status update: a post in an incident channel, or a completed action tagged `status-update`.
 * The one definition: scoring, the explorer and the debriefs all ask this.
 */
export const isStatusUpdate = (world: Pick<World, 'actions'>, e: TimelineEvent): boolean =>
  (e.kind === 'post' && e.statusUpdate) ||
  (e.kind === 'action-completed' && (world.actions.get(e.action)?.tags.includes('status-update') ?? false));

/** Game times of status updates (see `isStatusUpdate`). */
export function statusUpdates({ world, state }: Ctx): number[] {
  return state.timeline.filter((e) => isStatusUpdate(world, e)).map((e) => e.at);
}
