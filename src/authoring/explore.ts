/**
 * The explorer: a bounded, seeded search over what a player could do in a scenario, to tell its
 * author whether it can be won, whether the expert path earns the top grade, where a player can
 * paint themselves into a corner, and whether the scoring rewards method over panic.
 *
 * The search sweeps forward through game time. States are decision points (see explore-sim.ts),
 * grouped into time slices; each slice keeps a beam of the most promising states (by progress
 * towards the milestones, with seeded jitter and some purely random picks for variety), and every
 * move from those states is simulated. States that agree on their decision-relevant key are the
 * same state. Seeded rollouts from a sample of the expanded states play to the end, and states
 * reached by a harmful move are checked for a way back. Same scenario, seed and budget, same report.
 *
 * Then it hunts for the highest score any strategy earns (explore-maximise.ts: a greedy
 * score-maximising player, and a hill-climb over whole runs from the expert path and the best runs
 * found), and for the best-scoring run that shows each frantic pattern (explore-frantic.ts: the
 * climb again, held to runs that show it). A run above the expert path, or a frantic one above C,
 * is an error: the scoring pays for something that is not method.
 */
import {
  DIMENSIONS,
  init,
  randomFloats,
  replay,
  score,
  shownEnding,
  SOLO_PLAYER,
  wallClock,
  type EngineState,
  type Grade,
  type LogEntry,
} from '../engine';
import { compileScript } from './action-script';
import { exploreFinding, type ExploreCode, type ExploreFinding } from '../format/diagnostics';
import { FRANTIC_LABELS, FRANTIC_PATTERNS, franticPatterns, type FranticPattern } from './explore-frantic';
import { franticVariants, Maximiser, type Played } from './explore-maximise';
import { franticPolicy, greedyPolicy, methodicalPolicy, noisyPolicy, playPolicy } from './explore-policies';
import {
  Sim,
  stateKey,
  toActionScript,
  trailLength,
  trailToLog,
  VERDICT_RANK,
  type PlayerInput,
  type Position,
  type StopReason,
  type Trail,
} from './explore-sim';
import { runScript } from './run-script';
import type { Dimension, Scenario, Verdict } from '../format/schema';

export interface ExploreOptions {
  /** Seeds the search's choices and the runs' metric noise (default 1). */
  seed?: number;
  /** How many distinct states the search may visit (default 2,000); rollouts and checks scale with it. */
  budget?: number;
  /** The scenario's own action scripts, parsed but not yet checked (or why they could not be read), to play alongside the policies. */
  scripts?: ({ name: string; script: unknown } | { name: string; error: string })[];
}

export const DEFAULT_BUDGET = 2000;
/** Budgets outside these are clamped: below, there is nothing to learn; above, the states held in memory add up. */
export const MIN_BUDGET = 10;
export const MAX_BUDGET = 100_000;
/** How many points the methodical player must beat the frantic one by. */
export const CLEAR_MARGIN = 25;
const MAX_DEAD_ENDS = 5;
/** The smallest budget that looks for the point of no return before a failed ending. */
const POINT_OF_NO_RETURN_BUDGET = 500;

export type ExploreScript = ReturnType<typeof toActionScript>;

/** One complete run the explorer found, and how to play it again. */
export interface RunSummary {
  /** Who played it: "search", "rollout", "methodical", "frantic", "expert path", "script …". */
  source: string;
  ending: { id: string; kind: 'resolved' | 'failed' | 'timeout'; title: string; at: number } | null;
  score: number;
  grade: Grade;
  /** Player inputs in the run. */
  inputs: number;
  script: ExploreScript;
  /** Each dimension's score, for the runs a finding is about (the best run, the frantic ones, the expert path). */
  dimensions?: Record<Dimension, number>;
}

/** The best-scoring run found that shows one frantic pattern. */
export interface FranticResult {
  pattern: FranticPattern;
  /** The pattern in words. */
  label: string;
  /** The best run found with it, when and where it first shows; null when no run showed it. */
  best: (RunSummary & { at: number; action?: string }) | null;
  /** Whether that run grades above C: an error. */
  aboveC: boolean;
}

export interface DeadEnd {
  /** What the player did, in words. */
  cause: string;
  /** The action or reply that led there, as "action" or "reply:message:choice"; absent when time alone did it. */
  move?: string;
  verdict?: Verdict;
  /** Game time at which the way to the resolved ending was gone. */
  at: number;
  /** Where it leads: the ending reached, or the one a careful player still gets from there. */
  ending: RunSummary['ending'];
  inputs: number;
  script: ExploreScript;
}

export interface ScriptResult extends RunSummary {
  name: string;
  /** Expectations the script states that the run did not meet, or why it could not be played. */
  unmet: string[];
}

export interface ExploreReport {
  scenario: { id: string; version: string; title: string };
  seed: number;
  budget: number;
  search: {
    states: number;
    expanded: number;
    duplicates: number;
    rollouts: number;
    /** Candidate dead ends checked for a way back. */
    checked: number;
    engineSteps: number;
  };
  resolved: { reachable: boolean; witness: RunSummary | null };
  expertPath: {
    steps: number;
    /** The expert path's actions at their times and nothing else. */
    asWritten: (RunSummary & { refused: string[] }) | null;
    /** The same, with each question answered by its best reply as it arrives: what the verdict uses. */
    answered: (RunSummary & { refused: string[] }) | null;
    ok: boolean;
  };
  deadEnds: DeadEnd[];
  scores: { best: RunSummary | null; worst: RunSummary | null; runs: number; endings: Record<string, number> };
  policies: { methodical: RunSummary; frantic: RunSummary; margin: number; clear: boolean; scripts: ScriptResult[] };
  /** The hunt for the highest score: nothing may beat the expert path. */
  maximiser: {
    /** Runs the greedy player and the climbs played. */
    evaluations: number;
    /** The greedy score-maximising player's run. */
    greedy: RunSummary;
    /** The expert path's score (questions answered), the bar; null without an expert path. */
    expert: number | null;
    /** The highest-scoring run found by any means. */
    best: RunSummary | null;
    /** Whether that run scores above the expert path: an error. */
    beaten: boolean;
  };
  /** Every complete run checked for frantic patterns, and the best-scoring run showing each. */
  frantic: { checked: number; patterns: FranticResult[] };
  ok: boolean;
  /** Every problem and warning, with its code (see docs/diagnostics.md) and, where there is one, the run that shows it (and the frantic pattern it shows). */
  findings: (ExploreFinding & { run?: RunSummary; pattern?: FranticPattern })[];
  /** Why `ok` is false: the errors' messages. */
  problems: string[];
  /** Worth a look, but not failures: the warnings' messages. */
  warnings: string[];
}

interface Run {
  source: string;
  log: LogEntry[];
  state: EngineState;
  total: number;
  grade: Grade;
}

/** A run the tallies keep: the best so far, overall or with a frantic pattern. */
interface Kept {
  run: Run;
  at: number;
  action?: string;
}

interface Node {
  pos: Position;
  h: number;
}

interface Candidate {
  pos: Position;
  move?: string;
  cause: string;
  verdict?: Verdict;
}

type Move = { kind: 'input'; input: PlayerInput; then?: 'until-free' } | { kind: 'continue' } | { kind: 'wait' };

const WAIT_SECONDS = 300;
const UNTIL_FREE = new Set<StopReason>(['free', 'question']);
const WAITING = new Set<StopReason>(['question', 'notable']);

/** Explores a validated scenario. Deterministic for a given scenario, seed and budget. */
export function explore(scenario: Scenario, options: ExploreOptions = {}): ExploreReport {
  const seed = Number.isFinite(options.seed) ? Math.trunc(options.seed!) : 1;
  const budget = Math.max(MIN_BUDGET, Math.min(MAX_BUDGET, Math.trunc(Number.isFinite(options.budget) ? options.budget! : DEFAULT_BUDGET)));
  return new Explorer(scenario, seed, budget).run(options.scripts ?? []);
}

class Explorer {
  private readonly sim: Sim;
  private readonly random: () => number;
  private readonly runs: Run[] = [];
  private readonly candidates = new Map<string, Candidate>();
  private readonly stats = { states: 0, expanded: 0, duplicates: 0, rollouts: 0, checked: 0 };

  constructor(
    private readonly scenario: Scenario,
    private readonly seed: number,
    private readonly budget: number,
  ) {
    this.sim = new Sim(scenario);
    this.random = randomFloats(seed);
  }

  run(scripts: NonNullable<ExploreOptions['scripts']>): ExploreReport {
    const { scenario } = this;
    const root: Position = { state: init(scenario, { seed: this.seed, coach: 'off' }), trail: null };

    // Where the scenario goes if the player does nothing at all: often the shortest way to its failure.
    this.record('idle', this.sim.finish(root));
    const methodical = this.record('methodical', playPolicy(this.sim, root, methodicalPolicy()));
    const frantic = this.record('frantic', playPolicy(this.sim, root, franticPolicy(randomFloats(this.seed + 1))));
    const expert = this.expertPath();
    const scriptResults = scripts.map((s) => ('error' in s ? this.unplayable(s.name, [s.error]) : this.playScript(s.name, s.script)));

    const { sample } = this.search(root, this.budget, true);
    // Rollouts play on from the sampled states (from the start when the sample runs short); every
    // fourth is a purely random player, the others careful with a varying share of random moves.
    const rollouts = Math.max(2, Math.floor(this.budget / 100));
    for (let i = 0; i < rollouts; i++) {
      const from = sample[i] ?? root;
      const epsilon = i % 4 === 3 ? 1 : 0.1 + 0.5 * this.random();
      this.record('rollout', playPolicy(this.sim, from, noisyPolicy(this.random, epsilon)));
      this.stats.rollouts++;
    }
    const resolvedRuns = this.runs.filter((r) => r.state.ending?.kind === 'resolved');
    const witness = pick(resolvedRuns, (a, b) => trailOrder(a, b) || b.total - a.total);
    // Where nothing resolves, every state is a dead end and listing some would say nothing.
    const deadEnds = witness ? this.deadEnds(Math.max(1, Math.min(10, Math.floor(this.budget / 400)))) : [];

    // Every run so far is checked for frantic patterns; then the hunt for the highest score.
    for (const r of this.runs) this.tally(r);
    const maximiser = this.maximise(root, expert.run, methodical);
    const { best, worst } = this.tallies;

    const margin = methodical.total - frantic.total;
    const findings: ExploreReport['findings'] = [];
    const find = (code: ExploreCode, message: string, run?: RunSummary, pattern?: FranticPattern) =>
      findings.push({ ...exploreFinding(code, message), ...(run ? { run } : {}), ...(pattern ? { pattern } : {}) });
    if (!witness)
      find(
        'explore.unreachable',
        `No run reached the resolved ending (searched ${this.stats.states} states, ${this.runs.length} complete runs).`,
      );
    if (scenario.expertPath.length === 0)
      find('explore.no-expert-path', 'The scenario has no expertPath, so nothing shows that the top grade can be earned.');
    else if (!expert.ok) {
      const a = expert.answered!;
      find(
        'explore.expert-below-a',
        `The expert path ends ${a.ending ? `"${a.ending.id}" (${a.ending.kind})` : 'without an ending'} with ${a.score}/100, grade ${a.grade}; it should resolve the incident with grade A.`,
        a,
      );
    }
    if (expert.asWritten && expert.asWritten.refused.length > 0)
      find(
        'explore.expert-refused',
        `The engine refused ${expert.asWritten.refused.length} expert path step(s): ${expert.asWritten.refused.join('; ')}`,
      );
    if (margin < CLEAR_MARGIN) {
      find(
        'explore.method-margin',
        `Method does not clearly beat panic: methodical ${methodical.total}, frantic ${frantic.total} (a margin of ${margin}; at least ${CLEAR_MARGIN} expected).`,
      );
    }
    if (maximiser.beaten && maximiser.best && expert.run) {
      const b = maximiser.best;
      find(
        'explore.expert-outscored',
        `A run scores ${b.score}/100 (${b.grade}), above the expert path's ${expert.run.total}/100 (${expert.run.grade}): found by ${b.source}, ${b.inputs} inputs, ${this.endingText(b)}; ${this.compare(b, expert.answered!)}.`,
        b,
      );
    }
    for (const f of this.franticResults()) {
      if (!f.aboveC || !f.best) continue;
      const b = f.best;
      const what = b.action ? ` ("${this.sim.world.actions.get(b.action)?.label ?? b.action}")` : '';
      find(
        'explore.frantic-above-c',
        `A run with ${f.label} at ${wallClock(scenario.clock, b.at)}${what} grades ${b.grade}, ${b.score}/100: found by ${b.source}, ${this.endingText(b)}; a run with a frantic pattern must grade C or below.`,
        b,
        f.pattern,
      );
    }
    if (methodical.state.ending?.kind !== 'resolved')
      find(
        'explore.methodical-unresolved',
        `The generic methodical player did not resolve the incident (ending: ${methodical.state.ending?.id ?? 'none'}).`,
      );
    for (const s of scriptResults) for (const u of s.unmet) find('explore.script-unmet', `Script ${s.name}: ${u}`);
    const problems = findings.filter((f) => f.severity === 'error').map((f) => f.message);
    const warnings = findings.filter((f) => f.severity === 'warning').map((f) => f.message);

    return {
      scenario: { id: scenario.id, version: scenario.version, title: scenario.title },
      seed: this.seed,
      budget: this.budget,
      search: { ...this.stats, engineSteps: this.sim.steps },
      resolved: { reachable: witness !== undefined, witness: witness ? this.summary(witness) : null },
      expertPath: { steps: scenario.expertPath.length, asWritten: expert.asWritten, answered: expert.answered, ok: expert.ok },
      deadEnds,
      scores: {
        best: best ? this.summary(best) : null,
        worst: worst ? this.summary(worst) : null,
        runs: this.tallies.runs,
        endings: this.tallies.endings,
      },
      policies: {
        methodical: this.summary(methodical),
        frantic: this.summary(frantic),
        margin,
        clear: margin >= CLEAR_MARGIN,
        scripts: scriptResults,
      },
      maximiser,
      frantic: { checked: this.tallies.runs, patterns: this.franticResults() },
      ok: problems.length === 0,
      findings,
      problems,
      warnings,
    };
  }

  // -------------------------------------------------------------------------------------------
  // The highest score, and frantic runs
  // -------------------------------------------------------------------------------------------

  private readonly tallies: { runs: number; endings: Record<string, number>; best?: Run; worst?: Run; frantic: Map<FranticPattern, Kept> } =
    { runs: 0, endings: {}, frantic: new Map() };
  private franticCache: FranticResult[] | null = null;

  /** Counts a complete run, and keeps it if it is the best or worst so far, or the best with a frantic pattern. */
  private tally(run: Run): void {
    const t = this.tallies;
    t.runs++;
    const id = run.state.ending?.id ?? 'none';
    t.endings[id] = (t.endings[id] ?? 0) + 1;
    // Ties go to the shorter run, then to the one found first.
    if (!t.best || run.total > t.best.total || (run.total === t.best.total && run.log.length < t.best.log.length)) t.best = run;
    if (!t.worst || run.total < t.worst.total || (run.total === t.worst.total && run.log.length < t.worst.log.length)) t.worst = run;
    for (const sighting of franticPatterns(this.scenario, this.sim.world, run.state)) {
      const held = t.frantic.get(sighting.pattern);
      if (!held || run.total > held.run.total || (run.total === held.run.total && run.log.length < held.run.log.length)) {
        t.frantic.set(sighting.pattern, { run, at: sighting.at, ...(sighting.action ? { action: sighting.action } : {}) });
      }
    }
    this.franticCache = null;
  }

  private franticResults(): FranticResult[] {
    if (this.franticCache) return this.franticCache;
    this.franticCache = FRANTIC_PATTERNS.map((pattern) => {
      const kept = this.tallies.frantic.get(pattern);
      const best = kept ? { ...this.summary(kept.run, true), at: kept.at, ...(kept.action ? { action: kept.action } : {}) } : null;
      return { pattern, label: FRANTIC_LABELS[pattern], best, aboveC: best !== null && ABOVE_C.has(best.grade) };
    });
    return this.franticCache;
  }

  /**
   * The hunt for the highest score: a greedy score-maximising player, then a hill-climb over whole
   * runs from the expert path and the best runs found; then, for each frantic pattern, the climb
   * again from the expert path, the best run and the methodical one with the pattern put in, held
   * to runs that show it. Every run played is tallied. Sized by the budget, by counts alone.
   */
  private maximise(root: Position, expert: Run | undefined, methodical: Run): ExploreReport['maximiser'] {
    const { sim, scenario } = this;
    const asRun = (p: Played): Run => ({ source: p.source, log: p.log, state: p.end.state, total: p.total, grade: p.grade });
    const maximiser = new Maximiser(sim, root, randomFloats(this.seed + 2), (p) => this.tally(asRun(p)));
    const climbs = Math.max(2, Math.floor(this.budget / 25));
    const franticClimbs = Math.max(1, Math.floor(this.budget / 100));
    const bases = this.budget >= POINT_OF_NO_RETURN_BUDGET ? 2 : 1;

    const g = playPolicy(sim, root, greedyPolicy(Math.max(20, Math.floor(this.budget / 5))));
    const card = score(scenario, g.state);
    const greedy: Run = { source: 'greedy', log: trailToLog(g.trail), state: g.state, total: card.total, grade: card.grade };
    this.tally(greedy);

    // Seeds: the expert path, the greedy run and the best runs found so far, each as a plan.
    const seedRuns: Run[] = [];
    for (const r of [expert, greedy, ...[...this.runs].sort((a, b) => b.total - a.total || trailOrder(a, b)).slice(0, 3)]) {
      if (r && !seedRuns.includes(r)) seedRuns.push(r);
    }
    const seeds = seedRuns.map((r) => maximiser.play(maximiser.planOf(r.log, r.state), undefined, 'maximiser'));
    const top = maximiser.climb(seeds, { evaluations: climbs, beam: 6, source: 'maximiser' });

    // Frantic patterns are put into the expert path, the best run found and the methodical player's run.
    const baseRuns: Played[] = [];
    const candidates = [
      () => seeds[0],
      () => top,
      () => maximiser.play(maximiser.planOf(methodical.log, methodical.state), undefined, 'maximiser'),
    ];
    for (const next of candidates) {
      if (baseRuns.length >= bases) break;
      const p = next();
      if (p && !baseRuns.includes(p)) baseRuns.push(p);
    }
    for (const pattern of FRANTIC_PATTERNS) {
      const shows = (state: EngineState) => franticPatterns(scenario, sim.world, state).some((f) => f.pattern === pattern);
      const source = (state: EngineState) => (shows(state) ? `maximiser held to ${pattern}` : 'maximiser');
      const variants = baseRuns.flatMap((b) => franticVariants(sim, b, pattern)).map((plan) => maximiser.play(plan, undefined, source));
      maximiser.climb(variants, { evaluations: franticClimbs, beam: 4, accept: shows, source });
    }

    const best = this.tallies.best;
    return {
      evaluations: maximiser.evaluations + 1,
      greedy: this.summary(greedy),
      expert: expert?.total ?? null,
      best: best ? this.summary(best, true) : null,
      beaten: expert !== undefined && best !== undefined && best.total > expert.total,
    };
  }

  private endingText(run: RunSummary): string {
    return run.ending ? `ends "${run.ending.title}" at ${wallClock(this.scenario.clock, run.ending.at)}` : 'no ending';
  }

  /** Where a run scores above the expert path, dimension by dimension. */
  private compare(run: RunSummary, expert: RunSummary): string {
    const a = run.dimensions;
    const b = expert.dimensions;
    if (!a || !b) return 'see its score';
    const above = DIMENSIONS.filter((d) => a[d] > b[d]).map((d) => `${d} ${a[d]} against ${b[d]}`);
    return above.length > 0 ? `it scores higher on ${above.join(', ')}` : 'no dimension scores higher, the weighting does it';
  }

  // -------------------------------------------------------------------------------------------
  // The search
  // -------------------------------------------------------------------------------------------

  /**
   * A forward sweep through game time with a beam per time slice. Returns a seeded sample of the
   * expanded states for rollouts. With `main` off it is a rescue search: it stops at the first
   * resolved ending and records nothing but that.
   */
  private search(root: Position, budget: number, main: boolean): { sample: Position[]; resolved: boolean } {
    const { sim } = this;
    const tick = this.scenario.clock.tickSeconds;
    const sliceSeconds = Math.max(120, tick);
    const keySeconds = Math.max(60, tick);
    const lastSlice = Math.floor(sim.end / sliceSeconds);
    const seen = new Set<string>([stateKey(sim, root.state, keySeconds)]);
    const pending = new Map<number, Node[]>();
    const enqueue = (node: Node) => {
      const slice = Math.floor(node.pos.state.time / sliceSeconds);
      const list = pending.get(slice);
      if (list) list.push(node);
      else pending.set(slice, [node]);
    };
    enqueue({ pos: root, h: 0 });
    let states = 0;
    let expanded = 0;
    const sample: Position[] = [];
    const sampleSize = Math.max(2, Math.floor(budget / 100));
    let found = false;

    for (let slice = 0; slice <= lastSlice && states < budget && !found; slice++) {
      const queue = pending.get(slice);
      pending.delete(slice);
      if (!queue) continue;
      // Spread what is left of the budget evenly over the slices still to come.
      const perExpansion = expanded > 0 ? Math.max(1, states / expanded) : 8;
      const width = Math.max(1, Math.min(64, Math.ceil((budget - states) / (perExpansion * Math.max(1, lastSlice - slice + 1)))));
      // Past the width, carry on only while nothing lies ahead, so the sweep never dies out early.
      for (let n = 0; (n < width || pending.size === 0) && queue.length > 0 && states < budget && !found; n++) {
        const node = this.takeFrom(queue);
        expanded++;
        if (main) {
          // Reservoir sampling keeps an even, seeded sample of everything expanded.
          if (sample.length < sampleSize) sample.push(node.pos);
          else {
            const j = Math.floor(this.random() * expanded);
            if (j < sampleSize) sample[j] = node.pos;
          }
        }
        for (const move of this.movesFrom(node.pos)) {
          if (states >= budget) break;
          const child = this.apply(node.pos, move);
          if (!child) continue;
          const key = stateKey(sim, child.state, keySeconds);
          if (seen.has(key)) {
            if (main) this.stats.duplicates++;
            continue;
          }
          seen.add(key);
          states++;
          if (main) this.noteCandidates(node.pos, child, move);
          if (child.state.ending) {
            if (main) this.record('search', child);
            else if (child.state.ending.kind === 'resolved') found = true;
            continue;
          }
          const next = { pos: child, h: this.progress(child.state) + trailLength(child.trail) * -0.2 + this.random() * 4 };
          if (Math.floor(child.state.time / sliceSeconds) === slice) queue.push(next);
          else enqueue(next);
        }
      }
    }
    if (main) {
      this.stats.states += states;
      this.stats.expanded += expanded;
    }
    return { sample, resolved: found };
  }

  /** Mostly the most promising state, sometimes any: a beam that still looks around. */
  private takeFrom(queue: Node[]): Node {
    let index = 0;
    if (this.random() < 0.3) index = Math.floor(this.random() * queue.length);
    else for (let i = 1; i < queue.length; i++) if (queue[i]!.h > queue[index]!.h) index = i;
    const [node] = queue.splice(index, 1);
    return node!;
  }

  /** How far along a state looks, as a player would judge it: milestones, evidence, no harm done. */
  private progress(state: EngineState): number {
    const { sim } = this;
    let h = 0;
    if (sim.holds(state, 'understood')) h += 10;
    if (sim.holds(state, 'stabilised')) h += 10;
    if (sim.holds(state, 'fixed')) h += 15;
    if (sim.holds(state, 'verified')) h += 15;
    if (sim.holds(state, 'impact') && !sim.holds(state, 'stabilised')) h -= 8;
    for (const e of this.scenario.evidence) if (state.seen[e.id] !== undefined) h += e.relevant ? 3 : 0.5;
    for (const d of state.done)
      if (d.verdict === 'harmful') h -= 6;
      else if (d.verdict === 'failure') h -= 3;
    h -= 10 * state.declarations.filter((d) => !d.accepted).length;
    return h;
  }

  private movesFrom(pos: Position): Move[] {
    const { sim } = this;
    const { state } = pos;
    const moves: Move[] = [];
    for (const q of sim.openQuestions(state)) for (const r of q.replies) moves.push({ kind: 'input', input: sim.replyInput(q, r.id) });
    if (state.current[SOLO_PLAYER]) {
      moves.push({ kind: 'continue' });
      return moves;
    }
    // biome-ignore lint/suspicious/noThenProperty: a move's follow-up step, never awaited
    for (const a of sim.available(state)) moves.push({ kind: 'input', input: { type: 'act', action: a.id }, then: 'until-free' });
    const channel = sim.incidentChannel;
    let lastPost: number | undefined;
    for (const p of state.chat) if (p.byPlayer && !p.allClear && p.channel === channel) lastPost = p.at;
    if (channel && state.milestones.impact !== null && (lastPost === undefined || state.time - lastPost >= WAIT_SECONDS)) {
      moves.push({
        kind: 'input',
        input: { type: 'post', channel, text: 'Status update: what is affected, what we are doing, next update soon.' },
      });
    }
    if (
      !state.notes.some((n) => n.kind === 'hypothesis') &&
      this.scenario.evidence.some((e) => e.relevant && state.seen[e.id] !== undefined)
    ) {
      moves.push({
        kind: 'input',
        input: { type: 'note', kind: 'hypothesis', text: 'Hypothesis: the evidence so far points at the cause.' },
      });
    }
    moves.push({ kind: 'wait' });
    return moves;
  }

  private apply(pos: Position, move: Move): Position | null {
    const { sim } = this;
    if (move.kind === 'wait') {
      const next = sim.proceed(pos, pos.state.time + WAIT_SECONDS, WAITING).pos;
      return next.state.time > pos.state.time ? next : null;
    }
    if (move.kind === 'continue') {
      const busy = pos.state.current[SOLO_PLAYER];
      return busy ? sim.proceed(pos, busy.endsAt, UNTIL_FREE).pos : null;
    }
    const next = sim.input(pos, move.input);
    if (!next || !move.then) return next;
    const busy = next.state.current[SOLO_PLAYER];
    return busy ? sim.proceed(next, busy.endsAt, UNTIL_FREE).pos : next;
  }

  /** Keeps the shortest way found to each cause (ties: the earlier in game time). */
  private offer(key: string, candidate: Candidate): void {
    const held = this.candidates.get(key);
    const length = trailLength(candidate.pos.trail);
    const heldLength = held ? trailLength(held.pos.trail) : Infinity;
    if (length < heldLength || (length === heldLength && candidate.pos.state.time < held!.pos.state.time))
      this.candidates.set(key, candidate);
  }

  /** Remembers harmful and failed moves in the search, for the dead-end check. */
  private noteCandidates(parent: Position, child: Position, move: Move): void {
    const { state } = child;
    for (let i = parent.state.done.length; i < state.done.length; i++) {
      const d = state.done[i]!;
      if (d.verdict !== 'harmful' && d.verdict !== 'failure') continue;
      const label = this.sim.world.actions.get(d.action)?.label ?? d.action;
      this.offer(d.action, { pos: child, move: d.action, verdict: d.verdict, cause: `${label} (${d.verdict})` });
    }
    if (move.kind === 'input' && move.input.type === 'reply') {
      const { message, choice } = move.input;
      const question =
        this.sim.world.messages.get(message) ?? this.sim.world.messages.get(parent.state.chat.find((p) => p.id === message)?.message ?? '');
      const reply = question?.asks?.replies.find((r) => r.id === choice);
      if (question && reply && (reply.verdict === 'harmful' || reply.verdict === 'failure')) {
        const key = `reply:${question.id}:${choice}`;
        this.offer(key, {
          pos: child,
          move: key,
          verdict: reply.verdict,
          cause: `Replied "${reply.label}" to ${question.id} (${reply.verdict})`,
        });
      }
    }
  }

  /** A run that ended badly is a dead end by itself: put down to the move that ended it, or to time. */
  private noteEnding(pos: Position): void {
    const ending = pos.state.ending;
    if (!ending || ending.kind === 'resolved') return;
    const tick = this.scenario.clock.tickSeconds;
    const last = pos.state.done.at(-1);
    if (last && last.at >= ending.at - tick && (last.verdict === 'harmful' || last.verdict === 'failure')) {
      const label = this.sim.world.actions.get(last.action)?.label ?? last.action;
      this.offer(last.action, { pos, move: last.action, verdict: last.verdict, cause: `${label} (${last.verdict})` });
      return;
    }
    // Running out of time is always possible near the limit, so only failed endings are worth a point of no return.
    if (ending.kind === 'failed') this.offer(`ending:${ending.id}`, { pos, cause: `Ended "${ending.id}"` });
  }

  // -------------------------------------------------------------------------------------------
  // Dead ends
  // -------------------------------------------------------------------------------------------

  /**
   * Dead ends, most telling first. A harmful move whose run ended there and then is one as it
   * stands; the shortest other harmful moves are checked for a way back. For an ending no single
   * move explains (the clock ran out on the player), the explorer looks for the point of no return
   * along the shortest run that got there. Only meaningful when the resolved ending is reachable at all.
   */
  private deadEnds(checks: number): DeadEnd[] {
    const byLength = (a: Candidate, b: Candidate) =>
      trailLength(a.pos.trail) - trailLength(b.pos.trail) || a.pos.state.time - b.pos.state.time;
    const all = [...this.candidates.values()];
    const ended = all.filter((c) => c.move && c.pos.state.ending).sort(byLength);
    const open = all
      .filter((c) => c.move && !c.pos.state.ending)
      .sort(byLength)
      .slice(0, checks);
    const endings = all.filter((c) => !c.move).sort(byLength);
    const found: DeadEnd[] = [];
    const report = (candidate: Candidate, end: Position) =>
      found.push({
        cause: candidate.cause,
        ...(candidate.move ? { move: candidate.move } : {}),
        ...(candidate.verdict ? { verdict: candidate.verdict } : {}),
        at: candidate.pos.state.time,
        ending: this.endingOf(end.state),
        inputs: trailLength(candidate.pos.trail),
        script: toActionScript(
          this.scenario,
          trailToLog(candidate.pos.trail),
          this.seed,
          `Reaches a dead end: ${candidate.cause}.`,
          end.state.ending?.id,
        ),
      });
    for (const candidate of ended) if (found.length < MAX_DEAD_ENDS) report(candidate, candidate.pos);
    for (const candidate of open) {
      if (found.length >= MAX_DEAD_ENDS) break;
      this.stats.checked++;
      const end = this.rescue(candidate.pos);
      if (end) report(candidate, end);
    }
    // Finding a point of no return takes a dozen careful runs, worth it only with a real budget.
    for (const candidate of this.budget >= POINT_OF_NO_RETURN_BUDGET ? endings : []) {
      if (found.length >= MAX_DEAD_ENDS) break;
      const point = this.pointOfNoReturn(candidate);
      if (point) report(point, candidate.pos);
    }
    return found;
  }

  /**
   * The first moment along a run after which even a careful player cannot reach the resolved
   * ending: a binary search over time, assuming things only get worse as the clock runs.
   */
  private pointOfNoReturn(candidate: Candidate): Candidate | null {
    const ending = candidate.pos.state.ending;
    if (!ending) return null;
    const log = trailToLog(candidate.pos.trail);
    const options = candidate.pos.state.options;
    const at = (t: number): Position => {
      const before = log.filter((e) => e.at < t);
      return { state: replay(this.scenario, options, before, t).state, trail: trailOf(before) };
    };
    const quick = (pos: Position) => !pos.state.ending && playPolicy(this.sim, pos, methodicalPolicy()).state.ending?.kind === 'resolved';
    const grain = Math.max(60, this.scenario.clock.tickSeconds);
    let lo = 0;
    let hi = Math.ceil(ending.at / grain);
    this.stats.checked++;
    if (!quick(at(0))) return null;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      this.stats.checked++;
      if (quick(at(mid * grain))) lo = mid;
      else hi = mid;
    }
    const point = at(Math.min(hi * grain, ending.at));
    // The quick probe may simply have missed a way out; the thorough check has the last word.
    if (!point.state.ending && this.rescue(point) === null) return null;
    const title = shownEnding(this.scenario, candidate.pos.state)?.title ?? ending.id;
    const inputs = trailLength(point.trail);
    const doing = inputs === 0 ? 'Doing nothing' : `Carrying on as this run does (${inputs} input${inputs === 1 ? '' : 's'})`;
    return {
      pos: point,
      cause: `${doing} until ${wallClock(this.scenario.clock, point.state.time)}: from then on "${title}" cannot be avoided`,
    };
  }

  /** Tries to get from a position to the resolved ending; returns null if it can, else where a careful player ends up. */
  private rescue(pos: Position): Position | null {
    const careful = playPolicy(this.sim, pos, methodicalPolicy());
    if (careful.state.ending?.kind === 'resolved') return null;
    for (let i = 0; i < 2; i++) {
      const run = playPolicy(this.sim, pos, noisyPolicy(this.random, 0.25));
      if (run.state.ending?.kind === 'resolved') return null;
    }
    if (this.search(pos, Math.max(40, Math.floor(this.budget / 20)), false).resolved) return null;
    return careful;
  }

  // -------------------------------------------------------------------------------------------
  // Fixed runs: the expert path and the scenario's scripts
  // -------------------------------------------------------------------------------------------

  private expertPath(): {
    asWritten: (RunSummary & { refused: string[] }) | null;
    answered: (RunSummary & { refused: string[] }) | null;
    ok: boolean;
    run?: Run;
  } {
    const { scenario, sim } = this;
    if (scenario.expertPath.length === 0) return { asWritten: null, answered: null, ok: false };
    const play = (answer: boolean) => {
      let pos: Position = { state: init(scenario, { seed: this.seed, coach: 'off' }), trail: null };
      const refused: string[] = [];
      const answerAll = () => {
        if (!answer) return;
        for (const q of sim.openQuestions(pos.state)) {
          const best = q.replies.reduce((a, b) => (VERDICT_RANK[b.verdict] > VERDICT_RANK[a.verdict] ? b : a));
          pos = sim.input(pos, sim.replyInput(q, best.id)) ?? pos;
        }
      };
      const until = (t: number) => {
        answerAll();
        while (pos.state.time < t && !pos.state.ending) {
          const before = pos.state.time;
          pos = sim.proceed(pos, t, answer ? QUESTIONS : NOTHING).pos;
          if (pos.state.time === before) break; // past the end of the scenario
          answerAll();
        }
      };
      for (const stepAt of scenario.expertPath) {
        until(stepAt.at);
        const next = sim.input(pos, { type: 'act', action: stepAt.action });
        if (next) pos = next;
        else refused.push(`${stepAt.action} at ${stepAt.at} s`);
      }
      until(sim.end);
      return { run: this.record(answer ? 'expert path, questions answered' : 'expert path', sim.finish(pos)), refused };
    };
    const asWritten = play(false);
    const answered = play(true);
    const ok = answered.run.state.ending?.kind === 'resolved' && answered.run.grade === 'A';
    return {
      asWritten: { ...this.summary(asWritten.run), refused: asWritten.refused },
      answered: { ...this.summary(answered.run, true), refused: answered.refused },
      ok,
      run: answered.run,
    };
  }

  private playScript(name: string, raw: unknown): ScriptResult {
    const compiled = compileScript(this.scenario, raw);
    if (!compiled.ok) return this.unplayable(name, compiled.errors);
    const played = runScript(this.scenario, compiled.script, compiled.compiled);
    const run: Run = {
      source: `script ${name}`,
      log: compiled.compiled.log,
      state: played.state,
      total: played.score.total,
      grade: played.score.grade,
    };
    this.runs.push(run);
    this.noteEnding({ state: played.state, trail: trailOf(compiled.compiled.log) });
    return {
      ...this.summary(run),
      name,
      unmet: [...played.refused.map((r) => `step ${r.index + 1} refused: ${r.rejection.message}`), ...played.unmet],
    };
  }

  private unplayable(name: string, errors: string[]): ScriptResult {
    const empty = this.summary({
      source: `script ${name}`,
      log: [],
      state: init(this.scenario, { seed: this.seed, coach: 'off' }),
      total: 0,
      grade: 'F',
    });
    return { ...empty, name, unmet: errors.map((e) => `cannot be played: ${e}`) };
  }

  // -------------------------------------------------------------------------------------------

  private record(source: string, pos: Position): Run {
    const card = score(this.scenario, pos.state);
    const run: Run = { source, log: trailToLog(pos.trail), state: pos.state, total: card.total, grade: card.grade };
    this.runs.push(run);
    this.noteEnding(pos);
    return run;
  }

  private endingOf(state: EngineState): RunSummary['ending'] {
    const ending = state.ending;
    if (!ending) return null;
    return { id: ending.id, kind: ending.kind, title: shownEnding(this.scenario, state)?.title ?? ending.id, at: ending.at };
  }

  private summary(run: Run, dimensions = false): RunSummary {
    const ending = this.endingOf(run.state);
    const description = `Found by the explorer (${run.source}, seed ${this.seed}): ${ending ? `ends "${ending.title}"` : 'no ending'}, ${run.total}/100.`;
    const summary: RunSummary = {
      source: run.source,
      ending,
      score: run.total,
      grade: run.grade,
      inputs: run.log.length,
      script: toActionScript(this.scenario, run.log, run.state.options.seed, description, ending?.id),
    };
    if (dimensions) {
      const card = score(this.scenario, run.state);
      summary.dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, card.dimensions[d].score])) as Record<Dimension, number>;
    }
    return summary;
  }
}

const QUESTIONS = new Set<StopReason>(['question']);
const NOTHING = new Set<StopReason>();
const ABOVE_C = new Set<Grade>(['A', 'B']);

function trailOf(log: readonly LogEntry[]): Trail | null {
  let trail: Trail | null = null;
  for (const entry of log) trail = { entry, prev: trail, length: trailLength(trail) + 1 };
  return trail;
}

const trailOrder = (a: Run, b: Run) => a.log.length - b.log.length;

function pick<T>(items: readonly T[], compare: (a: T, b: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || compare(item, best) < 0) best = item;
  return best;
}
