/**
 * What can ever happen in a scenario, worked out without playing it. The analysis over-approximates:
 * every fact value, service health, metric value, verdict, posted message and uncovered piece of
 * evidence that some run can produce is in its result (it may hold more). So when it says a condition
 * can never hold, no run makes it hold, and the linter may say so without a false alarm.
 *
 * It starts from the state at game second 0 and keeps adding what the live parts of the scenario
 * (deploys, triggers, messages, replies, actions, the relapse) can cause, until nothing new appears.
 * Facts are tracked one by one (no relations between them), so a conjunction of conditions that can
 * each hold but never together is not caught: that is the price of never warning wrongly.
 */
import { MILESTONES } from '../format/concepts';
import type { Path } from '../format/json-source';
import type { Action, Condition, Effect, FactValue, Health, Milestone, Scenario, Verdict } from '../format/schema';

/** Why a condition cannot hold (or cannot fail): the value it points at and a clause saying why. */
export interface Blame {
  path: Path;
  why: string;
  /** Set when the reason is another part of the scenario that can never happen ("action:x", "message:m", "evidence:e", "milestone:fixed"). */
  cause?: string;
}

/** What a condition can do in some run: hold, fail, and if one is impossible, why. */
export interface Possible {
  canHold: boolean;
  canFail: boolean;
  /** Filled when !canHold. */
  never: Blame[];
  /** Filled when !canFail. */
  always: Blame[];
}

interface FactRange {
  values: FactValue[];
  /** An "add" can reach it: any number is possible. */
  anyNumber: boolean;
}

export interface Reach {
  /** The last game second at which anything is evaluated: the first tick at or after the limit. */
  end: number;
  facts: Map<string, FactRange>;
  health: Map<string, Set<Health>>;
  /** The smoothed value stays within [lo, hi]: it only ever moves towards its baseline or a level. */
  metrics: Map<string, { lo: number; hi: number }>;
  startable: Set<string>;
  /** Actions that can complete, with the verdicts they can end with. */
  verdicts: Map<string, Set<Verdict>>;
  posted: Set<string>;
  seen: Set<string>;
  /** False when the analysis gave up (an absurdly long chain or huge file): then nothing may be concluded from it. */
  converged: boolean;
  /** Condition evaluations so far, against the budget. */
  work: number;
}

export { MILESTONES };

const BOTH: Possible = { canHold: true, canFail: true, never: [], always: [] };
const MAX_ROUNDS = 1000;
/** The engine stops evaluating all/any/not/milestone this deep (they count as false); the analysis claims nothing there. */
const ENGINE_MAX_DEPTH = 24;
/** Condition evaluations the analysis may spend: over a hundred times what the flagship needs. */
const WORK_BUDGET = 500_000;

/**
 * Where a condition sits, as a chain of keys from a root path: cheap to extend on every evaluation,
 * turned into a path only for the few values that get blamed.
 */
interface Where {
  up?: Where;
  key?: string | number;
  root?: Path;
}

function below(where: Where, ...keys: (string | number)[]): Where {
  let w = where;
  for (const key of keys) w = { up: w, key };
  return w;
}

function pathOf(where: Where): Path {
  const keys: (string | number)[] = [];
  let w = where;
  while (w.up) {
    keys.push(w.key!);
    w = w.up;
  }
  return [...(w.root ?? []), ...keys.reverse()];
}

/** A leaf's answer; the blame (and its wording) is only built when one side is impossible. */
function possible(canHold: boolean, canFail: boolean, where: Where, why: () => string, cause?: string): Possible {
  if (canHold && canFail) return BOTH;
  const blame: Blame = { path: pathOf(where), why: why(), ...(cause ? { cause } : {}) };
  return { canHold, canFail, never: canHold ? [] : [blame], always: canFail ? [] : [blame] };
}

/** The last game second anything is evaluated at: the world tick that ends the run on time. */
export function endOf(scenario: Scenario): number {
  const { limitSeconds, tickSeconds } = scenario.clock;
  return Math.ceil(limitSeconds / tickSeconds) * tickSeconds;
}

/** Visits a condition and every condition nested in it, with its path. */
export function walkCondition(c: Condition, path: Path, visit: (c: Condition, path: Path) => void): void {
  visit(c, path);
  if ('all' in c) c.all.forEach((x, i) => walkCondition(x, [...path, 'all', i], visit));
  if ('any' in c) c.any.forEach((x, i) => walkCondition(x, [...path, 'any', i], visit));
  if ('not' in c) walkCondition(c.not, [...path, 'not'], visit);
}

/** The milestones each milestone's condition refers to, with where. */
export function milestoneEdges(scenario: Scenario): Map<Milestone, { target: Milestone; path: Path }[]> {
  const edges = new Map<Milestone, { target: Milestone; path: Path }[]>();
  for (const m of MILESTONES) {
    const list: { target: Milestone; path: Path }[] = [];
    walkCondition(scenario.incident[m], ['incident', m], (c, path) => {
      if ('milestone' in c) list.push({ target: c.milestone, path });
    });
    edges.set(m, list);
  }
  return edges;
}

/** Milestones that lie on a cycle of milestone references. */
export function cyclicMilestones(scenario: Scenario): Set<Milestone> {
  const edges = milestoneEdges(scenario);
  const cyclic = new Set<Milestone>();
  for (const start of MILESTONES) {
    const seen = new Set<Milestone>();
    const stack = (edges.get(start) ?? []).map((e) => e.target);
    while (stack.length > 0) {
      const m = stack.pop()!;
      if (m === start) {
        cyclic.add(start);
        break;
      }
      if (seen.has(m)) continue;
      seen.add(m);
      for (const e of edges.get(m) ?? []) stack.push(e.target);
    }
  }
  return cyclic;
}

/** Same semantics as the engine's fact and metric comparisons. */
function compare(c: { eq?: FactValue; ne?: FactValue; gt?: number; gte?: number; lt?: number; lte?: number }, value: FactValue): boolean {
  const numeric = c.gt !== undefined || c.gte !== undefined || c.lt !== undefined || c.lte !== undefined;
  if (c.eq === undefined && c.ne === undefined && !numeric) return Boolean(value);
  if (c.eq !== undefined && value !== c.eq) return false;
  if (c.ne !== undefined && value === c.ne) return false;
  if (!numeric) return true;
  if (typeof value !== 'number') return false;
  return (
    (c.gt === undefined || value > c.gt) &&
    (c.gte === undefined || value >= c.gte) &&
    (c.lt === undefined || value < c.lt) &&
    (c.lte === undefined || value <= c.lte)
  );
}

/** "false", "0 or 5", "\"a\", \"b\" or \"c\"". */
export function listValues(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'number' ? formatNumber(v) : JSON.stringify(v)));
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

export function formatNumber(n: number): string {
  return String(Number(n.toPrecision(6)));
}

/** Evaluates conditions against what the analysis found possible; `at` pins the clock to one second. */
export class Evaluator {
  private readonly actions: Map<string, Action>;
  private readonly messages: Map<string, Scenario['messages'][number]>;
  private readonly cyclic: Set<Milestone>;
  private milestones = new Map<Milestone, Possible>();
  private readonly heights = new WeakMap<Condition, number>();

  constructor(
    private readonly scenario: Scenario,
    private readonly reach: Reach,
    private readonly at?: number,
  ) {
    this.actions = new Map(scenario.actions.map((a) => [a.id, a]));
    this.messages = new Map(scenario.messages.map((m) => [m.id, m]));
    this.cyclic = cyclicMilestones(scenario);
    this.refresh();
  }

  /** Re-evaluates the milestones after the analysis learnt more. */
  refresh(): void {
    this.milestones = new Map();
    // Evaluated on demand with memoising; a milestone on a cycle may be anything.
    for (const m of MILESTONES) this.milestone(m);
  }

  /** The milestone's condition as the engine evaluates it from depth 0 (milestoneHolds). */
  private milestone(m: Milestone): Possible {
    const known = this.milestones.get(m);
    if (known) return known;
    if (this.cyclic.has(m)) {
      this.milestones.set(m, BOTH);
      return BOTH;
    }
    // Acyclic: the recursion through milestone leaves ends, and each milestone is computed once.
    const result = this.evaluate(this.scenario.incident[m], ['incident', m]);
    this.milestones.set(m, result);
    return result;
  }

  /** Levels of all/any/not/milestone nesting in a condition (a leaf is 0), milestones expanded. */
  private height(c: Condition): number {
    const known = this.heights.get(c);
    if (known !== undefined) return known;
    let h = 0;
    if ('all' in c) h = 1 + Math.max(...c.all.map((x) => this.height(x)));
    else if ('any' in c) h = 1 + Math.max(...c.any.map((x) => this.height(x)));
    else if ('not' in c) h = 1 + this.height(c.not);
    else if ('milestone' in c) h = this.cyclic.has(c.milestone) ? Infinity : 1 + this.height(this.scenario.incident[c.milestone]);
    this.heights.set(c, h);
    return h;
  }

  milestonePossible(m: Milestone): Possible {
    return this.milestone(m);
  }

  evaluate(c: Condition, path: Path): Possible {
    return this.at_(c, { root: path }, 0);
  }

  /** `depth` is the engine's: how far below the root it evaluates this condition sits. */
  private at_(c: Condition, where: Where, depth: number): Possible {
    const reach = this.reach;
    // Past the engine's depth limit its answer is not the condition's meaning: claim nothing.
    if (depth + this.height(c) > ENGINE_MAX_DEPTH) return BOTH;
    // A hostile file could make the fixpoint very long: past the budget, claim nothing at all.
    if (++reach.work > WORK_BUDGET) return BOTH;
    if ('fact' in c) {
      const range = reach.facts.get(c.fact);
      if (!range || range.anyNumber) return BOTH;
      let canHold = false;
      let canFail = false;
      for (const v of range.values) {
        if (compare(c, v)) canHold = true;
        else canFail = true;
      }
      if (canHold && canFail) return BOTH;
      const key = (['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const).find((k) => c[k] !== undefined) ?? 'fact';
      return possible(canHold, canFail, below(where, key), () => `fact "${c.fact}" can only be ${listValues(range.values)}`);
    }
    if ('metric' in c) {
      const range = reach.metrics.get(c.metric);
      if (!range) return BOTH;
      // Floating-point steps may overshoot a level by an ulp; leave a margin rather than warn wrongly.
      const slack = 1e-9 * Math.max(1, Math.abs(range.lo), Math.abs(range.hi));
      const lo = range.lo - slack;
      const hi = range.hi + slack;
      const { gt, gte, lt, lte } = c;
      const key = (['gt', 'gte', 'lt', 'lte'] as const).find((k) => c[k] !== undefined) ?? 'metric';
      const low = Math.max(gt ?? -Infinity, gte ?? -Infinity);
      const high = Math.min(lt ?? Infinity, lte ?? Infinity);
      const empty = low > high || (low === high && (gt === low || lt === high));
      if (empty) return possible(false, true, below(where, key), () => 'its bounds leave no value between them');
      const outside =
        (gt !== undefined && gt >= hi) ||
        (gte !== undefined && gte > hi) ||
        (lt !== undefined && lt <= lo) ||
        (lte !== undefined && lte < lo);
      const span = () =>
        range.lo === range.hi
          ? `stays at ${formatNumber(range.lo)}`
          : `stays between ${formatNumber(range.lo)} and ${formatNumber(range.hi)}`;
      return possible(
        !outside,
        true,
        below(where, key),
        () => `metric "${c.metric}" ${span()} (its baseline and the levels that can apply)`,
      );
    }
    if ('service' in c) {
      const healths = reach.health.get(c.service);
      if (!healths) return BOTH;
      let canFail = false;
      for (const h of healths) if (h !== c.is) canFail = true;
      return possible(
        healths.has(c.is),
        canFail,
        below(where, 'is'),
        () => `service "${c.service}" can only be ${[...healths].join(' or ')}`,
      );
    }
    if ('time' in c) {
      const { gte, lt } = c.time;
      if (this.at !== undefined) {
        const holds = (gte === undefined || this.at >= gte) && (lt === undefined || this.at < lt);
        return possible(holds, !holds, below(where, 'time'), () => `at ${this.at} s the clock is outside this window`);
      }
      const from = Math.max(gte ?? 0, 0);
      const until = lt ?? Infinity;
      const limit = this.scenario.clock.limitSeconds;
      if (from > reach.end) return possible(false, true, below(where, 'time', 'gte'), () => `the scenario ends at ${limit} s`);
      if (until <= 0) return possible(false, true, below(where, 'time', 'lt'), () => 'game time starts at 0');
      if (from >= until) return possible(false, true, below(where, 'time'), () => 'the time window is empty');
      const covers = (gte ?? 0) <= 0 && until > reach.end;
      return possible(true, !covers, below(where, 'time'), () => 'the window covers the whole scenario');
    }
    if ('did' in c) {
      const action = this.actions.get(c.did);
      const verdicts = reach.verdicts.get(c.did);
      let max: number;
      let blameAt: Where;
      let why: () => string;
      let cause: string | undefined;
      if (!action || !verdicts) {
        max = 0;
        blameAt = below(where, 'did');
        why = () => `action "${c.did}" ${this.whyNeverCompleted(c.did)}`;
        cause = `action:${c.did}`;
      } else if (c.outcome !== undefined && !verdicts.has(c.outcome)) {
        max = 0;
        blameAt = below(where, 'outcome');
        why = () => `action "${c.did}" never ends with verdict "${c.outcome}" (only ${listValues([...verdicts])})`;
      } else {
        max = action.repeatable ? Infinity : 1;
        blameAt = below(where, 'count');
        why = () => `action "${c.did}" can be completed at most once (it is not repeatable)`;
      }
      if (!c.count) return possible(max >= 1, true, blameAt, why, cause);
      const least = c.count.gte ?? 0;
      const most = c.count.lte ?? Infinity;
      if (least > most) return possible(false, true, below(where, 'count'), () => 'its "gte" is above its "lte"');
      return possible(least <= max, least > 0 || most < max, blameAt, why, cause);
    }
    if ('doing' in c) {
      const action = this.actions.get(c.doing);
      if (!action || !reach.startable.has(c.doing)) {
        return possible(false, true, below(where, 'doing'), () => `action "${c.doing}" can never be started`, `action:${c.doing}`);
      }
      // A zero-length action finishes in the same step it starts: nothing ever sees it in progress.
      return possible(
        action.duration > 0,
        true,
        below(where, 'doing'),
        () => `action "${c.doing}" takes no time, so it is never in progress`,
      );
    }
    if ('seen' in c) {
      return possible(
        reach.seen.has(c.seen),
        true,
        below(where, 'seen'),
        () => `evidence "${c.seen}" is never uncovered`,
        `evidence:${c.seen}`,
      );
    }
    if ('sent' in c) {
      return possible(
        reach.posted.has(c.sent),
        true,
        below(where, 'sent'),
        () => `message "${c.sent}" is never posted`,
        `message:${c.sent}`,
      );
    }
    if ('answered' in c) {
      if (!reach.posted.has(c.answered))
        return possible(false, true, below(where, 'answered'), () => `message "${c.answered}" is never posted`, `message:${c.answered}`);
      const asks = this.messages.get(c.answered)?.asks;
      const offered = asks !== undefined && (c.choice === undefined || asks.replies.some((r) => r.id === c.choice));
      return possible(offered, true, below(where, 'answered'), () => `message "${c.answered}" asks nothing`);
    }
    if ('milestone' in c) {
      const inner = this.milestone(c.milestone);
      if (inner.canHold && inner.canFail) return BOTH;
      const at = pathOf(below(where, 'milestone'));
      const cause = `milestone:${c.milestone}`;
      const never = inner.never[0]?.why;
      const always = inner.always[0]?.why;
      return {
        canHold: inner.canHold,
        canFail: inner.canFail,
        never: inner.canHold
          ? []
          : [{ path: at, why: `the "${c.milestone}" milestone can never hold${never ? ` (${never})` : ''}`, cause }],
        always: inner.canFail
          ? []
          : [{ path: at, why: `the "${c.milestone}" milestone always holds${always ? ` (${always})` : ''}`, cause }],
      };
    }
    if ('since' in c) {
      // time − (last time, which is at least 0) ≥ gte needs time ≥ gte.
      const latest = this.at ?? reach.end;
      const why = () =>
        c.gte === 0
          ? 'zero seconds have always passed'
          : this.at !== undefined
            ? `at ${this.at} s less than ${c.gte} s can have passed`
            : `the scenario ends at ${this.scenario.clock.limitSeconds} s`;
      return possible(c.gte <= latest, c.gte > 0, below(where, 'gte'), why);
    }
    if ('all' in c) {
      let blocker: Possible | undefined;
      let canFail = false;
      const parts: Possible[] = [];
      c.all.forEach((x, i) => {
        const p = this.at_(x, below(where, 'all', i), depth + 1);
        parts.push(p);
        if (!p.canHold && !blocker) blocker = p;
        if (p.canFail) canFail = true;
      });
      if (!blocker && canFail) return BOTH;
      return { canHold: !blocker, canFail, never: blocker ? blocker.never : [], always: canFail ? [] : parts.flatMap((p) => p.always) };
    }
    if ('any' in c) {
      let forcer: Possible | undefined;
      let canHold = false;
      const parts: Possible[] = [];
      c.any.forEach((x, i) => {
        const p = this.at_(x, below(where, 'any', i), depth + 1);
        parts.push(p);
        if (!p.canFail && !forcer) forcer = p;
        if (p.canHold) canHold = true;
      });
      if (canHold && !forcer) return BOTH;
      return { canHold, canFail: !forcer, never: canHold ? [] : parts.flatMap((p) => p.never), always: forcer ? forcer.always : [] };
    }
    if ('not' in c) {
      const inner = this.at_(c.not, below(where, 'not'), depth + 1);
      return { canHold: inner.canFail, canFail: inner.canHold, never: inner.always, always: inner.never };
    }
    return BOTH;
  }

  /** "can never be started" or "takes longer than the scenario", for an action that never completes. */
  whyNeverCompleted(id: string): string {
    const action = this.actions.get(id);
    if (!action || !this.reach.startable.has(id)) return 'can never be started';
    return `takes ${action.duration} s, longer than the scenario`;
  }
}

/** Works out what can ever happen in the scenario. Never throws on a validated scenario. */
export function analyse(scenario: Scenario): { reach: Reach; evaluator: Evaluator } {
  const end = endOf(scenario);
  const reach: Reach = {
    end,
    facts: new Map(scenario.facts.map((f) => [f.id, { values: [f.initial], anyNumber: false }])),
    health: new Map(scenario.services.map((s) => [s.id, new Set<Health>(['healthy'])])),
    metrics: new Map(scenario.metrics.map((m) => [m.id, { lo: m.baseline, hi: m.baseline }])),
    startable: new Set(),
    verdicts: new Map(),
    posted: new Set(),
    seen: new Set(),
    converged: false,
    work: 0,
  };
  const evaluator = new Evaluator(scenario, reach);
  let changed = false;
  const canHold = (c: Condition, path: Path) => evaluator.evaluate(c, path).canHold;

  const apply = (effects: readonly Effect[]) => {
    for (const e of effects) {
      if ('set' in e) {
        const range = reach.facts.get(e.set);
        if (range && !range.values.includes(e.to)) {
          range.values.push(e.to);
          changed = true;
        }
      } else if ('add' in e) {
        const range = reach.facts.get(e.add);
        if (range && !range.anyNumber) {
          range.anyNumber = true;
          changed = true;
        }
      } else if ('reveal' in e) {
        if (!reach.seen.has(e.reveal)) {
          reach.seen.add(e.reveal);
          changed = true;
        }
      } else if ('send' in e) {
        post(e.send);
      }
    }
  };
  const post = (id: string) => {
    if (reach.posted.has(id)) return;
    reach.posted.add(id);
    changed = true;
  };
  const addTo = <T>(set: Set<T>, value: T) => {
    if (set.has(value)) return;
    set.add(value);
    changed = true;
  };

  for (let round = 0; round < MAX_ROUNDS; round++) {
    changed = false;
    evaluator.refresh();
    let relapse = false;
    for (const d of scenario.deploys) if (d.at <= end) apply(d.effects);
    scenario.triggers.forEach((t, i) => {
      if (canHold(t.when, ['triggers', i, 'when'])) apply(t.effects);
    });
    scenario.messages.forEach((m, i) => {
      const scheduled = (m.at !== undefined || m.when !== undefined) && (m.at === undefined || m.at <= end);
      if (scheduled && (!m.when || canHold(m.when, ['messages', i, 'when']))) post(m.id);
      if (!reach.posted.has(m.id) || !m.asks) return;
      for (const r of m.asks.replies) apply(r.effects);
      if (m.asks.ifIgnored !== undefined) post(m.asks.ifIgnored);
    });
    scenario.actions.forEach((a, i) => {
      const visible = !a.visible || canHold(a.visible, ['actions', i, 'visible']);
      if (!visible || !a.requires.every((r, j) => canHold(r.when, ['actions', i, 'requires', j, 'when']))) return;
      addTo(reach.startable, a.id);
      if (a.duration > end) return;
      let verdicts = reach.verdicts.get(a.id);
      if (!verdicts) {
        verdicts = new Set();
        reach.verdicts.set(a.id, verdicts);
        changed = true;
      }
      // Outcomes are tried in order: one that always applies hides the rest; none applying means "neutral".
      let fallback = true;
      for (const [j, o] of a.outcomes.entries()) {
        const p = o.when ? evaluator.evaluate(o.when, ['actions', i, 'outcomes', j, 'when']) : BOTH;
        if (!o.when || p.canHold) {
          addTo(verdicts, o.verdict);
          apply(o.effects);
        }
        if (!o.when || !p.canFail) {
          fallback = false;
          break;
        }
      }
      if (fallback) addTo(verdicts, 'neutral');
      if (a.category === 'resolve') relapse = true;
    });
    // The facilitator of a team game day may inject any of these at any time.
    for (const inject of scenario.team?.injects ?? []) apply(inject.effects);
    if (relapse) {
      apply(scenario.relapse.effects);
      for (const id of scenario.relapse.messages) post(id);
    }
    scenario.services.forEach((s, i) => {
      const healths = reach.health.get(s.id)!;
      s.health.forEach((rule, j) => {
        if (canHold(rule.when, ['services', i, 'health', j, 'when'])) addTo(healths, rule.is);
      });
    });
    scenario.metrics.forEach((m, i) => {
      const range = reach.metrics.get(m.id)!;
      m.levels.forEach((level, j) => {
        if (!canHold(level.when, ['metrics', i, 'levels', j, 'when'])) return;
        if (level.value < range.lo || level.value > range.hi) {
          range.lo = Math.min(range.lo, level.value);
          range.hi = Math.max(range.hi, level.value);
          changed = true;
        }
      });
    });
    if (reach.work > WORK_BUDGET) break;
    if (!changed) {
      reach.converged = true;
      break;
    }
  }
  evaluator.refresh();
  return { reach, evaluator };
}
