/**
 * Simulated players for the explorer. They are generic: they read actions' categories and tags,
 * the milestones and what the player can see, never a scenario's ids, so they play any scenario.
 *
 * - methodical: investigates first, contains the impact, then fixes; one change at a time with a
 *   check after each; status updates on the scoring cadence; declares resolved only once fixed and
 *   verified hold. It picks a change by trying it in its head first (a one-action lookahead in the
 *   engine), standing in for an engineer who has read the evidence.
 * - frantic: ignores the chat, never investigates, reaches for restarts, rollbacks and scaling,
 *   repeats them, and declares victory after every couple of changes.
 * - noisy: the methodical player who, with probability ε, does something random instead; the
 *   explorer's rollouts use it to sample runs between the two.
 * - greedy: a score-maximiser. At each decision it tries, in its head, what the methodical player
 *   would do, every action on offer, a status update, a hypothesis and waiting, and takes whichever
 *   leaves the run scoring best as it stands; it answers every question with its best reply.
 */
import { score, SOLO_PLAYER, type EngineState } from '../engine';
import {
  bestReply,
  hypothesisText,
  isChangeAction,
  isCheckAction,
  isRemedyAction,
  stateKey,
  statusText,
  VERDICT_RANK,
  type OpenQuestion,
  type PlayerInput,
  type Position,
  type Sim,
} from './explore-sim';
import type { Action } from '../format/schema';

export interface Policy {
  readonly name: string;
  /** Longest wait between decisions, in game seconds, when the policy has nothing to do. */
  readonly waitSeconds: number;
  /** The reply to give to an open question, or null to leave it. */
  answer(sim: Sim, pos: Position, question: OpenQuestion): string | null;
  /** What to do while free, or null to wait. */
  choose(sim: Sim, pos: Position): PlayerInput | null;
}

/** The most inputs one simulated run makes; a scenario that invites endless free moves is cut off here. */
const MAX_INPUTS = 400;
/** Free inputs (replies, posts, notes, instant actions) in a row before the policy must let time pass. */
const MAX_INSTANT = 6;

/** Plays a policy from a position to the end of the scenario. */
export function playPolicy(sim: Sim, start: Position, policy: Policy): Position {
  let pos = start;
  let inputs = 0;
  let instant = 0;
  const asked = new Set<string>();
  while (!pos.state.ending && inputs < MAX_INPUTS) {
    for (const q of sim.openQuestions(pos.state)) {
      if (asked.has(q.post.id)) continue;
      asked.add(q.post.id);
      const choice = policy.answer(sim, pos, q);
      const next = choice === null ? null : sim.input(pos, sim.replyInput(q, choice));
      if (next) {
        pos = next;
        inputs++;
      }
    }
    const busy = pos.state.current[SOLO_PLAYER];
    if (busy) {
      pos = sim.proceed(pos, busy.endsAt, STOP_WHILE_BUSY).pos;
      continue;
    }
    const input = instant < MAX_INSTANT ? policy.choose(sim, pos) : null;
    const next = input && sim.input(pos, input);
    if (!next) {
      instant = 0;
      const before = pos.state.time;
      pos = sim.proceed(pos, before + policy.waitSeconds, STOP_WHILE_WAITING).pos;
      // Time that cannot move on would loop forever; the run is as over as it gets.
      if (pos.state.time === before && !pos.state.ending) break;
      continue;
    }
    instant = next.state.time === pos.state.time && !next.state.current[SOLO_PLAYER] ? instant + 1 : 0;
    pos = next;
    inputs++;
  }
  return sim.finish(pos);
}

const STOP_WHILE_BUSY = new Set(['free', 'question'] as const);
const STOP_WHILE_WAITING = new Set(['question', 'notable'] as const);

// ---------------------------------------------------------------------------------------------
// What a player can tell from the state
// ---------------------------------------------------------------------------------------------

function hasHypothesis(sim: Sim, state: EngineState): boolean {
  return (
    state.notes.some((n) => n.kind === 'hypothesis') || state.done.some((d) => sim.world.actions.get(d.action)?.tags.includes('hypothesis'))
  );
}

/** Times of status updates so far: incident-channel posts and status-update actions. */
function statusTimes(sim: Sim, state: EngineState): number[] {
  const times = state.chat.filter((p) => p.byPlayer && !p.allClear && p.channel === sim.incidentChannel).map((p) => p.at);
  for (const d of state.done) if (sim.world.actions.get(d.action)?.tags.includes('status-update')) times.push(d.at);
  return times;
}

/** Whether anything visibly wrong is going on: users affected, a service unwell or a metric alarming. */
function somethingWrong(sim: Sim, state: EngineState): boolean {
  if (sim.holds(state, 'impact')) return true;
  if (Object.values(state.services).some((h) => h !== 'healthy')) return true;
  return sim.scenario.metrics.some((m) => m.warnAbove !== undefined && (state.metrics[m.id]?.value ?? 0) > m.warnAbove);
}

/** The last time the situation changed for the worse, after which earlier looks are out of date. */
function situationChangedAt(state: EngineState): number {
  let at = 0;
  for (const e of state.timeline) {
    // Alarms are left out: a metric hovering at its threshold would send the player round in circles.
    if (e.kind === 'deploy' || (e.kind === 'impact' && e.on) || (e.kind === 'service' && e.to !== 'healthy') || e.kind === 'relapse')
      at = e.at;
  }
  return at;
}

/** Whether a change has been made since which nothing was checked. */
function uncheckedChange(sim: Sim, state: EngineState): boolean {
  for (let i = state.done.length - 1; i >= 0; i--) {
    const action = sim.world.actions.get(state.done[i]!.action);
    if (!action) continue;
    if (isCheckAction(action)) return false;
    if (isChangeAction(action)) return true;
  }
  return false;
}

function changedSince(sim: Sim, state: EngineState, at: number, other: string): boolean {
  return state.done.some((d) => d.at > at && d.action !== other && isChangeAction(sim.world.actions.get(d.action)!));
}

function timesDone(state: EngineState, id: string): number {
  let n = 0;
  for (const d of state.done) if (d.action === id) n++;
  return n;
}

function lastDone(state: EngineState, id: string) {
  for (let i = state.done.length - 1; i >= 0; i--) if (state.done[i]!.action === id) return state.done[i];
  return undefined;
}

const act = (a: Action): PlayerInput => ({ type: 'act', action: a.id });
const shortestFirst = (a: Action, b: Action) => a.duration - b.duration;

// ---------------------------------------------------------------------------------------------
// The policies
// ---------------------------------------------------------------------------------------------

/** What trying an action in the head showed: its verdict, and the milestones it moved (contained, fixed, impact gone). */
interface Trial {
  verdict: number;
  gain: number;
}

export function methodicalPolicy(): Policy {
  // Lookahead results by situation, so waiting through a stuck incident does not redo them.
  const tried = new Map<string, Trial | null>();
  const lookahead = (sim: Sim, pos: Position, a: Action): Trial | null => {
    const key = `${a.id}#${stateKey(sim, pos.state, 300)}`;
    if (tried.has(key)) return tried.get(key)!;
    const done = sim.complete(pos, a.id);
    const completion = done?.state.done.at(-1);
    let trial: Trial | null = null;
    if (done && completion && completion.action === a.id) {
      const before = pos.state;
      const after = done.state;
      const gain = (m: 'stabilised' | 'fixed') => Number(sim.holds(after, m)) - Number(sim.holds(before, m));
      trial = {
        verdict: VERDICT_RANK[completion.verdict],
        gain: gain('stabilised') + gain('fixed') + Number(sim.holds(before, 'impact')) - Number(sim.holds(after, 'impact')),
      };
    }
    tried.set(key, trial);
    return trial;
  };

  /**
   * The change that, tried in the head first, helps most: it moves the milestones (contains the
   * impact, fixes the cause) and its outcome is judged good; never one that makes things worse.
   */
  const bestChange = (sim: Sim, pos: Position, available: Action[], only?: Action['category']): Action | undefined => {
    const stabilised = sim.holds(pos.state, 'stabilised');
    let best: { action: Action; rank: number } | undefined;
    for (const a of available) {
      if (!isRemedyAction(a) || a.category === 'resolve' || (only && a.category !== only)) continue;
      // What went wrong is worth another try only once the player has changed something else since.
      const previous = lastDone(pos.state, a.id);
      if (
        previous &&
        (previous.verdict === 'failure' || previous.verdict === 'harmful') &&
        !changedSince(sim, pos.state, previous.at, a.id)
      )
        continue;
      if (timesDone(pos.state, a.id) >= 3) continue;
      const trial = lookahead(sim, pos, a);
      if (!trial || trial.gain < 0 || trial.verdict < VERDICT_RANK.neutral) continue;
      if (trial.verdict === VERDICT_RANK.neutral && trial.gain === 0) continue;
      if (only && trial.gain === 0) continue;
      // Contain first, then repair: the preferred category wins a tie.
      const preferred = (a.category === 'mitigate') === !stabilised ? 1 : 0;
      const rank = trial.gain * 10 + trial.verdict * 2 + preferred;
      if (!best || rank > best.rank) best = { action: a, rank };
    }
    return best?.action;
  };

  const hypothesisFirst = (sim: Sim, state: EngineState, change: Action): PlayerInput =>
    hasHypothesis(sim, state)
      ? act(change)
      : { type: 'note', kind: 'hypothesis', text: `Hypothesis before "${change.label}": what I have seen points here.` };

  return {
    name: 'methodical',
    waitSeconds: 120,
    answer: (_sim, _pos, q) => bestReply(q.replies).id,
    choose(sim, pos) {
      const { state } = pos;
      const available = sim.available(state);
      const began = state.milestones.impact;
      // Once anything has gone wrong, or the player has touched production, there is an incident to close.
      const troubled =
        began !== null || somethingWrong(sim, state) || state.done.some((d) => isChangeAction(sim.world.actions.get(d.action)!));
      const fixed = sim.holds(state, 'fixed');
      const verified = sim.holds(state, 'verified');
      if (troubled && fixed && verified) {
        const resolve = available.find((a) => a.category === 'resolve');
        return resolve ? act(resolve) : null;
      }

      // Status updates on the cadence the scoring expects, from the moment users are affected.
      if (began !== null && (sim.holds(state, 'impact') || !verified)) {
        const updates = statusTimes(sim, state).filter((t) => t >= began);
        const cadence = sim.scenario.scoring.updateCadenceSeconds;
        if (updates.length === 0 || state.time - updates.at(-1)! >= cadence * 0.75) {
          const action = available.find((a) => a.tags.includes('status-update'));
          if (action) return act(action);
          if (sim.incidentChannel)
            return {
              type: 'post',
              channel: sim.incidentChannel,
              text: 'Status: users are affected; investigating, next update within the cadence.',
            };
        }
      }

      // One change at a time: after a change, look before doing anything else.
      if (uncheckedChange(sim, state)) {
        const checks = available.filter((a) => isCheckAction(a) && !a.tags.includes('hypothesis'));
        const verify = checks.filter((a) => a.tags.includes('verify')).sort(shortestFirst);
        const check = (fixed ? verify[0] : undefined) ?? checks.sort(shortestFirst)[0];
        if (check) return act(check);
      }

      // While users are affected and nothing contains it, a mitigation that contains it comes before more looking.
      if (sim.holds(state, 'impact') && !sim.holds(state, 'stabilised')) {
        const mitigation = bestChange(sim, pos, available, 'mitigate');
        if (mitigation) return hypothesisFirst(sim, state, mitigation);
      }

      // Look first: every investigation once, and again when the situation has changed since.
      const changedAt = situationChangedAt(state);
      const look = available.find((a) => {
        if (a.category !== 'investigate' || a.tags.includes('verify')) return false;
        const previous = lastDone(state, a.id);
        // A pre-ship check is done once; anything else is worth one more look after things change.
        return !previous || (!a.tags.includes('precheck') && previous.startedAt < changedAt && timesDone(state, a.id) < 2);
      });
      if (look) return act(look);

      if (!troubled) return null;
      let since = state.done.length - 1;
      while (since >= 0 && !isChangeAction(sim.world.actions.get(state.done[since]!.action)!)) since--;
      const verifyNotYet = available.filter(
        (a) => a.tags.includes('verify') && !state.done.slice(since + 1).some((d) => d.action === a.id),
      );
      if (fixed && verifyNotYet[0]) return act(verifyNotYet[0]);
      const change = bestChange(sim, pos, available);
      if (change) return hypothesisFirst(sim, state, change);
      return null;
    },
  };
}

/** Weight of a change for the frantic player: the reflexes first. */
function panicWeight(a: Action): number {
  if (a.tags.includes('restart')) return 4;
  if (a.tags.includes('rollback')) return 3;
  if (a.tags.includes('scale')) return 2;
  return 1;
}

export function franticPolicy(random: () => number): Policy {
  return {
    name: 'frantic',
    waitSeconds: 60,
    answer: () => null,
    choose(sim, pos) {
      const { state } = pos;
      if (state.milestones.impact === null && !somethingWrong(sim, state)) return null;
      const available = sim.available(state);
      const resolve = available.find((a) => a.category === 'resolve');
      const lastDeclared = state.declarations.at(-1)?.at ?? -1;
      const changesSince = state.done.filter((d) => d.at > lastDeclared && isChangeAction(sim.world.actions.get(d.action)!)).length;
      if (resolve && changesSince >= 2) return act(resolve);
      const changes = available.filter((a) => isRemedyAction(a) && a.category !== 'resolve');
      const total = changes.reduce((sum, a) => sum + panicWeight(a), 0);
      let r = random() * total;
      for (const a of changes) {
        r -= panicWeight(a);
        if (r < 0) return act(a);
      }
      return resolve ? act(resolve) : null;
    },
  };
}

/** The methodical player who, with probability `epsilon`, does something random instead. */
export function noisyPolicy(random: () => number, epsilon: number): Policy {
  const careful = methodicalPolicy();
  return {
    name: `noisy(${epsilon.toFixed(2)})`,
    waitSeconds: 120,
    answer(sim, pos, q) {
      if (random() >= epsilon) return careful.answer(sim, pos, q);
      // Leaving a question is one of the random things a player does.
      const pick = Math.floor(random() * (q.replies.length + 1));
      return q.replies[pick]?.id ?? null;
    },
    choose(sim, pos) {
      if (random() >= epsilon) return careful.choose(sim, pos);
      const available = sim.available(pos.state);
      const pick = Math.floor(random() * (available.length + 1));
      const a = available[pick];
      return a ? act(a) : null;
    },
  };
}

/**
 * The greedy score-maximiser. Each option is played until the player is free again (a wait for the
 * policy's wait) and the run scored as it stands then; the best wins, the methodical choice on a tie.
 * Results are kept by situation, so a long wait does not redo them. After `maxTrials` options tried
 * it plays on as the methodical player.
 */
export function greedyPolicy(maxTrials: number): Policy {
  const careful = methodicalPolicy();
  const tried = new Map<string, number>();
  let trials = 0;
  const waitSeconds = 120;
  const value = (sim: Sim, pos: Position, input: PlayerInput | null): number => {
    const key = `${input ? JSON.stringify(input) : 'wait'}#${stateKey(sim, pos.state, 120)}`;
    const known = tried.get(key);
    if (known !== undefined) return known;
    trials++;
    let next: Position | null;
    if (input === null) next = sim.proceed(pos, pos.state.time + waitSeconds, NO_STOP).pos;
    else {
      next = sim.input(pos, input);
      const busy = next?.state.current[SOLO_PLAYER];
      if (next && busy) next = sim.proceed(next, busy.endsAt, FREE).pos;
    }
    const v = next ? score(sim.scenario, next.state).total : -Infinity;
    tried.set(key, v);
    return v;
  };
  return {
    name: 'greedy',
    waitSeconds,
    answer: (_sim, _pos, q) => bestReply(q.replies).id,
    choose(sim, pos) {
      const { state } = pos;
      const methodical = careful.choose(sim, pos);
      // Past its allowance of trials the player carries on methodically, so a long run stays affordable.
      if (trials >= maxTrials) return methodical;
      const options: (PlayerInput | null)[] = [methodical];
      const channel = sim.incidentChannel;
      if (channel) options.push({ type: 'post', channel, text: statusText(sim, state) });
      options.push({ type: 'note', kind: 'hypothesis', text: hypothesisText(sim, state) });
      for (const a of sim.available(state)) options.push(act(a));
      options.push(null);
      let best: PlayerInput | null = null;
      let bestValue = -Infinity;
      for (const option of options) {
        const v = value(sim, pos, option);
        if (v > bestValue) {
          best = option;
          bestValue = v;
        }
      }
      return best;
    },
  };
}

const NO_STOP = new Set<never>();
const FREE = new Set(['free'] as const);
