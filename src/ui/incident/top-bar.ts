/** The incident's top bar: the clock, what you are busy with, severity, pause, speed, sound, help. */
import { leaveRun, setPaused, setSpeed, severity, SPEEDS, type GameStore } from '../../store';
import { el, setAttr, setText, type View } from '../dom';
import { busyText, clockOf } from '../format';
import { soundControls } from '../sound-controls';
import type { IncidentUi } from './incident-ui';
import { skipAndSay } from './skip-summary';

const SEVERITY = ['All quiet', 'Something is off', 'Users affected', 'Outage'] as const;

export function topBar(store: GameStore, ui: IncidentUi, openHelp: () => void): View {
  const clock = el('time', { className: 'clock', attrs: { 'aria-label': 'Game time' } });
  const day = el('span', { className: 'day' });
  const busy = el('span', { className: 'busy', attrs: { 'aria-live': 'polite' } });
  const sev = el('span', { className: 'severity' });
  const pause = el('button', {
    className: 'ghost pause',
    attrs: { type: 'button', 'aria-pressed': 'false' },
    on: { click: () => setPaused(store, !store.getState().paused) },
  });
  const speeds = SPEEDS.map((s) =>
    el(
      'button',
      {
        className: 'ghost speed',
        attrs: { type: 'button', 'aria-pressed': 'false', 'aria-label': `Speed ${s}×` },
        on: { click: () => setSpeed(store, s) },
      },
      `${s}×`,
    ),
  );
  const skip = el(
    'button',
    {
      className: 'ghost skip',
      attrs: { type: 'button', 'aria-keyshortcuts': 'W', title: 'Fast-forward until something happens (W)' },
      on: { click: () => skipAndSay(store, ui) },
    },
    'Skip ahead »',
  );
  const sound = soundControls(store, true);
  const element = el(
    'header',
    { className: 'top-bar' },
    el('div', { className: 'brand', attrs: { 'aria-hidden': 'true' } }, 'F'),
    el('div', { className: 'when' }, day, clock),
    sev,
    busy,
    el(
      'div',
      { className: 'controls' },
      pause,
      skip,
      el('div', { className: 'speeds', attrs: { role: 'group', 'aria-label': 'Speed' } }, ...speeds),
      sound.element,
    ),
    el('button', { className: 'ghost', attrs: { type: 'button', 'aria-keyshortcuts': 'Shift+?' }, on: { click: openHelp } }, 'Help (?)'),
    el('button', { className: 'ghost', attrs: { type: 'button' }, on: { click: () => leaveRun(store, 'title') } }, 'Leave'),
  );
  const update = () => {
    const { run, paused, settings } = store.getState();
    if (!run) return;
    const { scenario, state } = run;
    setText(day, scenario.clock.weekday);
    setText(clock, clockOf(scenario, state.time, true));
    const level = severity(state);
    setText(sev, SEVERITY[level]);
    setAttr(sev, 'data-level', String(level));
    const doing = busyText(scenario, state) ?? (state.ending ? 'The incident is over' : 'Free to act');
    setText(busy, doing);
    // The bar cuts a long label with an ellipsis; the whole of it shows on hover.
    setAttr(busy, 'title', doing);
    busy.classList.toggle('is-busy', Boolean(state.current.you));
    setText(pause, paused ? '▶ Resume' : '❚❚ Pause');
    skip.disabled = Boolean(state.ending);
    setAttr(pause, 'aria-pressed', String(paused));
    setAttr(pause, 'aria-label', paused ? 'Resume the clock' : 'Pause the clock');
    speeds.forEach((b, i) => setAttr(b, 'aria-pressed', String(SPEEDS[i] === settings.speed)));
  };
  update();
  const unsubscribe = store.subscribe(update);
  return {
    element,
    destroy: () => {
      unsubscribe();
      sound.destroy?.();
    },
  };
}
