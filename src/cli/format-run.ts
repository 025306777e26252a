/** Plain-text renderings of a run for the terminal: the timeline, the ending and the score. */
import {
  DIMENSIONS,
  shownEnding,
  suggestions,
  wallClock,
  worthText,
  type EngineState,
  type ScoreCard,
  type TimelineEvent,
} from '../engine';
import type { Scenario } from '../format';

const VERDICT_MARK = { success: '✓', partial: '◐', neutral: '·', failure: '✗', harmful: '‼' } as const;

function nameOf(scenario: Scenario, id: string): string {
  return scenario.characters.find((c) => c.id === id)?.name ?? (id === 'you' ? scenario.player.name : id);
}

/** One line per event, or null for events that only matter to views. */
export function describeEvent(scenario: Scenario, state: EngineState, e: TimelineEvent): string | null {
  const post = (id: string) => state.chat.find((p) => p.id === id);
  const channel = (id: string) => {
    const c = scenario.channels.find((x) => x.id === id);
    return c ? (c.kind === 'dm' ? `@${c.name}` : `#${c.name}`) : id;
  };
  switch (e.kind) {
    case 'deploy': {
      const d = scenario.deploys.find((x) => x.id === e.deploy);
      return `deploy    ${d?.title ?? e.deploy} (${d?.service ?? '?'})`;
    }
    case 'message': {
      const p = post(e.post);
      const ask = p?.ask ? '  [asks]' : '';
      return `${channel(e.channel).padEnd(21)} ${nameOf(scenario, e.from)}: ${p?.text ?? ''}${ask}`;
    }
    case 'hint':
    case 'inject':
    case 'facilitator-hint':
      return null; // Each follows the message event of its post, which shows it.
    case 'ignored':
      return `ignored   ${e.message} went unanswered`;
    case 'action-started':
      return `${nameOf(scenario, e.player)} ▶ ${scenario.actions.find((a) => a.id === e.action)?.label ?? e.action} (until ${wallClock(scenario.clock, e.endsAt)})`;
    case 'action-completed':
      return `${nameOf(scenario, e.player)} ${VERDICT_MARK[e.verdict]} ${scenario.actions.find((a) => a.id === e.action)?.label ?? e.action}: ${e.text}`;
    case 'reply':
      return `${channel(post(e.post)?.channel ?? '')} ${nameOf(scenario, e.player)} replies: ${post(e.post)?.text ?? e.choice}`;
    case 'post':
      return `${channel(e.channel)} ${nameOf(scenario, e.player)}: ${post(e.post)?.text ?? ''}${e.statusUpdate ? '  [status update]' : ''}`;
    case 'note':
      return `note      ${nameOf(scenario, e.player)}: ${e.text}`;
    case 'evidence':
      return `evidence  ${scenario.evidence.find((x) => x.id === e.evidence)?.title ?? e.evidence}`;
    case 'service':
      return `service   ${scenario.services.find((s) => s.id === e.service)?.name ?? e.service}: ${e.from} → ${e.to}`;
    case 'alarm': {
      const m = scenario.metrics.find((x) => x.id === e.metric);
      return `alarm     ${m?.name ?? e.metric} ${e.on ? 'above' : 'back below'} ${m?.warnAbove ?? ''}${m?.unit ?? ''}`;
    }
    case 'milestone':
      return `milestone ${e.milestone}`;
    case 'impact':
      return e.on ? 'impact    users are affected' : 'impact    users are no longer affected';
    case 'all-clear':
      return `${channel(e.channel).padEnd(21)} ${nameOf(scenario, e.player)}: ${post(e.post)?.text ?? ''}  [all-clear]`;
    case 'relapse':
      return `RELAPSE   declared resolved, but not yet ${e.missing.join(' and ')}`;
    case 'ending':
      return `ending    ${shownEnding(scenario, state)?.title ?? e.ending}`;
  }
}

export function formatTimeline(scenario: Scenario, state: EngineState): string {
  return state.timeline
    .map((e) => {
      const line = describeEvent(scenario, state, e);
      return line === null ? null : `${wallClock(scenario.clock, e.at)}  ${line}`;
    })
    .filter((l): l is string => l !== null)
    .join('\n');
}

export function formatScore(scenario: Scenario, state: EngineState, card: ScoreCard): string {
  const ending = shownEnding(scenario, state);
  const lines = [
    `Ending: ${ending ? `${ending.title} (${ending.kind}) at ${wallClock(scenario.clock, ending.at)}` : 'none'}`,
    ...(ending?.text ? [`  ${ending.text}`] : []),
    `Score: ${card.total}/100, grade ${card.grade}. ${card.totalExplained}`,
  ];
  for (const d of DIMENSIONS) {
    lines.push(`  ${d.padEnd(12)} ${String(card.dimensions[d].score).padStart(3)}`);
    for (const r of card.dimensions[d].reasons) {
      const sign = r.points > 0 ? `+${r.points}` : String(r.points);
      lines.push(`      ${sign.padStart(4)}  ${wallClock(scenario.clock, r.at, false)}  ${r.text}  [${r.code}]`);
    }
    const note = card.dimensions[d].note;
    if (note) lines.push(`              ${note}`);
  }
  const advice = suggestions(scenario, card);
  if (advice.length > 0) {
    lines.push('Next time, try this:');
    advice.forEach((a, i) => lines.push(`  ${i + 1}. ${a.text} ${worthText(a)}`));
  }
  return lines.join('\n');
}
