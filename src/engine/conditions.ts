/** Evaluates scenario conditions (data, never code) against a run's state. */
import type { Condition, FactValue, Milestone } from '../format/schema';
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

/** Builds the comparison once; with no operator, the value's truthiness decides. */
function comparator(c: Comparable): (value: FactValue | undefined) => boolean {
  const { eq, ne, gt, gte, lt, lte } = c;
  const numeric = gt !== undefined || gte !== undefined || lt !== undefined || lte !== undefined;
  if (eq === undefined && ne === undefined && !numeric) return (value) => Boolean(value);
  return (value) => {
    if (eq !== undefined && value !== eq) return false;
    if (ne !== undefined && value === ne) return false;
    if (!numeric) return true;
    if (typeof value !== 'number') return false;
    return (
      (gt === undefined || value > gt) &&
      (gte === undefined || value >= gte) &&
      (lt === undefined || value < lt) &&
      (lte === undefined || value <= lte)
    );
  };
}

// Milestones may be written in terms of other milestones; a cycle is a lint error, and this bound
// keeps a cyclic file from hanging the engine if it slips through.
const MAX_DEPTH = 24;

type Test = (world: World, state: EngineState, depth: number) => boolean;

// Conditions are compiled to closures once and cached by identity: evaluation is the engine's hot loop.
const compiled = new WeakMap<Condition, Test>();

function testFor(condition: Condition): Test {
  let test = compiled.get(condition);
  if (!test) {
    test = compile(condition);
    compiled.set(condition, test);
  }
  return test;
}

function compile(c: Condition): Test {
  if ('fact' in c) {
    const { fact } = c;
    const cmp = comparator(c);
    return (_, state) => cmp(state.facts[fact]);
  }
  if ('metric' in c) {
    const { metric } = c;
    const cmp = comparator(c);
    return (_, state) => cmp(state.metrics[metric]?.value);
  }
  if ('service' in c) {
    const { service, is } = c;
    return (_, state) => (state.services[service] ?? 'healthy') === is;
  }
  if ('time' in c) {
    const { gte, lt } = c.time;
    return (_, state) => (gte === undefined || state.time >= gte) && (lt === undefined || state.time < lt);
  }
  if ('did' in c) {
    const { did, outcome, count } = c;
    return (_, state) => {
      let n = 0;
      for (const d of state.done) if (d.action === did && (outcome === undefined || d.verdict === outcome)) n++;
      if (!count) return n >= 1;
      return (count.gte === undefined || n >= count.gte) && (count.lte === undefined || n <= count.lte);
    };
  }
  if ('doing' in c) {
    const { doing } = c;
    return (_, state) => {
      for (const player in state.current) if (state.current[player]!.action === doing) return true;
      return false;
    };
  }
  if ('seen' in c) {
    const { seen } = c;
    return (_, state) => state.seen[seen] !== undefined;
  }
  if ('sent' in c) {
    const { sent } = c;
    return (_, state) => state.posted[sent] !== undefined;
  }
  if ('answered' in c) {
    const { answered, choice } = c;
    return (_, state) =>
      state.chat.some(
        (p) => p.message === answered && p.ask?.answer !== undefined && (choice === undefined || p.ask.answer.choice === choice),
      );
  }
  if ('milestone' in c) {
    const { milestone } = c;
    return (world, state, depth) => depth < MAX_DEPTH && testFor(world.scenario.incident[milestone])(world, state, depth + 1);
  }
  if ('since' in c) {
    const { since, gte } = c;
    return (_, state) => state.time - lastTime(state, since) >= gte;
  }
  if ('all' in c) {
    const parts = c.all.map(testFor);
    return (world, state, depth) => {
      if (depth >= MAX_DEPTH) return false;
      for (const part of parts) if (!part(world, state, depth + 1)) return false;
      return true;
    };
  }
  if ('any' in c) {
    const parts = c.any.map(testFor);
    return (world, state, depth) => {
      if (depth >= MAX_DEPTH) return false;
      for (const part of parts) if (part(world, state, depth + 1)) return true;
      return false;
    };
  }
  if ('not' in c) {
    const inner = testFor(c.not);
    return (world, state, depth) => depth < MAX_DEPTH && !inner(world, state, depth + 1);
  }
  return () => false;
}

/** True when the condition holds in this state. */
export function holds(world: World, state: EngineState, condition: Condition, depth = 0): boolean {
  return testFor(condition)(world, state, depth);
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
