/** Writing in the open channel; in the incident channel a post counts as a status update. Templates help structure it. */
import { MAX_PLAYER_TEXT } from '../../engine';
import { dispatch, type GameStore } from '../../store';
import { el, setText, type View } from '../dom';
import { channelLabel } from '../format';
import type { IncidentUi } from './incident-ui';

const TEMPLATES = [
  { label: 'Impact', text: 'Impact: ' },
  { label: 'Current action', text: 'Doing now: ' },
  { label: 'Next update', text: 'Next update by ' },
];

export function composer(store: GameStore, ui: IncidentUi): View {
  const hint = el('p', { className: 'composer-hint muted', attrs: { id: 'composer-hint' } });
  const box = el('textarea', {
    className: 'composer-box',
    attrs: { rows: '2', maxlength: String(MAX_PLAYER_TEXT), 'aria-describedby': 'composer-hint', 'aria-label': 'Message' },
  });
  const send = el('button', { className: 'primary', attrs: { type: 'submit' } }, 'Send');
  const templates = el(
    'div',
    { className: 'templates', attrs: { role: 'group', 'aria-label': 'Status update templates' } },
    ...TEMPLATES.map((t) =>
      el(
        'button',
        {
          className: 'chip',
          attrs: { type: 'button' },
          on: {
            click: () => {
              const prefix = box.value.trim().length > 0 ? `${box.value.replace(/\s+$/, '')}\n` : '';
              box.value = `${prefix}${t.text}`;
              box.focus();
              box.setSelectionRange(box.value.length, box.value.length);
            },
          },
        },
        t.label,
      ),
    ),
  );
  const form = el(
    'form',
    { className: 'composer', attrs: { 'aria-label': 'Write a message' } },
    templates,
    el('div', { className: 'composer-row' }, box, send),
    hint,
  );
  const submit = () => {
    const text = box.value.trim();
    if (!text) return;
    const rejection = dispatch(store, { type: 'post', channel: ui.getState().channel, text });
    if (!rejection) box.value = '';
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  });
  const update = () => {
    const run = store.getState().run;
    if (!run) return;
    const { channel: open, perspective } = ui.getState();
    const channel = run.scenario.channels.find((c) => c.id === open);
    const label = channelLabel(run.scenario, channel?.id ?? '');
    // In a game day, a role that may not post here is told so where it would type.
    const forbidden = channel ? perspective.post(channel) : null;
    box.placeholder = forbidden ? '' : channel?.kind === 'incident' ? `Status update for ${label}…` : `Message ${label}…`;
    setText(
      hint,
      forbidden ??
        (channel?.kind === 'incident'
          ? 'Posts here count as status updates. Enter sends; Shift+Enter adds a line.'
          : 'Enter sends; Shift+Enter adds a line.'),
    );
    hint.classList.toggle('is-reason', Boolean(forbidden));
    templates.hidden = Boolean(forbidden);
    const closed = Boolean(run.state.ending) || Boolean(forbidden);
    box.disabled = closed;
    send.disabled = closed;
  };
  update();
  const off = [store.subscribe(update), ui.subscribe(update)];
  return { element: form, destroy: () => off.forEach((f) => f()) };
}
