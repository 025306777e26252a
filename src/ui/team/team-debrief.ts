/**
 * The shared debrief's team section, as DOM: what each player did in their role, and the team's
 * exports — the Markdown postmortem under the players' names and the team's run file (the solo run
 * file with its roster), the facilitator's copies carrying their private notes. What is shown is
 * read by src/debrief/team-debrief.ts (the contributions list is src/ui/debrief/contributions.ts).
 */
import type { Run } from '../../store';
import { roleName, type TeamStore } from '../../store/team-session';
import { contributionList } from '../debrief/contributions';
import { download } from '../debrief/exports';
import { el, type View } from '../dom';

// The export code loads on first use, as the solo debrief's does.
const debrief = () => import('../../debrief');

/** The debrief's team section: contributions and the team exports (the facilitator's carry their private notes, which the team card above shows them). */
export function teamDebriefParts(team: TeamStore, run: Run): View {
  const { roster, facilitatorNotes, as, ended } = team.getState();
  const roleOf = (role: string) => roleName(team, role);
  const notes = as === 'facilitator' ? facilitatorNotes : null;
  const { scenario, state } = run;
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
    contributionList(scenario, state, roster, roleOf),
    el(
      'div',
      { className: 'export-buttons' },
      button('Download team postmortem (Markdown)', async () => {
        const { teamPostmortem } = await debrief();
        download(`firedrill-${scenario.id}-team-postmortem.md`, teamPostmortem(run, roster, roleOf, notes, ended), 'text/markdown');
        say('Team postmortem downloaded.');
      }),
      button('Download team record (JSON)', async () => {
        // The team's record is a run file like a solo one, with the roster: "Open a run file…" replays it.
        const { exportRun, runRecordOf } = await debrief();
        const team = { roster: roster.map((s) => ({ id: s.id, name: s.name, role: s.role })), ...(notes ? { notes: [...notes] } : {}) };
        download(
          `firedrill-${scenario.id}-team-run.json`,
          await exportRun(scenario, runRecordOf(scenario, run.options, run.log, state, team)),
          'application/json',
        );
        say('Team record downloaded.');
      }),
    ),
    status,
  );
  return { element };
}
