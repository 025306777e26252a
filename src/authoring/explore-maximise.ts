/**
 * The score maximiser: a seeded hill-climb over whole runs, looking for the highest score any
 * strategy can earn, so the explorer can tell an author when something outscores the expert path.
 *
 * A run is a plan: the player's inputs (actions, status posts, notes) each at a game time the
 * player does it at the earliest (waiting until free if busy), and a reply policy: each question
 * gets its best reply as it arrives, unless the plan leaves it or picks another. Starting from the
 * expert path and the best runs found, the climber mutates a plan (drops a step, shifts it in time,
 * inserts an action, a status update or a hypothesis, repeats an action, swaps two steps, leaves a
 * question or answers it otherwise), plays the result in the engine and keeps a small beam of the
 * best by total score. A constraint can hold the climb to runs with some property (the explorer
 * uses it to find the best-scoring run that shows a frantic pattern).
 *
 * A mutation changes nothing before its earliest time, so a child is played on from the last
 * moment its parent shares with it. Bounded by counts, never by the clock: the same seed and
 * budget give the same runs.
 */
import { score, SOLO_PLAYER, type EngineState, type Grade, type LogEntry } from '../engine';
import type { FranticPattern } from './explore-frantic';
import {
  bestReply,
  hypothesisText,
  isRemedyAction,
  statusText,
  type PlayerInput,
  type Position,
  type Sim,
  type StopReason,
} from './explore-sim';
import type { Scenario } from '../format/schema';

/** One planned input. `render` steps get their text from the situation when they are played. */
export interface PlanStep {
  at: number;
  input: PlayerInput;
  render?: 'status' | 'hypothesis';
}

export interface Plan {
  /** In time order. */
  steps: PlanStep[];
  /** Question ("message#n", the n-th post of that message) → the reply to give, or null to leave it. Unlisted questions get their best reply. */
  replies: Record<string, string | null>;
}

interface Question {
  key: string;
  at: number;
  replies: string[];
}

/** A plan played to the end. Its plan is normalised: only the steps the engine took, at the times it took them. */
export interface Played {
  /** Who played it, for the report. */
  source: string;
  plan: Plan;
  end: Position;
  total: number;
  grade: Grade;
  log: LogEntry[];
  /** Where the run stood just after each step of its plan, for playing a child on from there. */
  snapshots: Position[];
  questions: Question[];
}

export interface ClimbOptions {
  /** How many runs the climb may play. */
  evaluations: number;
  /** How many of the best runs it keeps to mutate. */
  beam: number;
  /** Only runs whose end state passes this are kept (and seeds that fail it are dropped). */
  accept?: (state: EngineState) => boolean;
  /** Names the climb's runs in the report, from how each ended. */
  source: Source;
}

/** A run's name in the report, or how to name it from its end state (a held climb's run that lost its pattern is a plain maximiser run). */
export type Source = string | ((state: EngineState) => string);

const QUESTIONS = new Set<StopReason>(['question']);
const SHIFTS = [15, 30, 60, 120, 300, 600];
/** Tries for a mutation not played before, before the climb moves on. */
const FRESH_TRIES = 4;

export class Maximiser {
  /** Runs played. */
  evaluations = 0;
  private readonly scenario: Scenario;

  constructor(
    private readonly sim: Sim,
    private readonly root: Position,
    private readonly random: () => number,
    /** Told about every run played, for the explorer's tallies. */
    private readonly onRun: (played: Played) => void,
  ) {
    this.scenario = sim.scenario;
  }

  /** The plan behind any run: its actions, posts and notes, and how it treated each question. */
  planOf(log: readonly LogEntry[], state: EngineState): Plan {
    const steps: PlanStep[] = [];
    for (const { at, input } of log) if (input.type === 'act' || input.type === 'post' || input.type === 'note') steps.push({ at, input });
    const replies: Record<string, string | null> = {};
    for (const q of this.questionsIn(state)) {
      const post = q.post;
      replies[q.key] = post.ask?.answer?.choice ?? null;
    }
    return { steps, replies };
  }

  /** Plays a plan from the start, or on from a parent's snapshot taken before `from.at`. */
  play(plan: Plan, from: { parent: Played; at: number } | undefined, source: Source): Played {
    const { sim } = this;
    let resumeAt = -1;
    if (from) for (let k = 0; k < from.parent.plan.steps.length && from.parent.plan.steps[k]!.at < from.at; k++) resumeAt = k;
    const snapshots: Position[] = resumeAt >= 0 ? from!.parent.snapshots.slice(0, resumeAt + 1) : [];
    let pos = resumeAt >= 0 ? snapshots[resumeAt]! : this.root;
    const executed: PlanStep[] = resumeAt >= 0 ? plan.steps.slice(0, resumeAt + 1) : [];
    const answer = () => {
      for (const q of sim.openQuestions(pos.state)) {
        const key = this.keyOf(pos.state, q.post.id);
        const choice = key in plan.replies ? plan.replies[key] : bestReply(q.replies).id;
        if (choice === null || choice === undefined) continue;
        pos = sim.input(pos, sim.replyInput(q, choice)) ?? pos;
      }
    };
    const advance = (t: number) => {
      answer();
      while (pos.state.time < t && !pos.state.ending) {
        const before = pos.state.time;
        pos = sim.proceed(pos, t, QUESTIONS).pos;
        if (pos.state.time === before) break;
        answer();
      }
    };
    for (let i = executed.length; i < plan.steps.length && !pos.state.ending; i++) {
      const step = plan.steps[i]!;
      advance(step.at);
      const busy = pos.state.current[SOLO_PLAYER];
      if (busy) advance(busy.endsAt);
      if (pos.state.ending || pos.state.time >= sim.end) break;
      const input = this.render(step, pos.state);
      const at = pos.state.time;
      const next = sim.input(pos, input);
      if (!next) continue;
      pos = next;
      executed.push(step.render ? { at, input, render: step.render } : { at, input });
      snapshots.push(pos);
    }
    advance(sim.end);
    const questions = this.questionsIn(pos.state).map((q) => ({ key: q.key, at: q.post.at, replies: q.replies }));
    const replies: Record<string, string | null> = {};
    for (const q of questions) if (q.key in plan.replies) replies[q.key] = plan.replies[q.key]!;
    const card = score(this.scenario, pos.state);
    const log: LogEntry[] = [];
    for (let t = pos.trail; t; t = t.prev) log.push(t.entry);
    log.reverse();
    const played: Played = {
      source: typeof source === 'function' ? source(pos.state) : source,
      plan: { steps: executed, replies },
      end: pos,
      total: card.total,
      grade: card.grade,
      log,
      snapshots,
      questions,
    };
    this.evaluations++;
    this.onRun(played);
    return played;
  }

  /**
   * Climbs from the seeds: repeatedly mutates one of the best runs so far (the better, the likelier)
   * and keeps the child if it makes the beam. Returns the best run that passes `accept`, or null.
   */
  climb(seeds: readonly Played[], options: ClimbOptions): Played | null {
    const accept = options.accept ?? (() => true);
    const seen = new Set<string>();
    let beam: Played[] = [];
    const offer = (p: Played) => {
      const signature = planSignature(p.plan);
      if (!accept(p.end.state) || beam.some((b) => planSignature(b.plan) === signature)) return;
      beam.push(p);
      beam.sort(better);
      beam = beam.slice(0, options.beam);
    };
    for (const s of seeds) {
      seen.add(planSignature(s.plan));
      offer(s);
    }
    for (let n = 0; n < options.evaluations && beam.length > 0; n++) {
      const parent = beam[Math.floor(this.random() ** 2 * beam.length)]!;
      let child: { plan: Plan; at: number } | null = null;
      for (let tries = 0; tries < FRESH_TRIES && !child; tries++) {
        const candidate = this.mutate(parent);
        if (!candidate) continue;
        const signature = planSignature(candidate.plan);
        if (seen.has(signature)) continue;
        seen.add(signature);
        child = candidate;
      }
      if (!child) continue;
      const played = this.play(child.plan, { parent, at: child.at }, options.source);
      seen.add(planSignature(played.plan));
      offer(played);
    }
    return beam[0] ?? null;
  }

  /** One to three random changes to a run's plan, and the earliest time any of them touches. */
  private mutate(parent: Played): { plan: Plan; at: number } | null {
    const plan: Plan = { steps: parent.plan.steps.slice(), replies: { ...parent.plan.replies } };
    const r = this.random();
    const count = r < 0.6 ? 1 : r < 0.9 ? 2 : 3;
    let at = Infinity;
    for (let i = 0; i < count; i++) {
      const t = this.change(parent, plan);
      if (t !== null) at = Math.min(at, t);
      // Each change sees the steps in time order; a stable sort keeps those planned for the same moment in order.
      plan.steps.sort((a, b) => a.at - b.at);
    }
    return at === Infinity ? null : { plan, at };
  }

  /** One change; returns the time it touches, or null when it could not be made. */
  private change(parent: Played, plan: Plan): number | null {
    const { sim } = this;
    const steps = plan.steps;
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(this.random() * items.length)];
    const horizon = Math.max(1, Math.min(sim.end - 1, parent.end.state.ending?.at ?? sim.end));
    const when = (): number => {
      // Half the time somewhere in the run, half just after one of its steps.
      const near = pick(steps);
      const t = this.random() < 0.5 || !near ? this.random() * horizon : near.at + pick(SHIFTS)!;
      return Math.max(0, Math.min(sim.end - 1, Math.round(t)));
    };
    const kind = pick(['drop', 'shift', 'shift', 'act', 'act', 'status', 'hypothesis', 'repeat', 'swap', 'reply'] as const)!;
    switch (kind) {
      case 'drop': {
        if (steps.length === 0) return null;
        const j = Math.floor(this.random() * steps.length);
        const t = steps[j]!.at;
        steps.splice(j, 1);
        return t;
      }
      case 'shift': {
        if (steps.length === 0) return null;
        const j = Math.floor(this.random() * steps.length);
        const old = steps[j]!;
        const t = Math.max(0, Math.min(sim.end - 1, old.at + (this.random() < 0.5 ? -1 : 1) * pick(SHIFTS)!));
        steps[j] = { ...old, at: t };
        return Math.min(old.at, t);
      }
      case 'act': {
        const t = when();
        const state = this.stateBefore(parent, t);
        const offered = sim.available(state);
        const action = pick(offered.length > 0 ? offered : this.scenario.actions);
        if (!action) return null;
        steps.push({ at: t, input: { type: 'act', action: action.id } });
        return t;
      }
      case 'status': {
        const channel = sim.incidentChannel;
        if (!channel) return null;
        const t = when();
        steps.push({ at: t, input: { type: 'post', channel, text: 'Status update.' }, render: 'status' });
        return t;
      }
      case 'hypothesis': {
        const t = when();
        steps.push({ at: t, input: { type: 'note', kind: 'hypothesis', text: 'Hypothesis.' }, render: 'hypothesis' });
        return t;
      }
      case 'repeat': {
        const acts = steps.filter((s) => s.input.type === 'act');
        const again = pick(acts);
        if (!again) return null;
        const t = Math.min(sim.end - 1, again.at + pick(SHIFTS)!);
        steps.push({ at: t, input: again.input });
        return t;
      }
      case 'swap': {
        if (steps.length < 2) return null;
        const j = Math.floor(this.random() * (steps.length - 1));
        const [a, b] = [steps[j]!, steps[j + 1]!];
        steps[j] = { ...b, at: a.at };
        steps[j + 1] = { ...a, at: b.at };
        return Math.min(a.at, b.at);
      }
      case 'reply': {
        const q = pick(parent.questions);
        if (!q) return null;
        const current = q.key in plan.replies ? plan.replies[q.key] : undefined;
        const options = [null, ...q.replies].filter((c) => c !== current);
        plan.replies[q.key] = pick(options) ?? null;
        return q.at;
      }
    }
  }

  /** The parent's state at its last step before `t` (the start when there is none). */
  private stateBefore(parent: Played, t: number): EngineState {
    let state = this.root.state;
    for (let k = 0; k < parent.plan.steps.length && parent.plan.steps[k]!.at < t; k++) state = parent.snapshots[k]!.state;
    return state;
  }

  private render(step: PlanStep, state: EngineState): PlayerInput {
    const { input } = step;
    if (step.render === 'status' && input.type === 'post') return { ...input, text: statusText(this.sim, state) };
    if (step.render === 'hypothesis' && input.type === 'note') return { ...input, text: hypothesisText(this.sim, state) };
    return input;
  }

  /** The questions asked in a run, each with its key. */
  private questionsIn(state: EngineState) {
    const out: { key: string; post: EngineState['chat'][number]; replies: string[] }[] = [];
    const counts = new Map<string, number>();
    for (const post of state.chat) {
      if (!post.message) continue;
      const n = (counts.get(post.message) ?? 0) + 1;
      counts.set(post.message, n);
      const asks = this.sim.world.messages.get(post.message)?.asks;
      if (post.ask && asks) out.push({ key: `${post.message}#${n}`, post, replies: asks.replies.map((r) => r.id) });
    }
    return out;
  }

  private keyOf(state: EngineState, postId: string): string {
    let n = 0;
    let message = '';
    for (const post of state.chat) {
      if (post.id === postId) {
        message = post.message ?? '';
        break;
      }
    }
    for (const post of state.chat) {
      if (post.message === message) n++;
      if (post.id === postId) break;
    }
    return `${message}#${n}`;
  }
}

/** Higher score first; then fewer inputs; then earlier end. */
function better(a: Played, b: Played): number {
  return b.total - a.total || a.log.length - b.log.length || (a.end.state.ending?.at ?? Infinity) - (b.end.state.ending?.at ?? Infinity);
}

function planSignature(plan: Plan): string {
  const steps = plan.steps.map((s) => {
    const i = s.input;
    const what =
      i.type === 'act'
        ? i.action
        : i.type === 'post'
          ? `post:${i.channel}:${s.render ?? i.text}`
          : i.type === 'note'
            ? `note:${i.kind ?? ''}:${s.render ?? i.text}`
            : i.type;
    return `${s.at}/${what}`;
  });
  const replies = Object.keys(plan.replies)
    .sort()
    .map((k) => `${k}=${plan.replies[k]}`);
  return `${steps.join(',')}|${replies.join(',')}`;
}

/**
 * Plans that put a frantic pattern into a run, for the climb to start from: its status updates
 * left out (silence); a declaration soon after users are affected, or straight after its first
 * mitigation or fix (a premature all-clear); a restart as users are affected, with the looks before
 * it left out (a restart on a hunch); a rollback done twice as users are affected (repeated, should
 * it fail). Which of them really shows the pattern is for the engine to say.
 */
export function franticVariants(sim: Sim, base: Played, pattern: FranticPattern): Plan[] {
  const { world } = sim;
  const { steps, replies } = base.plan;
  const actionOf = (s: PlanStep) => (s.input.type === 'act' ? world.actions.get(s.input.action) : undefined);
  const state = base.end.state;
  const firstChange = steps.find((s) => {
    const a = actionOf(s);
    return a !== undefined && isRemedyAction(a);
  })?.at;
  const when = state.impact[0]?.from ?? firstChange ?? 0;
  const plan = (keep: readonly PlanStep[], extra: PlanStep[]): Plan => ({
    steps: [...keep, ...extra].sort((a, b) => a.at - b.at),
    replies: { ...replies },
  });
  const act = (at: number, action: string): PlanStep => ({ at, input: { type: 'act', action } });
  const tagged = (tag: 'restart' | 'rollback') => sim.scenario.actions.filter((a) => a.tags.includes(tag)).slice(0, 2);
  switch (pattern) {
    case 'silence': {
      const quiet = steps.filter(
        (s) => !(s.input.type === 'post' && s.input.channel === sim.incidentChannel) && !actionOf(s)?.tags.includes('status-update'),
      );
      return quiet.length < steps.length || base.log.some((e) => e.input.type === 'post') ? [plan(quiet, [])] : [];
    }
    case 'premature-all-clear': {
      const resolve = sim.scenario.actions.find((a) => a.category === 'resolve');
      if (!resolve) return [];
      const times = new Set<number>([when + 30]);
      for (const category of ['mitigate', 'remediate'] as const) {
        const first = steps.find((s) => actionOf(s)?.category === category);
        if (first) times.add(first.at + 1);
      }
      return [...times].map((t) => plan(steps, [act(t, resolve.id)]));
    }
    case 'hunch-restart':
      return tagged('restart').flatMap((a) => [
        plan(
          steps.filter((s) => !(actionOf(s)?.category === 'investigate' && s.at <= when)),
          [act(when, a.id)],
        ),
        plan(steps, [act(when, a.id)]),
      ]);
    case 'repeated-rollback':
      return tagged('rollback').map((a) => plan(steps, [act(when, a.id), act(when, a.id)]));
  }
}
