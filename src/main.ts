/** Page entry: the store, the DOM app, the clock, saving on leave, and sound once it has loaded. */
import {
  browserScheduler,
  browserStorage,
  createGameStore,
  openReplay,
  provideScenarios,
  reloadScenario,
  save,
  setPaused,
  showNotice,
  startClock,
} from './store';
import { mountApp } from './ui/app';
import { createTeamStore, observeCodeFromHash, openTeamScreen, resumeTeam, watchGameDay } from './store/team-session';
import { browserTeamPorts } from './ui/team/ports';

const store = createGameStore({
  storage: browserStorage('local'),
  scenarios: [],
  newSeed: () => crypto.getRandomValues(new Uint32Array(1))[0]!,
});

const team = createTeamStore(() => store.getState().scenarios, browserTeamPorts());
// Author tools only when asked for: `?dev` in the address (dev server builds only).
const devPanel = import.meta.env.DEV && new URLSearchParams(location.search).has('dev');
mountApp(document.getElementById('app')!, store, team, { devPanel });
// Team mode: a projector view (#observe=CODE: a watcher, from any browser; a reload keeps the
// address and so watches again), back to this tab's seat or console after a reload, or open a join
// link (#join=CODE).
const observe = observeCodeFromHash(location.hash);
void (observe ? watchGameDay(team, observe).then(() => true) : resumeTeam(team)).then((resumed) => {
  if (!resumed) openJoinLink();
});
addEventListener('hashchange', openJoinLink);
function openJoinLink(): void {
  const match = /^#join=([A-Za-z0-9-]{1,40})$/.exec(location.hash);
  if (!match || team.getState().welcome) return;
  openTeamScreen(team, 'join', match[1]!);
  history.replaceState(null, '', location.pathname + location.search);
}
startClock(store, browserScheduler);

// The scenarios (their text, the parser and the schema) load after the first screen is up; a saved
// run resumes as soon as they arrive.
import('./scenarios')
  .then(({ bundledScenarios, onScenarioSaved }) => {
    const { scenarios, problems } = bundledScenarios();
    for (const p of problems) console.warn(`bundled scenario problem: ${p.file}:${p.line}:${p.column} ${p.code} ${p.message}`);
    provideScenarios(store, scenarios);
    // Dev server only: a saved scenario file takes effect at once, the run replayed onto it.
    onScenarioSaved((result) => {
      if (result.ok) reloadScenario(store, result.scenario);
      else {
        const [first] = result.diagnostics;
        const more = result.diagnostics.length > 1 ? ` (and ${result.diagnostics.length - 1} more)` : '';
        showNotice(
          store,
          `The saved scenario has ${result.diagnostics.length} problem${result.diagnostics.length === 1 ? '' : 's'}, so the previous version stays in play: ${first!.file}:${first!.line}:${first!.column} ${first!.code} ${first!.message}${more}`,
        );
      }
    });
    void openReplayLink();
    addEventListener('hashchange', () => void openReplayLink());
  })
  .catch((error: unknown) => console.error('the scenarios could not be loaded', error));

/** A replay link carries a whole run in its fragment (#replay=…); open it on the replay screen. */
async function openReplayLink(): Promise<void> {
  if (!location.hash.startsWith('#replay=')) return;
  const { readReplayFragment } = await import('./debrief');
  const result = await readReplayFragment(location.hash, store.getState().scenarios);
  if (!result) return;
  if (!result.ok) {
    showNotice(store, `This replay link could not be opened. ${result.error.message}`);
    return;
  }
  const { options, log, time, team } = result.record;
  openReplay(store, { scenario: result.scenario, options, log, end: time, ...(team ? { team } : {}) }, 'link');
}

// Save the exact moment on leaving; pause while hidden so nobody returns to a finished incident.
addEventListener('pagehide', () => save(store));
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) return;
  save(store);
  setPaused(store, true);
});

// Sound is not needed for the first screen; load it after the page is interactive.
import('./audio')
  .then(({ createSoundDirector }) => createSoundDirector(store))
  .catch((error: unknown) => console.warn('sound is unavailable', error));
