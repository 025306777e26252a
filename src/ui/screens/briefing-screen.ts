/** The briefing: who you are, what is going on, the controls, and the coach setting. */
import { wallClock } from '../../engine';
import { goTo, startRun, type GameStore } from '../../store';
import { coachPicker } from '../coach-picker';
import { el, type View } from '../dom';
import { shortcutTable } from '../shortcuts';

export function briefingScreen(store: GameStore): View {
  const { scenarios, selected, run } = store.getState();
  const scenario = scenarios.find((s) => s.id === selected);
  if (!scenario) {
    return {
      element: el(
        'main',
        { className: 'page' },
        el('h1', {}, 'No scenario chosen'),
        el('button', { className: 'primary', attrs: { type: 'button' }, on: { click: () => goTo(store, 'select') } }, 'Choose a scenario'),
      ),
    };
  }
  const coach = coachPicker(store);
  const replacing = run && !run.state.ending;
  const element = el(
    'main',
    { className: 'briefing-screen page' },
    el(
      'div',
      { className: 'page-head' },
      el('button', { className: 'ghost back', attrs: { type: 'button' }, on: { click: () => goTo(store, 'select') } }, '← Scenarios'),
      el('h1', {}, scenario.title),
    ),
    el(
      'p',
      { className: 'meta' },
      `${scenario.clock.weekday}, ${wallClock(scenario.clock, 0, false)} · about ${scenario.estimatedMinutes} minutes`,
    ),
    el(
      'div',
      { className: 'briefing-grid' },
      el(
        'section',
        { className: 'card', attrs: { 'aria-labelledby': 'brief-role' } },
        el('h2', { attrs: { id: 'brief-role' } }, 'Your role'),
        el('p', {}, scenario.briefing.role),
        el('h2', {}, 'The situation'),
        el('p', {}, scenario.briefing.situation),
        el('h2', {}, 'How it works'),
        el(
          'ul',
          {},
          el('li', {}, 'Time runs on its own. Pause whenever you need to think; speed it up when nothing is happening.'),
          el('li', {}, 'Read the channels. Some messages matter, some are noise; questions you ignore come back louder.'),
          el('li', {}, 'Actions take game time and you can do one at a time. Investigate to uncover evidence before you change things.'),
          el('li', {}, 'Keep people informed with status updates. Declare the incident resolved only when you have checked.'),
        ),
      ),
      el(
        'section',
        { className: 'card', attrs: { 'aria-labelledby': 'brief-controls' } },
        el('h2', { attrs: { id: 'brief-controls' } }, 'Controls'),
        shortcutTable(),
      ),
    ),
    coach.element,
    el(
      'div',
      { className: 'start-row' },
      replacing ? el('p', { className: 'muted' }, `Starting replaces your run in progress of “${run.scenario.title}”.`) : null,
      el('button', { className: 'primary big', attrs: { type: 'button' }, on: { click: () => startRun(store) } }, 'Start the incident'),
    ),
  );
  return { element, destroy: coach.destroy };
}
