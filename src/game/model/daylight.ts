/** The light outside the window for an hour of the day: a warm afternoon fading to dusk blue. */
import { mix } from '../palette';

/** Colours and strengths of the light at one hour. */
export interface Daylight {
  skyTop: number;
  skyMid: number;
  skyLow: number;
  /** The sun's glow colour and strength (0 once it has set). */
  sun: number;
  sunAlpha: number;
  /** Sun position in the window: x 0..1 left to right, y 0..1 top to horizon (>1 is below it). */
  sunX: number;
  sunY: number;
  /** How much warm light falls into the room, 0..1. */
  warmth: number;
  /** How blue and dark the room is, 0..1. */
  dusk: number;
  /** How many office windows across the street are lit, 0..1. */
  cityLights: number;
}

type Key = [hour: number, top: number, mid: number, low: number, warmth: number, dusk: number, lights: number];

// Tuned by eye against the dark room: the window should glow, never outshine the dashboards.
const KEYS: Key[] = [
  [0, 0x05070f, 0x0a1024, 0x141c36, 0, 1, 1],
  [5.5, 0x06091a, 0x0d1430, 0x1c2444, 0, 1, 0.9],
  [6.75, 0x2a3566, 0x6a5878, 0xd88a6a, 0.4, 0.5, 0.5],
  [8.5, 0x4a78b0, 0x86a8cc, 0xc8d6e0, 0.25, 0.1, 0.1],
  [12, 0x4f82bc, 0x8cb2d8, 0xc6dae8, 0.2, 0, 0],
  [15.25, 0x4a78ae, 0x8aa6c6, 0xe2c49a, 0.5, 0, 0.05],
  [16, 0x42699a, 0x9a9cb0, 0xf0b474, 0.78, 0.05, 0.1],
  [16.75, 0x33507e, 0x98808e, 0xf39c5c, 0.9, 0.15, 0.2],
  [17.3, 0x253a68, 0x7a5a78, 0xe2744a, 0.7, 0.35, 0.4],
  [17.75, 0x192650, 0x3f406c, 0x8e5a6c, 0.3, 0.65, 0.7],
  [18.25, 0x0f1836, 0x1e2a52, 0x3b4670, 0.06, 0.85, 0.9],
  [19.5, 0x070b1c, 0x0d1530, 0x1a2446, 0, 1, 1],
  [24, 0x05070f, 0x0a1024, 0x141c36, 0, 1, 1],
];

/** The sky and room light at `hour` (0–24, fractional). */
export function daylight(hour: number): Daylight {
  const h = ((hour % 24) + 24) % 24;
  let i = 0;
  while (i < KEYS.length - 2 && KEYS[i + 1]![0] <= h) i++;
  const a = KEYS[i]!;
  const b = KEYS[i + 1]!;
  const t = (h - a[0]) / (b[0] - a[0] || 1);
  const lerp = (x: number, y: number) => x + (y - x) * t;
  // The sun crosses the window from upper right (mid-afternoon) to the horizon at about 17:40.
  const sunset = 17.6;
  const sunY = 0.05 + ((h - 14) / (sunset - 14)) * 0.95;
  const sunAlpha = h < 7 || h > sunset + 0.6 ? 0 : Math.max(0, Math.min(1, (sunset + 0.6 - h) / 0.9));
  return {
    skyTop: mix(a[1], b[1], t),
    skyMid: mix(a[2], b[2], t),
    skyLow: mix(a[3], b[3], t),
    sun: mix(0xffe2a8, 0xff7a3c, Math.max(0, Math.min(1, (h - 15.5) / 2))),
    sunAlpha,
    sunX: Math.max(0.1, Math.min(0.92, 0.88 - (h - 14) * 0.06)),
    sunY: Math.max(-0.2, Math.min(1.4, sunY)),
    warmth: lerp(a[4], b[4]),
    dusk: lerp(a[5], b[5]),
    cityLights: lerp(a[6], b[6]),
  };
}
