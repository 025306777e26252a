/**
 * Turns real time into game time: while the incident screen runs unpaused, whole game seconds are
 * fed to the engine at the chosen speed; on the replay screen, the replay moves on instead. The
 * scheduler is injected so tests drive time by hand.
 */
import { advance, GAME_SECONDS_PER_REAL_SECOND, save, type GameStore } from './game-store';
import { advanceReplay } from './replay';

export interface Scheduler {
  now(): number;
  every(ms: number, fn: () => void): () => void;
}

export const browserScheduler: Scheduler = {
  now: () => performance.now(),
  every: (ms, fn) => {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
};

const FRAME_MS = 100;
const SAVE_EVERY_MS = 2000;

/** Starts the clock; returns a function that stops it. */
export function startClock(store: GameStore, scheduler: Scheduler): () => void {
  let last = scheduler.now();
  let carry = 0;
  let sinceSave = 0;
  return scheduler.every(FRAME_MS, () => {
    const now = scheduler.now();
    // A throttled background tab can stall for minutes; never let that become a burst of game time.
    const elapsed = Math.min(now - last, 1000);
    last = now;
    const { screen, paused, run, settings } = store.getState();
    const { replay } = store.getState();
    if (screen === 'replay') {
      if (!replay?.playing) carry = 0;
      else carry += (elapsed / 1000) * GAME_SECONDS_PER_REAL_SECOND * replay.speed;
      const whole = Math.floor(carry);
      carry -= whole;
      if (whole > 0) advanceReplay(store, whole);
      return;
    }
    if (screen !== 'incident' || paused || !run || run.state.ending) {
      carry = 0;
      return;
    }
    carry += (elapsed / 1000) * GAME_SECONDS_PER_REAL_SECOND * settings.speed;
    const whole = Math.floor(carry);
    if (whole > 0) {
      carry -= whole;
      advance(store, whole);
    }
    sinceSave += elapsed;
    if (sinceSave >= SAVE_EVERY_MS) {
      sinceSave = 0;
      save(store);
    }
  });
}
