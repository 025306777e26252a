/** A scheduler for store tests: time moves only when the test says, 100 ms per tick. */
import type { Scheduler } from '../../../src/store';

export function manualScheduler(): Scheduler & { run(ms: number): void } {
  let now = 0;
  let tick: (() => void) | null = null;
  return {
    now: () => now,
    every: (_ms, fn) => {
      tick = fn;
      return () => (tick = null);
    },
    run(ms: number) {
      for (let t = 0; t < ms; t += 100) {
        now += 100;
        tick?.();
      }
    },
  };
}
