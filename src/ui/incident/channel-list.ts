/** The channel list: every channel with its unread count and mentions; choosing one opens it. */
import type { GameStore } from '../../store';
import { el, setAttr, setText, syncList, type View } from '../dom';
import { channelLabel } from '../format';
import { unreadIn, type IncidentUi } from './incident-ui';

export function channelList(store: GameStore, ui: IncidentUi): View {
  const list = el('ul', { className: 'channel-list' });
  const element = el(
    'nav',
    { className: 'channels', attrs: { 'aria-label': 'Channels' } },
    el('h2', { className: 'small-heading' }, 'Channels'),
    list,
  );
  const update = () => {
    const run = store.getState().run;
    if (!run) return;
    const uiState = ui.getState();
    syncList(
      list,
      run.scenario.channels,
      (c) => c.id,
      (c) =>
        el(
          'li',
          {},
          el(
            'button',
            { className: 'channel', attrs: { type: 'button', 'data-channel': c.id }, on: { click: () => ui.setState({ channel: c.id }) } },
            el('span', { className: 'channel-name', attrs: { title: channelLabel(run.scenario, c.id) } }, channelLabel(run.scenario, c.id)),
            el('span', { className: 'badge', attrs: { 'aria-hidden': 'true' } }),
          ),
        ),
      (node, c) => {
        const button = node.querySelector('button')!;
        const badge = node.querySelector('.badge')!;
        const unread = unreadIn(uiState, run.state, c.id);
        const active = uiState.channel === c.id;
        setAttr(button, 'aria-current', active ? 'true' : null);
        setText(badge, unread.count > 0 && !active ? String(unread.count) : '');
        button.classList.toggle('has-unread', unread.count > 0 && !active);
        button.classList.toggle('has-mention', unread.mention && !active);
        const suffix = unread.count > 0 && !active ? `, ${unread.count} unread${unread.mention ? ', mentions you' : ''}` : '';
        setAttr(button, 'aria-label', `${channelLabel(run.scenario, c.id)}${suffix}`);
      },
    );
  };
  update();
  const off = [store.subscribe(update), ui.subscribe(update)];
  return { element, destroy: () => off.forEach((f) => f()) };
}
