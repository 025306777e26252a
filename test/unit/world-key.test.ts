/**
 * The world draws a frame only when what it shows changes: its key must stay put while only the
 * game clock's seconds move, and change with each tick's new samples and each new minute.
 */
import { describe, expect, it } from 'vitest';
import { init, step, type EngineState } from '../../src/engine';
import { isQuiet, reactionsTo } from '../../src/game/model/reactions';
import { worldKey } from '../../src/game/model/world-key';
import { composure, severity } from '../../src/store';
import { miniScenario } from './helpers/mini-scenario';

const scenario = miniScenario();
const keyOf = (state: EngineState) => worldKey(scenario, state, composure(scenario, state), severity(state));
const tick = (state: EngineState, seconds: number) => {
  const result = step(scenario, state, { type: 'tick', seconds });
  if (result.rejected) throw new Error(result.rejected.message);
  return result;
};

describe('the world key', () => {
  it('stays the same within a tick and changes at the next one and each minute', () => {
    const start = init(scenario, { seed: 1, coach: 'off' });
    const tickSeconds = scenario.clock.tickSeconds;
    expect(tickSeconds).toBeGreaterThan(1);
    const oneSecond = tick(start, 1).state;
    expect(keyOf(oneSecond)).toBe(keyOf(start));
    const nextTick = tick(start, tickSeconds).state;
    expect(keyOf(nextTick)).not.toBe(keyOf(start));
    let state = start;
    const keys = new Set<string>();
    for (let s = 0; s < 120; s += tickSeconds) {
      state = tick(state, tickSeconds).state;
      keys.add(keyOf(state));
    }
    expect(keys.size).toBe(Math.ceil(120 / tickSeconds));
  });

  it('is quiet for a batch of events that animates nothing', () => {
    expect(isQuiet(reactionsTo([]))).toBe(true);
    const { events } = tick(init(scenario, { seed: 1, coach: 'off' }), 600);
    expect(isQuiet(reactionsTo(events))).toBe(
      events.every((e) => !['message', 'alarm', 'service', 'milestone', 'relapse', 'ending', 'action-completed'].includes(e.kind)),
    );
  });
});
