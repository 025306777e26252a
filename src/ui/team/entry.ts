/**
 * The little of team mode the solo first screen needs: the way in from the title screen and which
 * team view, if any, must show. Kept apart from the team views (./index.ts), which load on demand.
 */
import type { GameStore } from '../../store';
import { openTeamScreen, type TeamStore } from '../../store/team-session';

let current: TeamStore | null = null;

/** The app registers its team store here, so the title screen can open team mode. */
export function registerTeamStore(team: TeamStore | null): void {
  current = team;
}

export function openTeam(screen: 'create' | 'join', code = ''): void {
  if (current) openTeamScreen(current, screen, code);
}

export const teamAvailable = () => current !== null;

/** A key that changes whenever a different team view must be built; null while no game day is open. */
export function teamViewKey(team: TeamStore, store: GameStore): string | null {
  const { screen, as, game, error } = team.getState();
  if (screen === null) return null;
  const scenario = screen === 'incident' || screen === 'debrief' ? (game?.getState().run ? 'run' : 'none') : '';
  return `${screen}:${as ?? ''}:${scenario}:${screen === 'create' || screen === 'join' ? (error ?? '') : ''}:${screen === 'create' ? store.getState().scenarios.length : ''}`;
}
