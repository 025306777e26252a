/** The first screen: what Firedrill is, and the way in. */
import { goTo, type GameStore } from '../../store';
import { el, type View } from '../dom';
import { soundControls } from '../sound-controls';
import { openTeam, teamAvailable } from '../team/entry';

export function titleScreen(store: GameStore): View {
  const { run } = store.getState();
  const resumable = run && !run.state.ending;
  const element = el(
    'main',
    { className: 'title-screen' },
    el('div', { className: 'title-glow', attrs: { 'aria-hidden': 'true' } }),
    el('h1', { className: 'logo' }, 'Fire', el('span', {}, 'drill')),
    el('p', { className: 'tagline' }, 'Practise production incidents before they practise on you.'),
    el(
      'p',
      { className: 'pitch' },
      'Live through a scripted outage in simulated time: the chat escalates, the dashboards go red, and the evidence hides in the deploy diff and the logs. Stop the bleeding, understand the change, fix forward, verify — and see in the debrief how calm method beats frantic action.',
    ),
    el(
      'div',
      { className: 'title-actions' },
      resumable
        ? el(
            'button',
            { className: 'primary', attrs: { type: 'button' }, on: { click: () => goTo(store, 'incident') } },
            `Continue: ${run.scenario.title}`,
          )
        : null,
      el(
        'button',
        { className: resumable ? 'secondary' : 'primary', attrs: { type: 'button' }, on: { click: () => goTo(store, 'select') } },
        'Choose a scenario',
      ),
    ),
    teamAvailable()
      ? el(
          'div',
          { className: 'title-actions team-entry', attrs: { role: 'group', 'aria-label': 'Team game day' } },
          el('button', { className: 'secondary', attrs: { type: 'button' }, on: { click: () => openTeam('create') } }, 'Run a game day'),
          el('button', { className: 'secondary', attrs: { type: 'button' }, on: { click: () => openTeam('join') } }, 'Join a game day'),
        )
      : null,
    soundControls(store).element,
  );
  return { element };
}
