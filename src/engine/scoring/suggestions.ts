/**
 * Suggestions: the few specific things that would have helped most, read off a score card.
 * Pure and deterministic, like the score: the same card always gives the same advice.
 */
import type { Action, Scenario } from '../../scenario/schema';
import { formatDuration, wallClock } from '../clock';
import { worldOf } from '../world';
import type { ScoreCard, ScoreReason } from './types';

export interface Suggestion {
  /** The reason code the advice answers. */
  code: string;
  text: string;
  /** The game time the advice points at. */
  at: number;
  /** Points the reasons behind it took away or left unearned (before the 0–100 clamp). */
  points: number;
}

/** At most this many: a debrief that lists everything teaches nothing. */
const MAX_SUGGESTIONS = 3;

/** Reasons that can give only part of their credit, and the most they give. */
const FULL_CREDIT: Record<string, number> = {
  'stabilise.contained': 100,
  'stabilise.never': 100,
  'diagnose.history-late': 30,
  'diagnose.history-never': 30,
  'diagnose.evidence': 40,
  'diagnose.understood-late': 30,
  'diagnose.not-understood': 30,
  'remediate.not-fixed': 100,
  'verify.never': 100,
  'verify.checked': 100,
  'composure.no-hypothesis': 20,
};

/** A failed ending is what uncontained impact leads to; one piece of advice covers both. */
const SAME_ADVICE: Record<string, string> = { 'remediate.catastrophe': 'stabilise.never' };

interface Group {
  code: string;
  points: number;
  reasons: ScoreReason[];
}

/** Up to three things to do differently next time, most points first, one per reason code. */
export function suggestions(scenario: Scenario, card: ScoreCard): Suggestion[] {
  const groups = new Map<string, Group>();
  const present = new Set(card.reasons.map((r) => r.code));
  for (const r of card.reasons) {
    const lost = r.points < 0 ? -r.points : (FULL_CREDIT[r.code] ?? r.points) - r.points;
    if (lost <= 0 || r.code === 'score.cap' || r.code === 'score.floor') continue;
    // A full score in a dimension means it went well, whatever happened on the way.
    if (card.dimensions[r.dimension].score >= 100) continue;
    const alias = SAME_ADVICE[r.code];
    const code = alias !== undefined && present.has(alias) ? alias : r.code;
    const group = groups.get(code) ?? { code, points: 0, reasons: [] };
    group.points += lost;
    group.reasons.push(r);
    groups.set(code, group);
  }
  const weight = (g: Group) => Math.max(...g.reasons.map((r) => scenario.scoring.weights[r.dimension]));
  const firstAt = (g: Group) => Math.min(...g.reasons.map((r) => r.at));
  return [...groups.values()]
    .filter((g) => weight(g) > 0)
    .sort((a, b) => b.points * weight(b) - a.points * weight(a) || firstAt(a) - firstAt(b) || (a.code < b.code ? -1 : 1))
    .slice(0, MAX_SUGGESTIONS)
    .map((g) => advise(scenario, g));
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
  const checks = scenario.actions.filter((a) => a.tags.includes('verify')).slice(0, 2).map((a) => named(a.id));
  const withChecks = checks.length > 0 ? ` (${checks.join(' and ')})` : '';
  const cadence = formatDuration(scenario.scoring.updateCadenceSeconds);
  const times = group.reasons.map((r) => clock(r.at));
  const allTimes = times.length > 1 ? `${times.slice(0, -1).join(', ')} and ${times.at(-1)}` : t;
  const say = (text: string, when = at): Suggestion => ({ code, text, at: when, points: group.points });

  switch (code) {
    case 'stabilise.never': {
      const failed = group.reasons.find((r) => r.code === 'remediate.catastrophe');
      const ending = failed ? `, and at ${clock(failed.at)} the incident ended in failure` : '';
      return say(`The user impact was never contained${ending}. Stop the bleeding before chasing the cause: ${mitigation ?? 'look for a mitigation that contains the impact'}.`);
    }
    case 'stabilise.contained':
      return say(`Users were affected until ${t}. Contain the impact sooner: ${mitigation ?? 'reach for a mitigation before the fix'}.`);
    case 'stabilise.remediated-first':
      return say(`At ${t} you started ${named(first.action)} while users were still affected. Contain the impact first${mitigation ? ` (${mitigation})` : ''}, then fix the cause with the pressure off.`);
    case 'diagnose.history-never':
    case 'diagnose.history-late': {
      const look = scenario.actions.find((a) => a.outcomes.some((o) => o.effects.some((e) => 'reveal' in e && world.evidence.get(e.reveal)?.changeHistory)));
      const move = look ? `make ${named(look.id)} one of your first moves` : 'look at what changed first';
      return code === 'diagnose.history-never'
        ? say(`You never looked at what changed. Most incidents follow a change: ${move}, before changing anything yourself.`)
        : say(`You looked at the change history only at ${t}, after you had changed things. Next time ${move}.`);
    }
    case 'diagnose.evidence':
      return say(`${first.text} Uncover the evidence that points at the cause before you try a fix.`);
    case 'diagnose.not-understood':
      return say('You never pinned down what really changed. Keep following the evidence until you can say what broke and why, then fix that.');
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
      return say(`${named(worst)} ${what} (${times}). Before a change, say what evidence shows it will help; if it does not, stop and look again rather than repeat it.`, mine[0]!.at);
    }
    case 'remediate.not-fixed': {
      const fix = expert((a) => a.category === 'remediate');
      return say(`The cause was never fixed. ${fix ? `Once the cause is clear, ${fix}.` : 'Once the impact is contained, find the cause and fix it.'}`);
    }
    case 'remediate.catastrophe':
      return say(`The incident ended in failure at ${t}. Watch what is getting worse and contain it before it runs away.`);
    case 'verify.premature':
      return say(`At ${allTimes} you declared the incident resolved before the fix was verified, and ${times.length > 1 ? 'each time ' : ''}it relapsed. Confirm the recovery first${withChecks}, then declare it over.`);
    case 'verify.never':
      return say(`The recovery was never confirmed. Check it${withChecks} before you call the incident over.`);
    case 'verify.checked':
      return say('You confirmed the recovery but never declared the incident over. Close it, so everyone knows they can stand down.');
    case 'communicate.silent':
      return say(`Nobody heard from you while users were affected. Post a status update in the incident channel as soon as you know, then at least every ${cadence}.`);
    case 'communicate.gap':
      return say(`Your status updates had long silences (the first ended at ${t}). Post at least every ${cadence} while users are affected, even when there is no news.`);
    case 'communicate.ignored':
      return say(`${first.text.replace(/\.$/, '')} (it lapsed at ${t}). A short honest reply, saying what you know and when you will update, beats silence.`);
    case 'communicate.bad-reply':
      return say(`At ${t} a reply set expectations you could not keep. Say what you know and when the next update comes, not when it will be fixed.`);
    case 'composure.repeat-failed':
      return say(`At ${t} you tried ${named(first.action)} again after it had already failed. Find out why something failed before you try it again.`);
    case 'composure.blind-restart':
      return say(`At ${t} you restarted with no evidence pointing there (${named(first.action)}). Read the logs first: a restart can hide the very symptoms you need.`);
    case 'composure.blind-fix':
      return say(`At ${t} you started ${named(first.action)} before looking at any evidence that points at the cause. Look first, then act.`);
    case 'composure.stacked-changes':
      return say(`At ${t} you made ${named(first.action)} straight after another change, with no check between. Make one change, check its effect, then decide the next.`);
    case 'composure.thrash':
      return say(`At ${t} you went back to ${named(first.action)} after undoing it. Going back and forth wastes time: decide on evidence, and stay with it until a check says otherwise.`);
    case 'composure.no-hypothesis':
      return say(`You changed production (${named(first.action)} at ${t}) before writing down a hypothesis. Note what you think is wrong first: it keeps the next steps honest.`);
  }
  if (code.startsWith('rule.')) {
    const rule = scenario.scoring.rules.find((r) => `rule.${r.id}` === code);
    return say(`At ${t}: ${first.text} ${rule?.advice ?? 'Avoid this next time.'}`);
  }
  return say(`At ${t}: ${first.text}`);
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
