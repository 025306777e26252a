/**
 * The Markdown a team takes away: the solo postmortem with every row under the player's name and
 * role, then the team's parts. Its own module, so the team screens can read contributions without
 * loading the postmortem until it is asked for.
 */
import { score, suggestions, wallClock } from '../engine';
import type { FacilitatorNote, Seat } from '../format/run-log';
import { postmortem } from './postmortem';
import { attributedTimeline, contributions, teamNames, type RoleName, type TeamRun } from './team-debrief';

const esc = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** How a game day ended, as the room recorded it: at which game time, and whether the facilitator ended it. */
export interface GameDayEnd {
  at: number;
  by: 'facilitator' | null;
}

/**
 * The team postmortem; the facilitator's notes are added only when given (the facilitator's own
 * copy), and "Ended by the facilitator at 16:21." when the facilitator ended the game day.
 */
export function teamPostmortem(
  run: TeamRun,
  roster: readonly Seat[],
  roleOf: RoleName,
  facilitatorNotes: readonly FacilitatorNote[] | null,
  ended: GameDayEnd | null = null,
): string {
  const { scenario, state, log } = run;
  const names = teamNames(roster, roleOf);
  const card = score(scenario, state);
  const base = postmortem(scenario, state, card, suggestions(scenario, card), { names });
  const lines = ['## The team', ''];
  if (ended?.by === 'facilitator') lines.push(`Ended by the facilitator at ${wallClock(scenario.clock, ended.at, false)}.`, '');
  lines.push('| Player | Role | Actions | Status updates | Posts |', '| --- | --- | --- | --- | --- |');
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
