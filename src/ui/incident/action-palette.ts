/**
 * The action palette: what you can do, grouped by kind, each with its duration — and, when it
 * cannot be done now, why. The latest outcome is shown above it.
 */
import { availability, worldOf, type Availability } from '../../engine';
import type { Action, Category } from '../../scenario';
import { dispatch, type GameStore } from '../../store';
import { el, setAttr, setText, syncList, type View } from '../dom';
import { busyText, shortDuration } from '../format';

const GROUPS: { category: Category; title: string }[] = [
  { category: 'investigate', title: 'Investigate' },
  { category: 'mitigate', title: 'Mitigate' },
  { category: 'remediate', title: 'Fix' },
  { category: 'communicate', title: 'Communicate' },
  { category: 'resolve', title: 'Resolve' },
];

export function actionPalette(store: GameStore): View {
  const doing = el('div', { className: 'doing', attrs: { role: 'status' } });
  const outcome = el('div', { className: 'outcome', attrs: { role: 'status', 'aria-live': 'polite' } });
  const refused = el('p', { className: 'refused', attrs: { role: 'alert' } });
  const groups = GROUPS.map((g) => {
    const list = el('ul', { className: 'action-list', attrs: { 'aria-labelledby': `group-${g.category}` } });
    const section = el('section', { className: `action-group group-${g.category}` }, el('h3', { attrs: { id: `group-${g.category}` } }, g.title), list);
    return { ...g, list, section };
  });
  const element = el('div', { className: 'palette' }, doing, outcome, refused, ...groups.map((g) => g.section));
  let lastOutcome = -1;

  const update = () => {
    const { run, rejection } = store.getState();
    if (!run) return;
    const { scenario, state } = run;
    const world = worldOf(scenario);
    setText(doing, busyText(scenario, state) ? `Doing: ${busyText(scenario, state)}` : '');
    doing.hidden = !state.current.you;
    const latest = [...state.timeline].reverse().find((e) => e.kind === 'action-completed');
    if (latest && latest.kind === 'action-completed' && latest.seq !== lastOutcome) {
      lastOutcome = latest.seq;
      const label = scenario.actions.find((a) => a.id === latest.action)?.label ?? latest.action;
      outcome.dataset.verdict = latest.verdict;
      outcome.replaceChildren(el('strong', {}, label), el('p', {}, latest.text));
    }
    setText(refused, rejection ? `Not now: ${rejection.message}` : '');
    const verdicts = new Map(scenario.actions.map((a) => [a.id, availability(world, state, a.id, 'you')]));
    // Hidden actions are not offered at all; every other refusal is shown with its reason.
    const shown = (a: Action) => {
      const v = verdicts.get(a.id)!;
      return v.ok || v.rejection.code !== 'action.hidden';
    };
    for (const group of groups) {
      const actions = scenario.actions.filter((a) => a.category === group.category && shown(a));
      group.section.hidden = actions.length === 0;
      syncList(
        group.list,
        actions,
        (a) => a.id,
        (a) => actionItem(store, a),
        (node, a) => updateItem(node, a, verdicts.get(a.id)!),
      );
    }
  };
  update();
  return { element, destroy: store.subscribe(update) };
}

function actionItem(store: GameStore, action: Action): HTMLElement {
  const reasonId = `why-${action.id}`;
  const button = el(
    'button',
    { className: 'action', attrs: { type: 'button', 'data-action': action.id, 'aria-describedby': reasonId }, on: { click: () => dispatch(store, { type: 'act', action: action.id }) } },
    el('span', { className: 'action-label' }, action.label),
    el('span', { className: 'duration' }, shortDuration(action.duration)),
  );
  return el('li', {}, button, el('p', { className: 'why', attrs: { id: reasonId } }));
}

function updateItem(node: HTMLElement, action: Action, verdict: Availability): void {
  const button = node.querySelector('button')!;
  const why = node.querySelector('.why')!;
  const blocked = !verdict.ok;
  // aria-disabled keeps the button focusable, so the reason can be read and a click explains it.
  setAttr(button, 'aria-disabled', blocked ? 'true' : null);
  button.classList.toggle('blocked', blocked);
  const reason = blocked && verdict.rejection.code !== 'action.busy' ? verdict.rejection.message : '';
  setText(why, reason || (action.description ?? ''));
  why.classList.toggle('is-reason', Boolean(reason));
}
