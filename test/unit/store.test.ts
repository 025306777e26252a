import { describe, expect, it } from 'vitest';
import {
  addScenario,
  advance,
  createGameStore,
  dispatch,
  goTo,
  memoryStorage,
  PROGRESS,
  provideScenarios,
  reloadScenario,
  readDocument,
  save,
  SAVED_RUN,
  setPaused,
  startClock,
  startRun,
  updateSettings,
  type GameStore,
  type Migrations,
} from '../../src/store';
import { z } from 'zod';
import { manualScheduler } from './helpers/manual-scheduler';
import { miniScenario, miniScenarioInput } from './helpers/mini-scenario';

const scenario = miniScenario();

function fresh(storage = memoryStorage()) {
  return { storage, store: createGameStore({ storage, scenarios: [scenario], newSeed: () => 11 }) };
}

const texts = (store: GameStore) =>
  store
    .getState()
    .notices.map((n) => n.text)
    .join(' | ');

describe('running an incident from the store', () => {
  it('starts a run on the incident screen and feeds inputs to the engine', () => {
    const { store } = fresh();
    startRun(store);
    expect(store.getState().screen).toBe('incident');
    advance(store, 70);
    expect(dispatch(store, { type: 'act', action: 'read_diff' })).toBeNull();
    const { run } = store.getState();
    expect(run?.log).toEqual([{ at: 70, input: { type: 'act', action: 'read_diff' } }]);
    expect(run?.state.current.you?.action).toBe('read_diff');
  });

  it('keeps a refused input out of the log and explains it', () => {
    const { store } = fresh();
    startRun(store);
    const rejection = dispatch(store, { type: 'act', action: 'fix' });
    expect(rejection?.message).toBe('You do not know what changed yet.');
    expect(store.getState().rejection).toEqual(rejection);
    expect(store.getState().run?.log).toEqual([]);
  });

  it('runs game time only while the incident screen is showing and unpaused, at the chosen speed', () => {
    const { store } = fresh();
    const scheduler = manualScheduler();
    startClock(store, scheduler);
    startRun(store);
    scheduler.run(1000);
    expect(store.getState().run?.state.time).toBe(3);
    updateSettings(store, { speed: 4 });
    scheduler.run(1000);
    expect(store.getState().run?.state.time).toBe(15);
    setPaused(store, true);
    scheduler.run(5000);
    expect(store.getState().run?.state.time).toBe(15);
    setPaused(store, false);
    goTo(store, 'title');
    scheduler.run(5000);
    expect(store.getState().run?.state.time).toBe(15);
  });

  it('records progress when the run ends and clears the save', () => {
    const { store, storage } = fresh();
    startRun(store);
    advance(store, 1600);
    const { run, progress } = store.getState();
    expect(run?.state.ending?.id).toBe('lost');
    expect(progress.scenarios.mini).toMatchObject({ completed: 1, lastEnding: 'lost' });
    expect(storage.get(SAVED_RUN.key)).toBeNull();
    const stored = readDocument(storage, PROGRESS);
    expect(stored.ok === true && stored.value.scenarios.mini?.completed).toBe(1);
  });
});

describe('save and resume', () => {
  it('resumes a reloaded run at the same moment, paused, with the same state', () => {
    const first = fresh();
    const scheduler = manualScheduler();
    startClock(first.store, scheduler);
    startRun(first.store);
    scheduler.run(2000);
    dispatch(first.store, { type: 'act', action: 'read_diff' });
    scheduler.run(2500);
    save(first.store); // what the page does on pagehide
    const before = first.store.getState().run!.state;
    const again = fresh(first.storage).store;
    expect(again.getState().screen).toBe('incident');
    expect(again.getState().paused).toBe(true);
    expect(JSON.stringify(again.getState().run?.state)).toBe(JSON.stringify(before));
    expect(texts(again)).toContain('resumes at 16:00');
  });

  it('keeps a scenario file loaded before the bundled scenarios arrived', () => {
    const storage = memoryStorage();
    const store = createGameStore({ storage, scenarios: [], newSeed: () => 11 });
    const own = miniScenario({ id: 'own', title: 'My own incident' });
    addScenario(store, own);
    provideScenarios(store, [scenario]);
    expect(store.getState().scenarios.map((s) => s.id)).toEqual(['mini', 'own']);
    expect(store.getState().selected).toBe('own');
  });

  it('replays the run onto a reloaded scenario at the same moment, dropping inputs it refuses', () => {
    const { store, storage } = fresh();
    startRun(store);
    dispatch(store, { type: 'act', action: 'read_diff' });
    advance(store, 200);
    dispatch(store, { type: 'note', text: 'Hypothesis: the cache key changed.' });
    const before = store.getState().run!;
    const renamed = miniScenario({
      version: '1.1.0',
      actions: miniScenarioInput().actions!.map((a) => (a.id === 'read_diff' ? { ...a, label: 'Read the cache diff' } : a)),
    });
    reloadScenario(store, renamed);
    const after = store.getState().run!;
    expect(after.scenario).toBe(renamed);
    expect(after.state.time).toBe(before.state.time);
    expect(after.log).toEqual(before.log);
    expect(after.state.done.map((d) => d.action)).toEqual(['read_diff']);
    expect(texts(store)).toMatch(/Reloaded “Mini incident” \(version 1\.1\.0\); your run was replayed onto it up to 16:03:20\./);
    expect(readDocument(storage, SAVED_RUN)).toMatchObject({ ok: true, value: { scenario: { version: '1.1.0' } } });

    const without = miniScenario({ version: '1.2.0', actions: miniScenarioInput().actions!.filter((a) => a.id !== 'read_diff') });
    reloadScenario(store, without);
    expect(store.getState().run!.log.map((e) => e.input.type)).toEqual(['note']);
    expect(texts(store)).toMatch(/1 earlier input no longer applies and was dropped\./);
  });

  it('resumes once scenarios arrive after start-up, as the page loads them', () => {
    const first = fresh();
    startRun(first.store);
    advance(first.store, 120);
    save(first.store);
    const late = createGameStore({ storage: first.storage, scenarios: [], newSeed: () => 11 });
    expect(late.getState().screen).toBe('title');
    provideScenarios(late, [scenario]);
    expect(late.getState().screen).toBe('incident');
    expect(late.getState().run?.state.time).toBe(120);
  });

  it('starts fresh with a clear message when the save is corrupted, keeping settings and progress', () => {
    const { storage, store } = fresh();
    updateSettings(store, { volume: 0.2 });
    startRun(store);
    advance(store, 1600);
    storage.set(SAVED_RUN.key, '{"version":1,"scenario":');
    const again = fresh(storage).store;
    expect(again.getState().screen).toBe('title');
    expect(texts(again)).toContain('Your saved run was damaged (not valid JSON)');
    expect(again.getState().settings.volume).toBe(0.2);
    expect(again.getState().progress.scenarios.mini?.completed).toBe(1);
    expect(storage.get(SAVED_RUN.key)).toBeNull();
  });

  it('refuses a save from an unknown version or a changed scenario, with the reason', () => {
    const newer = memoryStorage({ [SAVED_RUN.key]: JSON.stringify({ version: 9, scenario: { id: 'mini', version: '1.0.0' } }) });
    expect(texts(fresh(newer).store)).toContain('comes from a newer version of Firedrill (format 9)');
    const changed = memoryStorage({
      [SAVED_RUN.key]: JSON.stringify({
        version: 1,
        scenario: { id: 'mini', version: '0.9.0' },
        options: { seed: 1, coach: 'off' },
        log: [],
        time: 10,
      }),
    });
    expect(texts(fresh(changed).store)).toContain('the scenario has changed since (now 1.0.0)');
    const gone = memoryStorage({
      [SAVED_RUN.key]: JSON.stringify({
        version: 1,
        scenario: { id: 'elsewhere', version: '1.0.0' },
        options: { seed: 1, coach: 'off' },
        log: [],
        time: 10,
      }),
    });
    expect(texts(fresh(gone).store)).toContain('no longer available ("elsewhere")');
  });

  it('refuses a save whose log the engine would refuse', () => {
    const forged = memoryStorage({
      [SAVED_RUN.key]: JSON.stringify({
        version: 1,
        scenario: { id: 'mini', version: '1.0.0' },
        options: { seed: 1, coach: 'off' },
        log: [{ at: 5, input: { type: 'act', action: 'fix' } }],
        time: 10,
      }),
    });
    expect(texts(fresh(forged).store)).toContain('no longer replays');
  });

  it('resets damaged settings alone', () => {
    const storage = memoryStorage({ 'firedrill.settings': JSON.stringify({ version: 1, volume: 7, muted: 'no' }) });
    const { store } = fresh(storage);
    expect(store.getState().settings.volume).toBe(0.7);
    expect(texts(store)).toContain('Your settings was damaged (volume)');
  });
});

describe('versioned documents', () => {
  const spec = {
    key: 'doc',
    version: 3,
    what: 'the document',
    schema: z.object({ version: z.number(), name: z.string(), size: z.number() }),
    migrations: {
      1: (d) => ({ ...d, name: String(d.title ?? 'untitled') }),
      2: (d) => ({ ...d, size: 1 }),
    } satisfies Migrations,
  };

  it('migrates an old document forward step by step', () => {
    const storage = memoryStorage({ doc: JSON.stringify({ version: 1, title: 'old' }) });
    expect(readDocument(storage, spec)).toEqual({ ok: true, value: { version: 3, name: 'old', size: 1 } });
  });

  it('explains a version it has no migration for', () => {
    const storage = memoryStorage({ doc: JSON.stringify({ version: 0 }) });
    expect(readDocument(storage, spec)).toEqual({
      ok: false,
      error: { code: 'save.old-version', message: 'The document is in an old format (0) that can no longer be read.' },
    });
  });
});
