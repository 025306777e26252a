/**
 * Why a condition holds or not, in words, part by part: for authors previewing a scenario (the dev
 * panel) and for tools. It reads the same state `holds` reads and always agrees with it.
 */
import type { Condition, FactValue } from '../format/schema';
import { holds } from './conditions';
import type { EngineState } from './types';
import type { World } from './world';

export interface Explanation {
  holds: boolean;
  /** The test and what the state has, e.g. `fact "paused" eq true (it is false)`. */
  text: string;
  parts: Explanation[];
}

const show = (value: FactValue | undefined) => (value === undefined ? 'unset' : JSON.stringify(value));

function comparison(c: { eq?: FactValue; ne?: FactValue; gt?: number; gte?: number; lt?: number; lte?: number }): string {
  const ops = [
    c.eq !== undefined && `= ${show(c.eq)}`,
    c.ne !== undefined && `≠ ${show(c.ne)}`,
    c.gt !== undefined && `> ${c.gt}`,
    c.gte !== undefined && `≥ ${c.gte}`,
    c.lt !== undefined && `< ${c.lt}`,
    c.lte !== undefined && `≤ ${c.lte}`,
  ].filter(Boolean);
  return ops.length === 0 ? 'is truthy' : ops.join(' and ');
}

// Milestones may refer to milestones; the engine stops at this depth, and so does the explanation.
const MAX_DEPTH = 24;

/** Explains `condition` in `state`, nesting the parts of all/any/not and milestones. */
export function explain(world: World, state: EngineState, condition: Condition, depth = 0): Explanation {
  const ok = holds(world, state, condition, depth);
  const leaf = (text: string): Explanation => ({ holds: ok, text, parts: [] });
  if (depth >= MAX_DEPTH) return leaf('nested too deeply (never holds)');
  const inner = (c: Condition) => explain(world, state, c, depth + 1);
  if ('all' in condition) return { holds: ok, text: 'all of', parts: condition.all.map(inner) };
  if ('any' in condition) return { holds: ok, text: 'any of', parts: condition.any.map(inner) };
  if ('not' in condition) {
    const part = inner(condition.not);
    return { holds: ok, text: `not: ${part.text}`, parts: [part] };
  }
  if ('fact' in condition) return leaf(`fact "${condition.fact}" ${comparison(condition)} (it is ${show(state.facts[condition.fact])})`);
  if ('metric' in condition) {
    const value = state.metrics[condition.metric]?.value;
    return leaf(`metric "${condition.metric}" ${comparison(condition)} (it is ${value === undefined ? 'unknown' : value.toFixed(2)})`);
  }
  if ('service' in condition)
    return leaf(`service "${condition.service}" is ${condition.is} (it is ${state.services[condition.service] ?? 'healthy'})`);
  if ('time' in condition) {
    const { gte, lt } = condition.time;
    const bounds = [gte !== undefined && `≥ ${gte}`, lt !== undefined && `< ${lt}`].filter(Boolean).join(' and ');
    return leaf(`game time ${bounds || 'any'} (it is ${state.time})`);
  }
  if ('did' in condition) {
    const n = state.done.filter(
      (d) => d.action === condition.did && (condition.outcome === undefined || d.verdict === condition.outcome),
    ).length;
    const times = condition.count
      ? [
          condition.count.gte !== undefined && `at least ${condition.count.gte}`,
          condition.count.lte !== undefined && `at most ${condition.count.lte}`,
        ]
          .filter(Boolean)
          .join(' and ')
      : 'at least once';
    return leaf(
      `did "${condition.did}"${condition.outcome ? ` with outcome ${condition.outcome}` : ''} ${times} (done ${n} time${n === 1 ? '' : 's'})`,
    );
  }
  if ('doing' in condition)
    return leaf(
      `doing "${condition.doing}" (${
        Object.values(state.current)
          .map((c) => c.action)
          .join(', ') || 'nothing'
      } in progress)`,
    );
  if ('seen' in condition)
    return leaf(
      `seen evidence "${condition.seen}" (${state.seen[condition.seen] === undefined ? 'not yet' : `at ${state.seen[condition.seen]}`})`,
    );
  if ('sent' in condition)
    return leaf(
      `message "${condition.sent}" posted (${state.posted[condition.sent] ? `${state.posted[condition.sent]!.count} time(s)` : 'not yet'})`,
    );
  if ('answered' in condition) return leaf(`answered "${condition.answered}"${condition.choice ? ` with "${condition.choice}"` : ''}`);
  if ('milestone' in condition) {
    return { holds: ok, text: `milestone ${condition.milestone}`, parts: [inner(world.scenario.incident[condition.milestone])] };
  }
  if ('since' in condition) {
    const what = Object.entries(condition.since)
      .map(([k, v]) => `${k} "${v}"`)
      .join(', ');
    return leaf(`at least ${condition.gte} s since ${what}`);
  }
  return leaf('an unrecognised condition (never holds)');
}

/** The parts that make a condition fail: its failing leaves (a failing "not" counts as a leaf). */
export function failingParts(explanation: Explanation): Explanation[] {
  if (explanation.holds) return [];
  if (explanation.parts.length === 0 || explanation.text.startsWith('not: ')) return [explanation];
  return explanation.parts.flatMap(failingParts);
}
