/**
 * Team mode shows the room's run through a GameStore whose inputs go to the room: the store's
 * injectable dispatcher takes every player input, and the local engine is never stepped.
 */
import { describe, expect, it } from 'vitest';
import { init } from '../../src/engine';
import type { Input } from '../../src/engine';
import { createGameStore, dispatch, memoryStorage } from '../../src/store';
import { miniScenario } from './helpers/mini-scenario';

describe('the injectable dispatcher', () => {
  it('routes player inputs to it and leaves the run as it was', () => {
    const scenario = miniScenario();
    const sent: unknown[] = [];
    const store = createGameStore({
      storage: memoryStorage(),
      scenarios: [scenario],
      newSeed: () => 1,
      dispatcher: (input) => (sent.push(input), null),
    });
    const options = { seed: 1, coach: 'off' as const };
    const run = { scenario, options, log: [], state: init(scenario, options) };
    store.setState({ run });
    const action = scenario.actions[0]!.id;
    expect(dispatch(store, { type: 'act', action })).toBeNull();
    expect(sent).toEqual([{ type: 'act', action }]);
    expect(store.getState().run).toBe(run);
  });

  it('passes on a refusal the dispatcher knows at once', () => {
    const scenario = miniScenario();
    const store = createGameStore({
      storage: memoryStorage(),
      scenarios: [scenario],
      newSeed: () => 1,
      dispatcher: () => ({ code: 'game.over', message: 'Not connected.' }),
    });
    const options = { seed: 1, coach: 'off' as const };
    store.setState({ run: { scenario, options, log: [], state: init(scenario, options) } });
    const input: Exclude<Input, { type: 'tick' }> = { type: 'note', text: 'hello' };
    expect(dispatch(store, input)).toEqual({ code: 'game.over', message: 'Not connected.' });
  });
});
