/**
 * Team mode's DOM side: which team screen shows for the game day this page is in. The app shows
 * it instead of the solo screens while a game day is open (`team.screen` is not null), loading
 * this module on demand; what the first screen needs lives in ./entry.ts.
 */
import type { GameStore } from '../../store';
import type { TeamStore } from '../../store/team-session';
import { el, type View } from '../dom';
import { connectingScreen, createScreen, joinScreen } from './team-forms';
import { consoleScreen, lobbyScreen, playerScreen, teamDebriefScreen } from './team-screens';
import { isObserver, observerLobby, observerScreen } from './team-observer';

export function teamView(team: TeamStore, store: GameStore): View {
  const { screen, as, game } = team.getState();
  const run = game?.getState().run;
  switch (screen) {
    case 'create':
      return createScreen(team, store);
    case 'join':
      return joinScreen(team);
    case 'connecting':
      return connectingScreen();
    case 'lobby':
      return isObserver(team) ? observerLobby(team) : lobbyScreen(team);
    case 'incident':
      if (!game || !run) return connectingScreen();
      if (isObserver(team)) return observerScreen(team, game);
      return as === 'facilitator' ? consoleScreen(team, game) : playerScreen(team, game);
    case 'debrief':
      if (!game || !run) return connectingScreen();
      return teamDebriefScreen(team, game);
    default:
      return { element: el('main', { className: 'page' }, el('h1', {}, 'Team mode')) };
  }
}
