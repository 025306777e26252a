/**
 * The author's panel, in dev builds only: the run's state at a glance, a time machine, and for each
 * action the player cannot take, which part of its condition fails and what the state has instead.
 */
import { availability, explain, failingParts, parseWallClock, SOLO_PLAYER, worldOf, type EngineState } from '../../engine';
import type { Scenario } from '../../format';
import { jumpTo, type GameStore } from '../../store';
import { el, setText, type View } from '../dom';
import { clockOf } from '../format';

export function devPanel(store: GameStore): View {
  const when = el('input', {
    attrs: { type: 'text', 'aria-label': 'Game time to jump to', placeholder: 'HH:MM[:SS] or seconds', size: '14' },
  });
  const jumpNote = el('p', { className: 'muted', attrs: { role: 'status' } });
  const jump = el('form', { className: 'dev-jump' }, when, el('button', { className: 'secondary', attrs: { type: 'submit' } }, 'Jump'));
  jump.addEventListener('submit', (event) => {
    event.preventDefault();
    const run = store.getState().run;
    if (!run) return;
    const text = when.value.trim();
    const t = /^\d+$/.test(text) ? Number(text) : parseWallClock(run.scenario.clock, text);
    if (t === null) {
      setText(jumpNote, `“${text}” is not a time: write 16:20, 16:20:30 or game seconds.`);
      return;
    }
    jumpTo(store, t);
    setText(jumpNote, `Now at ${clockOf(run.scenario, store.getState().run!.state.time, true)}.`);
  });
  const blocked = el('ul', { className: 'dev-blocked', attrs: { 'aria-label': 'Actions you cannot take, and why' } });
  const state = el('pre', { className: 'dev-state', attrs: { 'aria-label': 'Engine state' } });
  const element = el(
    'details',
    { className: 'dev-panel' },
    el('summary', {}, 'Dev'),
    el(
      'div',
      { className: 'dev-body' },
      el('h2', { className: 'small-heading' }, 'Time machine'),
      jump,
      jumpNote,
      el('h2', { className: 'small-heading' }, 'Why not?'),
      blocked,
      el('h2', { className: 'small-heading' }, 'State'),
      state,
    ),
  );
  const update = () => {
    const run = store.getState().run;
    if (!run || !element.open) return;
    blocked.replaceChildren(...blockedActions(run.scenario, run.state));
    setText(state, summary(run.state));
  };
  element.addEventListener('toggle', update);
  return { element, destroy: store.subscribe(update) };
}

function blockedActions(scenario: Scenario, state: EngineState): HTMLElement[] {
  const world = worldOf(scenario);
  return scenario.actions.flatMap((action) => {
    const verdict = availability(world, state, action.id, SOLO_PLAYER);
    if (verdict.ok) return [];
    const failing =
      verdict.rejection.code === 'action.hidden' && action.visible
        ? action.visible
        : action.requires.find((r) => !explain(world, state, r.when).holds)?.when;
    const parts = failing ? failingParts(explain(world, state, failing)) : [];
    return [
      el(
        'li',
        {},
        el('strong', {}, action.label),
        ` — ${verdict.rejection.message}`,
        parts.length > 0 ? el('ul', { className: 'dev-why' }, ...parts.map((p) => el('li', {}, el('code', {}, p.text)))) : null,
      ),
    ];
  });
}

function summary(state: EngineState): string {
  const metrics = Object.fromEntries(Object.entries(state.metrics).map(([id, m]) => [id, Math.round(m.value * 100) / 100]));
  return JSON.stringify(
    {
      time: state.time,
      facts: state.facts,
      services: state.services,
      metrics,
      milestones: state.milestones,
      seen: Object.keys(state.seen),
      current: state.current,
      ending: state.ending,
    },
    null,
    2,
  );
}
