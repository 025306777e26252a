/**
 * Team mode's screens: the lobby, a player's incident screen (the solo panels, driven by the room),
 * the facilitator's console, and the shared debrief.
 */
import { SPEEDS } from '../../net/protocol';
import { declaringRoles } from '../../net/roles';
import type { GameStore } from '../../store';
import { closeTeam, facilitatorCommand, mySeat, roleName, type TeamStore } from '../../store/team-session';
import { destroyViews, el, setAttr, setText, type View } from '../dom';
import { actionPalette } from '../incident/action-palette';
import { channelList } from '../incident/channel-list';
import { chatView } from '../incident/chat-view';
import { composer } from '../incident/composer';
import { evidencePanel } from '../incident/evidence-panel';
import { createIncidentUi } from '../incident/incident-ui';
import { notesPanel } from '../incident/notes-panel';
import { seatPerspective, watcherPerspective, type Perspective } from '../incident/perspective';
import { sideTabs } from '../incident/side-tabs';
import { worldPanel } from '../incident/world-panel';
import { debriefScreen } from '../screens/debrief-screen';
import { clockOf } from '../format';
import { teamNames } from '../../debrief/team-debrief';
import { teamDebriefParts } from './team-debrief';
import { activityFeed, hintsPanel, joinInfo, rosterPanel, teamBar } from './team-panels';
import { projectorButton } from './team-observer';

const destroyAll = (parts: View[]) => () => destroyViews(parts);

const leaveButton = (team: TeamStore, label = 'Leave the game day') =>
  el('button', { className: 'ghost', attrs: { type: 'button' }, on: { click: () => closeTeam(team) } }, label);

export function lobbyScreen(team: TeamStore): View {
  const { as, game } = team.getState();
  const title = game?.getState().run?.scenario.title ?? '';
  const roster = rosterPanel(team);
  const parts: View[] = [roster];
  const problem = el('p', { className: 'team-refused', attrs: { role: 'alert' } });
  let body: HTMLElement;
  let warn = () => {};
  if (as === 'facilitator') {
    const info = joinInfo(team);
    parts.push(info);
    const start = el(
      'button',
      {
        className: 'primary big',
        attrs: { type: 'button' },
        on: { click: () => void facilitatorCommand(team, { type: 'start' }) },
      },
      'Start the game day',
    );
    const noDeclarer = noDeclarerWarning(team);
    warn = () => {
      const shown = noDeclarer.update();
      // Starting a game day nobody can win takes a deliberate tick, not a slip of the hand.
      start.disabled = shown && !noDeclarer.anyway.checked;
      if (shown) setAttr(start, 'aria-describedby', 'team-no-declarer');
      else start.removeAttribute('aria-describedby');
    };
    noDeclarer.anyway.addEventListener('change', warn);
    body = el('div', { className: 'card' }, info.element, roster.element, noDeclarer.element, problem, start);
  } else {
    const seat = mySeat(team);
    body = el(
      'div',
      { className: 'card' },
      el('p', {}, seat ? `You joined as ${seat.name}, ${roleName(team, seat.role)}.` : ''),
      el('p', { className: 'muted' }, 'The incident starts when the facilitator starts it.'),
      roster.element,
      problem,
    );
  }
  const element = el(
    'main',
    { className: 'page team-page team-lobby' },
    el('p', { className: 'eyebrow' }, title),
    el('h1', {}, as === 'facilitator' ? 'Game day lobby' : 'Waiting for the facilitator'),
    body,
    leaveButton(team),
  );
  const update = () => {
    setText(problem, team.getState().refusal ?? team.getState().error ?? '');
    warn();
  };
  update();
  const off = team.subscribe(update);
  parts.push({ element, destroy: off });
  return { element, destroy: destroyAll(parts) };
}

/**
 * The lobby's warning when nobody who has joined may declare the incident resolved (see
 * `declaringRoles`): such a game day can never be won. It names the roles that may, and offers
 * the facilitator a deliberate "start anyway" for a drill meant to go without them (a commander
 * may also join once it runs).
 */
function noDeclarerWarning(team: TeamStore): { element: HTMLElement; anyway: HTMLInputElement; update: () => boolean } {
  const text = el('span', {});
  const anyway = el('input', { attrs: { type: 'checkbox', id: 'team-start-anyway' } });
  const element = el(
    'div',
    { className: 'team-warning', attrs: { id: 'team-no-declarer', role: 'alert' } },
    el('p', {}, el('strong', {}, 'Nobody here may declare the incident resolved. '), text),
    el('label', { attrs: { for: 'team-start-anyway' } }, anyway, ' Start anyway: this game day cannot end as resolved'),
  );
  const update = () => {
    const { roster, welcome, game } = team.getState();
    const scenario = game?.getState().run?.scenario;
    const roles = welcome?.roles ?? [];
    const declarers = scenario ? declaringRoles(scenario, roles) : roles;
    const missing = roster.length > 0 && !roster.some((s) => declarers.some((r) => r.id === s.role));
    element.hidden = !missing;
    if (missing) {
      const names = declarers.map((r) => r.name).join(' or ');
      setText(
        text,
        declarers.length === 0
          ? 'None of the roles on offer may, so this game day can never be won: open a new one that offers such a role.'
          : `Only ${names} may, and nobody has joined as one, so this game day cannot be won. Wait for one to join, or start anyway.`,
      );
    } else anyway.checked = false;
    return missing;
  };
  return { element, anyway, update };
}

/** What this page's seat may do: its role's grants, as the room checks them. */
function playerPerspective(team: TeamStore): Perspective {
  const seat = mySeat(team);
  const role = seat && team.getState().welcome?.roles.find((r) => r.id === seat.role);
  return seat && role ? seatPerspective(seat.id, role) : watcherPerspective('You have no seat in this game day.');
}

export function playerScreen(team: TeamStore, game: GameStore): View {
  const run = game.getState().run!;
  const ui = createIncidentUi(run.scenario, playerPerspective(team));
  const bar = teamBar(team, leaveButton(team, 'Leave'));
  const parts: View[] = [
    bar,
    channelList(game, ui),
    chatView(game, ui),
    composer(game, ui),
    worldPanel(game),
    sideTabs(game, ui, { actions: actionPalette(game, ui), evidence: evidencePanel(game, ui), notes: notesPanel(game, ui) }),
    hintsPanel(team),
    activityFeed(team),
  ];
  const [, channels, chat, write, world, tabs, hints, feed] = parts as [View, View, View, View, View, View, View, View];
  const element = el(
    'div',
    { className: 'incident-screen team-incident' },
    bar.element,
    el(
      'div',
      { className: 'incident-body' },
      channels.element,
      el(
        'main',
        { className: 'conversation', attrs: { 'aria-label': 'Conversation' } },
        el('h1', { className: 'visually-hidden' }, run.scenario.title),
        hints.element,
        chat.element,
        write.element,
      ),
      el('aside', { className: 'side', attrs: { 'aria-label': 'Dashboards and tools' } }, world.element, tabs.element, feed.element),
    ),
  );
  return { element, destroy: destroyAll(parts) };
}

export function consoleScreen(team: TeamStore, game: GameStore): View {
  const run = game.getState().run!;
  const { scenario } = run;
  const ui = createIncidentUi(scenario, watcherPerspective('The facilitator watches; the players answer.'));
  const send = (command: Parameters<typeof facilitatorCommand>[1]) => void facilitatorCommand(team, command);

  // The clock.
  const pause = el('button', {
    className: 'secondary',
    attrs: { type: 'button' },
    on: { click: () => send({ type: team.getState().phase === 'paused' ? 'resume' : 'pause' }) },
  });
  const speeds = SPEEDS.map((s) =>
    el(
      'button',
      {
        className: 'ghost speed',
        attrs: { type: 'button', 'aria-label': `Speed ${s}×`, 'aria-pressed': 'false' },
        on: { click: () => send({ type: 'speed', speed: s }) },
      },
      `${s}×`,
    ),
  );
  // Ending is for everyone and cannot be undone, so it asks first.
  const confirmEnd = endDialog(() => send({ type: 'end' }));
  const end = el(
    'button',
    { className: 'ghost danger', attrs: { type: 'button', 'aria-haspopup': 'dialog' }, on: { click: () => confirmEnd.open() } },
    'End the game day',
  );
  const controls = el(
    'div',
    { className: 'controls' },
    pause,
    el('div', { className: 'speeds', attrs: { role: 'group', 'aria-label': 'Speed' } }, ...speeds),
    end,
    projectorButton(team),
    confirmEnd.element,
  );
  const bar = teamBar(team, controls);

  // Injects: the scenario's own, or words written on the spot as any character in any channel.
  const injects = team.getState().welcome?.injects ?? [];
  const from = el(
    'select',
    { attrs: { id: 'inject-from' } },
    ...scenario.characters.map((c) => el('option', { attrs: { value: c.id } }, `${c.name} (${c.role})`)),
  );
  const channel = el(
    'select',
    { attrs: { id: 'inject-channel' } },
    ...scenario.channels.map((c) => el('option', { attrs: { value: c.id } }, c.kind === 'dm' ? c.name : `#${c.name}`)),
  );
  const injectText = el('textarea', { attrs: { id: 'inject-text', rows: '2', maxlength: '1000' } });
  const injectForm = el(
    'form',
    { className: 'team-form', attrs: { 'aria-label': 'Inject a message' } },
    el('label', { attrs: { for: 'inject-from' } }, 'Inject as'),
    from,
    el('label', { attrs: { for: 'inject-channel' } }, 'Inject in channel'),
    channel,
    el('label', { attrs: { for: 'inject-text' } }, 'Inject text'),
    injectText,
    el('button', { className: 'primary', attrs: { type: 'submit' } }, 'Send inject'),
  );
  injectForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = injectText.value.trim();
    if (!text) return;
    void facilitatorCommand(team, { type: 'inject-text', from: from.value, channel: channel.value, text }).then(
      (ok) => ok && (injectText.value = ''),
    );
  });
  const injectList =
    injects.length > 0
      ? el(
          'ul',
          { className: 'team-injects', attrs: { 'aria-label': 'Prepared injects' } },
          ...injects.map((i) =>
            el(
              'li',
              {},
              el(
                'button',
                { className: 'secondary', attrs: { type: 'button' }, on: { click: () => send({ type: 'inject', inject: i.id }) } },
                `Inject: ${i.label}`,
              ),
            ),
          ),
        )
      : el('p', { className: 'muted' }, 'This scenario has no prepared injects; write one below.');

  // Hints: to everyone in a role, or to one player.
  const hintTo = el('select', { attrs: { id: 'hint-to' } });
  const hintText = el('textarea', { attrs: { id: 'hint-text', rows: '2', maxlength: '600' } });
  const hintForm = el(
    'form',
    { className: 'team-form', attrs: { 'aria-label': 'Send a hint' } },
    el('label', { attrs: { for: 'hint-to' } }, 'Hint for'),
    hintTo,
    el('label', { attrs: { for: 'hint-text' } }, 'Hint text'),
    hintText,
    el('button', { className: 'primary', attrs: { type: 'submit' } }, 'Send hint'),
  );
  hintForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = hintText.value.trim();
    const [kind, id] = hintTo.value.split(':') as [string, string];
    if (!text || !id) return;
    void facilitatorCommand(team, { type: 'hint', to: kind === 'role' ? { role: id } : { seat: id }, text }).then(
      (ok) => ok && (hintText.value = ''),
    );
  });

  // Private notes: only the facilitator sees them.
  const noteText = el('textarea', { attrs: { id: 'private-note', rows: '2', maxlength: '2000' } });
  const noteList = el('ol', { className: 'team-private-notes', attrs: { 'aria-label': 'Private notes' } });
  const noteForm = el(
    'form',
    { className: 'team-form', attrs: { 'aria-label': 'Write a private note' } },
    el('label', { attrs: { for: 'private-note' } }, 'Private note'),
    noteText,
    el('button', { className: 'secondary', attrs: { type: 'submit' } }, 'Add private note'),
  );
  // The console scrolls within its part of the screen: a note just written comes into view there.
  let noted = false;
  noteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = noteText.value.trim();
    if (!text) return;
    noted = true;
    void facilitatorCommand(team, { type: 'facilitator-note', text }).then((ok) => {
      if (ok) noteText.value = '';
      else noted = false;
    });
  });

  const roster = rosterPanel(team);
  const info = joinInfo(team);
  const parts: View[] = [
    bar,
    roster,
    info,
    channelList(game, ui),
    chatView(game, ui),
    worldPanel(game),
    activityFeed(team),
    hintsPanel(team),
  ];
  const [, , , channels, chat, world, feed, hints] = parts as View[] as [View, View, View, View, View, View, View, View];
  const console = el(
    'section',
    { className: 'team-console', attrs: { 'aria-label': 'Facilitator console' } },
    el('details', { className: 'team-console-part', attrs: { open: '' } }, el('summary', {}, 'Inject'), injectList, injectForm),
    el('details', { className: 'team-console-part', attrs: { open: '' } }, el('summary', {}, 'Hint'), hintForm, hints.element),
    el('details', { className: 'team-console-part', attrs: { open: '' } }, el('summary', {}, 'Private notes'), noteForm, noteList),
    el('details', { className: 'team-console-part' }, el('summary', {}, 'Roster and join code'), roster.element, info.element),
  );
  const element = el(
    'div',
    { className: 'incident-screen team-facilitator' },
    bar.element,
    el(
      'div',
      { className: 'incident-body' },
      channels.element,
      el(
        'main',
        { className: 'conversation', attrs: { 'aria-label': 'Conversation' } },
        el('h1', { className: 'visually-hidden' }, `Facilitator console: ${scenario.title}`),
        chat.element,
      ),
      el('aside', { className: 'side', attrs: { 'aria-label': 'Dashboards and console' } }, world.element, console, feed.element),
    ),
  );
  const update = () => {
    const s = team.getState();
    setText(pause, s.phase === 'paused' ? 'Resume the game day' : 'Pause the game day');
    pause.disabled = s.phase !== 'running' && s.phase !== 'paused';
    speeds.forEach((b, i) => setAttr(b, 'aria-pressed', String(SPEEDS[i] === s.speed)));
    const options = [
      ...(s.welcome?.roles ?? []).map((r) => ({ value: `role:${r.id}`, label: `Everyone in ${r.name}` })),
      ...s.roster.map((p) => ({ value: `seat:${p.id}`, label: `${p.name} (${roleName(team, p.role)})` })),
    ];
    const key = options.map((o) => o.value).join(',');
    if (hintTo.dataset.key !== key) {
      const chosen = hintTo.value;
      hintTo.replaceChildren(...options.map((o) => el('option', { attrs: { value: o.value } }, o.label)));
      if (options.some((o) => o.value === chosen)) hintTo.value = chosen;
      hintTo.dataset.key = key;
    }
    if (noteList.children.length !== s.facilitatorNotes.length) {
      noteList.replaceChildren(...s.facilitatorNotes.map((n) => el('li', {}, el('time', {}, clockOf(scenario, n.at)), ' ', n.text)));
      if (noted) noteList.lastElementChild?.scrollIntoView?.({ block: 'nearest' });
      noted = false;
    }
  };
  update();
  parts.push({ element, destroy: team.subscribe(update) });
  return { element, destroy: destroyAll(parts) };
}

/**
 * The confirmation before ending: a modal dialog (Esc or "Keep playing" closes it, and nothing is
 * sent), since ending moves every player to the debrief at once and cannot be undone.
 */
function endDialog(confirm: () => void): View & { open(): void } {
  const yes = el('button', { className: 'primary danger', attrs: { type: 'button' } }, 'Yes, end it for everyone');
  const no = el('button', { className: 'secondary', attrs: { type: 'button' } }, 'Keep playing');
  const dialog = el(
    'dialog',
    { className: 'dialog team-end', attrs: { 'aria-labelledby': 'team-end-title', 'aria-describedby': 'team-end-about' } },
    el('h2', { attrs: { id: 'team-end-title' } }, 'End the game day for everyone?'),
    el(
      'p',
      { attrs: { id: 'team-end-about' } },
      'Every player goes to the debrief now, and the game day cannot be resumed. The debrief says that you ended it, and when.',
    ),
    el('div', { className: 'dialog-buttons' }, no, yes),
  );
  no.addEventListener('click', () => dialog.close());
  yes.addEventListener('click', () => {
    dialog.close();
    confirm();
  });
  return {
    element: dialog,
    open: () => {
      if (dialog.open) return;
      dialog.showModal();
      no.focus();
    },
  };
}

/** The shared run's debrief: the solo debrief of the team's run, with who played what. */
export function teamDebriefScreen(team: TeamStore, game: GameStore): View {
  // The team's exports (with names) replace the solo ones, and the team's way on is the header's
  // leave button: play again, replay and scenario choice belong to solo play.
  const { roster, facilitatorNotes, as, ended } = team.getState();
  const names = teamNames(roster, (role) => roleName(team, role));
  const debrief = debriefScreen(game, { exports: false, playAgain: false, names });
  const scenario = game.getState().run!.scenario;
  const header = el(
    'section',
    { className: 'card team-debrief', attrs: { 'aria-label': 'The team' } },
    el('h2', {}, 'The team'),
    // Who ended it and when (game time), so nobody takes a stopped game day for the incident's own ending.
    ended?.by === 'facilitator'
      ? el('p', { className: 'team-ended-by' }, `Ended by the facilitator at ${clockOf(scenario, ended.at)}.`)
      : null,
    el('ul', {}, ...roster.map((s) => el('li', {}, `${s.name} — ${roleName(team, s.role)}`))),
    as === 'facilitator' && facilitatorNotes.length > 0
      ? el('div', {}, el('h3', {}, 'Your private notes'), el('ul', {}, ...facilitatorNotes.map((n) => el('li', {}, n.text))))
      : null,
    leaveButton(team, 'Back to the title screen'),
  );
  const feed = activityFeed(team);
  debrief.element.insertBefore(header, debrief.element.querySelector('.grade-row')?.nextSibling ?? null);
  header.after(teamDebriefParts(team, game.getState().run!).element);
  debrief.element.append(feed.element);
  return { element: debrief.element, destroy: destroyAll([debrief, feed]) };
}
