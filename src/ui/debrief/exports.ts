/**
 * Taking a run out of the game: the postmortem as Markdown (download or copy), the run as a JSON
 * file that can be opened again, and a replay link that carries the whole run in its fragment.
 */
import { score, suggestions } from '../../engine';
import type { Seat } from '../../format/run-log';
import type { RoleName } from '../../debrief/team-debrief';
import type { Run } from '../../store';
import { el, type View } from '../dom';

/** Offers `text` as a file download, the way a link with `download` does. */
export function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { attrs: { href: url, download: fileName } });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; let the page's go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copies text to the clipboard; false if the browser refused (no permission, insecure page). */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

// The export code loads on first use, keeping it out of the first screen's download.
const debrief = () => import('../../debrief');

/** A team run's roster (a team run file opened in the solo debrief): the exports keep it and name its players. */
export interface ExportTeam {
  roster: readonly Seat[];
  roleOf: RoleName;
}

export function exportPanel(run: Run, team?: ExportTeam): View {
  const { scenario, options, log, state } = run;
  const roster = team?.roster.map((s) => ({ id: s.id, name: s.name, role: s.role }));
  const record = async () => (await debrief()).runRecordOf(scenario, options, log, state, roster ? { roster } : undefined);
  const markdown = async () => {
    const d = await debrief();
    if (team) return d.teamPostmortem(run, team.roster, team.roleOf, null);
    const card = score(scenario, state);
    return d.postmortem(scenario, state, card, suggestions(scenario, card));
  };
  const status = el('p', { className: 'export-status muted', attrs: { role: 'status' } });
  const linkField = el('input', { className: 'replay-link', attrs: { type: 'text', readonly: '', 'aria-label': 'Replay link' } });
  const linkRow = el('div', { className: 'link-row' }, linkField);
  linkRow.hidden = true;
  const say = (text: string) => {
    status.textContent = text;
  };
  const button = (label: string, act: () => void | Promise<void>) =>
    el(
      'button',
      {
        className: 'secondary',
        attrs: { type: 'button' },
        on: {
          click: () => {
            Promise.resolve(act()).catch((error: unknown) =>
              say(`That did not work: ${error instanceof Error ? error.message : String(error)}`),
            );
          },
        },
      },
      label,
    );
  const element = el(
    'section',
    { className: 'card export-panel', attrs: { 'aria-labelledby': 'export-title' } },
    el('h2', { attrs: { id: 'export-title' } }, 'Take it to your postmortem'),
    el(
      'p',
      { className: 'muted' },
      'The postmortem is a Markdown draft with the timeline, what went well and what did not, and action items. The run file and the replay link carry your whole run; opened again, they replay to this exact score.',
    ),
    el(
      'div',
      { className: 'export-buttons' },
      button('Download postmortem (Markdown)', async () => {
        download(`firedrill-${scenario.id}-postmortem.md`, await markdown(), 'text/markdown');
        say('Postmortem downloaded.');
      }),
      button('Copy postmortem', async () =>
        say(
          (await copy(await markdown()))
            ? 'Postmortem copied to the clipboard.'
            : 'The browser did not allow copying; use the download instead.',
        ),
      ),
      button('Download run file (JSON)', async () => {
        download(`firedrill-${scenario.id}-run.json`, await (await debrief()).exportRun(scenario, await record()), 'application/json');
        say('Run file downloaded. Open it from the scenario list to see this debrief again.');
      }),
      button('Make a replay link', async () => {
        const url = `${location.origin}${location.pathname}${await (await debrief()).replayFragment(scenario, await record())}`;
        linkField.value = url;
        linkRow.hidden = false;
        linkField.select();
        say((await copy(url)) ? 'Replay link copied to the clipboard.' : 'Here is the replay link; copy it from the field.');
      }),
    ),
    linkRow,
    status,
  );
  return { element };
}
