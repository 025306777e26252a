/**
 * Turns real time into game time: while the incident screen runs unpaused, whole game seconds are
 * fed to the engine at the chosen speed; on the replay screen, the replay moves on instead. The
 * scheduler is injected so tests drive time by hand.
 */
import { gameSecondsFor, MAX_REAL_STEP_MS } from '../engine';
import { advance, save, type GameStore } from './game-store';
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
  /** Game milliseconds not yet given to the engine (the same conversion as a team room's, src/engine/clock.ts). */
  let carry = 0;
  let sinceSave = 0;
  return scheduler.every(FRAME_MS, () => {
    const now = scheduler.now();
    // A throttled background tab can stall for minutes; gameSecondsFor never lets that become a burst of game time.
    const elapsed = now - last;
    last = now;
    const { screen, paused, run, settings } = store.getState();
    const { replay } = store.getState();
    if (screen === 'replay') {
      if (!replay?.playing) {
        carry = 0;
        return;
      }
      const { seconds, carryMs } = gameSecondsFor(carry, elapsed, replay.speed);
      carry = carryMs;
      if (seconds > 0) advanceReplay(store, seconds);
      return;
    }
    if (screen !== 'incident' || paused || !run || run.state.ending) {
      carry = 0;
      return;
    }
    const { seconds, carryMs } = gameSecondsFor(carry, elapsed, settings.speed);
    carry = carryMs;
    if (seconds > 0) advance(store, seconds);
    sinceSave += Math.min(elapsed, MAX_REAL_STEP_MS);
    if (sinceSave >= SAVE_EVERY_MS) {
      sinceSave = 0;
      save(store);
    }
  });
}
