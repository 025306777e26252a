/**
 * The golden replays: each shipped test plan still plays to the same timeline and score as when
 * it was pinned. The determinism tests compare the engine with itself; this compares it with the
 * past, so a change to the world-tick order or to scoring cannot slip through unnoticed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILE, goldenReplays, type Golden } from './helpers/golden';

describe('the golden replays', () => {
  const pinned = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Record<string, Golden>;
  const now = goldenReplays();

  it('pin every shipped test plan, and no plan that is gone (run `npm run golden` after adding or removing one)', () => {
    expect(Object.keys(now).sort()).toEqual(Object.keys(pinned).sort());
  });

  it.each(Object.keys(now))('%s replays to its pinned timeline and score (run `npm run golden` if the change is meant)', (key) => {
    expect(now[key], key).toEqual(pinned[key]);
  });
});
