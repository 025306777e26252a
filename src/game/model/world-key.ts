/**
 * What of the game the world shows, as a key: two moments with the same key draw the same picture
 * (new samples arrive once a tick, the clocks on the screens show minutes), so a store update that
 * leaves the key unchanged needs no frame.
 */
import type { EngineState } from '../../engine';
import type { Scenario } from '../../format';

/** The key for `state` of `scenario`, given the composure and severity the world shows for it. */
export function worldKey(scenario: Scenario, state: EngineState, calm: number, severity: number): string {
  const tick = Math.floor(state.time / scenario.clock.tickSeconds);
  const minute = Math.floor(state.time / 60);
  const services = Object.keys(state.services)
    .map((id) => state.services[id])
    .join();
  return `${tick}|${minute}|${severity}|${calm}|${state.shipped.length}|${services}|${state.ending?.id ?? ''}`;
}
