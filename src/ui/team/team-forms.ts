/** Team mode's way in: the facilitator's "open a game day" form and the player's "join" form. */
import { DEFAULT_ROLES } from '../../net/roles';
import type { GameStore } from '../../store';
import { closeTeam, createGameDay, joinGameDay, type TeamStore } from '../../store/team-session';
import { el, type View } from '../dom';

const errorLine = (team: TeamStore) => {
  const error = team.getState().error;
  return error ? el('p', { className: 'team-error', attrs: { role: 'alert' } }, error) : null;
};

const back = (team: TeamStore) => el('button', { className: 'ghost back', attrs: { type: 'button' }, on: { click: () => closeTeam(team) } }, '← Back');

export function createScreen(team: TeamStore, store: GameStore): View {
  const scenarios = store.getState().scenarios;
  const scenario = el('select', { attrs: { id: 'team-scenario' } }, ...scenarios.map((s) => el('option', { attrs: { value: s.id } }, s.title)));
  const speed = el('select', { attrs: { id: 'team-speed' } }, ...[1, 2, 4].map((s) => el('option', { attrs: { value: String(s) } }, `${s}× (${s * 3} game seconds a second)`)));
  const open = el('button', { className: 'primary big', attrs: { type: 'submit' } }, 'Open the game day');
  const form = el(
    'form',
    { className: 'card team-form' },
    el('label', { attrs: { for: 'team-scenario' } }, 'Scenario'),
    scenario,
    el('label', { attrs: { for: 'team-speed' } }, 'Speed'),
    speed,
    el('p', { className: 'muted' }, 'You get a join code and a link to share. Players join in a role; you start the incident when the team is ready, and pace it from the console.'),
    open,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    open.disabled = true;
    void createGameDay(team, { scenario: scenario.value, speed: Number(speed.value) as 1 | 2 | 4 });
  });
  if (scenarios.length === 0) {
    open.disabled = true;
    form.append(el('p', { className: 'muted' }, 'The scenarios are still loading…'));
  }
  const element = el('main', { className: 'page team-page' }, el('div', { className: 'page-head' }, back(team), el('h1', {}, 'Run a game day')), errorLine(team), form);
  return { element };
}

export function joinScreen(team: TeamStore): View {
  const code = el('input', { attrs: { id: 'team-code', autocomplete: 'off', spellcheck: 'false', value: team.getState().prefillCode } });
  code.value = team.getState().prefillCode;
  const name = el('input', { attrs: { id: 'team-name', maxlength: '40', autocomplete: 'nickname' } });
  name.value = sessionStorage.getItem('firedrill.team.name') ?? '';
  const roles = el(
    'fieldset',
    { className: 'team-roles' },
    el('legend', {}, 'Your role'),
    ...DEFAULT_ROLES.map((r, i) =>
      el(
        'label',
        { className: 'team-role' },
        el('input', { attrs: { type: 'radio', name: 'team-role', value: r.id, ...(i === 1 ? { checked: '' } : {}) } }),
        el('span', {}, el('strong', {}, r.name), el('span', { className: 'muted' }, ` — ${r.description}`)),
      ),
    ),
  );
  const join = el('button', { className: 'primary big', attrs: { type: 'submit' } }, 'Join');
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
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const role = form.querySelector<HTMLInputElement>('input[name="team-role"]:checked')?.value;
    if (!code.value.trim()) return void (problem.textContent = 'Enter the join code the facilitator shared.');
    if (!name.value.trim()) return void (problem.textContent = 'Enter your name, so the team knows who did what.');
    if (!role) return void (problem.textContent = 'Choose a role.');
    sessionStorage.setItem('firedrill.team.name', name.value.trim());
    join.disabled = true;
    void joinGameDay(team, code.value, { name: name.value.trim(), role });
  });
  const element = el('main', { className: 'page team-page' }, el('div', { className: 'page-head' }, back(team), el('h1', {}, 'Join a game day')), errorLine(team), form);
  return { element };
}

export function connectingScreen(): View {
  return { element: el('main', { className: 'page team-page' }, el('h1', {}, 'Connecting to the game day…'), el('p', { className: 'muted', attrs: { role: 'status' } }, 'One moment.')) };
}
