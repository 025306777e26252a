import { describe, expect, it } from 'vitest';
import { gameSecondsFor, isNotable, MAX_REAL_STEP_MS } from '../../src/engine';

describe('gameSecondsFor: real time into game time, for the solo clock and team rooms', () => {
  it('turns a real second at 1× into three game seconds, with nothing left over', () => {
    expect(gameSecondsFor(0, 1000, 1)).toEqual({ seconds: 3, carryMs: 0 });
    expect(gameSecondsFor(0, 1000, 4)).toEqual({ seconds: 12, carryMs: 0 });
  });

  it('carries fractions in whole game milliseconds, so many small steps add up exactly', () => {
    let carry = 0;
    let total = 0;
    for (let i = 0; i < 30; i++) {
      const { seconds, carryMs } = gameSecondsFor(carry, 100, 1);
      total += seconds;
      carry = carryMs;
    }
    expect([total, carry]).toEqual([9, 0]);
    expect(gameSecondsFor(0, 250, 1)).toEqual({ seconds: 0, carryMs: 750 });
    expect(gameSecondsFor(750, 250, 1)).toEqual({ seconds: 1, carryMs: 500 });
    // A frame of 16.7 ms at 2× is 100.2 game ms, kept as 100.
    expect(gameSecondsFor(0, 16.7, 2)).toEqual({ seconds: 0, carryMs: 100 });
  });

  it('never lets a stall become a burst of game time, nor time run backwards', () => {
    expect(gameSecondsFor(0, 60_000, 1)).toEqual(gameSecondsFor(0, MAX_REAL_STEP_MS, 1));
    expect(gameSecondsFor(400, -500, 1)).toEqual({ seconds: 0, carryMs: 400 });
  });
});

describe('isNotable: what wakes a waiting player', () => {
  it('counts the world moving and messages, not chatter marked noise', () => {
    const at = { seq: 1, at: 0 };
    expect(isNotable({ ...at, kind: 'deploy', deploy: 'd1' })).toBe(true);
    expect(isNotable({ ...at, kind: 'action-completed', action: 'a', player: 'you', verdict: 'success', text: '' })).toBe(true);
    const message = { ...at, kind: 'message' as const, post: 'p1', channel: 'c', from: 'ana', mention: false };
    expect(isNotable({ ...message, importance: 'normal' })).toBe(true);
    expect(isNotable({ ...message, importance: 'noise' })).toBe(false);
    expect(isNotable({ ...at, kind: 'note', player: 'you', text: 'x' })).toBe(false);
  });
});
