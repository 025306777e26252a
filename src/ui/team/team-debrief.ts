/**
 * The shared debrief's team parts: what each player did in their role (actions with their verdicts,
 * posts, status updates), the facilitator's private notes on the facilitator's own debrief, and the
 * team's exports: the Markdown postmortem with every row under the player's name and role, and a
 * JSON record with the roster and the attributed timeline of every input.
 */
import { score, suggestions, wallClock, type EngineState, type LogEntry } from '../../engine';
import type { Scenario } from '../../format/schema';
import type { Run } from '../../store';
import { roleName, type TeamStore } from '../../store/team-session';
import { download } from '../debrief/exports';
import { el, type View } from '../dom';

export interface Contribution {
  seat: { id: string; name: string; role: string; roleName: string };
  actions: { at: number; action: string; label: string; verdict: string }[];
  posts: { at: number; channel: string; text: string; statusUpdate: boolean }[];
  replies: number;
  notes: number;
  /** Status updates given: posts in the incident channel plus actions tagged `status-update`. */
  statusUpdates: number;
}

export interface AttributedRow {
  at: number;
  clock: string;
  player: string;
  who: string;
  what: string;
}

type Seat = { id: string; name: string; role: string };

/** Player id → "Name (Role)", the facilitator included. */
export function teamNames(roster: readonly Seat[], roleOf: (role: string) => string): Record<string, string> {
  const names: Record<string, string> = { facilitator: 'Facilitator' };
  for (const s of roster) names[s.id] = `${s.name} (${roleOf(s.role)})`;
  return names;
}

/** Each seat's part in the run, read from the engine's timeline (the same for every client). */
export function contributions(
  scenario: Scenario,
  state: EngineState,
  roster: readonly Seat[],
  roleOf: (role: string) => string,
): Contribution[] {
  const label = (id: string) => scenario.actions.find((a) => a.id === id)?.label ?? id;
  const isStatusAction = (id: string) => scenario.actions.find((a) => a.id === id)?.tags.includes('status-update') ?? false;
  const channelName = (id: string) => scenario.channels.find((c) => c.id === id)?.name ?? id;
  const postText = (id: string) => state.chat.find((p) => p.id === id)?.text ?? '';
  return roster.map((s) => {
    const c: Contribution = {
      seat: { id: s.id, name: s.name, role: s.role, roleName: roleOf(s.role) },
      actions: [],
      posts: [],
      replies: 0,
      notes: 0,
      statusUpdates: 0,
    };
    for (const e of state.timeline) {
      if (!('player' in e) || e.player !== s.id) continue;
      if (e.kind === 'action-completed') {
        c.actions.push({ at: e.at, action: e.action, label: label(e.action), verdict: e.verdict });
        if (isStatusAction(e.action)) c.statusUpdates++;
      } else if (e.kind === 'post') {
        c.posts.push({ at: e.at, channel: channelName(e.channel), text: postText(e.post), statusUpdate: e.statusUpdate });
        if (e.statusUpdate) c.statusUpdates++;
      } else if (e.kind === 'reply') c.replies++;
      else if (e.kind === 'note') c.notes++;
    }
    return c;
  });
}

/** Every input of the run, in order, under the name of whoever sent it. */
export function attributedTimeline(scenario: Scenario, log: readonly LogEntry[], names: Readonly<Record<string, string>>): AttributedRow[] {
  const label = (id: string) => scenario.actions.find((a) => a.id === id)?.label ?? id;
  const channelName = (id: string) => scenario.channels.find((c) => c.id === id)?.name ?? id;
  const character = (id: string) => scenario.characters.find((c) => c.id === id)?.name ?? id;
  return log.map(({ at, input }) => {
    const player = input.player ?? 'you';
    const who = names[player] ?? player;
    let what: string;
    switch (input.type) {
      case 'act':
        what = `Started “${label(input.action)}”`;
        break;
      case 'reply':
        what = `Answered ${input.message} with ${input.choice}`;
        break;
      case 'post':
        what = `Posted in #${channelName(input.channel)}: ${input.text}`;
        break;
      case 'note':
        what = `${input.kind ? `${input.kind}: ` : 'Note: '}${input.text}`;
        break;
      case 'inject': {
        const i = input as { inject?: string; from?: string; channel?: string; text?: string };
        what = `Inject${i.inject ? ` ${i.inject}` : ''}${i.from ? ` as ${character(i.from)}` : ''}${i.channel ? ` in #${channelName(i.channel)}` : ''}${i.text ? `: ${i.text}` : ''}`;
        break;
      }
      case 'hint': {
        const h = input as { text: string; to?: { role?: string; player?: string } };
        const to = h.to?.role ? `everyone in ${h.to.role}` : h.to?.player ? (names[h.to.player] ?? h.to.player) : 'everyone';
        what = `Hint to ${to}: ${h.text}`;
        break;
      }
      default:
        what = (input as { type: string }).type;
    }
    return { at, clock: wallClock(scenario.clock, at), player, who, what };
  });
}

const esc = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The Markdown the team takes away: the solo postmortem named by seat, then the team's parts. */
export async function teamPostmortem(
  run: Run,
  roster: readonly Seat[],
  roleOf: (role: string) => string,
  facilitatorNotes: readonly { at: number; text: string }[] | null,
): Promise<string> {
  const { scenario, state, log } = run;
  const names = teamNames(roster, roleOf);
  const card = score(scenario, state);
  const base = (await import('../../debrief')).postmortem(scenario, state, card, suggestions(scenario, card), { names });
  const lines = ['## The team', '', '| Player | Role | Actions | Status updates | Posts |', '| --- | --- | --- | --- | --- |'];
  for (const c of contributions(scenario, state, roster, roleOf)) {
    const acts = c.actions.map((a) => `${a.label} (${a.verdict})`).join('; ') || '—';
    lines.push(`| ${esc(c.seat.name)} | ${esc(c.seat.roleName)} | ${esc(acts)} | ${c.statusUpdates} | ${c.posts.length} |`);
  }
  lines.push('', '## Who did what', '', '| Time | Who | What |', '| --- | --- | --- |');
  for (const r of attributedTimeline(scenario, log, names)) lines.push(`| ${r.clock} | ${esc(r.who)} | ${esc(r.what)} |`);
  if (facilitatorNotes && facilitatorNotes.length > 0) {
    lines.push('', "## Facilitator's notes", '', ...facilitatorNotes.map((n) => `- ${wallClock(scenario.clock, n.at)}: ${esc(n.text)}`));
  }
  return `${base}\n${lines.join('\n')}\n`;
}

/** The JSON record of the team run: roster, attributed timeline, contributions, score, the log. */
export function teamRecord(
  run: Run,
  roster: readonly Seat[],
  roleOf: (role: string) => string,
  facilitatorNotes: readonly { at: number; text: string }[] | null,
): object {
  const { scenario, state, log, options } = run;
  const names = teamNames(roster, roleOf);
  const card = score(scenario, state);
  return {
    format: 'firedrill-team-run',
    scenario: { id: scenario.id, version: scenario.version },
    options,
    ending: state.ending ?? null,
    score: { grade: card.grade, total: card.total },
    roster: roster.map((s) => ({ id: s.id, name: s.name, role: s.role, roleName: roleOf(s.role) })),
    contributions: contributions(scenario, state, roster, roleOf),
    timeline: attributedTimeline(scenario, log, names),
    log,
    ...(facilitatorNotes ? { facilitatorNotes } : {}),
  };
}

/** The debrief's team section: contributions and the team exports (the facilitator's carry their private notes, which the team card above shows them). */
export function teamDebriefParts(team: TeamStore, run: Run): View {
  const { roster, facilitatorNotes, as } = team.getState();
  const roleOf = (role: string) => roleName(team, role);
  const notes = as === 'facilitator' ? facilitatorNotes : null;
  const { scenario, state } = run;
  const clock = (t: number) => wallClock(scenario.clock, t);
  const rows = contributions(scenario, state, roster, roleOf).map((c) =>
    el(
      'li',
      { className: 'team-contribution' },
      el('h3', {}, `${c.seat.name} — ${c.seat.roleName}`),
      el(
        'p',
        { className: 'muted' },
        `${c.actions.length} action${c.actions.length === 1 ? '' : 's'}, ${c.statusUpdates} status update${c.statusUpdates === 1 ? '' : 's'}, ${c.posts.length} post${c.posts.length === 1 ? '' : 's'}, ${c.replies} repl${c.replies === 1 ? 'y' : 'ies'}, ${c.notes} note${c.notes === 1 ? '' : 's'}`,
      ),
      c.actions.length > 0
        ? el(
            'ul',
            { attrs: { 'aria-label': `${c.seat.name}'s actions` } },
            ...c.actions.map((a) => el('li', {}, `${clock(a.at)} ${a.label} — ${a.verdict}`)),
          )
        : null,
      c.posts.length > 0
        ? el(
            'ul',
            { attrs: { 'aria-label': `${c.seat.name}'s posts` } },
            ...c.posts.map((p) => el('li', {}, `${clock(p.at)} ${p.statusUpdate ? 'Status update' : 'Post'} in #${p.channel}: ${p.text}`)),
          )
        : null,
    ),
  );
  const status = el('p', { className: 'export-status muted', attrs: { role: 'status' } });
  const say = (text: string) => {
    status.textContent = text;
  };
  const button = (label: string, act: () => Promise<void> | void) =>
    el(
      'button',
      {
        className: 'secondary',
        attrs: { type: 'button' },
        on: {
          click: () =>
            void Promise.resolve(act()).catch((e: unknown) => say(`That did not work: ${e instanceof Error ? e.message : String(e)}`)),
        },
      },
      label,
    );
  const element = el(
    'section',
    { className: 'card team-contributions', attrs: { 'aria-label': 'Each role’s contributions' } },
    el('h2', {}, 'Each role’s contributions'),
    el('ul', { className: 'team-contribution-list' }, ...rows),
    el(
      'div',
      { className: 'export-buttons' },
      button('Download team postmortem (Markdown)', async () => {
        download(`firedrill-${scenario.id}-team-postmortem.md`, await teamPostmortem(run, roster, roleOf, notes), 'text/markdown');
        say('Team postmortem downloaded.');
      }),
      button('Download team record (JSON)', () => {
        download(
          `firedrill-${scenario.id}-team-run.json`,
          `${JSON.stringify(teamRecord(run, roster, roleOf, notes), null, 2)}\n`,
          'application/json',
        );
        say('Team record downloaded.');
      }),
    ),
    status,
  );
  return { element };
}
