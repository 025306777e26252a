/** Incident notes: hypotheses and findings the player writes down, and what they have done so far. */
import { MAX_PLAYER_TEXT, NOTE_KINDS, splitNoteText, type NoteKind } from '../../engine';
import { dispatch, type GameStore } from '../../store';
import { el, syncList, type View } from '../dom';
import { characterOf, clockOf, VERDICT_WORD } from '../format';
import type { IncidentUi } from './incident-ui';
import { SOLO } from './perspective';

const KIND_LABEL: Record<NoteKind, string> = { hypothesis: 'Hypothesis', finding: 'Finding', note: 'Note' };

export function notesPanel(store: GameStore, ui: IncidentUi): View {
  const kind = el(
    'select',
    { attrs: { 'aria-label': 'Kind of note' } },
    ...NOTE_KINDS.map((k) => el('option', { attrs: { value: k } }, KIND_LABEL[k])),
  );
  const box = el('textarea', {
    attrs: {
      rows: '3',
      maxlength: String(MAX_PLAYER_TEXT),
      'aria-label': 'New note',
      placeholder: 'What you think is going on, and why. Or what you found.',
    },
  });
  const form = el(
    'form',
    { className: 'note-form' },
    kind,
    box,
    el('button', { className: 'secondary', attrs: { type: 'submit' } }, 'Add note'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // A typed "Finding: …" wins over the picker: people write notes that way.
    const typed = splitNoteText(box.value.trim());
    const text = typed.body.trim();
    if (text && !dispatch(store, { type: 'note', text, kind: typed.kind ?? (kind.value as NoteKind) })) box.value = '';
  });
  // In a game day, a role that may not write notes reads the team's, and is told why.
  const { perspective } = ui.getState();
  const forbidden = perspective.note();
  if (forbidden) form.replaceChildren(el('p', { className: 'why is-reason' }, forbidden));
  // Solo, everything here is yours; in a game day it is the team's, each entry under its author.
  const solo = perspective.player === SOLO.player;
  const doneTitle = solo ? 'What you have done' : 'What the team has done';
  const notes = el('ol', { className: 'notes-list', attrs: { 'aria-label': solo ? 'Your notes' : 'The team’s notes' } });
  const done = el('ol', { className: 'done-list', attrs: { 'aria-label': doneTitle } });
  const element = el(
    'div',
    { className: 'notes' },
    el(
      'p',
      { className: 'muted' },
      'Write down a hypothesis before you change things, and findings as you make them. The debrief notices, and the postmortem keeps them.',
    ),
    form,
    notes,
    el('h3', {}, doneTitle),
    done,
  );
  const update = () => {
    const run = store.getState().run;
    if (!run) return;
    const { scenario, state } = run;
    const author = (player: string) => (player === perspective.player ? '' : characterOf(scenario, player).name);
    syncList(
      notes,
      state.notes,
      (n) => `${n.at}:${n.player}:${n.kind}:${n.text}`,
      (n) =>
        el(
          'li',
          { className: `note-${n.kind}` },
          el('time', {}, clockOf(scenario, n.at)),
          ' ',
          author(n.player) ? el('span', { className: 'note-author' }, `${author(n.player)}: `) : null,
          n.kind === 'note' ? null : el('strong', { className: 'note-kind' }, `${KIND_LABEL[n.kind]}: `),
          splitNoteText(n.text).body,
        ),
      () => {},
    );
    syncList(
      done,
      state.done,
      (d) => `${d.at}:${d.player}:${d.action}`,
      (d) => {
        const action = scenario.actions.find((a) => a.id === d.action);
        const by = author(d.player) ? ` (${author(d.player)})` : '';
        return el(
          'li',
          { className: `verdict-${d.verdict}` },
          el('time', {}, clockOf(scenario, d.at)),
          ` ${action?.label ?? d.action} — ${VERDICT_WORD[d.verdict]}${by}`,
        );
      },
      () => {},
    );
  };
  update();
  return { element, destroy: store.subscribe(update) };
}
