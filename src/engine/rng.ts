/**
 * A small seeded generator (mulberry32) whose whole state is one 32-bit integer, so it lives inside
 * the engine state and survives save, replay and the network unchanged.
 */

/** Normalises any number into a valid generator state. */
export function seedState(seed: number): number {
  return (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
}

/** Returns a float in [0, 1) and the generator's next state. */
export function nextRandom(state: number): [value: number, next: number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return [value, next];
}

/** A stream of floats in [0, 1) from a seed, for code outside the engine state (tools, scenery). */
export function randomFloats(seed: number): () => number {
  let state = seedState(seed);
  return () => {
    const [value, next] = nextRandom(state);
    state = next;
    return value;
  };
}
