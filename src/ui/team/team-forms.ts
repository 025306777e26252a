/** Team mode's way in: the facilitator's "open a game day" form and the player's "join" form. */
import { GAME_SECONDS_PER_REAL_SECOND } from '../../engine';
import { SPEEDS, type RoomInfo, type Speed } from '../../net/protocol';
import { scenarioRoles } from '../../net/roles';
import type { GameStore } from '../../store';
import {
  closeTeam,
  createGameDay,
  joinGameDay,
  lookUpGameDay,
  saveName,
  savedName,
  type TeamState,
  type TeamStore,
} from '../../store/team-session';
import { el, type View } from '../dom';

const errorLine = (team: TeamStore) => {
  const error = team.getState().error;
  return error ? el('p', { className: 'team-error', attrs: { role: 'alert' } }, error) : null;
};

const back = (team: TeamStore) =>
  el('button', { className: 'ghost back', attrs: { type: 'button' }, on: { click: () => closeTeam(team) } }, '← Back');

export function createScreen(team: TeamStore, store: GameStore): View {
  const scenarios = store.getState().scenarios;
  const scenario = el(
    'select',
    { attrs: { id: 'team-scenario' } },
    ...scenarios.map((s) => el('option', { attrs: { value: s.id } }, s.title)),
  );
  const speed = el(
    'select',
    { attrs: { id: 'team-speed' } },
    ...SPEEDS.map((s) =>
      el('option', { attrs: { value: String(s) } }, `${s}× (${s * GAME_SECONDS_PER_REAL_SECOND} game seconds a second)`),
    ),
  );
  // The roles on offer: the chosen scenario's (its own, or the built-in set), all of them unless the facilitator says otherwise.
  const roleChoices = el('div', { className: 'team-role-list' });
  const roles = el('fieldset', { className: 'team-roles' }, el('legend', {}, 'Roles on offer'), roleChoices);
  const showRoles = () => {
    const chosen = scenarios.find((s) => s.id === scenario.value);
    roleChoices.replaceChildren(...(chosen ? scenarioRoles(chosen) : []).map((r) => roleOption('checkbox', 'team-offer', r, true)));
  };
  scenario.addEventListener('change', showRoles);
  showRoles();
  const problem = el('p', { className: 'team-error', attrs: { role: 'alert' } });
  const open = el('button', { className: 'primary big', attrs: { type: 'submit' } }, 'Open the game day');
  const form = el(
    'form',
    { className: 'card team-form' },
    el('label', { attrs: { for: 'team-scenario' } }, 'Scenario'),
    scenario,
    el('label', { attrs: { for: 'team-speed' } }, 'Speed'),
    speed,
    roles,
    el(
      'p',
      { className: 'muted' },
      'You get a join code and a link to share. Players join in a role; you start the incident when the team is ready, and pace it from the console.',
    ),
    problem,
    open,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const boxes = [...roleChoices.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    const offered = boxes.filter((b) => b.checked).map((b) => b.value);
    if (offered.length === 0) return void (problem.textContent = 'Offer at least one role, or players have nothing to join as.');
    open.disabled = true;
    // Every role ticked is the default; only a narrower offer is sent.
    void createGameDay(team, {
      scenario: scenario.value,
      speed: Number(speed.value) as Speed,
      ...(offered.length < boxes.length ? { roles: offered } : {}),
    });
  });
  if (scenarios.length === 0) {
    open.disabled = true;
    form.append(el('p', { className: 'muted' }, 'The scenarios are still loading…'));
  }
  const element = el(
    'main',
    { className: 'page team-page' },
    el('div', { className: 'page-head' }, back(team), el('h1', {}, 'Run a game day')),
    errorLine(team),
    form,
  );
  return { element };
}

/**
 * The player's form. The roles come from the game day itself: once the code is complete the store
 * looks it up, and the form offers that game day's scenario and roles (its own `team.roles`, or the
 * built-in set); Join stays disabled until a role of a known game day is chosen.
 */
export function joinScreen(team: TeamStore): View {
  const code = el('input', { attrs: { id: 'team-code', autocomplete: 'off', spellcheck: 'false', value: team.getState().prefillCode } });
  code.value = team.getState().prefillCode;
  const name = el('input', { attrs: { id: 'team-name', maxlength: '40', autocomplete: 'nickname' } });
  name.value = savedName(team.ports.seats);
  const about = el('p', { className: 'muted team-game-day', attrs: { 'aria-live': 'polite' } });
  const choices = el('div', { className: 'team-role-list' });
  const roles = el('fieldset', { className: 'team-roles' }, el('legend', {}, 'Your role'), about, choices);
  const join = el('button', { className: 'primary big', attrs: { type: 'submit', 'aria-describedby': 'team-join-why' } }, 'Join');
  // Why Join is disabled, said beside it rather than left to guess.
  const why = el('p', { className: 'muted team-join-why', attrs: { id: 'team-join-why' } });
  const problem = el('p', { className: 'team-error', attrs: { role: 'alert' } });
  const form = el(
    'form',
    { className: 'card team-form' },
    el('label', { attrs: { for: 'team-code' } }, 'Join code'),
    code,
    el('label', { attrs: { for: 'team-name' } }, 'Your name'),
    name,
    roles,
    problem,
    join,
    why,
  );
  const chosen = () => form.querySelector<HTMLInputElement>('input[name="team-role"]:checked')?.value;
  const found = () => {
    const lookup = team.getState().lookup;
    return lookup.state === 'found' && lookup.info.phase !== 'ended' ? lookup.info : null;
  };
  const enable = () => {
    const lookup = team.getState().lookup;
    const reason =
      lookup.state === 'found' && lookup.info.phase === 'ended'
        ? 'This game day is over.'
        : lookup.state === 'loading'
          ? 'Looking up the game day…'
          : !found()
            ? 'Enter the code of an open game day to join it.'
            : !chosen()
              ? 'Choose a role to join.'
              : '';
    join.disabled = reason !== '';
    why.textContent = reason;
  };

  let shown: TeamState['lookup'] | null = null;
  const update = () => {
    const lookup = team.getState().lookup;
    if (lookup === shown) return;
    // A failed look-up's message replaces only a message of the same kind, never the player's own mistake.
    if (shown?.state === 'failed' && problem.textContent === shown.message) problem.textContent = '';
    shown = lookup;
    // The role chosen before, also across a refused join, which rebuilds this form.
    const keep = chosen() ?? team.getState().prefillRole;
    choices.replaceChildren();
    if (lookup.state === 'found') {
      const { info } = lookup;
      about.replaceChildren('Game day: ', el('strong', { className: 'team-scenario-title' }, info.scenario.title), ...gameDayNote(info));
      choices.append(...info.roles.map((r) => roleOption('radio', 'team-role', r, r.id === keep)));
    } else {
      about.textContent = lookup.state === 'loading' ? 'Looking up the game day…' : 'Enter the code to see the roles.';
      if (lookup.state === 'failed') problem.textContent = lookup.message;
    }
    enable();
  };
  const offs = [team.subscribe(update)];
  update();
  // Not while the view is being built: the app is still mounting it, and a store change now would rebuild it.
  queueMicrotask(() => void lookUpGameDay(team, code.value));
  code.addEventListener('input', () => void lookUpGameDay(team, code.value));
  choices.addEventListener('change', enable);
  // A refusal is about what was sent: once the player changes the code or the name, it no longer applies.
  const stale = errorLine(team);
  const clear = () => {
    if (stale) stale.hidden = true;
    problem.textContent = '';
  };
  code.addEventListener('input', clear);
  name.addEventListener('input', clear);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const role = chosen();
    if (!code.value.trim()) return void (problem.textContent = 'Enter the join code the facilitator shared.');
    if (!name.value.trim()) return void (problem.textContent = 'Enter your name, so the team knows who did what.');
    if (!found()) return void (problem.textContent = 'Enter the code of an open game day to see its roles.');
    if (!role) return void (problem.textContent = 'Choose a role.');
    saveName(team.ports.seats, name.value.trim());
    join.disabled = true;
    void joinGameDay(team, code.value, { name: name.value.trim(), role });
  });
  const element = el(
    'main',
    { className: 'page team-page' },
    el('div', { className: 'page-head' }, back(team), el('h1', {}, 'Join a game day')),
    stale,
    form,
  );
  return { element, destroy: () => offs.forEach((f) => f()) };
}

/** One role to choose (a radio) or to offer (a checkbox): its accessible name is the role's name; its description describes it. */
function roleOption(
  type: 'radio' | 'checkbox',
  name: string,
  role: { id: string; name: string; description: string },
  checked: boolean,
): HTMLElement {
  const describedBy = `${name}-${role.id}-about`;
  const input = el('input', { attrs: { type, name, value: role.id, 'aria-describedby': describedBy } });
  input.checked = checked;
  return el(
    'div',
    { className: 'team-role' },
    el('label', {}, input, el('strong', {}, role.name)),
    el('span', { className: 'muted', attrs: { id: describedBy } }, role.description),
  );
}

/** Where the game day stands, in a few words after its title. */
function gameDayNote(info: RoomInfo): string[] {
  const players = info.players.length === 0 ? 'nobody has joined yet' : `${info.players.length} joined so far`;
  if (info.phase === 'ended') return ['. This game day is over; there is nothing to join.'];
  if (info.phase === 'lobby') return [` (${players}).`];
  return [` (already running; ${players}).`];
}

export function connectingScreen(): View {
  return {
    element: el(
      'main',
      { className: 'page team-page' },
      el('h1', {}, 'Connecting to the game day…'),
      el('p', { className: 'muted', attrs: { role: 'status' } }, 'One moment.'),
    ),
  };
}
