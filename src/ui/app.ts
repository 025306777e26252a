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

const SCREENS: Record<Screen, (store: GameStore) => View> = {
  title: titleScreen,
  select: selectScreen,
  briefing: briefingScreen,
  incident: incidentScreen,
  debrief: debriefScreen,
  replay: replayScreen,
};

export function mountApp(root: HTMLElement, store: GameStore): () => void {
  const notices = el('div', { className: 'notices', attrs: { role: 'status', 'aria-live': 'polite' } });
  const holder = el('div', { className: 'screen-holder' });
  root.replaceChildren(notices, holder);
  let showing: { screen: Screen; scenario: unknown; view: View } | null = null;

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
    // A new version of the scenario in play (hot reload) rebuilds the screen around it.
    if (showing?.screen === state.screen && showing.scenario === state.run?.scenario) return;
    try {
      showing?.view.destroy?.();
    } catch (error) {
      // A view that fails to clean up must not keep the player on the old screen.
      console.error('a screen failed to clean up', error);
    }
    const view = SCREENS[state.screen](store);
    showing = { screen: state.screen, scenario: state.run?.scenario, view };
    holder.replaceChildren(view.element);
    document.body.dataset.screen = state.screen;
    // Move focus to the new screen's heading so keyboard and screen-reader users land in it.
    const heading = view.element.querySelector<HTMLElement>('h1') ?? view.element.querySelector<HTMLElement>('h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  };
  const unsubscribe = store.subscribe(render);
  render();
  return () => {
    unsubscribe();
    showing?.view.destroy?.();
  };
}
