/**
 * Mounts the DOM side of the game: the notices strip and whichever screen the store says is
 * showing. Each screen subscribes to the store itself and cleans up when it is replaced.
 */
import { dismissNotice, type GameStore, type Screen } from '../store';
import { el, syncList, type View } from './dom';
import { briefingScreen } from './screens/briefing-screen';
import { debriefScreen } from './screens/debrief-screen';
import { incidentScreen } from './screens/incident-screen';
import { replayScreen } from './screens/replay-screen';
import { selectScreen } from './screens/select-screen';
import { titleScreen } from './screens/title-screen';
import type { TeamStore } from '../store/team-session';
import { registerTeamStore, teamView, teamViewKey } from './team';

const SCREENS: Record<Screen, (store: GameStore) => View> = {
  title: titleScreen,
  select: selectScreen,
  briefing: briefingScreen,
  incident: incidentScreen,
  debrief: debriefScreen,
  replay: replayScreen,
};

export function mountApp(root: HTMLElement, store: GameStore, team: TeamStore | null = null): () => void {
  registerTeamStore(team);
  const notices = el('div', { className: 'notices', attrs: { role: 'status', 'aria-live': 'polite' } });
  const holder = el('div', { className: 'screen-holder' });
  root.replaceChildren(notices, holder);
  let showing: { screen: Screen | `team:${string}`; scenario: unknown; view: View } | null = null;

  const render = () => {
    const state = store.getState();
    syncList(
      notices,
      state.notices,
      (n) => String(n.id),
      (n) =>
        el(
          'div',
          { className: `notice notice-${n.tone}` },
          el('p', {}, n.text),
          el('button', { className: 'ghost', attrs: { type: 'button', 'aria-label': 'Dismiss this notice' }, on: { click: () => dismissNotice(store, n.id) } }, 'Dismiss'),
        ),
      () => {},
    );
    // While a game day is open, its screens show instead of the solo ones.
    const teamKey = team ? teamViewKey(team, store) : null;
    const screen: Screen | `team:${string}` = teamKey === null ? state.screen : `team:${teamKey}`;
    const scenario = teamKey === null ? state.run?.scenario : null;
    // A new version of the scenario in play (hot reload) rebuilds the screen around it.
    if (showing?.screen === screen && showing.scenario === scenario) return;
    try {
      showing?.view.destroy?.();
    } catch (error) {
      // A view that fails to clean up must not keep the player on the old screen.
      console.error('a screen failed to clean up', error);
    }
    const view = team && teamKey !== null ? teamView(team, store) : SCREENS[state.screen](store);
    showing = { screen, scenario, view };
    holder.replaceChildren(view.element);
    document.body.dataset.screen = teamKey === null ? state.screen : `team-${team!.getState().screen}`;
    // Move focus to the new screen's heading so keyboard and screen-reader users land in it.
    const heading = view.element.querySelector<HTMLElement>('h1') ?? view.element.querySelector<HTMLElement>('h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  };
  const unsubscribe = store.subscribe(render);
  const unsubscribeTeam = team?.subscribe(render);
  render();
  return () => {
    unsubscribe();
    unsubscribeTeam?.();
    showing?.view.destroy?.();
  };
}
