import { describe, expect, it } from 'vitest';
import { init, step, type Input } from '../../src/engine';
import { LogEntrySchema } from '../../src/format/inputs';
import { SavedRunSchema } from '../../src/format/run-log';
import { LoggedInput } from '../../src/net/protocol';
import { miniScenario } from './helpers/mini-scenario';

/** One input schema (src/format/inputs.ts): the engine, the saved run and the protocol refuse the same things. */
describe('the engine input schema', () => {
  const scenario = miniScenario();
  const start = () => init(scenario, { seed: 1, coach: 'off' });
  const code = (input: unknown) => step(scenario, start(), input as Input).rejected?.code;

  it('refuses control characters in player text, as the team protocol does', () => {
    expect(code({ type: 'post', channel: 'incident', text: 'ok\u0007' })).toBe('text.invalid');
    expect(code({ type: 'note', text: 'tab\tand\nline breaks are fine' })).toBeUndefined();
    const entry = { at: 0, input: { type: 'note', text: 'bell\u0007', player: 'p1' } };
    expect(LogEntrySchema.safeParse(entry).success).toBe(false);
    expect(LoggedInput.safeParse(entry).success).toBe(false);
  });

  it('refuses ids that are not ids, and unknown fields', () => {
    expect(code({ type: 'act', action: 'Not An Id' })).toBe('input.invalid');
    expect(code({ type: 'act', action: 'constructor' })).toBe('input.invalid');
    expect(code({ type: 'act', action: 'x', extra: 1 })).toBe('input.invalid');
    expect(code({ type: 'tick', seconds: 1, extra: 1 })).toBe('input.invalid');
    expect(code({ type: 'dance' })).toBe('input.invalid');
    const saved = { version: 1, scenario: { id: 'mini', version: '1.0.0' }, options: { seed: 1, coach: 'off' }, time: 0 };
    expect(SavedRunSchema.safeParse({ ...saved, log: [{ at: 0, input: { type: 'act', action: 'Nope!' } }] }).success).toBe(false);
    expect(SavedRunSchema.safeParse({ ...saved, log: [{ at: 0, input: { type: 'act', action: 'nope' } }] }).success).toBe(true);
  });
});
