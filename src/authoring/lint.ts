/**
 * The semantic lint: warnings (FD4xx) about scenarios that load but cannot work as written — a fact
 * compared with a value of another type, a trigger that can never fire, an action nobody can start,
 * an expert path that runs backwards. It runs after the references check passed, so every id exists.
 *
 * Every warning must be true of every run: when the analysis is unsure, the lint stays quiet.
 * Consequences are not repeated: when a hint never fires because an action can never be started,
 * only the action is reported (its fix fixes both).
 */
import type { DiagnosticCode } from '../format/diagnostics';
import type { LintProblem } from '../format/load';
import { pointerOf, type Path } from '../format/json-source';
import {
  analyse,
  cyclicMilestones,
  endOf,
  Evaluator,
  listValues,
  milestoneEdges,
  MILESTONES,
  type Blame,
  type Possible,
  type Reach,
} from './lint-reach';
import { checkNarration } from './lint-narration';
import { forEachCondition, forEachEffect } from '../format/references';
import type { Condition, FactValue, Milestone, Scenario } from '../format/schema';

/** A warning before de-duplication: what it blames, and what it stands for when others blame that. */
interface Report extends LintProblem {
  blames: Blame[];
  /** The part of the scenario this report shows can never happen ("action:x"), for reports that blame it. */
  entity?: string;
  /** Kept even when it is a consequence of another report: the headline problems. */
  keep?: boolean;
}

const NUMERIC_KEYS = ['gt', 'gte', 'lt', 'lte'] as const;

export function lintScenario(scenario: Scenario): LintProblem[] {
  const reports: Report[] = [];
  /** Condition leaves already reported (type or time problems): "never holds" warnings caused by them are redundant. */
  const reportedLeaves = new Set<string>();
  const add = (code: DiagnosticCode, path: Path, message: string, extra: Partial<Report> = {}) =>
    reports.push({ code, path, message, blames: [], ...extra });

  checkTypes(scenario, add, reportedLeaves);
  checkTimes(scenario, add, reportedLeaves);
  checkFactsRead(scenario, add);
  checkExpertPathShape(scenario, add);
  checkMilestoneCycles(scenario, add);
  checkShadowedOutcomes(scenario, add);
  checkNeverShown(scenario, add);
  for (const p of checkNarration(scenario)) add('FD414', p.path, p.message);
  if (scenario.hints.length > 0 && !scenario.coach) {
    add(
      'FD411',
      ['hints'],
      `The scenario has ${scenario.hints.length} hint${scenario.hints.length === 1 ? '' : 's'} but no "coach", so none is ever sent.`,
    );
  }
  if (!scenario.actions.some((a) => a.category === 'resolve')) {
    add('FD413', ['actions'], 'No action has "category": "resolve", so the player can never declare the incident over and win.', {
      keep: true,
    });
  }

  const { reach, evaluator } = analyse(scenario);
  if (reach.converged) checkReachability(scenario, reach, evaluator, add);

  return withoutConsequences(reports, reportedLeaves).map(({ code, path, message }) => ({ code, path, message }));
}

type Add = (code: DiagnosticCode, path: Path, message: string, extra?: Partial<Report>) => void;

function typeName(value: FactValue): 'boolean' | 'number' | 'string' {
  return typeof value as 'boolean' | 'number' | 'string';
}

function article(type: string): string {
  return type === 'number' ? 'a number' : `a ${type}`;
}

/** FD400 and FD401: values of the wrong type for a fact, or outside a string fact's declared values. */
function checkTypes(scenario: Scenario, add: Add, reportedLeaves: Set<string>): void {
  const facts = new Map(scenario.facts.map((f) => [f.id, f]));
  scenario.facts.forEach((f, i) => {
    if (!f.values) return;
    if (typeof f.initial !== 'string') {
      add('FD401', ['facts', i, 'values'], `Fact "${f.id}" is ${article(typeName(f.initial))}; "values" only applies to string facts.`);
    } else if (!f.values.includes(f.initial)) {
      add(
        'FD401',
        ['facts', i, 'initial'],
        `Fact "${f.id}" starts as ${JSON.stringify(f.initial)}, which is not one of its "values" (${listValues(f.values)}).`,
      );
    }
  });
  forEachEffect(scenario, (e, path) => {
    if ('set' in e) {
      const fact = facts.get(e.set);
      if (!fact) return;
      const type = typeName(fact.initial);
      if (typeof e.to !== type) {
        add(
          'FD400',
          [...path, 'to'],
          `Fact "${e.set}" is ${article(type)} (it starts as ${JSON.stringify(fact.initial)}), but this sets it to ${article(typeName(e.to))}, ${JSON.stringify(e.to)}.`,
        );
      } else if (fact.values && typeof e.to === 'string' && !fact.values.includes(e.to)) {
        add(
          'FD401',
          [...path, 'to'],
          `This sets fact "${e.set}" to ${JSON.stringify(e.to)}, which is not one of its "values" (${listValues(fact.values)}).`,
        );
      }
    } else if ('add' in e) {
      const fact = facts.get(e.add);
      if (fact && typeof fact.initial !== 'number') {
        add(
          'FD400',
          [...path, 'add'],
          `Fact "${e.add}" is ${article(typeName(fact.initial))}; "add" only works on numbers (it would replace the value with a number).`,
        );
      }
    }
  });
  forEachCondition(scenario, (c, path) => {
    if (!('fact' in c)) return;
    const fact = facts.get(c.fact);
    if (!fact) return;
    const type = typeName(fact.initial);
    let reported = false;
    for (const key of ['eq', 'ne'] as const) {
      const value = c[key];
      if (value === undefined) continue;
      if (typeof value !== type) {
        add(
          'FD400',
          [...path, key],
          `Fact "${c.fact}" is ${article(type)} (it starts as ${JSON.stringify(fact.initial)}), but is compared with ${article(typeName(value))}, ${JSON.stringify(value)}.`,
        );
        reported = true;
      } else if (fact.values && typeof value === 'string' && !fact.values.includes(value)) {
        add(
          'FD401',
          [...path, key],
          `Fact "${c.fact}" is compared with ${JSON.stringify(value)}, which is not one of its "values" (${listValues(fact.values)}).`,
        );
        reported = true;
      }
    }
    const numeric = NUMERIC_KEYS.find((k) => c[k] !== undefined);
    if (numeric && type !== 'number') {
      add('FD400', [...path, numeric], `Fact "${c.fact}" is ${article(type)}; "${numeric}" compares numbers, so this never holds.`);
      reported = true;
    }
    if (reported) reportedLeaves.add(pointerOf(path));
  });
}

/** FD404: times before the start or after the end of the scenario, and empty time windows. */
function checkTimes(scenario: Scenario, add: Add, reportedLeaves: Set<string>): void {
  const end = endOf(scenario);
  const limit = scenario.clock.limitSeconds;
  const after = `after the scenario's time limit (clock.limitSeconds: ${limit})`;
  scenario.messages.forEach((m, i) => {
    if (m.at !== undefined && m.at > end)
      add('FD404', ['messages', i, 'at'], `Message "${m.id}" is due at ${m.at} s, ${after}, so it never posts on schedule.`);
  });
  scenario.deploys.forEach((d, i) => {
    if (d.at > end) add('FD404', ['deploys', i, 'at'], `Deploy "${d.id}" ships at ${d.at} s, ${after}, so it never ships.`);
  });
  scenario.expertPath.forEach((s, i) => {
    if (s.at < 0)
      add('FD404', ['expertPath', i, 'at'], `Expert step ${i + 1} ("${s.action}") is at ${s.at} s, before the scenario starts.`);
    else if (s.at >= end)
      add(
        'FD404',
        ['expertPath', i, 'at'],
        `Expert step ${i + 1} ("${s.action}") is at ${s.at} s, when the scenario is already over (clock.limitSeconds: ${limit}).`,
      );
  });
  forEachCondition(scenario, (c, path) => {
    if ('time' in c) {
      const { gte, lt } = c.time;
      if (gte !== undefined && gte > end) add('FD404', [...path, 'time', 'gte'], `"time" from ${gte} s is ${after}, so it never holds.`);
      else if (lt !== undefined && lt <= 0)
        add('FD404', [...path, 'time', 'lt'], `"time" before ${lt} s never holds: game time starts at 0.`);
      else if (gte !== undefined && lt !== undefined && gte >= lt)
        add('FD404', [...path, 'time'], `The window from ${gte} s to before ${lt} s is empty, so it never holds.`);
      else return;
      reportedLeaves.add(pointerOf(path));
    } else if ('since' in c && c.gte > end) {
      add('FD404', [...path, 'gte'], `"since" ${c.gte} s can never have passed: that is ${after}.`);
      reportedLeaves.add(pointerOf(path));
    }
  });
}

/** FD405: facts that no condition reads, so whatever sets them changes nothing. */
function checkFactsRead(scenario: Scenario, add: Add): void {
  const read = new Set<string>();
  const written = new Set<string>();
  forEachCondition(scenario, (c) => {
    if ('fact' in c) read.add(c.fact);
  });
  forEachEffect(scenario, (e) => {
    if ('set' in e) written.add(e.set);
    if ('add' in e) written.add(e.add);
  });
  scenario.facts.forEach((f, i) => {
    if (read.has(f.id)) return;
    const message = written.has(f.id)
      ? `Fact "${f.id}" is changed by effects, but no condition reads it, so changing it does nothing.`
      : `Fact "${f.id}" is never used: no effect changes it and no condition reads it.`;
    add('FD405', ['facts', i, 'id'], message);
  });
}

/** FD406 and FD407: an expert path that is missing, runs backwards, or starts a step while the last one still runs. */
function checkExpertPathShape(scenario: Scenario, add: Add): void {
  const path = scenario.expertPath;
  if (path.length === 0) {
    add(
      'FD406',
      ['expertPath'],
      'The scenario has no expert path, so the debrief cannot show what an experienced engineer would have done.',
    );
    return;
  }
  const actions = new Map(scenario.actions.map((a) => [a.id, a]));
  for (let i = 1; i < path.length; i++) {
    const step = path[i]!;
    const previous = path[i - 1]!;
    const busyUntil = previous.at + (actions.get(previous.action)?.duration ?? 0);
    if (step.at < previous.at) {
      add(
        'FD407',
        ['expertPath', i, 'at'],
        `Expert step ${i + 1} ("${step.action}" at ${step.at} s) comes before step ${i} ("${previous.action}" at ${previous.at} s); list the steps in time order.`,
      );
    } else if (step.at < busyUntil) {
      add(
        'FD407',
        ['expertPath', i, 'at'],
        `Expert step ${i + 1} ("${step.action}") starts at ${step.at} s, while step ${i} ("${previous.action}") still runs until ${busyUntil} s; one player does one action at a time.`,
      );
    }
  }
}

/** FD409: a milestone defined in terms of itself, which the engine can only cut off at a depth limit. */
function checkMilestoneCycles(scenario: Scenario, add: Add): void {
  const cyclic = cyclicMilestones(scenario);
  const edges = milestoneEdges(scenario);
  const done = new Set<Milestone>();
  for (const m of MILESTONES) {
    if (!cyclic.has(m) || done.has(m)) continue;
    // Report each cycle once, at the first reference that stays on it.
    const loop = findLoop(m, edges);
    loop.forEach((x) => done.add(x));
    const edge = (edges.get(m) ?? []).find((e) => e.target === loop[1 % loop.length]);
    add('FD409', edge?.path ?? ['incident', m], `The "${m}" milestone depends on itself: ${[...loop, m].join(' → ')}.`);
  }
}

function findLoop(start: Milestone, edges: Map<Milestone, { target: Milestone; path: Path }[]>): Milestone[] {
  const walk = (m: Milestone, trail: Milestone[]): Milestone[] | undefined => {
    for (const e of edges.get(m) ?? []) {
      if (e.target === start) return trail;
      if (trail.includes(e.target)) continue;
      const found = walk(e.target, [...trail, e.target]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]) ?? [start];
}

/** FD410 (the part that needs no analysis): outcomes listed after one without a condition. */
function checkShadowedOutcomes(scenario: Scenario, add: Add): void {
  scenario.actions.forEach((a, i) => {
    const open = a.outcomes.findIndex((o) => o.when === undefined);
    if (open < 0) return;
    for (let j = open + 1; j < a.outcomes.length; j++) {
      add(
        'FD410',
        ['actions', i, 'outcomes', j],
        `Outcome ${j + 1} of action "${a.id}" is never used: outcome ${open + 1} before it has no "when", so it always applies first.`,
      );
    }
  });
}

/** FD412: messages nothing posts and evidence nothing uncovers. */
function checkNeverShown(scenario: Scenario, add: Add): void {
  const sent = new Set<string>(scenario.relapse.messages);
  const revealed = new Set<string>();
  forEachEffect(scenario, (e) => {
    if ('send' in e) sent.add(e.send);
    if ('reveal' in e) revealed.add(e.reveal);
  });
  for (const m of scenario.messages) if (m.asks?.ifIgnored !== undefined) sent.add(m.asks.ifIgnored);
  scenario.messages.forEach((m, i) => {
    if (m.at === undefined && m.when === undefined && !sent.has(m.id)) {
      add(
        'FD412',
        ['messages', i, 'id'],
        `Message "${m.id}" is never posted: it has no "at" or "when", and no effect, relapse or "ifIgnored" sends it.`,
        { entity: `message:${m.id}` },
      );
    }
  });
  scenario.evidence.forEach((e, i) => {
    if (!revealed.has(e.id))
      add('FD412', ['evidence', i, 'id'], `Evidence "${e.id}" is never uncovered: no "reveal" effect names it.`, {
        entity: `evidence:${e.id}`,
      });
  });
}

function explain(blames: readonly Blame[]): string {
  const whys = [...new Set(blames.map((b) => b.why))];
  const shown = whys.slice(0, 3).join('; ');
  return whys.length > 3 ? `${shown}; …` : shown;
}

/** FD402, FD403, FD408, FD410 and FD413: what the analysis shows can never happen. */
function checkReachability(scenario: Scenario, reach: Reach, evaluator: Evaluator, add: Add): void {
  /** Reports a condition that can never hold, at the value that makes it so. */
  const never = (code: DiagnosticCode, p: Possible, what: string, extra: Partial<Report> = {}) => {
    if (p.canHold || p.never.length === 0) return;
    add(code, p.never[0]!.path, `${what}: ${explain(p.never)}.`, { blames: p.never, ...extra });
  };
  const evaluate = (c: Condition, path: Path) => evaluator.evaluate(c, path);

  const winning = new Set<Milestone>(['fixed', 'verified']);
  for (const m of MILESTONES) {
    const own = evaluate(scenario.incident[m], ['incident', m]);
    if (own.canHold) continue;
    if (winning.has(m))
      never('FD413', own, `The incident can never be resolved: the "${m}" milestone can never hold`, {
        entity: `milestone:${m}`,
        keep: true,
      });
    else never('FD402', own, `The "${m}" milestone can never hold`, { entity: `milestone:${m}` });
  }

  const resolvers = scenario.actions.map((a, i) => ({ a, i })).filter(({ a }) => a.category === 'resolve');
  if (resolvers.length > 0 && resolvers.every(({ a }) => !reach.verdicts.has(a.id))) {
    const { a, i } = resolvers[0]!;
    const message = `The incident can never be resolved: no "resolve" action can be completed (action "${a.id}" ${evaluator.whyNeverCompleted(a.id)}).`;
    add('FD413', ['actions', i, 'category'], message, { keep: true });
  }

  scenario.actions.forEach((a, i) => {
    const entity = `action:${a.id}`;
    if (a.visible) {
      const p = evaluate(a.visible, ['actions', i, 'visible']);
      if (!p.canHold) return never('FD403', p, `Action "${a.id}" is never shown: its "visible" condition can never hold`, { entity });
    }
    for (const [j, r] of a.requires.entries()) {
      const p = evaluate(r.when, ['actions', i, 'requires', j, 'when']);
      if (!p.canHold) return never('FD403', p, `Action "${a.id}" can never be started: requirement ${j + 1} can never hold`, { entity });
    }
    if (a.duration > reach.end) {
      return add(
        'FD403',
        ['actions', i, 'duration'],
        `Action "${a.id}" takes ${a.duration} s, longer than the whole scenario (clock.limitSeconds: ${scenario.clock.limitSeconds}), so it never completes.`,
        { entity },
      );
    }
    // The action can complete: check its outcomes up to the first that always applies.
    for (const [j, o] of a.outcomes.entries()) {
      if (!o.when) break;
      const path = ['actions', i, 'outcomes', j, 'when'];
      const p = evaluate(o.when, path);
      never('FD402', p, `Outcome ${j + 1} of action "${a.id}" is never used: its "when" can never hold`);
      if (!p.canFail) {
        for (let k = j + 1; k < a.outcomes.length; k++) {
          add(
            'FD410',
            ['actions', i, 'outcomes', k],
            `Outcome ${k + 1} of action "${a.id}" is never used: the "when" of outcome ${j + 1} always holds (${explain(p.always)}).`,
            { blames: p.always },
          );
        }
        break;
      }
    }
  });

  scenario.messages.forEach((m, i) => {
    if (m.when) {
      const p = evaluate(m.when, ['messages', i, 'when']);
      const entity = reach.posted.has(m.id) ? undefined : `message:${m.id}`;
      never('FD402', p, `Message "${m.id}" never posts by itself: its "when" can never hold`, { entity });
    }
    if (m.repeat && reach.posted.has(m.id)) {
      never(
        'FD402',
        evaluate(m.repeat.while, ['messages', i, 'repeat', 'while']),
        `Message "${m.id}" never repeats: its "repeat.while" can never hold`,
      );
    }
  });
  scenario.triggers.forEach((t, i) => never('FD402', evaluate(t.when, ['triggers', i, 'when']), `Trigger "${t.id}" never fires`));
  if (scenario.coach)
    scenario.hints.forEach((h, i) => never('FD402', evaluate(h.when, ['hints', i, 'when']), `Hint "${h.id}" is never sent`));
  scenario.scoring.rules.forEach((r, i) =>
    never('FD402', evaluate(r.when, ['scoring', 'rules', i, 'when']), `Scoring rule "${r.id}" never applies`),
  );
  scenario.endings.forEach((e, i) => {
    if (e.kind === 'failed' && e.when) never('FD402', evaluate(e.when, ['endings', i, 'when']), `Ending "${e.id}" can never happen`);
    (e.variants ?? []).forEach((v, j) =>
      never(
        'FD402',
        evaluate(v.when, ['endings', i, 'variants', j, 'when']),
        `Variant ${j + 1} of ending "${e.id}" is never told: its "when" can never hold`,
      ),
    );
  });
  scenario.services.forEach((s, i) =>
    s.health.forEach((rule, j) =>
      never('FD402', evaluate(rule.when, ['services', i, 'health', j, 'when']), `Health rule ${j + 1} of service "${s.id}" never applies`),
    ),
  );
  scenario.metrics.forEach((m, i) =>
    m.levels.forEach((level, j) =>
      never('FD402', evaluate(level.when, ['metrics', i, 'levels', j, 'when']), `Level ${j + 1} of metric "${m.id}" never applies`),
    ),
  );

  checkExpertSteps(scenario, reach, evaluator, add);
}

/** FD408: expert steps the engine would refuse — the action can never start, not at that time, or not again. */
function checkExpertSteps(scenario: Scenario, reach: Reach, evaluator: Evaluator, add: Add): void {
  const actions = new Map(scenario.actions.map((a, i) => [a.id, { a, i }]));
  const done = new Map<string, number>();
  scenario.expertPath.forEach((step, n) => {
    const path = ['expertPath', n, 'action'];
    const found = actions.get(step.action);
    if (!found) return;
    const { a, i } = found;
    const label = `Expert step ${n + 1} ("${a.id}" at ${step.at} s)`;
    if (!reach.startable.has(a.id)) {
      add('FD408', path, `${label} can never happen: the action ${evaluator.whyNeverCompleted(a.id)}.`, { keep: true });
      return;
    }
    if (!a.repeatable && done.has(a.id)) {
      add('FD408', path, `${label} can never happen: the action is not repeatable and step ${done.get(a.id)! + 1} already did it.`, {
        keep: true,
      });
      return;
    }
    done.set(a.id, n);
    if (step.at < 0 || step.at >= reach.end) return; // FD404 says so
    // Pin the clock to the step's time: a "time" or "since" window in the preconditions may exclude it.
    const at = new Evaluator(scenario, reach, step.at);
    const conditions: [Condition, Path][] = [];
    if (a.visible) conditions.push([a.visible, ['actions', i, 'visible']]);
    a.requires.forEach((r, j) => conditions.push([r.when, ['actions', i, 'requires', j, 'when']]));
    for (const [c, cPath] of conditions) {
      const p = at.evaluate(c, cPath);
      if (!p.canHold) {
        add('FD408', path, `${label} cannot be started then: ${explain(p.never)}.`, { keep: true });
        return;
      }
    }
  });
}

/**
 * Drops reports that only repeat another's news: every reason they give is a reported leaf, or a
 * part of the scenario (an action, a message…) whose own report traces back to a real cause.
 */
function withoutConsequences(reports: Report[], reportedLeaves: Set<string>): Report[] {
  const byEntity = new Map<string, Report>();
  for (const r of reports) if (r.entity && !byEntity.has(r.entity)) byEntity.set(r.entity, r);
  // A blame lies in a reported leaf when one of its path's prefixes is that leaf.
  const leafReported = (b: Blame) => b.path.some((_, n) => reportedLeaves.has(pointerOf(b.path.slice(0, n + 1))));
  // Grounded: the report names a cause of its own, or blames a part whose report is grounded (loops of consequences are not).
  const grounded = new Set(reports.filter((r) => r.blames.length === 0 || r.blames.some((b) => !b.cause)));
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of reports) {
      if (grounded.has(r) || !r.blames.some((b) => b.cause && grounded.has(byEntity.get(b.cause)!))) continue;
      grounded.add(r);
      changed = true;
    }
  }
  const redundant = (r: Report) =>
    !r.keep &&
    r.blames.length > 0 &&
    r.blames.every((b) => {
      if (!b.cause) return leafReported(b);
      const other = byEntity.get(b.cause);
      return other !== undefined && other !== r && grounded.has(other);
    });
  return reports.filter((r) => !redundant(r));
}
