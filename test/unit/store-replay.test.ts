import { describe, expect, it } from 'vitest';
import { score } from '../../src/engine';
import { compileScript } from '../../src/authoring';
import {
  createGameStore,
  dispatch,
  memoryStorage,
  openReplay,
  readDocument,
  save,
  SAVED_RUN,
  seekReplay,
  setReplayPlaying,
  setReplaySpeed,
  startClock,
  startRun,
} from '../../src/store';
import { manualScheduler } from './helpers/manual-scheduler';
import { loadShipped, playShippedScript, scenariosDir } from './helpers/flagship';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const flagship = loadShipped('friday-deploy.json');

/** The methodical script as a recorded run: its log, options and the time it ended. */
function recorded(script = 'friday-deploy/methodical.json') {
  const compiled = compileScript(flagship, JSON.parse(readFileSync(join(scenariosDir, 'scripts', script), 'utf8')));
  if (!compiled.ok) throw new Error(compiled.errors.join('; '));
  const played = playShippedScript(flagship, script);
  return {
    recording: {
      scenario: flagship,
      options: { seed: compiled.compiled.seed, coach: compiled.compiled.coach },
      log: compiled.compiled.log,
      end: played.state.ending!.at,
    },
    played,
  };
}

const fresh = (storage = memoryStorage()) => ({ storage, store: createGameStore({ storage, scenarios: [flagship], newSeed: () => 5 }) });

describe('watching a recorded run back', () => {
  it('opens at the start, paused, and reaches the identical state and score at the end', () => {
    const { recording, played } = recorded();
    const { store } = fresh();
    openReplay(store, recording, 'link');
    expect(store.getState().screen).toBe('replay');
    expect(store.getState().run!.state.time).toBe(0);
    expect(store.getState().replay!.playing).toBe(false);
    seekReplay(store, recording.end);
    const state = store.getState().run!.state;
    expect(state).toStrictEqual(played.state);
    expect(score(flagship, state)).toStrictEqual(played.score);
  });

  it('scrubs backwards and forwards to the same state as playing straight through', () => {
    const { recording } = recorded('friday-deploy/frantic.json');
    const { store } = fresh();
    openReplay(store, recording, 'file');
    seekReplay(store, 1800);
    const straight = store.getState().run!.state;
    seekReplay(store, recording.end);
    seekReplay(store, 600);
    expect(store.getState().run!.state.time).toBe(600);
    seekReplay(store, 1800);
    expect(store.getState().run!.state).toStrictEqual(straight);
  });

  it('plays at the chosen speed on the clock and stops at the end', () => {
    const { recording } = recorded();
    const { store } = fresh();
    const scheduler = manualScheduler();
    startClock(store, scheduler);
    openReplay(store, recording, 'link');
    setReplaySpeed(store, 16);
    setReplayPlaying(store, true);
    scheduler.run(1000);
    // 16× of 3 game seconds per real second.
    expect(store.getState().run!.state.time).toBe(48);
    scheduler.run(600_000);
    expect(store.getState().run!.state.time).toBe(recording.end);
    expect(store.getState().replay!.playing).toBe(false);
  });

  it('never lets a replay replace the player’s saved run or take inputs', () => {
    const { recording } = recorded();
    const { store, storage } = fresh();
    startRun(store);
    dispatch(store, { type: 'act', action: 'review_change' });
    const before = readDocument(storage, SAVED_RUN);
    openReplay(store, recording, 'link');
    seekReplay(store, 1200);
    save(store);
    expect(readDocument(storage, SAVED_RUN)).toStrictEqual(before);
    const refused = dispatch(store, { type: 'act', action: 'read_runbook' });
    expect(refused?.message).toMatch(/replay/);
  });

  it('opens an imported run at its end on the debrief', () => {
    const { recording, played } = recorded();
    const { store } = fresh();
    openReplay(store, recording, 'file', 'end');
    expect(store.getState().screen).toBe('debrief');
    expect(score(flagship, store.getState().run!.state).total).toBe(played.score.total);
  });
});
