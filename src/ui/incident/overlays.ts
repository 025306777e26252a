/** The incident's modal dialogs: keyboard help, and the ending with the way to the debrief. */
import { shownEnding } from '../../engine';
import { goTo, setPaused, type GameStore } from '../../store';
import { el, type View } from '../dom';
import { shortcutTable } from '../shortcuts';

export function helpDialog(store: GameStore): View & { open(): void } {
  const dialog = el(
    'dialog',
    { className: 'dialog help', attrs: { 'aria-labelledby': 'help-title' } },
    el('h2', { attrs: { id: 'help-title' } }, 'Help'),
    el('p', {}, 'Stop the bleeding, understand the change, fix forward, verify — and keep people informed while you do.'),
    shortcutTable(),
    el('form', { attrs: { method: 'dialog' } }, el('button', { className: 'primary', attrs: { type: 'submit' } }, 'Close')),
  );
  let wasPaused = true;
  dialog.addEventListener('close', () => setPaused(store, wasPaused));
  return {
    element: dialog,
    open: () => {
      if (dialog.open) return;
      wasPaused = store.getState().paused;
      setPaused(store, true);
      dialog.showModal();
    },
  };
}

export function endingDialog(store: GameStore): View {
  const dialog = el('dialog', { className: 'dialog ending', attrs: { 'aria-labelledby': 'ending-title' } });
  let shown = false;
  const update = () => {
    const run = store.getState().run;
    const ending = run?.state.ending;
    if (!run || !ending || shown) return;
    shown = true;
    const info = shownEnding(run.scenario, run.state);
    dialog.dataset.kind = ending.kind;
    dialog.replaceChildren(
      el(
        'p',
        { className: 'eyebrow' },
        ending.kind === 'resolved' ? 'Incident resolved' : ending.kind === 'timeout' ? 'Time is up' : 'Incident over',
      ),
      el('h2', { attrs: { id: 'ending-title' } }, info?.title ?? ending.id),
      el('p', {}, info?.text ?? ''),
      el('button', { className: 'primary', attrs: { type: 'button' }, on: { click: () => goTo(store, 'debrief') } }, 'Open the debrief'),
    );
    // Let the final moment land in the world view before the dialog takes over.
    setTimeout(() => dialog.isConnected && !dialog.open && dialog.showModal(), 600);
  };
  dialog.addEventListener('cancel', (event) => event.preventDefault());
  const unsubscribe = store.subscribe(update);
  queueMicrotask(update);
  return { element: dialog, destroy: unsubscribe };
}
