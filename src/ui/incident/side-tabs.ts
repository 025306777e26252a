/** The side panel's tabs: Actions, Evidence, Notes (a WAI-ARIA tablist with arrow-key movement). */
import type { GameStore } from '../../store';
import { el, setAttr, setText, type View } from '../dom';
import type { IncidentUi, Tab } from './incident-ui';

export function sideTabs(store: GameStore, ui: IncidentUi, panels: Record<Tab, View>): View {
  const tabs: { id: Tab; label: string }[] = [
    { id: 'actions', label: 'Actions' },
    { id: 'evidence', label: 'Evidence' },
    { id: 'notes', label: 'Notes' },
  ];
  const buttons = tabs.map((t) =>
    el(
      'button',
      {
        className: 'tab',
        attrs: { type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': `panel-${t.id}` },
        on: { click: () => ui.setState({ tab: t.id }) },
      },
      t.label,
      el('span', { className: 'badge', attrs: { 'aria-hidden': 'true' } }),
    ),
  );
  const list = el('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Incident tools' } }, ...buttons);
  list.addEventListener('keydown', (event) => {
    const index = tabs.findIndex((t) => t.id === ui.getState().tab);
    const move = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!move) return;
    event.preventDefault();
    const next = tabs[(index + move + tabs.length) % tabs.length]!;
    ui.setState({ tab: next.id });
    buttons[tabs.indexOf(next)]!.focus();
  });
  const panelEls = tabs.map((t) =>
    el(
      'div',
      { className: 'tab-panel', attrs: { role: 'tabpanel', id: `panel-${t.id}`, 'aria-labelledby': `tab-${t.id}`, tabindex: '0' } },
      panels[t.id].element,
    ),
  );
  const element = el('div', { className: 'side-tabs' }, list, ...panelEls);
  const update = () => {
    const { tab, evidenceSeen } = ui.getState();
    tabs.forEach((t, i) => {
      const selected = t.id === tab;
      setAttr(buttons[i]!, 'aria-selected', String(selected));
      buttons[i]!.tabIndex = selected ? 0 : -1;
      panelEls[i]!.hidden = !selected;
    });
    const run = store.getState().run;
    const fresh = run ? Object.keys(run.state.seen).filter((id) => !evidenceSeen[id]).length : 0;
    const badge = buttons[1]!.querySelector('.badge')!;
    setText(badge, fresh > 0 ? String(fresh) : '');
    setAttr(buttons[1]!, 'aria-label', fresh > 0 ? `Evidence, ${fresh} new` : null);
  };
  update();
  const off = [store.subscribe(update), ui.subscribe(update)];
  return {
    element,
    destroy: () => {
      off.forEach((f) => f());
      Object.values(panels).forEach((p) => p.destroy?.());
    },
  };
}
