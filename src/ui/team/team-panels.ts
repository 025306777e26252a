/** Team mode's panels: the roster, the attributed activity feed, hints, and the team's top bar. */
import { severity } from '../../store';
import { joinLink, mySeat, projectorLink, roleName, type TeamStore } from '../../store/team-session';
import { el, setAttr, setText, syncList, type View } from '../dom';
import { busyText, clockOf } from '../format';
import { connectionLine } from './team-reconnect';

export function rosterPanel(team: TeamStore): View {
  const list = el('ul', { className: 'team-roster', attrs: { 'aria-label': 'Players' } });
  const empty = el('p', { className: 'muted' }, 'Nobody has joined yet.');
  // Anyone with the code may open a projector view, so the facilitator sees how many are watching.
  const watching = el('p', { className: 'muted team-watchers' });
  const element = el(
    'section',
    { className: 'team-roster-panel', attrs: { 'aria-label': 'Roster' } },
    el('h2', {}, 'Who is here'),
    empty,
    list,
    watching,
  );
  const update = () => {
    const { roster, watchers } = team.getState();
    empty.hidden = roster.length > 0;
    setText(watching, watchers === 0 ? '' : `${watchers} projector view${watchers === 1 ? '' : 's'} watching.`);
    watching.hidden = watchers === 0;
    syncList(
      list,
      roster,
      (s) => s.id,
      () => el('li', {}),
      (node, s) => {
        setText(node, `${s.name} — ${roleName(team, s.role)} — ${s.connected ? 'connected' : 'disconnected'}`);
        node.classList.toggle('offline', !s.connected);
      },
    );
  };
  update();
  const off = team.subscribe(update);
  return { element, destroy: off };
}

export function joinInfo(team: TeamStore): View {
  const code = team.getState().welcome?.code ?? '';
  const link = joinLink(team, code);
  const linkBox = el('input', { attrs: { id: 'team-link', readonly: '', value: link } });
  linkBox.value = link;
  const copy = el(
    'button',
    {
      className: 'secondary',
      attrs: { type: 'button' },
      on: {
        click: () => {
          linkBox.select();
          void navigator.clipboard?.writeText(link).then(
            () => (copy.textContent = 'Copied'),
            () => {},
          );
        },
      },
    },
    'Copy the link',
  );
  const element = el(
    'section',
    { className: 'team-join-info', attrs: { 'aria-label': 'How to join' } },
    el('p', {}, 'Join code: ', el('strong', { className: 'team-code', attrs: { 'data-code': code } }, code)),
    el('label', { attrs: { for: 'team-link' } }, 'Join link'),
    el('div', { className: 'team-link-row' }, linkBox, copy),
    // The projector needs only the code, so it opens on the room's PC as well as here.
    el(
      'p',
      { className: 'team-projector-link' },
      el('a', { attrs: { href: projectorLink(team, code), target: '_blank', rel: 'noopener' } }, 'Open the projector view'),
      " (read-only, for the room's screen; it opens from any browser with this game day's code).",
    ),
  );
  return { element };
}

export function activityFeed(team: TeamStore): View {
  const list = el('ol', { className: 'team-feed' });
  const scroller = el('div', { className: 'team-feed-scroller', attrs: { role: 'log', 'aria-label': 'Team activity' } }, list);
  const element = el('section', { className: 'team-activity' }, el('h2', {}, 'Team activity'), scroller);
  const update = () => {
    const { feed, game } = team.getState();
    const scenario = game?.getState().run?.scenario;
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    syncList(
      list,
      feed.slice(-200),
      (f) => f.key,
      (f) =>
        el('li', { className: `feed-${f.kind}` }, scenario ? el('time', {}, clockOf(scenario, f.at)) : null, ' ', el('span', {}, f.text)),
      () => {},
    );
    if (atBottom) scroller.scrollTop = scroller.scrollHeight;
  };
  update();
  const off = team.subscribe(update);
  return { element, destroy: off };
}

export function hintsPanel(team: TeamStore): View {
  const list = el('ol', { className: 'team-hints', attrs: { 'aria-label': 'Hints from the facilitator' } });
  const element = el('section', { className: 'team-hints-panel', attrs: { 'aria-live': 'polite' } }, el('h2', {}, 'Hints'), list);
  const update = () => {
    const { hints, game } = team.getState();
    const scenario = game?.getState().run?.scenario;
    element.hidden = hints.length === 0;
    syncList(
      list,
      hints,
      (h) => `${h.at}:${h.to}:${h.text}`,
      (h) => el('li', {}, scenario ? el('time', {}, clockOf(scenario, h.at)) : null, ' ', el('strong', {}, `Hint for ${h.to}: `), h.text),
      () => {},
    );
  };
  update();
  const off = team.subscribe(update);
  return { element, destroy: off };
}

const PHASE_LABEL = { lobby: 'Waiting to start', running: 'Running', paused: 'Paused by the facilitator', ended: 'Over' } as const;
const SEVERITY = ['All quiet', 'Something is off', 'Users affected', 'Outage'] as const;

/** Clock, phase, speed and who you are; a refusal of your own command shows here too. */
export function teamBar(team: TeamStore, controls: HTMLElement | null = null): View {
  const clock = el('time', { className: 'clock', attrs: { 'aria-label': 'Game time' } });
  const phase = el('span', { className: 'team-phase', attrs: { role: 'status' } });
  const sev = el('span', { className: 'severity' });
  const busy = el('span', { className: 'busy', attrs: { 'aria-live': 'polite' } });
  const seat = mySeat(team);
  const who = el('span', { className: 'team-you' }, seat ? `You are ${seat.name}, ${roleName(team, seat.role)}` : 'Facilitator');
  const refused = el('p', { className: 'team-refused', attrs: { role: 'alert' } });
  const connection = connectionLine(team);
  const element = el(
    'header',
    { className: 'top-bar team-bar' },
    el('div', { className: 'brand', attrs: { 'aria-hidden': 'true' } }, 'F'),
    el('div', { className: 'when' }, clock),
    phase,
    sev,
    seat ? busy : null,
    who,
    controls,
    refused,
    connection.element,
  );
  const update = () => {
    const s = team.getState();
    const run = s.game?.getState().run;
    if (run) {
      setText(clock, clockOf(run.scenario, run.state.time, true));
      const level = severity(run.state);
      setText(sev, SEVERITY[level]);
      setAttr(sev, 'data-level', String(level));
      setText(busy, busyText(run.scenario, run.state) ?? (run.state.ending ? 'The incident is over' : 'Free to act'));
    }
    setText(phase, `${PHASE_LABEL[s.phase]} · ${s.speed}×`);
    setAttr(phase, 'data-phase', s.phase);
    setText(refused, s.refusal ? `Refused: ${s.refusal}` : (s.error ?? ''));
  };
  update();
  const offs = [team.subscribe(update), () => connection.destroy?.()];
  const game = team.getState().game;
  if (game) offs.push(game.subscribe(update));
  return { element, destroy: () => offs.forEach((f) => f()) };
}
