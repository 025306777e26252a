/** Starting and finishing player actions, and declaring the incident over. */
import type { Milestone } from '../format/schema';
import { postAsPlayer, postMessage } from './chat';
import { holds, milestoneHolds } from './conditions';
import { applyEffects } from './effects';
import { emit, type Draft } from './draft';
import type { EngineState, Rejection } from './types';
import type { World } from './world';

/** Whether a player could start an action now, and if not, the reason to show them. */
export type Availability = { ok: true } | { ok: false; rejection: Rejection };

export function availability(world: World, state: EngineState, actionId: string, player: string): Availability {
  const action = world.actions.get(actionId);
  if (!action) return refuse('action.unknown', `There is no action "${actionId}".`);
  if (state.ending) return refuse('game.over', 'The incident is over.');
  if (action.visible && !holds(world, state, action.visible))
    return refuse('action.hidden', `"${action.label}" is not possible right now.`);
  const busy = state.current[player];
  if (busy) {
    const label = world.actions.get(busy.action)?.label ?? busy.action;
    return refuse('action.busy', `You are still busy: ${label} (${Math.ceil(busy.endsAt - state.time)} s left).`);
  }
  if (!action.repeatable && state.done.some((d) => d.action === actionId))
    return refuse('action.done', `"${action.label}" has already been done.`);
  for (const requirement of action.requires) {
    if (!holds(world, state, requirement.when)) return refuse('action.precondition', requirement.reason);
  }
  return { ok: true };
}

function refuse(code: Rejection['code'], message: string): Availability {
  return { ok: false, rejection: { code, message } };
}

/** Starts an action for a player, or says why not. Zero-length actions finish at once. */
export function startAction(draft: Draft, player: string, actionId: string): Rejection | undefined {
  const { state, world } = draft;
  const verdict = availability(world, state, actionId, player);
  if (!verdict.ok) return verdict.rejection;
  const action = world.actions.get(actionId)!;
  state.current[player] = { action: actionId, startedAt: state.time, endsAt: state.time + action.duration };
  emit(draft, { kind: 'action-started', action: actionId, player, endsAt: state.time + action.duration });
  if (action.duration === 0) completeAction(draft, player);
  return undefined;
}

/** Finishes the player's current action: the first outcome that holds now applies. */
export function completeAction(draft: Draft, player: string): void {
  const { state, world } = draft;
  const running = state.current[player];
  if (!running) return;
  delete state.current[player];
  const action = world.actions.get(running.action);
  if (!action) return;
  const index = action.outcomes.findIndex((o) => o.when === undefined || holds(world, state, o.when));
  // A scenario whose outcomes all have conditions may match none; the linter warns, the engine shrugs.
  const outcome = action.outcomes[index] ?? { text: 'Nothing seems to change.', verdict: 'neutral' as const, effects: [] };
  state.done.push({
    action: action.id,
    category: action.category,
    player,
    startedAt: running.startedAt,
    at: state.time,
    verdict: outcome.verdict,
    outcome: index,
  });
  emit(draft, { kind: 'action-completed', action: action.id, player, verdict: outcome.verdict, text: outcome.text });
  applyEffects(draft, outcome.effects);
  if (action.category === 'resolve') declareResolved(draft, player);
}

const REQUIRED_FOR_RESOLUTION: readonly Milestone[] = ['fixed', 'verified'];

/** What the player's all-clear says in the incident channel: what they declared, and nothing they may not know. */
export const ALL_CLEAR_TEXT = 'All clear: I am declaring the incident resolved.';

/**
 * Declaring the incident over posts the player's all-clear in the incident channel, where everyone
 * sees it. Then the incident ends when it really is fixed and verified; otherwise the all-clear relapses.
 */
function declareResolved(draft: Draft, player: string): void {
  const { state, world } = draft;
  if (state.ending) return;
  const missing = REQUIRED_FOR_RESOLUTION.filter((m) => !milestoneHolds(world, state, m));
  const accepted = missing.length === 0;
  state.declarations.push({ at: state.time, player, accepted });
  const channel = world.incidentChannel ?? world.scenario.channels[0]!.id;
  const post = postAsPlayer(draft, player, channel, ALL_CLEAR_TEXT);
  post.allClear = true;
  emit(draft, { kind: 'all-clear', post: post.id, channel, player, accepted });
  if (accepted) {
    const ending = world.scenario.endings.find((e) => e.kind === 'resolved');
    endRun(draft, ending?.id ?? 'resolved', 'resolved');
    return;
  }
  emit(draft, { kind: 'relapse', player, missing });
  const { relapse } = world.scenario;
  applyEffects(draft, relapse.effects);
  for (const id of relapse.messages) {
    const message = world.messages.get(id);
    if (message) postMessage(draft, message);
  }
}

/** Ends the run; nothing changes after this. */
export function endRun(draft: Draft, id: string, kind: 'resolved' | 'failed' | 'timeout'): void {
  const { state } = draft;
  if (state.ending) return;
  state.ending = { id, kind, at: state.time };
  state.current = {};
  emit(draft, { kind: 'ending', ending: id, endingKind: kind });
}
