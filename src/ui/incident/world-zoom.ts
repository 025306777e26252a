/**
 * The large view: a modal dialog that shows one graph of the dashboard, the service map or the
 * pager big enough to read, with a vertical tab list to switch between them. Like the help dialog
 * it pauses the clock while open and restores it after; Esc or Close shut it and focus goes back
 * to what opened it.
 */
import type { Scenario } from '../../format';
import type { WorldTarget } from '../../game/world-targets';
import { currentLevel } from '../../game/model/metric-level';
import { setPaused, type GameStore, type Run } from '../../store';
import { el, setAttr, setText, type View } from '../dom';
import { graphView, mapView, pagerView, type ZoomView } from './zoom-views';

interface Choice {
  target: WorldTarget;
  label: string;
  /** Under the title: the unit and service of a graph, what the others show. */
  detail: string;
}

function choicesOf(scenario: Scenario): Choice[] {
  return [
    ...scenario.metrics.map((m, index) => ({
      target: { kind: 'graph', index } as const,
      label: m.name,
      detail: [m.unit, m.service].filter(Boolean).join(' · '),
    })),
    { target: { kind: 'map' }, label: 'Service map', detail: 'Services and what they call, by health' },
    { target: { kind: 'pager' }, label: 'Pager', detail: 'Pages received, newest first' },
  ];
}

const same = (a: WorldTarget, b: WorldTarget) => a.kind === b.kind && (a.kind !== 'graph' || (b.kind === 'graph' && a.index === b.index));

/** How alarming each choice looks now, for the dot on its tab. */
function levelOf(choice: Choice, run: Run): string {
  const { scenario, state } = run;
  const target = choice.target;
  if (target.kind === 'graph') {
    const metric = scenario.metrics[target.index]!;
    const samples = state.metrics[metric.id]?.samples ?? [];
    return currentLevel(metric, samples.at(-1) ?? metric.baseline, metric.service ? state.services[metric.service] : undefined);
  }
  const health = Object.values(state.services);
  if (target.kind === 'pager') return health.includes('down') ? 'alarm' : 'calm';
  return health.includes('down') ? 'alarm' : health.includes('degraded') ? 'warn' : 'calm';
}

/** The large-view dialog; `open` shows a target, `opener` gets the focus back on close. */
export function worldZoom(store: GameStore): View & { open(target: WorldTarget, opener?: HTMLElement | null): void } {
  const title = el('h2', { attrs: { id: 'zoom-title' } });
  const detail = el('p', { className: 'muted zoom-detail' });
  const tabs = el('div', {
    className: 'zoom-tabs',
    attrs: { role: 'tablist', 'aria-label': 'What to show large', 'aria-orientation': 'vertical' },
  });
  const panel = el('section', { className: 'zoom-panel', attrs: { role: 'tabpanel', id: 'zoom-panel' } });
  const dialog = el(
    'dialog',
    { className: 'dialog world-zoom', attrs: { 'aria-labelledby': 'zoom-title' } },
    el(
      'header',
      { className: 'zoom-head' },
      el('div', {}, el('p', { className: 'eyebrow' }, 'Production · large view'), title, detail),
      el('form', { attrs: { method: 'dialog' } }, el('button', { attrs: { type: 'submit' } }, 'Close')),
    ),
    el('div', { className: 'zoom-body' }, tabs, panel),
  );
  let choices: Choice[] = [];
  let buttons: HTMLButtonElement[] = [];
  let scenario: Scenario | null = null;
  let current: { choice: Choice; view: ZoomView } | null = null;
  let returnTo: HTMLElement | null = null;
  let wasPaused = true;
  let shownState: Run['state'] | null = null;

  const buildTabs = (next: Scenario) => {
    scenario = next;
    choices = choicesOf(next);
    buttons = choices.map((c, i) =>
      el(
        'button',
        {
          className: 'zoom-tab',
          attrs: {
            type: 'button',
            role: 'tab',
            id: `zoom-tab-${i}`,
            'aria-controls': 'zoom-panel',
            'aria-selected': 'false',
            tabindex: '-1',
          },
          on: { click: () => show(c.target) },
        },
        el('span', { className: 'zoom-dot', attrs: { 'aria-hidden': 'true' } }),
        c.label,
      ),
    );
    tabs.replaceChildren(...buttons);
  };

  const refreshTabs = (run: Run) => choices.forEach((c, i) => setAttr(buttons[i]!, 'data-level', levelOf(c, run)));

  const show = (target: WorldTarget) => {
    const run = store.getState().run;
    if (!run) return;
    const index = Math.max(
      0,
      choices.findIndex((c) => same(c.target, target)),
    );
    const choice = choices[index]!;
    if (current && same(current.choice.target, choice.target)) return;
    current?.view.destroy();
    const t = choice.target;
    const view = t.kind === 'graph' ? graphView(run.scenario.metrics[t.index]!, run) : t.kind === 'map' ? mapView(run) : pagerView(run);
    current = { choice, view };
    panel.replaceChildren(view.element);
    setAttr(panel, 'aria-labelledby', `zoom-tab-${index}`);
    setText(title, choice.label);
    setText(detail, choice.detail);
    buttons.forEach((b, i) => {
      setAttr(b, 'aria-selected', String(i === index));
      b.tabIndex = i === index ? 0 : -1;
    });
  };

  tabs.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const n = buttons.length;
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: n - 1 };
    const next = moves[event.key];
    if (next === undefined || index < 0) return;
    event.preventDefault();
    const to = (next + n) % n;
    show(choices[to]!.target);
    buttons[to]!.focus();
  });

  dialog.addEventListener('close', () => {
    current?.view.destroy();
    current = null;
    panel.replaceChildren();
    shownState = null;
    setPaused(store, wasPaused);
    if (returnTo?.isConnected) returnTo.focus();
    returnTo = null;
  });

  // The store notifies several times a second; only a new engine state can change what is shown.
  const unsubscribe = store.subscribe(({ run }) => {
    if (!dialog.open || !run || run.state === shownState) return;
    shownState = run.state;
    current?.view.update(run);
    refreshTabs(run);
  });

  return {
    element: dialog,
    open: (target, opener) => {
      const run = store.getState().run;
      if (!run) return;
      if (run.scenario !== scenario) buildTabs(run.scenario);
      // A scenario without graphs opens the map in their place.
      const wanted = target.kind === 'graph' && !run.scenario.metrics[target.index] ? ({ kind: 'map' } as const) : target;
      if (!dialog.open) {
        returnTo = opener ?? (document.activeElement as HTMLElement | null);
        wasPaused = store.getState().paused;
        setPaused(store, true);
        dialog.showModal();
      }
      show(wanted);
      shownState = run.state;
      refreshTabs(run);
      buttons.find((b) => b.tabIndex === 0)?.focus();
    },
    destroy: () => {
      unsubscribe();
      current?.view.destroy();
    },
  };
}
