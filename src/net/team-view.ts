/**
 * Following a room: a client runs the same engine and feeds it the room's numbered events, so it
 * holds the server's engine state without the state ever being sent. Pure, like the engine.
 */
import { advanceTo, init, step, type EngineState, type RunOptions } from '../engine';
import type { Scenario } from '../format/schema';
import type { RoomEvent } from './protocol';

/** The engine state after one more room event. The facilitator's injects and hints are `input` events like the players'. */
export function followEvent(scenario: Scenario, engine: EngineState, event: RoomEvent): EngineState {
  switch (event.kind) {
    case 'input': {
      const now = advanceTo(scenario, engine, event.entry.at).state;
      // The server's engine accepted this input at this moment, so ours does too; a refusal here
      // would mean a different scenario version, and then the state is better left where it was.
      const result = step(scenario, now, event.entry.input);
      return result.state;
    }
    case 'clock':
      return advanceTo(scenario, engine, event.time).state;
    case 'phase':
    case 'speed':
      return advanceTo(scenario, engine, event.at).state;
    case 'seat':
      return engine;
  }
}

/** The engine state a room's events lead to, from the start of the run. */
export function followEvents(scenario: Scenario, options: RunOptions, events: readonly RoomEvent[]): EngineState {
  return events.reduce((engine, event) => followEvent(scenario, engine, event), init(scenario, options));
}
