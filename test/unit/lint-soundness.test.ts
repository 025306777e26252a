/**
 * The lint may only warn about what no run can do. Seeded mutants of the flagship — still valid, but
 * with effects flipped or removed, thresholds, time bounds, durations and the time limit moved,
 * conditions swapped — are analysed and linted, then played by the seeded random player, checking the
 * world after every tick and every input:
 *   - every fact value, service health, metric value, started action, verdict, posted message and
 *     uncovered piece of evidence is one the analysis said was possible;
 *   - no condition the lint says can never hold (FD402, FD403, FD413) ever holds, and nothing FD412
 *     says is never shown is shown.
 * A failure names the mutant's seed and what contradicted the analysis.
 */
import { describe, expect, it } from 'vitest';
import { holds, init, step, worldOf, type EngineState } from '../../src/engine';
import { lintScenario, loadScenario, playRandomly, type LintProblem } from '../../src/authoring';
import type { Condition, Scenario } from '../../src/format';
import { analyse, type Reach } from '../../src/authoring/lint-reach';
import { FLAGSHIP_SOURCE, nodesOf, type Json, type Path } from './helpers/flagship-mutants';
import { Random } from './helpers/random';

const BASE = JSON.parse(FLAGSHIP_SOURCE) as Record<string, unknown>;

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const key of path) v = (v as Record<string | number, unknown>)?.[key];
  return v;
}

function setAt(root: Json, path: Path, value: Json): void {
  (valueAt(root, path.slice(0, -1)) as Record<string | number, Json>)[path[path.length - 1]!] = value;
}

const last = (path: Path) => path[path.length - 1];
const CONDITION_ROOTS = new Set(['when', 'visible', 'while']);
const isConditionRoot = (path: Path) => CONDITION_ROOTS.has(String(last(path))) || (path.length === 2 && path[0] === 'incident');

/** One random edit that keeps the file valid (ids untouched, types kept where the schema needs them). */
function mutate(root: Json, rng: Random): string {
  const nodes = nodesOf(root);
  const conditions = nodes.filter(
    (n) => isConditionRoot(n.path) || (n.path.length > 2 && ['all', 'any'].includes(String(n.path[n.path.length - 2]))),
  );
  const kind = rng.int(0, 8);
  if (kind === 0) {
    const n = rng.pick(nodes.filter((x) => last(x.path) === 'to'));
    const value: Json =
      typeof n.value === 'boolean' ? !n.value : typeof n.value === 'number' ? rng.int(-5, 120) : rng.pick(['v2.13', 'v2.14', 'zz']);
    setAt(root, n.path, value);
    return `${n.path.join('/')} → ${JSON.stringify(value)}`;
  }
  if (kind === 1) {
    const n = rng.pick(
      nodes.filter(
        (x) =>
          ['gt', 'gte', 'lt', 'lte'].includes(String(last(x.path))) &&
          typeof x.value === 'number' &&
          !x.path.includes('count') &&
          !x.path.includes('time'),
      ),
    );
    const value = rng.int(-10, 150);
    setAt(root, n.path, value);
    return `${n.path.join('/')} → ${value}`;
  }
  if (kind === 2) {
    const n = rng.pick(
      nodes.filter(
        (x) =>
          (x.path.includes('time') || x.path.includes('since') || last(x.path) === 'at') &&
          typeof x.value === 'number' &&
          !x.path.includes('expertPath'),
      ),
    );
    const value = rng.int(-100, 9000);
    setAt(root, n.path, value);
    return `${n.path.join('/')} → ${value}`;
  }
  if (kind === 3) {
    const lists = nodes.filter((x) => last(x.path) === 'effects' && Array.isArray(x.value) && x.value.length > 0);
    const n = rng.pick(lists);
    const i = rng.int(0, (n.value as Json[]).length - 1);
    (n.value as Json[]).splice(i, 1);
    return `${n.path.join('/')}/${i} removed`;
  }
  if (kind === 4 || kind === 5) {
    const target = rng.pick(conditions);
    const source = rng.pick(conditions);
    setAt(root, target.path, structuredClone(source.value));
    return `${target.path.join('/')} ← ${source.path.join('/')}`;
  }
  if (kind === 6) {
    const facts = (root as { facts: { initial: Json }[] }).facts;
    const fact = rng.pick(facts);
    fact.initial = typeof fact.initial === 'boolean' ? !fact.initial : typeof fact.initial === 'number' ? rng.int(0, 100) : 'v2.14';
    return `a fact's initial → ${JSON.stringify(fact.initial)}`;
  }
  if (kind === 7) {
    const n = rng.pick(nodes.filter((x) => last(x.path) === 'duration'));
    const value = rng.pick([0, 5, rng.int(0, 9000)]);
    setAt(root, n.path, value);
    return `${n.path.join('/')} → ${value}`;
  }
  const limit = rng.int(300, 7200);
  (root as { clock: { limitSeconds: number } }).clock.limitSeconds = limit;
  return `clock/limitSeconds → ${limit}`;
}

/** What the lint claims never happens, as checks against a state. */
function claimsOf(scenario: Scenario, problems: LintProblem[]): { what: string; broken: (state: EngineState) => boolean }[] {
  const world = worldOf(scenario);
  const claims: { what: string; broken: (state: EngineState) => boolean }[] = [];
  for (const p of problems) {
    const path = p.path as Path;
    const what = `${p.code} ${path.join('/')}: ${p.message}`;
    if (p.code === 'FD403' && last(path) === 'duration') {
      const id = scenario.actions[path[1] as number]!.id;
      claims.push({ what, broken: (state) => state.done.some((d) => d.action === id) });
    } else if (p.code === 'FD402' || p.code === 'FD403' || (p.code === 'FD413' && path[0] === 'incident')) {
      // The blamed value sits inside the condition the claim is about.
      let k = 0;
      while (k < path.length && !isConditionRoot(path.slice(0, k + 1))) k++;
      const condition = valueAt(scenario, path.slice(0, k + 1)) as Condition | undefined;
      if (!condition || k >= path.length) throw new Error(`no condition around ${path.join('/')}`);
      claims.push({ what, broken: (state) => holds(world, state, condition) });
    } else if (p.code === 'FD412' && path[0] === 'messages') {
      const id = scenario.messages[path[1] as number]!.id;
      claims.push({ what, broken: (state) => state.posted[id] !== undefined });
    } else if (p.code === 'FD412' && path[0] === 'evidence') {
      const id = scenario.evidence[path[1] as number]!.id;
      claims.push({ what, broken: (state) => state.seen[id] !== undefined });
    }
  }
  return claims;
}

/** Contradictions between a state and the analysis. */
function contradictions(reach: Reach, state: EngineState): string[] {
  const out: string[] = [];
  for (const [id, value] of Object.entries(state.facts)) {
    const range = reach.facts.get(id)!;
    if (!range.values.includes(value) && !(range.anyNumber && typeof value === 'number')) out.push(`fact ${id} = ${JSON.stringify(value)}`);
  }
  for (const [id, health] of Object.entries(state.services)) if (!reach.health.get(id)!.has(health)) out.push(`service ${id} is ${health}`);
  for (const [id, m] of Object.entries(state.metrics)) {
    const range = reach.metrics.get(id)!;
    const slack = 1e-9 * Math.max(1, Math.abs(range.lo), Math.abs(range.hi));
    if (m.value < range.lo - slack || m.value > range.hi + slack) out.push(`metric ${id} = ${m.value} outside [${range.lo}, ${range.hi}]`);
  }
  for (const d of state.done) {
    if (!reach.startable.has(d.action)) out.push(`action ${d.action} was started`);
    if (!reach.verdicts.get(d.action)?.has(d.verdict)) out.push(`action ${d.action} ended ${d.verdict}`);
  }
  for (const running of Object.values(state.current))
    if (!reach.startable.has(running.action)) out.push(`action ${running.action} was started`);
  for (const id of Object.keys(state.posted)) if (!id.startsWith('hint:') && !reach.posted.has(id)) out.push(`message ${id} was posted`);
  for (const id of Object.keys(state.seen)) if (!reach.seen.has(id)) out.push(`evidence ${id} was uncovered`);
  return out;
}

/** Replays a random run tick by tick, checking every state on the way. */
function check(scenario: Scenario, seed: number, inspect: (state: EngineState, at: string) => void): void {
  const run = playRandomly(scenario, seed, 30, {
    avoid: seed % 2 === 0 ? (id) => scenario.actions.find((a) => a.id === id)?.category === 'resolve' : undefined,
  });
  const tick = scenario.clock.tickSeconds;
  let state = init(scenario, { seed, coach: run.coach });
  inspect(state, 'start');
  const advanceTo = (t: number) => {
    while (!state.ending && state.time < t) {
      state = step(scenario, state, { type: 'tick', seconds: Math.min(tick, t - state.time) }).state;
      inspect(state, `t=${state.time}`);
    }
  };
  for (const entry of run.log) {
    advanceTo(entry.at);
    const result = step(scenario, state, entry.input);
    if (!result.rejected) state = result.state;
    inspect(state, `after ${JSON.stringify(entry.input)}`);
  }
  advanceTo(Math.min(state.time + 1800, 86_400));
}

describe('the lint never contradicts a run', () => {
  it('flagship mutants: what actually happens was possible, and what the lint rules out never happens', () => {
    const failures: string[] = [];
    let mutants = 0;
    let warned = 0;
    let claimed = 0;
    for (let m = 0; m < 36; m++) {
      const rng = new Random(4_000 + m);
      const root = structuredClone(BASE) as Json;
      const edits = m === 0 ? ['(none: the flagship itself)'] : Array.from({ length: rng.int(1, 3) }, () => mutate(root, rng));
      const label = `mutant #${m} seed=${4_000 + m} [${edits.join('; ')}]`;
      const loaded = loadScenario(JSON.stringify(root), 'mutant.json');
      if (!loaded.ok) continue;
      mutants++;
      const scenario = loaded.scenario;
      const { reach } = analyse(scenario);
      if (!reach.converged) failures.push(`${label}: the analysis did not converge`);
      const problems = lintScenario(scenario);
      if (problems.length > 0) warned++;
      const claims = claimsOf(scenario, problems);
      claimed += claims.length;
      // Two runs per mutant: an even seed that avoids the resolve action (so the run lasts) and an odd one that may
      // resolve; a third run repeated the even kind, for a third more CPU (every tick is inspected).
      for (let r = 0; r < 2; r++) {
        const seed = m * 10 + r;
        const seen = new Set<string>();
        check(scenario, seed, (state, at) => {
          for (const c of contradictions(reach, state))
            if (!seen.has(c)) seen.add(c), failures.push(`${label} run ${seed} ${at}: ${c}, which the analysis ruled out`);
          for (const claim of claims)
            if (!seen.has(claim.what) && claim.broken(state))
              seen.add(claim.what), failures.push(`${label} run ${seed} ${at}: contradicts ${claim.what}`);
        });
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(mutants).toBeGreaterThan(25);
    expect(warned, 'mutants the lint warned about').toBeGreaterThan(5);
    expect(claimed, 'claims checked against runs').toBeGreaterThan(5);
  });
});
