/**
 * The projector view of a game day: the incident as the room sees it, full screen and without any
 * control — the dashboards, the incident channel, the clock, the severity, who is playing and the
 * team's activity. It is a watcher connection: the join code is all it needs, so it opens from any
 * browser (the room's PC, say), and the server lets it do nothing but follow the events.
 */
import type { GameStore } from '../../store';
import { severity } from '../../store';
import { joinLink, projectorLink, roleName, type TeamStore } from '../../store/team-session';
import { el, setAttr, setText, syncList, type View } from '../dom';
import { chatView } from '../incident/chat-view';
import { createIncidentUi } from '../incident/incident-ui';
import { watcherPerspective } from '../incident/perspective';
import { worldPanel } from '../incident/world-panel';
import { clockOf } from '../format';
import { activityFeed } from './team-panels';
import { connectionLine } from './team-reconnect';

/** Whether this page shows the game day on a projector. */
export const isObserver = (team: TeamStore) => team.getState().as === 'watcher';

/** The way to the projector: a plain link to a new tab, which needs nothing but the code in it. */
export function projectorButton(team: TeamStore): HTMLElement {
  const code = team.getState().welcome?.code ?? '';
  return el(
    'a',
    { className: 'secondary button-link', attrs: { href: projectorLink(team, code), target: '_blank', rel: 'noopener' } },
    'Projector view',
  );
}

const PHASE_LABEL = { lobby: 'Waiting to start', running: 'Running', paused: 'Paused', ended: 'Over' } as const;
const SEVERITY = ['All quiet', 'Something is off', 'Users affected', 'Outage'] as const;

function rosterLine(team: TeamStore): View {
  const list = el('ul', { className: 'team-roster observer-roster', attrs: { 'aria-label': 'Players' } });
  const update = () =>
    syncList(
      list,
      team.getState().roster,
      (s) => s.id,
      () => el('li', {}),
      (node, s) => {
        setText(node, `${s.name} — ${roleName(team, s.role)}${s.connected ? '' : ' (offline)'}`);
        node.classList.toggle('offline', !s.connected);
      },
    );
  update();
  return { element: list, destroy: team.subscribe(update) };
}

/** The incident on the projector: read-only, full screen. */
export function observerScreen(team: TeamStore, game: GameStore): View {
  const run = game.getState().run!;
  const ui = createIncidentUi(run.scenario, watcherPerspective('The team answers from their own screens.'));
  const clock = el('time', { className: 'clock', attrs: { 'aria-label': 'Game time' } });
  const phase = el('span', { className: 'team-phase' });
  const sev = el('span', { className: 'severity', attrs: { 'aria-label': 'Severity' } });
  const connection = connectionLine(team);
  const roster = rosterLine(team);
  const world = worldPanel(game);
  const chat = chatView(game, ui);
  const feed = activityFeed(team);
  const element = el(
    'div',
    { className: 'incident-screen team-observer', attrs: { 'data-view': 'projector' } },
    el(
      'header',
      { className: 'top-bar team-bar' },
      el('div', { className: 'brand', attrs: { 'aria-hidden': 'true' } }, 'F'),
      el('h1', { className: 'observer-title' }, run.scenario.title),
      el('div', { className: 'when' }, clock),
      phase,
      sev,
      connection.element,
    ),
    el(
      'div',
      { className: 'observer-body' },
      el('section', { className: 'observer-world', attrs: { 'aria-label': 'Dashboards' } }, world.element),
      el('main', { className: 'observer-chat conversation', attrs: { 'aria-label': 'Incident channel' } }, chat.element),
      el(
        'aside',
        { className: 'observer-side', attrs: { 'aria-label': 'The team' } },
        el('h2', {}, 'Who is playing'),
        roster.element,
        feed.element,
      ),
    ),
  );
  const update = () => {
    const s = team.getState();
    const current = game.getState().run;
    if (current) {
      setText(clock, clockOf(current.scenario, current.state.time, true));
      const level = severity(current.state);
      setText(sev, SEVERITY[level]);
      setAttr(sev, 'data-level', String(level));
    }
    setText(phase, `${PHASE_LABEL[s.phase]} · ${s.speed}×`);
    setAttr(phase, 'data-phase', s.phase);
  };
  update();
  const offs = [team.subscribe(update), game.subscribe(update)];
  const parts = [connection, roster, world, chat, feed];
  return {
    element,
    destroy: () => {
      offs.forEach((f) => f());
      parts.forEach((p) => p.destroy?.());
    },
  };
}

/** Before the start, the projector shows how to join. */
export function observerLobby(team: TeamStore): View {
  const { welcome, game } = team.getState();
  const roster = rosterLine(team);
  const connection = connectionLine(team);
  const element = el(
    'main',
    { className: 'page team-page team-observer', attrs: { 'data-view': 'projector' } },
    el('p', { className: 'eyebrow' }, game?.getState().run?.scenario.title ?? ''),
    el('h1', {}, 'Join the game day'),
    el('p', {}, 'Join code: ', el('strong', { className: 'team-code' }, welcome?.code ?? '')),
    el('p', { className: 'observer-link' }, 'Or open ', el('strong', {}, welcome ? joinLink(team, welcome.code) : '')),
    el('h2', {}, 'Who is here'),
    roster.element,
    connection.element,
  );
  return { element, destroy: () => [roster, connection].forEach((p) => p.destroy?.()) };
}
