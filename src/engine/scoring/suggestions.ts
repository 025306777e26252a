/**
 * Suggestions: the few specific things that would have helped most, read off a score card.
 * Pure and deterministic, like the score: the same card always gives the same advice.
 */
import type { Action, Dimension, Scenario } from '../../format/schema';
import { formatDuration, wallClock } from '../clock';
import { worldOf } from '../world';
import type { ScoreCard, ScoreReason } from './types';

export interface Suggestion {
  /** The reason code the advice answers. */
  code: string;
  text: string;
  /** The game time the advice points at. */
  at: number;
  /** What doing it right would have added to the total, limits included (0 when other mistakes hold the total down). */
  points: number;
  /** The points it cost in its dimension, for when the total would not have moved on its own. */
  cost: { dimension: Dimension; points: number };
}

/** "(worth 12 more points)": what a suggestion would have added, as the debrief and the CLI say it. */
export const worthText = (s: Pick<Suggestion, 'points' | 'cost'>): string =>
  s.points > 0
    ? `(worth ${s.points} more point${s.points === 1 ? '' : 's'})`
    : `(it cost ${s.cost.points} point${s.cost.points === 1 ? '' : 's'} of ${s.cost.dimension})`;

/** At most this many: a debrief that lists everything teaches nothing. */
const MAX_SUGGESTIONS = 3;

/** A failed ending is what uncontained impact leads to; one piece of advice covers both. */
const SAME_ADVICE: Record<string, string> = {
  'remediate.catastrophe': 'stabilise.never',
  'stabilise.harm': 'stabilise.never',
  'remediate.unexplained': 'composure.no-hypothesis',
};

/** Hints and other zero-point lines that are information, not advice. */
const NOT_ADVICE = new Set(['diagnose.hint', 'stabilise.idle']);

interface Group {
  code: string;
  /** Every reason code the group answers, parts included, so the limits it lifts can be found. */
  codes: Set<string>;
  /** Points lost per dimension. */
  lost: Partial<Record<Dimension, number>>;
  reasons: ScoreReason[];
  gain: number;
  /** The lowest limit this group's mistake set, if any: the worse the limit, the more urgent the advice. */
  limit: number;
}

/** Points a reason took away, or left unearned; less than a point short of its best is rounding, not a loss. */
const lostBy = (r: ScoreReason) => {
  if (r.points < 0) return -r.points;
  const gap = (r.best ?? r.points) - r.points;
  return gap < 1 ? 0 : Math.round(gap);
};

/** Up to three things to do differently next time, the biggest gain to the total first, one per reason code. */
export function suggestions(scenario: Scenario, card: ScoreCard): Suggestion[] {
  const groups = new Map<string, Group>();
  const present = new Set(card.reasons.map((r) => r.code));
  for (const r of card.reasons) {
    const lost = lostBy(r);
    if (NOT_ADVICE.has(r.code) || (lost <= 0 && !card.limits.some((l) => l.causes.includes(r.code)))) continue;
    const alias = SAME_ADVICE[r.code];
    const code = alias !== undefined && present.has(alias) ? alias : r.code;
    const group = groups.get(code) ?? { code, codes: new Set<string>(), lost: {}, reasons: [], gain: 0, limit: 101 };
    group.codes.add(r.code);
    for (const part of r.parts ?? []) group.codes.add(part.code);
    group.lost[r.dimension] = (group.lost[r.dimension] ?? 0) + lost;
    group.reasons.push(r);
    groups.set(code, group);
  }
  for (const g of groups.values()) {
    g.gain = gainOf(scenario, card, g);
    g.limit = Math.min(101, ...card.limits.filter((l) => l.causes.some((c) => g.codes.has(c))).map((l) => l.max));
  }
  const weights = scenario.scoring.weights;
  const weighted = (g: Group) => Object.entries(g.lost).reduce((sum, [d, p]) => sum + p * weights[d as Dimension], 0);
  const firstAt = (g: Group) => Math.min(...g.reasons.map((r) => r.at));
  // The mistakes that hold the total down by a limit come first, the lowest limit first; then what
  // would have raised the total most; then, for a run deep in the red, the costliest.
  const binding = (g: Group) => (g.limit < card.average ? g.limit : 101);
  return [...groups.values()]
    .filter((g) => g.gain > 0 || binding(g) <= 100 || (weighted(g) > 0 && card.total < 100))
    .sort(
      (a, b) =>
        binding(a) - binding(b) || b.gain - a.gain || weighted(b) - weighted(a) || firstAt(a) - firstAt(b) || (a.code < b.code ? -1 : 1),
    )
    .slice(0, MAX_SUGGESTIONS)
    .map((g) => advise(scenario, g));
}

/** The total the run would have had with this group's points won back and the limits it set lifted. */
function gainOf(scenario: Scenario, card: ScoreCard, group: Group): number {
  const weights = scenario.scoring.weights;
  const dims = Object.keys(card.dimensions) as Dimension[];
  const weightSum = dims.reduce((sum, d) => sum + weights[d], 0) || 1;
  const average = Math.round(
    dims.reduce((sum, d) => sum + Math.max(0, Math.min(100, card.dimensions[d].raw + (group.lost[d] ?? 0))) * weights[d], 0) / weightSum,
  );
  // A limit set by several mistakes stays unless this advice answers every one of them.
  const limits = card.limits.filter((l) => !l.causes.every((c) => group.codes.has(c))).map((l) => l.max);
  return Math.min(average, ...limits) - card.total;
}

function advise(scenario: Scenario, group: Group): Suggestion {
  const world = worldOf(scenario);
  const clock = (t: number) => wallClock(scenario.clock, t, false);
  const named = (id: string | undefined) => `“${(id !== undefined ? world.actions.get(id)?.label : undefined) ?? id}”`;
  const [first] = group.reasons as [ScoreReason, ...ScoreReason[]];
  const { code } = group;
  const at = first.at;
  const t = clock(at);
  const expert = (pick: (a: Action) => boolean) => {
    const step = scenario.expertPath.find((s) => {
      const action = world.actions.get(s.action);
      return action !== undefined && pick(action);
    });
    return step ? `an experienced engineer would ${lowerFirst(world.actions.get(step.action)!.label)} around ${clock(step.at)}` : undefined;
  };
  const mitigation = expert((a) => a.category === 'mitigate');
  const checks = scenario.actions
    .filter((a) => a.tags.includes('verify'))
    .slice(0, 2)
    .map((a) => named(a.id));
  const withChecks = checks.length > 0 ? ` (${checks.join(' and ')})` : '';
  const cadence = formatDuration(scenario.scoring.updateCadenceSeconds);
  const times = group.reasons.map((r) => clock(r.at));
  const allTimes = times.length > 1 ? `${times.slice(0, -1).join(', ')} and ${times.at(-1)}` : t;
  const [dimension, cost] = Object.entries(group.lost).sort((a, b) => b[1] - a[1])[0] as [Dimension, number];
  const say = (text: string, when = at): Suggestion => ({ code, text, at: when, points: group.gain, cost: { dimension, points: cost } });

  switch (code) {
    case 'stabilise.never': {
      const failed = group.reasons.find((r) => r.code === 'remediate.catastrophe');
      const ending = failed ? `, and at ${clock(failed.at)} the incident ended in failure` : '';
      return say(
        `The user impact was never contained${ending}. Stop the bleeding before chasing the cause: ${mitigation ?? 'look for a mitigation that contains the impact'}.`,
      );
    }
    case 'stabilise.contained':
      return say(`You contained the impact only at ${t}. Contain it sooner: ${mitigation ?? 'reach for a mitigation before the fix'}.`);
    case 'stabilise.harm':
      return say(
        `${first.text} Every minute counts: contain first${mitigation ? ` (${mitigation})` : ''}, then keep it contained until the fix is in and checked.`,
      );
    case 'stabilise.reopened':
      return say(
        `At ${t} the impact came back${first.action ? ` after ${named(first.action)}` : ''}. Keep a containment in place until the fix is in and checked; lifting it early puts users back in the blast.`,
      );
    case 'stabilise.remediated-first':
      return say(
        `At ${t} you started ${named(first.action)} while users were still affected. Contain the impact first${mitigation ? ` (${mitigation})` : ''}, then fix the cause with the pressure off.`,
      );
    case 'diagnose.history-never':
    case 'diagnose.history-late': {
      const look = scenario.actions.find((a) =>
        a.outcomes.some((o) => o.effects.some((e) => 'reveal' in e && world.evidence.get(e.reveal)?.changeHistory)),
      );
      const move = look ? `make ${named(look.id)} one of your first moves` : 'look at what changed first';
      return code === 'diagnose.history-never'
        ? say(`You never looked at what changed. Most incidents follow a change: ${move}, before changing anything yourself.`)
        : say(`You looked at the change history only at ${t}, after you had changed things. Next time ${move}.`);
    }
    case 'diagnose.evidence':
      return say(`${first.text} Uncover the evidence that points at the cause before you try a fix.`);
    case 'diagnose.not-understood':
      return say(
        'You never pinned down what really changed. Keep following the evidence until you can say what broke and why, then fix that.',
      );
    case 'diagnose.understood-late':
      return say(`You understood the real change only at ${t}, after fix attempts. Until you know the cause, a fix is a guess.`);
    case 'remediate.harmful':
    case 'remediate.failure': {
      // Name the attempt that cost the most; repeats of it are part of the same lesson.
      const cost = new Map<string, number>();
      for (const r of group.reasons) cost.set(r.action ?? '', (cost.get(r.action ?? '') ?? 0) - r.points);
      const worst = [...cost.entries()].sort((a, b) => b[1] - a[1])[0]![0];
      const mine = group.reasons.filter((r) => (r.action ?? '') === worst);
      const times = mine.length === 1 ? `at ${clock(mine[0]!.at)}` : `${mine.length} times, first at ${clock(mine[0]!.at)}`;
      const what = code === 'remediate.harmful' ? 'made things worse' : 'did not help';
      return say(
        `${named(worst)} ${what} (${times}). Before a change, say what evidence shows it will help; if it does not, stop and look again rather than repeat it.`,
        mine[0]!.at,
      );
    }
    case 'remediate.not-fixed': {
      const fix = expert((a) => a.category === 'remediate');
      return say(
        `The cause was never fixed. ${fix ? `Once the cause is clear, ${fix}.` : 'Once the impact is contained, find the cause and fix it.'}`,
      );
    }
    case 'remediate.undone':
      return say(
        `${first.text} A fix only counts while it holds: once it is in, leave it alone and check it rather than changing things again.`,
      );
    case 'remediate.guess':
      return say(
        `At ${t} you started ${named(first.action)} before the evidence showed the cause. It worked this time; next time read the evidence first, so the fix is a conclusion, not a bet.`,
      );
    case 'remediate.catastrophe':
      return say(`The incident ended in failure at ${t}. Watch what is getting worse and contain it before it runs away.`);
    case 'verify.premature':
      return say(
        `At ${allTimes} you declared the incident resolved before the fix was verified, and ${times.length > 1 ? 'each time ' : ''}it relapsed. Confirm the recovery first${withChecks}, then declare it over.`,
      );
    case 'verify.never':
      return say(`The recovery was never confirmed. Check it${withChecks} before you call the incident over.`);
    case 'verify.checked':
      return say('You confirmed the recovery but never declared the incident over. Close it, so everyone knows they can stand down.');
    case 'verify.undone':
      return say(`${first.text} Check again after the last change, and declare only what holds.`);
    case 'communicate.silent':
      return say(
        `Nobody heard from you while users were affected. Post a status update in the incident channel as soon as you know (what is affected, what you are doing, when the next update comes), then at least every ${cadence}.`,
      );
    case 'communicate.updates':
      return say(
        `${first.text} Each update should say what is affected, what you are doing and when the next one comes, at least every ${cadence}.`,
      );
    case 'communicate.gap':
      return say(
        `Your status updates had long silences (the first ended at ${t}). Post at least every ${cadence} while users are affected, even when there is no news.`,
      );
    case 'communicate.no-command':
    case 'communicate.command': {
      const take = scenario.actions.find((a) => a.tags.includes('command'));
      return say(
        `${first.text} Say early that you are running the incident${take ? ` (${named(take.id)})` : ''}, so people know where to ask and where to look.`,
      );
    }
    case 'communicate.questions':
      return say(
        `${first.text} A short honest reply, saying what you know and when you will update, beats silence; and answered the first time, it stops the questions getting louder.`,
      );
    case 'communicate.no-help': {
      const help = scenario.actions.find((a) => a.tags.includes('escalate'));
      return say(
        `You handled it alone. Bring in the people who own the systems involved${help ? ` (${named(help.id)})` : ''}: they see what you cannot.`,
      );
    }
    case 'communicate.lost-command':
      return say(`${first.text} Command is lost on trust: a false all-clear spends it. Say only what you have checked.`);
    case 'communicate.bad-reply':
      return say(
        `At ${t} a reply set expectations you could not keep. Say what you know and when the next update comes, not when it will be fixed.`,
      );
    case 'composure.repeat-failed':
      return say(
        `At ${t} you tried ${named(first.action)} again after it had already failed. Find out why something failed before you try it again.`,
      );
    case 'composure.blind-restart':
      return say(
        `At ${t} you restarted with no evidence pointing there (${named(first.action)}). Read the logs first: a restart can hide the very symptoms you need.`,
      );
    case 'composure.blind-fix':
      return say(
        `At ${t} you started ${named(first.action)} before looking at any evidence that points at the cause. Look first, then act.`,
      );
    case 'composure.stacked-changes':
      return say(
        `At ${t} you made ${named(first.action)} straight after another change, with no check between. Make one change, check its effect, then decide the next.`,
      );
    case 'composure.thrash':
      return say(
        `At ${t} you went back to ${named(first.action)} after undoing it. Going back and forth wastes time: decide on evidence, and stay with it until a check says otherwise.`,
      );
    case 'composure.no-hypothesis':
      return first.action
        ? say(
            `You changed production (${named(first.action)} at ${t}) before writing down a hypothesis. Note what you think is wrong, and what in the evidence shows it, first: it keeps the next steps honest.`,
          )
        : say(
            `${first.text} A hypothesis names what the evidence shows: read the logs and the change first, then write what you think broke and why.`,
          );
    case 'composure.hypothesis':
      return say(
        `${first.text} Look at the evidence that points at the cause before you write it down, so the theory stands on something.`,
      );
    case 'composure.unchecked-change':
      return say(`${first.text} After each change, look at its effect before the next one; otherwise you cannot tell what helped.`);
  }
  if (code.startsWith('rule.')) {
    const rule = scenario.scoring.rules.find((r) => `rule.${r.id}` === code);
    return say(`At ${t}: ${first.text} ${rule?.advice ?? 'Avoid this next time.'}`);
  }
  return say(`At ${t}: ${first.text}`);
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
