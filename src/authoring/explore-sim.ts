/**
 * The explorer's view of a run. Game time is nearly continuous, so the explorer only stops at
 * decision points: when the player is free again, when a question arrives, or when something
 * notable happens while they wait. Between two decision points it lets the pure engine run.
 * Nothing here is random: callers pass their own seeded choices in.
 */
import {
  availability,
  isChangeAction,
  isCheckAction,
  isNotable,
  milestoneHolds,
  parseWallClock,
  SOLO_PLAYER,
  step,
  wallClock,
  worldOf,
  type ChatPost,
  type EngineState,
  type Input,
  type LogEntry,
  type TimelineEvent,
  type World,
} from '../engine';
import type { Action, Message, Reply, Scenario, Verdict } from '../format/schema';

export type PlayerInput = Exclude<Input, { type: 'tick' }>;

/** The inputs so far, newest first, shared between branches so a branch costs one link. */
export interface Trail {
  entry: LogEntry;
  prev: Trail | null;
  length: number;
}

/** A run at a decision point: its state and how the player got there. */
export interface Position {
  state: EngineState;
  trail: Trail | null;
}

export const trailLength = (trail: Trail | null): number => trail?.length ?? 0;

export function trailToLog(trail: Trail | null): LogEntry[] {
  const log: LogEntry[] = [];
  for (let t = trail; t; t = t.prev) log.push(t.entry);
  return log.reverse();
}

/** How good a verdict is, for choosing replies and comparing outcomes. */
export const VERDICT_RANK: Record<Verdict, number> = { success: 4, partial: 3, neutral: 2, failure: 1, harmful: 0 };

/** How far the explorer lets time run in one engine step while watching for something to react to. */
const CHUNK_SECONDS = 30;

export interface OpenQuestion {
  post: ChatPost;
  message: Message;
  replies: readonly Reply[];
}

export type StopReason = 'free' | 'question' | 'notable' | 'ending' | 'time';

/** A scenario with what the explorer asks about it over and over, looked up once. */
export class Sim {
  readonly world: World;
  /** The game time by which every run has ended (the limit plus one tick, as `runToEnd`). */
  readonly end: number;
  readonly incidentChannel: string | undefined;
  /** Engine steps taken, the explorer's measure of work. */
  steps = 0;

  constructor(readonly scenario: Scenario) {
    this.world = worldOf(scenario);
    this.end = scenario.clock.limitSeconds + scenario.clock.tickSeconds;
    this.incidentChannel = this.world.incidentChannel;
  }

  /** Applies one player input now; null when the engine refuses it. */
  input(pos: Position, input: PlayerInput): Position | null {
    this.steps++;
    const result = step(this.scenario, pos.state, input);
    if (result.rejected) return null;
    const entry: LogEntry = { at: pos.state.time, input };
    return { state: result.state, trail: { entry, prev: pos.trail, length: trailLength(pos.trail) + 1 } };
  }

  /**
   * Lets time run until `until`, stopping early at the first reason in `stopOn` (checked after each
   * chunk, so a question is seen at most one chunk late — well within any expiry).
   */
  proceed(pos: Position, until: number, stopOn: ReadonlySet<StopReason>): { pos: Position; stopped: StopReason } {
    let state = pos.state;
    const target = Math.min(until, this.end);
    while (!state.ending) {
      const busy = state.current[SOLO_PLAYER];
      const next = Math.min(target, state.time + CHUNK_SECONDS, busy ? busy.endsAt : Infinity);
      if (next <= state.time) break;
      this.steps++;
      const result = step(this.scenario, state, { type: 'tick', seconds: next - state.time });
      state = result.state;
      if (state.ending) break;
      const reason = this.stopReason(state, result.events, busy !== undefined, stopOn);
      if (reason) return { pos: { state, trail: pos.trail }, stopped: reason };
    }
    return { pos: { state, trail: pos.trail }, stopped: state.ending ? 'ending' : 'time' };
  }

  private stopReason(
    state: EngineState,
    events: readonly TimelineEvent[],
    wasBusy: boolean,
    stopOn: ReadonlySet<StopReason>,
  ): StopReason | null {
    if (stopOn.has('free') && wasBusy && !state.current[SOLO_PLAYER]) return 'free';
    let notable = false;
    for (const e of events) {
      if (e.kind === 'message' && stopOn.has('question') && postById(state, e.post)?.ask) return 'question';
      // The same events that stop a solo player's skip-ahead wake the explorer's waiting players.
      if (isNotable(e)) notable = true;
    }
    return notable && stopOn.has('notable') ? 'notable' : null;
  }

  /** Runs the clock to the end of the scenario with no further input. */
  finish(pos: Position): Position {
    return this.proceed(pos, this.end, new Set()).pos;
  }

  /** Actions the player could start now. */
  available(state: EngineState): Action[] {
    return this.scenario.actions.filter((a) => availability(this.world, state, a.id, SOLO_PLAYER).ok);
  }

  openQuestions(state: EngineState): OpenQuestion[] {
    const open: OpenQuestion[] = [];
    for (const post of state.chat) {
      const ask = post.ask;
      if (!ask || ask.answer || ask.ignored || ask.superseded || ask.expiresAt <= state.time) continue;
      const message = this.world.messages.get(post.message ?? '');
      if (message?.asks) open.push({ post, message, replies: message.asks.replies });
    }
    return open;
  }

  /** The input that answers an open question; it names the message, unless that reads like a post id. */
  replyInput(q: OpenQuestion, choice: string): PlayerInput {
    return { type: 'reply', message: /^p\d+$/.test(q.message.id) ? q.post.id : q.message.id, choice };
  }

  holds(state: EngineState, milestone: Parameters<typeof milestoneHolds>[2]): boolean {
    return milestoneHolds(this.world, state, milestone);
  }

  /** Starts an action and lets time run until it is done; null if it cannot start. */
  complete(pos: Position, actionId: string): Position | null {
    const started = this.input(pos, { type: 'act', action: actionId });
    if (!started) return null;
    const busy = started.state.current[SOLO_PLAYER];
    return busy ? this.proceed(started, busy.endsAt, new Set(['free'])).pos : started;
  }
}

function postById(state: EngineState, id: string): ChatPost | undefined {
  for (let i = state.chat.length - 1; i >= 0; i--) if (state.chat[i]!.id === id) return state.chat[i];
  return undefined;
}

// A change and a check are the scorer's (src/engine/scoring/patterns.ts), so the explorer's players are judged by the rules they play by.
export { isChangeAction, isCheckAction };

/**
 * What a player might try to make things better: every change, and every mitigation (a restart
 * included, which scoring does not count as a change). The candidates, not a kind of action scored.
 */
export const isRemedyAction = (a: Action): boolean => isChangeAction(a) || a.category === 'mitigate';

/**
 * A status update with substance, written from what the player can see: what is affected, what is
 * being done, when the next update comes (the composer's three parts).
 */
export function statusText(sim: Sim, state: EngineState): string {
  const { scenario } = sim;
  const unwell = scenario.services
    .filter((s) => state.services[s.id] !== undefined && state.services[s.id] !== 'healthy')
    .map((s) => `${s.name} ${state.services[s.id]}`);
  const last = state.current[SOLO_PLAYER]?.action ?? state.done.at(-1)?.action;
  const doing = last ? (sim.world.actions.get(last)?.label ?? last) : 'Investigating';
  const next = wallClock(scenario.clock, state.time + scenario.scoring.updateCadenceSeconds, false);
  const impact = unwell.length > 0 ? `${unwell.join(', ')}; users are affected` : 'users may be affected, checking';
  return `Impact: ${impact}.\nDoing now: ${doing}.\nNext update by ${next}.`;
}

/** A hypothesis that names the evidence it rests on: the latest relevant evidence seen, else the latest seen. */
export function hypothesisText(sim: Sim, state: EngineState): string {
  const seen = sim.scenario.evidence
    .filter((e) => state.seen[e.id] !== undefined)
    .sort((a, b) => Number(b.relevant) - Number(a.relevant) || state.seen[b.id]! - state.seen[a.id]!);
  return seen[0] ? `Hypothesis: what "${seen[0].title}" shows is the cause.` : 'Hypothesis: the last change is the cause.';
}

/** The reply a careful player would give: the best verdict the author gave, first in file order. */
export function bestReply(replies: readonly Reply[]): Reply {
  let best = replies[0]!;
  for (const r of replies) if (VERDICT_RANK[r.verdict] > VERDICT_RANK[best.verdict]) best = r;
  return best;
}

/**
 * The decision-relevant part of a state, as a string: two states with the same key are treated as
 * the same situation. Time is kept only to the bucket, metrics only as "alarming or not", and counts
 * are capped, so the countless small variations of a run fold together.
 */
export function stateKey(sim: Sim, state: EngineState, bucketSeconds: number): string {
  const { scenario } = sim;
  const parts: string[] = [String(Math.floor(state.time / bucketSeconds)), state.ending?.id ?? ''];
  const busy = state.current[SOLO_PLAYER];
  parts.push(busy ? `${busy.action}@${Math.floor(busy.endsAt / bucketSeconds)}` : '');
  for (const f of scenario.facts) parts.push(String(state.facts[f.id]));
  for (const s of scenario.services) parts.push(state.services[s.id] ?? '');
  let bits = '';
  for (const m of scenario.metrics) bits += m.warnAbove !== undefined && (state.metrics[m.id]?.value ?? 0) > m.warnAbove ? '1' : '0';
  for (const e of scenario.evidence) bits += state.seen[e.id] === undefined ? '0' : '1';
  for (const m of Object.keys(state.milestones) as (keyof EngineState['milestones'])[]) bits += state.milestones[m] === null ? '0' : '1';
  for (const r of scenario.scoring.rules) bits += state.rules[r.id] === undefined ? '0' : '1';
  parts.push(bits);
  const counts: Record<string, number> = {};
  const last: Record<string, Verdict> = {};
  for (const d of state.done) {
    counts[d.action] = (counts[d.action] ?? 0) + 1;
    last[d.action] = d.verdict;
  }
  for (const a of scenario.actions) parts.push(counts[a.id] ? `${Math.min(3, counts[a.id]!)}${last[a.id]![0]}` : '');
  for (const m of scenario.messages) parts.push(String(Math.min(3, state.posted[m.id]?.count ?? 0)));
  for (const post of state.chat) {
    if (post.ask?.answer) parts.push(`${post.message}=${post.ask.answer.choice}`);
    else if (post.ask && !post.ask.ignored && !post.ask.superseded) parts.push(`${post.message}?`);
  }
  // An all-clear is counted by the declarations; posts are the status updates.
  const posts = state.chat.filter((p) => p.byPlayer && !p.allClear && p.channel === sim.incidentChannel).length;
  parts.push(`u${Math.min(4, posts)}h${state.notes.some((n) => n.kind === 'hypothesis') ? 1 : 0}d${state.declarations.length}`);
  return parts.join('|');
}

export interface ScriptStep {
  at: string | number;
  do?: string;
  reply?: string;
  choice?: string;
  post?: string;
  text?: string;
  note?: string;
  kind?: string;
}

/** A run's inputs as an action script `firedrill play` accepts (see docs/scenario-format.md). */
export function toActionScript(scenario: Scenario, log: readonly LogEntry[], seed: number, description: string, ending?: string) {
  const steps: ScriptStep[] = log.map(({ at, input }) => {
    const clock = wallClock(scenario.clock, at);
    // Wall-clock times read better; a run that crosses midnight keeps game seconds, which always replay.
    const when = parseWallClock(scenario.clock, clock) === at ? clock : at;
    switch (input.type) {
      case 'act':
        return { at: when, do: input.action };
      case 'reply':
        return { at: when, reply: input.message, choice: input.choice };
      case 'post':
        return { at: when, post: input.channel, text: input.text };
      case 'note':
        return input.kind ? { at: when, note: input.text, kind: input.kind } : { at: when, note: input.text };
      case 'inject':
      case 'hint':
        // Only a team game day's facilitator makes these; the explorer plays solo runs.
        throw new Error(`An action script has no form for a facilitator's ${input.type}.`);
    }
  });
  return {
    scenario: scenario.id,
    description,
    seed,
    coach: 'off' as const,
    steps,
    ...(ending ? { expect: { ending } } : {}),
  };
}
