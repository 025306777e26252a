/**
 * Mounts the DOM side of the game: the notices strip and whichever screen the store says is
 * showing. Each screen subscribes to the store itself and cleans up when it is replaced.
 *
 * The screens on the solo path to the first incident are in the first download; the debrief, the
 * replay and team mode load the first time they show (a "Loading…" heading meanwhile).
 */
import { dismissNotice, showNotice, type GameStore, type Screen } from '../store';
import type { TeamStore } from '../store/team-session';
import { el, syncList, type View } from './dom';
import { lazy, type Lazy } from './lazy';
import { briefingScreen } from './screens/briefing-screen';
import { incidentScreen, type IncidentScreenOptions } from './screens/incident-screen';
import { loadingScreen, type LoadingView } from './screens/loading-screen';
import { selectScreen } from './screens/select-screen';
import { titleScreen } from './screens/title-screen';
import { registerTeamStore, teamViewKey } from './team/entry';

const debriefModule = lazy(() => import('./screens/debrief-screen'));
const replayModule = lazy(() => import('./screens/replay-screen'));
const teamModule = lazy(() => import('./team'));

/** How to build a screen: at once, or once its module has loaded (`build` is undefined until then). */
interface Source {
  build: (() => View) | undefined;
  load(): Promise<unknown>;
  /** Names the screen in the notice if its module cannot be loaded. */
  label: string;
}

const now = (build: () => View): Source => ({ build, load: () => Promise.resolve(), label: '' });

function later<M>(module: Lazy<M>, label: string, build: (m: M) => View): Source {
  const m = module.loaded();
  return { build: m === undefined ? undefined : () => build(m), load: () => module.load(), label };
}

const SCREENS: Record<Screen, (store: GameStore, options: AppOptions) => Source> = {
  title: (store) => now(() => titleScreen(store)),
  select: (store) => now(() => selectScreen(store)),
  briefing: (store) => now(() => briefingScreen(store)),
  incident: (store, options) => now(() => incidentScreen(store, options)),
  debrief: (store) => later(debriefModule, 'debrief', (m) => m.debriefScreen(store)),
  replay: (store) => later(replayModule, 'replay', (m) => m.replayScreen(store)),
};

/** The screen that usually comes next, fetched while the player is busy so it shows at once. */
const NEXT: Partial<Record<Screen, Lazy<unknown>>> = { incident: debriefModule, debrief: replayModule };

/** What the page asked for: the author's Dev panel (`?dev`) so far. */
export type AppOptions = IncidentScreenOptions;

export function mountApp(root: HTMLElement, store: GameStore, team: TeamStore | null = null, options: AppOptions = {}): () => void {
  registerTeamStore(team);
  const notices = el('div', { className: 'notices', attrs: { role: 'status', 'aria-live': 'polite' } });
  const holder = el('div', { className: 'screen-holder' });
  root.replaceChildren(notices, holder);
  // `built` is false while a placeholder stands in for a screen whose module is loading.
  let showing: { screen: Screen | `team:${string}`; scenario: unknown; view: View; built: boolean } | null = null;
  let stopped = false;
  // The notice of a failed load, taken down once a screen has been built after all.
  let failureNotice: number | null = null;

  // The screen last shown, so that a new one opens at its top while a rebuild of the same one (hot reload) keeps its place.
  let lastScreen: string | null = null;
  const show = (entry: NonNullable<typeof showing>, bodyScreen: string) => {
    showing = entry;
    holder.replaceChildren(entry.view.element);
    document.body.dataset.screen = bodyScreen;
    if (lastScreen !== entry.screen) {
      lastScreen = entry.screen;
      // Each screen opens at its top, not at the scroll position the last one was left at.
      root.ownerDocument.defaultView?.scrollTo(0, 0);
    }
    // Move focus to the new screen's heading so keyboard and screen-reader users land in it.
    const heading = entry.view.element.querySelector<HTMLElement>('h1') ?? entry.view.element.querySelector<HTMLElement>('h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  };

  /** Shows a placeholder until `source` has loaded, then renders again (which drops it if the store moved on). */
  const showWhileLoading = (source: Source, screen: Screen | `team:${string}`, scenario: unknown, bodyScreen: string) => {
    const placeholder: LoadingView = loadingScreen(() => {
      if (showing?.view !== placeholder) return;
      showing = null;
      render();
    });
    const entry = { screen, scenario, view: placeholder, built: false };
    show(entry, bodyScreen);
    source.load().then(
      () => {
        if (!stopped) render();
      },
      (error: unknown) => {
        // Only the placeholder still showing reports; one the player has left behind is dropped quietly.
        if (stopped || showing !== entry) return;
        console.error(`the ${source.label} screen could not be loaded`, error);
        const why = error instanceof Error ? error.message : String(error);
        placeholder.failed('Check the connection, then try again; reloading the page works too.');
        // One notice at a time: a second failed try replaces the first.
        if (failureNotice !== null) dismissNotice(store, failureNotice);
        showNotice(
          store,
          `The ${source.label} screen could not be loaded (${why}). Check the connection, then use “Try again” or reload the page.`,
        );
        failureNotice = store.getState().notices.at(-1)?.id ?? null;
      },
    );
  };

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
          el(
            'button',
            {
              className: 'ghost',
              attrs: { type: 'button', 'aria-label': 'Dismiss this notice' },
              on: { click: () => dismissNotice(store, n.id) },
            },
            'Dismiss',
          ),
        ),
      () => {},
    );
    // While a game day is open, its screens show instead of the solo ones.
    const teamKey = team ? teamViewKey(team, store) : null;
    const screen: Screen | `team:${string}` = teamKey === null ? state.screen : `team:${teamKey}`;
    const scenario = teamKey === null ? state.run?.scenario : null;
    const source =
      team && teamKey !== null ? later(teamModule, 'team mode', (m) => m.teamView(team, store)) : SCREENS[state.screen](store, options);
    // A new version of the scenario in play (hot reload) rebuilds the screen around it; a placeholder
    // stays until its module has loaded.
    if (showing?.screen === screen && showing.scenario === scenario && (showing.built || !source.build)) return;
    try {
      showing?.view.destroy?.();
    } catch (error) {
      // A view that fails to clean up must not keep the player on the old screen.
      console.error('a screen failed to clean up', error);
    }
    showing = null;
    const bodyScreen = teamKey === null ? state.screen : `team-${team!.getState().screen}`;
    if (source.build) {
      show({ screen, scenario, view: source.build(), built: true }, bodyScreen);
      const stale = failureNotice;
      failureNotice = null;
      if (stale !== null) dismissNotice(store, stale);
    } else showWhileLoading(source, screen, scenario, bodyScreen);
    const next = teamKey === null ? NEXT[state.screen] : undefined;
    // A failed early fetch is retried, and reported, when that screen is asked for.
    next?.load().catch(() => {});
  };
  const unsubscribe = store.subscribe(render);
  const unsubscribeTeam = team?.subscribe(render);
  render();
  return () => {
    stopped = true;
    unsubscribe();
    unsubscribeTeam?.();
    showing?.view.destroy?.();
  };
}
