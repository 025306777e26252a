/**
 * The action palette: what you can do, grouped by kind, each with its duration — and, when it
 * cannot be done now (or, in a game day, not by your role), why. An outcome or a refusal shows under
 * the action it is about, where the player clicked, and is read out by a live region at the top.
 */
import { availability, worldOf } from '../../engine';
import type { Action, Category } from '../../format';
import { dispatch, type GameStore } from '../../store';
import { el, setAttr, setText, syncList, type View } from '../dom';
import { busyText, shortDuration } from '../format';
import type { IncidentUi } from './incident-ui';

/** Whether the action can be started now from this screen; a role's limit is said before the moment's. */
type Verdict = { ok: true } | { ok: false; why: string; busy: boolean };

const GROUPS: { category: Category; title: string }[] = [
  { category: 'investigate', title: 'Investigate' },
  { category: 'mitigate', title: 'Mitigate' },
  { category: 'remediate', title: 'Fix' },
  { category: 'communicate', title: 'Communicate' },
  { category: 'resolve', title: 'Resolve' },
];

export function actionPalette(store: GameStore, ui: IncidentUi): View {
  const doing = el('div', { className: 'doing' });
  // Live regions stay put (one moved in the DOM may go unannounced); the cards they speak for move.
  const said = el('p', { className: 'visually-hidden', attrs: { role: 'status', 'aria-live': 'polite' } });
  const outcome = el('div', { className: 'outcome' });
  const refused = el('p', { className: 'refused', attrs: { role: 'alert' } });
  const status = el('div', { className: 'palette-status' }, doing);
  const groups = GROUPS.map((g) => {
    const list = el('ul', { className: 'action-list', attrs: { 'aria-labelledby': `group-${g.category}` } });
    const note = el('span', { className: 'group-note' });
    const section = el(
      'section',
      { className: `action-group group-${g.category}` },
      el('h3', { attrs: { id: `group-${g.category}` } }, g.title, note),
      list,
    );
    return { ...g, list, note, section };
  });
  const list = el('div', { className: 'palette-actions' }, ...groups.map((g) => g.section));
  const element = el('div', { className: 'palette' }, said, status, list);
  let lastOutcome = -1;
  /** The action the player last clicked: a refusal shows under it. */
  let clicked: string | null = null;
  /** Puts a card under an action's item, or at the top when that action is not listed. */
  const placeUnder = (card: HTMLElement, action: string | null) => {
    const item = action ? list.querySelector(`button[data-action="${CSS.escape(action)}"]`)?.parentElement : null;
    const home = item ?? status;
    if (card.parentElement !== home) home.append(card);
  };
  /** A refusal this palette made itself, shown until the store has a newer one (or none) to say. */
  let ownRefusal: { why: string; over: unknown } | null = null;
  const refuse = (action: string, why: string | null) => {
    clicked = action;
    ownRefusal = why === null ? null : { why, over: store.getState().rejection };
    update();
  };

  const update = () => {
    const { run, rejection } = store.getState();
    if (!run) return;
    const { scenario, state } = run;
    const world = worldOf(scenario);
    setText(doing, busyText(scenario, state) ? `Doing: ${busyText(scenario, state)}` : '');
    doing.hidden = !state.current.you;
    const latest = [...state.timeline].reverse().find((e) => e.kind === 'action-completed');
    let fresh = false;
    if (latest && latest.kind === 'action-completed' && latest.seq !== lastOutcome) {
      fresh = lastOutcome !== -1 && latest.player === 'you';
      lastOutcome = latest.seq;
      const label = scenario.actions.find((a) => a.id === latest.action)?.label ?? latest.action;
      outcome.dataset.verdict = latest.verdict;
      // A premature all-clear is said in words, not only by the world's red flash and the pager.
      const relapse = state.timeline.find((e) => e.kind === 'relapse' && e.seq > latest.seq && e.player === latest.player);
      const notice = relapse && relapse.kind === 'relapse' ? relapseNotice(relapse.missing) : null;
      outcome.replaceChildren(el('strong', {}, label), el('p', {}, latest.text));
      if (notice) outcome.append(el('p', { className: 'relapse-notice' }, notice));
      setText(said, [`${label}:`, latest.text, notice].filter(Boolean).join(' '));
    }
    if (ownRefusal && ownRefusal.over !== rejection) ownRefusal = null;
    setText(refused, ownRefusal ? ownRefusal.why : rejection ? `Not now: ${rejection.message}` : '');
    const { perspective } = ui.getState();
    const available = new Map(scenario.actions.map((a) => [a.id, availability(world, state, a.id, 'you')]));
    // Hidden actions are not offered at all; every other refusal is shown with its reason.
    const shown = (a: Action) => {
      const v = available.get(a.id)!;
      return v.ok || v.rejection.code !== 'action.hidden';
    };
    const verdict = (a: Action): Verdict => {
      const forbidden = perspective.act(a);
      if (forbidden) return { ok: false, why: forbidden, busy: false };
      const v = available.get(a.id)!;
      return v.ok ? { ok: true } : { ok: false, why: v.rejection.message, busy: v.rejection.code === 'action.busy' };
    };
    const othersFirst: HTMLElement[] = [];
    for (const group of groups) {
      const actions = scenario.actions.filter((a) => a.category === group.category && shown(a));
      group.section.hidden = actions.length === 0;
      // In a game day, kinds of work that belong wholly to other roles go below the player's own.
      const notYours = actions.length > 0 && actions.every((a) => perspective.act(a) !== null);
      group.section.classList.toggle('not-yours', notYours);
      setText(group.note, notYours ? ' · another role’s work' : '');
      if (!notYours) othersFirst.push(group.section);
      syncList(
        group.list,
        actions,
        (a) => a.id,
        (a) => actionItem(store, ui, a, refuse),
        (node, a) => updateItem(node, a, verdict(a)),
      );
    }
    const order = [...othersFirst, ...groups.map((g) => g.section).filter((g) => !othersFirst.includes(g))];
    if (order.some((section, i) => list.children[i] !== section)) list.append(...order);
    placeUnder(outcome, latest?.kind === 'action-completed' ? latest.action : null);
    placeUnder(refused, clicked);
    // A new outcome is brought into view where it landed, unless the palette is not showing.
    if (fresh && outcome.isConnected && outcome.offsetParent !== null) outcome.scrollIntoView({ block: 'nearest' });
  };
  update();
  return { element, destroy: store.subscribe(update) };
}

/** What the palette says under a declaration that relapsed. */
export function relapseNotice(missing: readonly string[]): string {
  return `Too early: the incident is not yet ${missing.join(' and ')}, so your all-clear does not hold and the incident goes on.`;
}

function actionItem(store: GameStore, ui: IncidentUi, action: Action, refuse: (action: string, why: string | null) => void): HTMLElement {
  const reasonId = `why-${action.id}`;
  // What the role may never do is refused here, not sent: the room would only say the same.
  const start = () => {
    const forbidden = ui.getState().perspective.act(action);
    refuse(action.id, forbidden);
    if (!forbidden) dispatch(store, { type: 'act', action: action.id });
  };
  const button = el(
    'button',
    { className: 'action', attrs: { type: 'button', 'data-action': action.id, 'aria-describedby': reasonId }, on: { click: start } },
    el('span', { className: 'action-label' }, action.label),
    el('span', { className: 'duration' }, shortDuration(action.duration)),
  );
  return el('li', {}, button, el('p', { className: 'why', attrs: { id: reasonId } }));
}

function updateItem(node: HTMLElement, action: Action, verdict: Verdict): void {
  const button = node.querySelector('button')!;
  const why = node.querySelector('.why')!;
  const blocked = !verdict.ok;
  // aria-disabled keeps the button focusable, so the reason can be read and a click explains it.
  setAttr(button, 'aria-disabled', blocked ? 'true' : null);
  button.classList.toggle('blocked', blocked);
  const reason = !verdict.ok && !verdict.busy ? verdict.why : '';
  setText(why, reason || (action.description ?? ''));
  why.classList.toggle('is-reason', Boolean(reason));
}
