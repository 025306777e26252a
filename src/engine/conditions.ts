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

/**
 * A compiled condition. `height` is set when the condition reads nothing but facts (no milestone
 * either, since milestones may be cyclic): its longest chain of nested all/any/not.
 */
interface Compiled {
  test: Test;
  height: number | undefined;
}

// Conditions are compiled to closures once and cached by identity: evaluation is the engine's hot loop.
const compiled = new WeakMap<Condition, Compiled>();

function compiledFor(condition: Condition): Compiled {
  let c = compiled.get(condition);
  if (!c) {
    c = compile(condition);
    compiled.set(condition, c);
  }
  return c;
}

function testFor(condition: Condition): Test {
  return compiledFor(condition).test;
}

/**
 * A group that reads only facts gives the same answer for the same facts object, and a step
 * copies facts only when it writes one (setFact in ./draft), so most ticks can reuse the last
 * answer. Below the depth limit the answer does not depend on depth; past it, evaluate afresh.
 */
function rememberedByFacts(test: Test, height: number): Test {
  let facts: EngineState['facts'] | undefined;
  let answer = false;
  return (world, state, depth) => {
    if (depth + height > MAX_DEPTH) return test(world, state, depth);
    if (state.facts !== facts) {
      answer = test(world, state, depth);
      facts = state.facts;
    }
    return answer;
  };
}

function group(parts: Compiled[], test: Test): Compiled {
  const factsOnly = parts.every((p) => p.height !== undefined);
  if (!factsOnly) return { test, height: undefined };
  const height = 1 + Math.max(...parts.map((p) => p.height!));
  return { test: rememberedByFacts(test, height), height };
}

function leaf(test: Test, factsOnly = false): Compiled {
  return { test, height: factsOnly ? 0 : undefined };
}

function compile(c: Condition): Compiled {
  if ('fact' in c) {
    const { fact } = c;
    const cmp = comparator(c);
    return leaf((_, state) => cmp(state.facts[fact]), true);
  }
  if ('metric' in c) {
    const { metric } = c;
    const cmp = comparator(c);
    return leaf((_, state) => cmp(state.metrics[metric]?.value));
  }
  if ('service' in c) {
    const { service, is } = c;
    return leaf((_, state) => (state.services[service] ?? 'healthy') === is);
  }
  if ('time' in c) {
    const { gte, lt } = c.time;
    return leaf((_, state) => (gte === undefined || state.time >= gte) && (lt === undefined || state.time < lt));
  }
  if ('did' in c) {
    const { did, outcome, count } = c;
    // Completions are append-only and never edited, so a count over the same list is still good
    // while the list has not grown.
    let done: EngineState['done'] | undefined;
    let counted = 0;
    let n = 0;
    return leaf((_, state) => {
      if (state.done !== done || state.done.length < counted) {
        done = state.done;
        counted = 0;
        n = 0;
      }
      for (; counted < done.length; counted++) {
        const d = done[counted]!;
        if (d.action === did && (outcome === undefined || d.verdict === outcome)) n++;
      }
      if (!count) return n >= 1;
      return (count.gte === undefined || n >= count.gte) && (count.lte === undefined || n <= count.lte);
    });
  }
  if ('doing' in c) {
    const { doing } = c;
    return leaf((_, state) => {
      for (const player in state.current) if (state.current[player]!.action === doing) return true;
      return false;
    });
  }
  if ('seen' in c) {
    const { seen } = c;
    return leaf((_, state) => state.seen[seen] !== undefined);
  }
  if ('sent' in c) {
    const { sent } = c;
    return leaf((_, state) => state.posted[sent] !== undefined);
  }
  if ('answered' in c) {
    const { answered, choice } = c;
    return leaf((_, state) =>
      state.chat.some(
        (p) => p.message === answered && p.ask?.answer !== undefined && (choice === undefined || p.ask.answer.choice === choice),
      ),
    );
  }
  if ('milestone' in c) {
    const { milestone } = c;
    return leaf((world, state, depth) => depth < MAX_DEPTH && testFor(world.scenario.incident[milestone])(world, state, depth + 1));
  }
  if ('since' in c) {
    const { since, gte } = c;
    return leaf((_, state) => state.time - lastTime(state, since) >= gte);
  }
  if ('all' in c) {
    const parts = c.all.map(compiledFor);
    const tests = parts.map((p) => p.test);
    return group(parts, (world, state, depth) => {
      if (depth >= MAX_DEPTH) return false;
      for (const part of tests) if (!part(world, state, depth + 1)) return false;
      return true;
    });
  }
  if ('any' in c) {
    const parts = c.any.map(compiledFor);
    const tests = parts.map((p) => p.test);
    return group(parts, (world, state, depth) => {
      if (depth >= MAX_DEPTH) return false;
      for (const part of tests) if (part(world, state, depth + 1)) return true;
      return false;
    });
  }
  if ('not' in c) {
    const inner = compiledFor(c.not);
    const test = inner.test;
    return group([inner], (world, state, depth) => depth < MAX_DEPTH && !test(world, state, depth + 1));
  }
  return leaf(() => false);
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
