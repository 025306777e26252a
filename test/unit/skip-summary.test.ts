import { describe, expect, it } from 'vitest';
import { init, isNotable, step, type EngineState, type TimelineEvent } from '../../src/engine';
import { skipSummary } from '../../src/ui/incident/skip-summary';
import { loadShipped } from './helpers/flagship';

const scenario = loadShipped('friday-deploy.json');

/** Ticks from `state` for `seconds`, as Skip ahead does, keeping every event. */
function run(state: EngineState, seconds: number): { state: EngineState; events: TimelineEvent[] } {
  const events: TimelineEvent[] = [];
  for (let t = 0; t < seconds; t += scenario.clock.tickSeconds) {
    const result = step(scenario, state, { type: 'tick', seconds: scenario.clock.tickSeconds });
    state = result.state;
    events.push(...result.events);
  }
  return { state, events };
}

describe('what Skip ahead says it skipped', () => {
  const start = init(scenario, { seed: 1, coach: 'off' });

  it('names the span in wall-clock time and what happened in it, from the notable events', () => {
    const { state, events } = run(start, 600);
    const text = skipSummary(scenario, 0, state.time, events);
    expect(text).toMatch(/^Skipped 15:55 → 16:05: /);
    const messages = events.filter((e) => e.kind === 'message' && isNotable(e)).length;
    expect(messages).toBeGreaterThan(0);
    expect(text).toContain(`${messages} message${messages === 1 ? '' : 's'}`);
    expect(text).toContain('deploy shipped: #482 orders: store line-item prices as integer cents');
    expect(text.endsWith('.')).toBe(true);
  });

  it('names alarms by their graph and says when nothing happened', () => {
    const alarm: TimelineEvent = { kind: 'alarm', metric: 'checkout_errors', on: true, at: 600, seq: 1 } as TimelineEvent;
    expect(skipSummary(scenario, 300, 600, [alarm])).toBe('Skipped 16:00 → 16:05: Checkout error rate alarm.');
    expect(skipSummary(scenario, 300, 600, [])).toBe('Skipped 16:00 → 16:05: nothing happened.');
  });
});
