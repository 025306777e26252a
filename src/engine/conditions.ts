/** Evaluates scenario conditions (data, never code) against a run's state. */
import type { Condition, FactValue, Milestone } from '../scenario/schema';
import type { EngineState } from './types';
import type { World } from './world';

interface Comparable {
  eq?: FactValue;
  ne?: FactValue;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

function compare(value: FactValue | undefined, c: Comparable): boolean {
  const hasOp = c.eq !== undefined || c.ne !== undefined || c.gt !== undefined || c.gte !== undefined || c.lt !== undefined || c.lte !== undefined;
  if (!hasOp) return Boolean(value);
  if (c.eq !== undefined && value !== c.eq) return false;
  if (c.ne !== undefined && value === c.ne) return false;
  if (c.gt !== undefined || c.gte !== undefined || c.lt !== undefined || c.lte !== undefined) {
    if (typeof value !== 'number') return false;
    if (c.gt !== undefined && !(value > c.gt)) return false;
    if (c.gte !== undefined && !(value >= c.gte)) return false;
    if (c.lt !== undefined && !(value < c.lt)) return false;
    if (c.lte !== undefined && !(value <= c.lte)) return false;
  }
  return true;
}

// Milestones may be written in terms of other milestones; a cycle is a lint error, and this bound
// keeps a cyclic file from hanging the engine if it slips through.
const MAX_DEPTH = 24;

/** True when the condition holds in this state. */
export function holds(world: World, state: EngineState, condition: Condition, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const c = condition;
  if ('fact' in c) return compare(state.facts[c.fact], c);
  if ('metric' in c) return compare(state.metrics[c.metric]?.value, c);
  if ('service' in c) return (state.services[c.service] ?? 'healthy') === c.is;
  if ('time' in c) return (c.time.gte === undefined || state.time >= c.time.gte) && (c.time.lt === undefined || state.time < c.time.lt);
  if ('did' in c) {
    let count = 0;
    for (const d of state.done) if (d.action === c.did && (c.outcome === undefined || d.verdict === c.outcome)) count++;
    if (!c.count) return count >= 1;
    return (c.count.gte === undefined || count >= c.count.gte) && (c.count.lte === undefined || count <= c.count.lte);
  }
  if ('doing' in c) return Object.values(state.current).some((a) => a.action === c.doing);
  if ('seen' in c) return state.seen[c.seen] !== undefined;
  if ('sent' in c) return state.posted[c.sent] !== undefined;
  if ('answered' in c) {
    return state.chat.some((p) => p.message === c.answered && p.ask?.answer !== undefined && (c.choice === undefined || p.ask.answer.choice === c.choice));
  }
  if ('milestone' in c) return milestoneHolds(world, state, c.milestone, depth + 1);
  if ('since' in c) return state.time - lastTime(state, c.since) >= c.gte;
  if ('all' in c) return c.all.every((x) => holds(world, state, x, depth + 1));
  if ('any' in c) return c.any.some((x) => holds(world, state, x, depth + 1));
  if ('not' in c) return !holds(world, state, c.not, depth + 1);
  return false;
}

/** True while an incident milestone's condition holds. */
export function milestoneHolds(world: World, state: EngineState, milestone: Milestone, depth = 0): boolean {
  return holds(world, state, world.scenario.incident[milestone], depth);
}

function lastTime(state: EngineState, since: { did?: string; sent?: string; seen?: string }): number {
  let last = 0;
  if (since.did !== undefined) {
    for (const d of state.done) if (d.action === since.did) last = Math.max(last, d.at);
  }
  if (since.sent !== undefined) last = Math.max(last, state.posted[since.sent]?.lastAt ?? 0);
  if (since.seen !== undefined) last = Math.max(last, state.seen[since.seen] ?? 0);
  return last;
}
