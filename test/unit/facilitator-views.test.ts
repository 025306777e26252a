/**
 * What views make of a facilitator's inject and hint: each is posted with an ordinary message
 * event, so the chat shows it, it pings like an important message, the desk's monitor pulses, and
 * the terminal prints the message once (the inject and hint events add no second line).
 */
import { describe, expect, it } from 'vitest';
import { cuesFor } from '../../src/audio/cues';
import { describeEvent } from '../../src/cli/format-run';
import { init, step } from '../../src/engine';
import { reactionsTo } from '../../src/game/model/reactions';
import { miniScenario } from './helpers/mini-scenario';

const scenario = miniScenario({
  team: { injects: [{ id: 'ceo', label: 'The CEO asks', from: 'sue', channel: 'support', text: 'The CEO is asking.' }] },
});

function stepped(input: Parameters<typeof step>[2]) {
  const result = step(scenario, init(scenario, { seed: 1, coach: 'off' }), input);
  if (result.rejected) throw new Error(result.rejected.message);
  return result;
}

describe('views of facilitator inputs', () => {
  it('treat an inject as an important message', () => {
    const { state, events } = stepped({ type: 'inject', inject: 'ceo', player: 'facilitator' });
    expect(state.chat.map((p) => [p.channel, p.text])).toEqual([['support', 'The CEO is asking.']]);
    expect(cuesFor(events)).toEqual(['mention']);
    expect(reactionsTo(events).messagePulse).toBe(2);
    expect(events.map((e) => describeEvent(scenario, state, e))).toEqual([expect.stringContaining('Sue: The CEO is asking.'), null]);
  });

  it("treat a facilitator's hint like a coach hint", () => {
    const { state, events } = stepped({ type: 'hint', text: 'Read the diff.', to: { role: 'operator' }, player: 'facilitator' });
    expect(state.chat.map((p) => [p.channel, p.from, p.text])).toEqual([['dm-sam', 'sam', 'Read the diff.']]);
    expect(cuesFor(events)).toEqual(['mention']);
    expect(reactionsTo(events).messagePulse).toBe(2);
    expect(events.map((e) => describeEvent(scenario, state, e))).toEqual([expect.stringContaining('Read the diff.'), null]);
  });
});
