/** Team mode's reconnection policy: which drops are retried, the backoff, and the retry loop's states. */
import { describe, expect, it } from 'vitest';
import { TeamJoinError } from '../../src/net/team-client';
import {
  backoffDelay,
  CLOSE_CONSENTED,
  CLOSE_SEAT_TAKEN,
  connectionStatus,
  isReconnecting,
  shouldReconnect,
  startReconnecting,
  stopReconnecting,
} from '../../src/store/team/reconnect';

function fakeTimers() {
  const queue: { at: number; fn: () => void; id: number }[] = [];
  let now = 0;
  let next = 1;
  return {
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      queue.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimer: (id: unknown) => {
      const i = queue.findIndex((t) => t.id === id);
      if (i >= 0) queue.splice(i, 1);
    },
    /** Runs the earliest timer; returns its delay from the previous one. */
    async step(): Promise<number> {
      queue.sort((a, b) => a.at - b.at);
      const t = queue.shift();
      if (!t) throw new Error('no timer');
      const waited = t.at - now;
      now = t.at;
      t.fn();
      for (let i = 0; i < 5; i++) await Promise.resolve();
      return waited;
    },
  };
}

describe('team reconnection', () => {
  it('retries a drop, not a consented leave or a seat taken over', () => {
    expect(shouldReconnect(1006)).toBe(true);
    expect(shouldReconnect(1001)).toBe(true);
    expect(shouldReconnect(CLOSE_CONSENTED)).toBe(false);
    expect(shouldReconnect(CLOSE_SEAT_TAKEN)).toBe(false);
  });

  it('backs off 0.5 s, 1 s, 2 s… up to 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map(backoffDelay)).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('tries with growing pauses until a try succeeds, then says so', async () => {
    const owner = {};
    const timers = fakeTimers();
    let failures = 3;
    let tries = 0;
    startReconnecting(owner, {
      alive: () => true,
      attempt: async () => {
        tries++;
        if (failures-- > 0) throw new Error('offline');
      },
      giveUp: () => {
        throw new Error('must not give up');
      },
      ...timers,
    });
    expect(connectionStatus(owner).getState().state).toBe('reconnecting');
    expect(isReconnecting(owner)).toBe(true);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) waits.push(await timers.step());
    expect(waits).toEqual([500, 1000, 2000, 4000]);
    expect(tries).toBe(4);
    expect(connectionStatus(owner).getState().state).toBe('back');
    expect(isReconnecting(owner)).toBe(false);
    await timers.step();
    expect(connectionStatus(owner).getState().state).toBe('online');
  });

  it('gives up on a refusal that retrying cannot change', async () => {
    const owner = {};
    const timers = fakeTimers();
    let gaveUp: unknown = null;
    startReconnecting(owner, {
      alive: () => true,
      attempt: async () => {
        throw new TeamJoinError({ code: 'join.code', message: 'No game day is open to join under that code.' });
      },
      giveUp: (error) => (gaveUp = error),
      ...timers,
    });
    await timers.step();
    expect(gaveUp).not.toBeNull();
    expect(connectionStatus(owner).getState().state).toBe('lost');
  });

  it('stops quietly when the page leaves the game day', async () => {
    const owner = {};
    const timers = fakeTimers();
    let tries = 0;
    startReconnecting(owner, {
      alive: () => true,
      attempt: async () => {
        tries++;
      },
      giveUp: () => {},
      ...timers,
    });
    stopReconnecting(owner);
    expect(connectionStatus(owner).getState().state).toBe('online');
    await expect(timers.step()).rejects.toThrow('no timer');
    expect(tries).toBe(0);
  });
});
