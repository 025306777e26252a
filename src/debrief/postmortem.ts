/**
 * A postmortem draft in Markdown, from a run: what happened, when, what it cost users, what went well
 * and what did not, the fixes to the system the scenario names as action items, and (apart from them)
 * the game's coaching for the player. Written so a team can paste it into their own postmortem
 * template. Same input, same text: nothing here reads the real clock or the environment.
 */
import {
  formatDuration,
  shownEnding,
  splitNoteText,
  wallClock,
  type EngineState,
  type ScoreCard,
  type ScoreReason,
  type TimelineEvent,
} from '../engine';
import type { Milestone, Scenario } from '../format/schema';
import { cell, inline } from './markdown';

const MILESTONE_LABEL: Record<Milestone, string> = {
  impact: 'Users affected',
  stabilised: 'Impact contained',
  understood: 'Real change understood',
  fixed: 'Cause fixed',
  verified: 'Recovery verified',
};

/** Score reasons that are arithmetic, not observations: starting points and the 0–100 clamp. */
const isBookkeeping = (r: ScoreReason) => r.code.endsWith('.base');
/** A coach hint scores nothing either way; it belongs in the timeline, not in a verdict list. */
const isHint = (r: ScoreReason) => r.code.endsWith('.hint');

/** Optional extras; `names` puts a name on a timeline row's player id (a team run's seats, say), ahead of the scenario's characters. */
export interface PostmortemOptions {
  names?: Readonly<Record<string, string>>;
}

export function postmortem(
  scenario: Scenario,
  state: EngineState,
  card: ScoreCard,
  suggestions: readonly { text: string }[],
  options: PostmortemOptions = {},
): string {
  const clock = (t: number) => wallClock(scenario.clock, t, false);
  const end = state.ending?.at ?? state.time;
  const sections = [
    `# Postmortem: ${inline(scenario.title)} (${scenario.clock.weekday} ${clock(0)}–${clock(end)}, game time)`,
    summary(scenario, state, card, end),
    impact(scenario, state, end),
    timeline(scenario, state, card, options.names),
    verdicts(
      'What went well',
      card.reasons.filter((r) => !isBookkeeping(r) && r.points > 0),
      'Nothing earned credit in this run.',
      clock,
    ),
    verdicts(
      'What did not go well',
      card.reasons.filter((r) => !isBookkeeping(r) && !isHint(r) && r.points <= 0),
      'Nothing was held against this run.',
      clock,
    ),
    contributingFactors(scenario, state),
    actionItems(scenario),
    lessons(scenario),
    coaching(suggestions),
  ];
  return `${sections.join('\n\n')}\n`;
}

function summary(scenario: Scenario, state: EngineState, card: ScoreCard, end: number): string {
  const clock = (t: number) => wallClock(scenario.clock, t, false);
  const ending = shownEnding(scenario, state);
  const endingLine = ending
    ? `${inline(ending.title)} (${ending.kind}) at ${clock(ending.at)}`
    : `none yet: the run was still going at ${clock(state.time)}`;
  const lines = [
    '## Summary',
    '',
    `- **Ending:** ${endingLine}`,
    `- **Score:** ${card.total}/100, grade ${card.grade}`,
    `- **Duration:** ${formatDuration(end)} of game time (${clock(0)}–${clock(end)})`,
    '',
    story(scenario, state),
  ];
  if (ending?.text) lines.push('', `> ${inline(ending.text)}`);
  return lines.join('\n');
}

/** One paragraph from the milestones: the incident's arc in plain words. */
function story(scenario: Scenario, state: EngineState): string {
  const clock = (t: number) => wallClock(scenario.clock, t, false);
  const m = state.milestones;
  const parts: string[] = [];
  if (m.impact === null) parts.push('Users were never affected.');
  else {
    parts.push(`Users were first affected at ${clock(m.impact)}.`);
    parts.push(
      m.stabilised !== null
        ? `The impact was contained at ${clock(m.stabilised)}, ${formatDuration(m.stabilised - m.impact)} after it began.`
        : 'The impact was never contained.',
    );
  }
  parts.push(
    m.understood !== null ? `What really changed was understood at ${clock(m.understood)}.` : 'What really changed was never pinned down.',
  );
  if (m.fixed !== null) {
    parts.push(
      m.verified !== null
        ? `The cause was fixed at ${clock(m.fixed)} and the recovery verified at ${clock(m.verified)}.`
        : `The cause was fixed at ${clock(m.fixed)}, but the recovery was never verified.`,
    );
  } else {
    parts.push(
      m.verified !== null
        ? `The cause was never fixed, though a recovery check passed at ${clock(m.verified)}.`
        : 'The cause was never fixed.',
    );
  }
  const premature = state.declarations.filter((d) => !d.accepted);
  if (premature.length > 0) {
    const times = premature.map((d) => clock(d.at)).join(' and ');
    parts.push(
      `The incident was declared over too early ${premature.length === 1 ? 'once' : premature.length === 2 ? 'twice' : `${premature.length} times`} (${times}) and relapsed.`,
    );
  }
  if (state.declarations.some((d) => d.accepted)) parts.push('It was declared over once it really was.');
  return parts.join(' ');
}

function impact(scenario: Scenario, state: EngineState, end: number): string {
  const clock = (t: number) => wallClock(scenario.clock, t, false);
  if (state.impact.length === 0) return '## Impact\n\nUsers were not affected.';
  let total = 0;
  const rows = state.impact.map(({ from, to }) => {
    const until = to ?? end;
    total += Math.max(0, until - from);
    const span = `${clock(from)}–${clock(until)}`;
    return to === null
      ? `- ${span}, still affected when the run ended (${formatDuration(until - from)})`
      : `- ${span} (${formatDuration(until - from)})`;
  });
  const minutes = Math.round(total / 60);
  return [
    '## Impact',
    '',
    'Users were affected:',
    '',
    ...rows,
    '',
    `**Total:** ${minutes} minute${minutes === 1 ? '' : 's'} of user impact.`,
  ].join('\n');
}

interface Row {
  at: number;
  /** Events first, then score reasons, at the same second; then the order they happened in. */
  order: number;
  who: string;
  what: string;
}

function timeline(scenario: Scenario, state: EngineState, card: ScoreCard, names: Readonly<Record<string, string>> = {}): string {
  const rows: Row[] = [];
  const name = (id: string) =>
    (Object.hasOwn(names, id) ? names[id]! : undefined) ??
    scenario.characters.find((c) => c.id === id)?.name ??
    (id === 'you' ? scenario.player.name : id);
  const channelName = (id: string) => {
    const c = scenario.channels.find((x) => x.id === id);
    return c ? (c.kind === 'dm' ? `@${c.name}` : `#${c.name}`) : `#${id}`;
  };
  const postText = (id: string) => state.chat.find((p) => p.id === id)?.text ?? '';
  const push = (e: TimelineEvent, who: string, what: string) => rows.push({ at: e.at, order: e.seq, who, what });

  for (const e of state.timeline) {
    switch (e.kind) {
      case 'deploy': {
        const d = scenario.deploys.find((x) => x.id === e.deploy);
        const service = scenario.services.find((s) => s.id === d?.service)?.name ?? d?.service;
        push(e, d ? name(d.author) : 'Deploy', `Deploy shipped: ${d?.title ?? e.deploy}${service ? ` (${service})` : ''}`);
        break;
      }
      case 'action-completed': {
        const label = scenario.actions.find((a) => a.id === e.action)?.label ?? e.action;
        push(e, name(e.player), `${label} (${e.verdict}): ${e.text}`);
        break;
      }
      case 'reply': {
        const message = scenario.messages.find((m) => m.id === e.message);
        const to = message ? name(message.from) : e.message;
        push(e, name(e.player), `Replied to ${to}: “${postText(e.post)}” (${e.verdict})`);
        break;
      }
      case 'post':
        push(e, name(e.player), `${e.statusUpdate ? 'Status update' : 'Posted'} in ${channelName(e.channel)}: “${postText(e.post)}”`);
        break;
      case 'all-clear':
        push(e, name(e.player), `All-clear posted in ${channelName(e.channel)}: “${postText(e.post)}”`);
        break;
      case 'relapse':
        push(e, name(e.player), `Relapse: declared resolved, but not yet ${e.missing.join(' and ')}; the incident goes on.`);
        break;
      case 'milestone':
        push(e, 'Incident', `Milestone: ${MILESTONE_LABEL[e.milestone] ?? e.milestone}`);
        break;
      case 'ending': {
        push(e, 'Incident', `Ended: ${shownEnding(scenario, state)?.title ?? e.ending} (${e.endingKind})`);
        break;
      }
      default:
        break; // Messages, alarms, service changes and the like are the world's noise, not the story.
    }
  }
  // Notes come from the state rather than their events: only the state records each note's kind.
  // Each note pushed one event, in the same order, which gives the note its place among the events.
  const noteSeqs = state.timeline.filter((e) => e.kind === 'note').map((e) => e.seq);
  state.notes.forEach((n, i) => {
    const kind = n.kind && n.kind !== 'note' ? `${n.kind.charAt(0).toUpperCase()}${n.kind.slice(1)}` : 'Note';
    const seq = noteSeqs[i] ?? Number.MAX_SAFE_INTEGER / 4;
    // "Hypothesis: …" typed by hand would otherwise read "Hypothesis: Hypothesis: …".
    rows.push({ at: n.at, order: seq, who: name(n.player), what: `${kind}: ${splitNoteText(n.text).body}` });
  });
  card.reasons.forEach((r, i) => {
    if (isBookkeeping(r)) return;
    rows.push({ at: r.at, order: Number.MAX_SAFE_INTEGER / 2 + i, who: 'Score', what: `${signed(r.points)} ${r.dimension}: ${r.text}` });
  });
  rows.sort((a, b) => a.at - b.at || a.order - b.order);
  const lines = rows.map((r) => `| ${wallClock(scenario.clock, r.at)} | ${cell(r.who)} | ${cell(r.what)} |`);
  return ['## Timeline', '', '| Time | Who | What |', '| --- | --- | --- |', ...lines].join('\n');
}

function verdicts(title: string, reasons: readonly ScoreReason[], none: string, clock: (t: number) => string): string {
  const items = reasons.map((r) => `- **${signed(r.points)}** ${r.dimension}, ${clock(r.at)}: ${inline(r.text)}`);
  return [`## ${title}`, '', ...(items.length > 0 ? items : [`- ${none}`])].join('\n');
}

function contributingFactors(scenario: Scenario, state: EngineState): string {
  const clock = (t: number) => wallClock(scenario.clock, t, false);
  const relevant = scenario.evidence.filter((e) => e.relevant);
  const relevantIds = new Set(relevant.map((e) => e.id));
  // The changes behind the incident are the deploys whose diff is key evidence; without such a
  // link, the deploys that shipped during the run are the best lead.
  let deploys = scenario.deploys.filter((d) => d.evidence !== undefined && relevantIds.has(d.evidence));
  if (deploys.length === 0) deploys = scenario.deploys.filter((d) => d.at >= 0 && state.shipped.includes(d.id));
  const items = deploys.map((d) => {
    const service = scenario.services.find((s) => s.id === d.service)?.name ?? d.service;
    const when = state.shipped.includes(d.id) ? `shipped at ${clock(d.at)}` : `due at ${clock(d.at)}, not shipped`;
    return `- **Change:** ${inline(d.title)} (${inline(service)}, ${when}, by ${inline(scenario.characters.find((c) => c.id === d.author)?.name ?? d.author)}). ${inline(d.summary)}`;
  });
  if (items.length === 0) items.push('- No change in the deploy history is marked as the cause.');
  const seen = relevant
    .filter((e) => state.seen[e.id] !== undefined)
    .sort((a, b) => state.seen[a.id]! - state.seen[b.id]! || (a.id < b.id ? -1 : 1));
  for (const e of seen) items.push(`- **Evidence looked at:** ${inline(e.title)} (${clock(state.seen[e.id]!)})`);
  const missed = relevant.filter((e) => state.seen[e.id] === undefined);
  for (const e of missed) items.push(`- **Key evidence never looked at:** ${inline(e.title)}`);
  return ['## Contributing factors', '', ...items].join('\n');
}

/** Fixes to the system, from the scenario: what a team would track, whatever this run did. */
function actionItems(scenario: Scenario): string {
  const items = (scenario.postmortem?.actionItems ?? []).map(
    (a) => `- [ ] ${inline(a.text)}${a.owner !== undefined ? ` (owner: ${inline(a.owner)})` : ''}`,
  );
  return ['## Action items', '', ...(items.length > 0 ? items : ['The scenario lists no fixes to the system; add your team’s own.'])].join(
    '\n',
  );
}

/** The game's advice to the player: kept under its own heading, never among the action items. */
function coaching(suggestions: readonly { text: string }[]): string {
  const items = suggestions.map((s) => `- ${inline(s.text)}`);
  return [
    '## Coaching for the player',
    '',
    '_From the game, about how this run was played; not action items for the system._',
    '',
    ...(items.length > 0 ? items : ['- Nothing to change: this is how it is done.']),
  ].join('\n');
}

function lessons(scenario: Scenario): string {
  return ['## Lessons', '', ...scenario.lessons.map((l) => `- ${inline(l.text)}`)].join('\n');
}

function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}
