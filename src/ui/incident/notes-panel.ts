/** Incident notes: hypotheses and findings the player writes down, and what they have done so far. */
import { MAX_PLAYER_TEXT } from '../../engine';
import { dispatch, type GameStore } from '../../store';
import { el, syncList, type View } from '../dom';
import { clockOf } from '../format';

const VERDICT_WORD = { success: 'worked', partial: 'partly worked', neutral: 'done', failure: 'did not help', harmful: 'made it worse' } as const;

export function notesPanel(store: GameStore): View {
  const box = el('textarea', { attrs: { rows: '3', maxlength: String(MAX_PLAYER_TEXT), 'aria-label': 'New note', placeholder: 'Hypothesis: … / Finding: …' } });
  const form = el('form', { className: 'note-form' }, box, el('button', { className: 'secondary', attrs: { type: 'submit' } }, 'Add note'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = box.value.trim();
    if (text && !dispatch(store, { type: 'note', text })) box.value = '';
  });
  const notes = el('ol', { className: 'notes-list', attrs: { 'aria-label': 'Your notes' } });
  const done = el('ol', { className: 'done-list', attrs: { 'aria-label': 'What you have done' } });
  const element = el(
    'div',
    { className: 'notes' },
    el('p', { className: 'muted' }, 'Write down what you think is going on before you change things. The debrief notices.'),
    form,
    notes,
    el('h3', {}, 'What you have done'),
    done,
  );
  const update = () => {
    const run = store.getState().run;
    if (!run) return;
    const { scenario, state } = run;
    syncList(notes, state.notes, (n) => `${n.at}:${n.text}`, (n) => el('li', {}, el('time', {}, clockOf(scenario, n.at)), ' ', n.text), () => {});
    syncList(
      done,
      state.done,
      (d) => `${d.at}:${d.action}`,
      (d) => {
        const action = scenario.actions.find((a) => a.id === d.action);
        return el('li', { className: `verdict-${d.verdict}` }, el('time', {}, clockOf(scenario, d.at)), ` ${action?.label ?? d.action} — ${VERDICT_WORD[d.verdict]}`);
      },
      () => {},
    );
  };
  update();
  return { element, destroy: store.subscribe(update) };
}
