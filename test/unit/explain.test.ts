import { describe, expect, it } from 'vitest';
import { explain, failingParts, holds, init, replay, worldOf, type EngineState } from '../../src/engine';
import { forEachCondition, type Condition } from '../../src/format';
import { playRandomly } from '../../src/authoring';
import { loadShipped } from './helpers/flagship';
import { miniScenario } from './helpers/mini-scenario';

describe('explaining a condition', () => {
  it('agrees with the engine on every condition of the flagship, across random runs', () => {
    const flagship = loadShipped('friday-deploy.json');
    const world = worldOf(flagship);
    const conditions: Condition[] = [];
    forEachCondition(flagship, (c) => conditions.push(c));
    let checked = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { log, coach } = playRandomly(flagship, seed, 30);
      for (const until of [600, 1500, 2400]) {
        const state: EngineState = replay(
          flagship,
          { seed, coach },
          log.filter((e) => e.at <= until),
          until,
        ).state;
        for (const c of conditions) {
          const e = explain(world, state, c);
          expect(e.holds).toBe(holds(world, state, c));
          // A failing condition always names at least one failing part, and none that holds.
          if (!e.holds) expect(failingParts(e).every((p) => !p.holds) && failingParts(e).length > 0).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('says which part failed and what the state has instead', () => {
    const scenario = miniScenario();
    const world = worldOf(scenario);
    const state = init(scenario, { seed: 1, coach: 'off' });
    const e = explain(world, state, { all: [{ fact: 'pings', lt: 5 }, { fact: 'flag_off', eq: true }, { not: { time: { gte: 0 } } }] });
    expect(e.holds).toBe(false);
    expect(failingParts(e).map((p) => p.text)).toEqual(['fact "flag_off" = true (it is false)', 'not: game time ≥ 0 (it is 0)']);
    expect(e.parts[0]).toMatchObject({ holds: true, text: 'fact "pings" < 5 (it is 0)' });
  });
});
