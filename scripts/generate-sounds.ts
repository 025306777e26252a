/**
 * Synthesises every Firedrill sound in code and writes them as 16-bit PCM mono WAV files.
 *
 *   npx tsx scripts/generate-sounds.ts [output-dir]     (default: assets/sounds)
 *
 * Nothing is downloaded or sampled. Noise comes from a seeded generator, so running this twice
 * gives identical bytes. Cues are 22050 Hz; the looping tension bed is 11025 Hz. Every sound is
 * faded in and out (except the bed, which is periodic by construction and starts on a zero crossing)
 * and normalised to a peak of about -3 dBFS. How loud each plays relative to the others is set at
 * playback (src/audio/manifest.ts), not here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomFloats } from '../src/engine/rng';

export const CUE_RATE = 22050;
export const BED_RATE = 11025;
/** Peak level every file is normalised to: -3 dBFS. */
export const PEAK = 10 ** (-3 / 20);
/** Length of the tension loop in seconds; every component of the bed repeats a whole number of times in it. */
export const BED_SECONDS = 10;

export interface Sound {
  name: string;
  rate: number;
  samples: Float64Array;
}

const TAU = 2 * Math.PI;

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

function buffer(rate: number, seconds: number): Float64Array {
  return new Float64Array(Math.round(rate * seconds));
}

/** Exponential decay with time constant `tau` seconds, after a linear attack of `attack` seconds. */
function decayEnv(t: number, attack: number, tau: number): number {
  if (t < 0) return 0;
  if (t < attack) return t / attack;
  return Math.exp(-(t - attack) / tau);
}

/** A gate with raised-cosine edges: 1 between `start` and `end`, ramping over `edge` seconds. */
function gate(t: number, start: number, end: number, edge: number): number {
  if (t <= start || t >= end) return 0;
  if (t < start + edge) return 0.5 - 0.5 * Math.cos((Math.PI * (t - start)) / edge);
  if (t > end - edge) return 0.5 - 0.5 * Math.cos((Math.PI * (end - t)) / edge);
  return 1;
}

/**
 * Adds a struck tone: a sine whose frequency glides from `f0` towards `f1` (exponentially, time
 * constant `glide`), with a few partials (frequency ratio, relative level, decay factor).
 */
function addTone(
  out: Float64Array,
  rate: number,
  o: {
    at: number;
    f0: number;
    f1?: number;
    glide?: number;
    level: number;
    attack: number;
    tau: number;
    partials?: [number, number, number][];
  },
): void {
  const partials: [number, number, number][] = [[1, 1, 1], ...(o.partials ?? [])];
  const phases = partials.map(() => 0);
  const start = Math.floor(o.at * rate);
  for (let i = start; i < out.length; i++) {
    const t = (i - start) / rate;
    const f = o.f1 === undefined ? o.f0 : o.f1 + (o.f0 - o.f1) * Math.exp(-t / (o.glide ?? 0.05));
    let v = 0;
    for (let p = 0; p < partials.length; p++) {
      const [ratio, level, decay] = partials[p]!;
      phases[p]! += (TAU * f * ratio) / rate;
      v += level * Math.sin(phases[p]!) * decayEnv(t, o.attack, o.tau * decay);
    }
    out[i]! += o.level * v;
  }
}

/** Adds a burst of low-passed seeded noise: a soft transient, the "wood" of a knock. */
function addNoiseBurst(out: Float64Array, rate: number, o: { at: number; level: number; tau: number; cutoff: number; seed: number }): void {
  const random = randomFloats(o.seed);
  const k = 1 - Math.exp((-TAU * o.cutoff) / rate);
  let lp1 = 0;
  let lp2 = 0;
  const start = Math.floor(o.at * rate);
  const end = Math.min(out.length, start + Math.ceil(o.tau * 8 * rate));
  for (let i = start; i < end; i++) {
    const t = (i - start) / rate;
    lp1 += k * (random() * 2 - 1 - lp1);
    lp2 += k * (lp1 - lp2);
    out[i]! += o.level * lp2 * decayEnv(t, 0.0015, o.tau);
  }
}

/** One-pole low-pass, in place (takes the edge off square-ish tones). */
function lowPass(samples: Float64Array, rate: number, cutoff: number): void {
  const k = 1 - Math.exp((-TAU * cutoff) / rate);
  let y = 0;
  for (let i = 0; i < samples.length; i++) {
    y += k * (samples[i]! - y);
    samples[i] = y;
  }
}

/** Removes DC with a gentle one-pole high-pass (a thud's glide can leave an offset). */
function highPass(samples: Float64Array, rate: number, cutoff: number): void {
  const a = Math.exp((-TAU * cutoff) / rate);
  let prevX = 0;
  let prevY = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    const y = a * (prevY + x - prevX);
    samples[i] = y;
    prevX = x;
    prevY = y;
  }
}

/** Raised-cosine fade in and out, so no file starts or ends with a click. */
function fade(samples: Float64Array, rate: number, inSeconds: number, outSeconds: number): void {
  const nIn = Math.max(1, Math.round(inSeconds * rate));
  const nOut = Math.max(1, Math.round(outSeconds * rate));
  for (let i = 0; i < nIn && i < samples.length; i++) samples[i]! *= 0.5 - 0.5 * Math.cos((Math.PI * i) / nIn);
  for (let i = 0; i < nOut && i < samples.length; i++) samples[samples.length - 1 - i]! *= 0.5 - 0.5 * Math.cos((Math.PI * i) / nOut);
}

function normalise(samples: Float64Array, peak = PEAK): void {
  let max = 0;
  for (const s of samples) max = Math.max(max, Math.abs(s));
  if (max === 0) return;
  const gain = peak / max;
  for (let i = 0; i < samples.length; i++) samples[i]! *= gain;
}

function finishCue(name: string, samples: Float64Array, fadeIn = 0.002, fadeOut = 0.02): Sound {
  highPass(samples, CUE_RATE, 20);
  fade(samples, CUE_RATE, fadeIn, fadeOut);
  normalise(samples);
  return { name, rate: CUE_RATE, samples };
}

// ---------------------------------------------------------------------------------------------
// The sounds
// ---------------------------------------------------------------------------------------------

/** A soft wooden knock: a short pitch-dropping sine with one inharmonic partial and a puff of noise. */
function message(): Sound {
  const out = buffer(CUE_RATE, 0.12);
  addTone(out, CUE_RATE, { at: 0, f0: 720, f1: 520, glide: 0.018, level: 1, attack: 0.002, tau: 0.022, partials: [[2.32, 0.35, 0.5]] });
  addNoiseBurst(out, CUE_RATE, { at: 0, level: 0.5, tau: 0.004, cutoff: 2500, seed: 11 });
  return finishCue('message', out, 0.001, 0.03);
}

/** Two bell-like notes a fifth apart (A5 then E6), sine plus soft partials, each ringing out. */
function mention(): Sound {
  const out = buffer(CUE_RATE, 0.3);
  const bell: [number, number, number][] = [
    [2, 0.18, 0.5],
    [3.01, 0.06, 0.3],
  ];
  addTone(out, CUE_RATE, { at: 0, f0: 880, level: 0.8, attack: 0.003, tau: 0.07, partials: bell });
  addTone(out, CUE_RATE, { at: 0.1, f0: 1318.5, level: 0.75, attack: 0.003, tau: 0.075, partials: bell });
  return finishCue('mention', out, 0.001, 0.04);
}

/**
 * A pager vibrating on a desk: two 0.38 s buzzes of a soft-clipped 150 Hz sine (odd harmonics, so
 * square-ish) with a seeded motor wobble and a 14 Hz rattle, low-passed so it is not harsh.
 */
function page(): Sound {
  const out = buffer(CUE_RATE, 1.0);
  const random = randomFloats(23);
  let phase = 0;
  let wobble = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / CUE_RATE;
    // A slowly wandering motor speed: low-passed seeded noise, ±2 %.
    wobble += 0.002 * (random() * 2 - 1 - wobble);
    const f = 150 * (1 + 0.6 * wobble);
    phase += (TAU * f) / CUE_RATE;
    const buzz = Math.tanh(2.2 * Math.sin(phase)) / Math.tanh(2.2);
    const rattle = 0.8 + 0.2 * Math.sin(TAU * 14 * t);
    const env = gate(t, 0.0, 0.38, 0.015) + gate(t, 0.5, 0.88, 0.015);
    out[i] = buzz * rattle * env;
  }
  lowPass(out, CUE_RATE, 1600);
  return finishCue('page', out);
}

/**
 * An alert beep: two pairs of short 784 Hz beeps (G5, the second of each pair a fourth lower), each a
 * mildly rounded sine with a touch of second harmonic; clear on laptop speakers without being shrill.
 */
function alarm(): Sound {
  const out = buffer(CUE_RATE, 1.0);
  const beeps: [number, number][] = [
    [0.0, 784],
    [0.16, 587.3],
    [0.5, 784],
    [0.66, 587.3],
  ];
  for (const [at, f] of beeps) {
    const start = Math.floor(at * CUE_RATE);
    const end = Math.min(out.length, start + Math.ceil(0.13 * CUE_RATE));
    for (let i = start; i < end; i++) {
      const t = (i - start) / CUE_RATE;
      const env = gate(t, 0, 0.13, 0.012);
      const tone = Math.tanh(1.4 * Math.sin(TAU * f * t)) + 0.12 * Math.sin(TAU * 2 * f * t);
      out[i]! += tone * env;
    }
  }
  lowPass(out, CUE_RATE, 5000);
  return finishCue('alarm', out);
}

/** A rising C–E–G chime (C5, E5, G5), struck about 85 ms apart; sine with light bell partials. */
function success(): Sound {
  const out = buffer(CUE_RATE, 0.5);
  const bell: [number, number, number][] = [
    [2, 0.25, 0.45],
    [3, 0.08, 0.3],
    [4.2, 0.04, 0.2],
  ];
  const notes: [number, number][] = [
    [0, 523.25],
    [0.085, 659.25],
    [0.17, 783.99],
  ];
  for (const [at, f] of notes) addTone(out, CUE_RATE, { at, f0: f, level: 0.6, attack: 0.004, tau: 0.14, partials: bell });
  return finishCue('success', out, 0.001, 0.08);
}

/**
 * A dull descending "bwomp": a sine gliding from 220 Hz down to 98 Hz with a quiet octave above (so
 * small speakers carry it) over a low, soft noise thud.
 */
function failure(): Sound {
  const out = buffer(CUE_RATE, 0.4);
  addTone(out, CUE_RATE, { at: 0, f0: 220, f1: 98, glide: 0.16, level: 1, attack: 0.008, tau: 0.16, partials: [[2, 0.45, 0.6]] });
  addTone(out, CUE_RATE, { at: 0, f0: 90, f1: 55, glide: 0.05, level: 0.5, attack: 0.003, tau: 0.05 });
  addNoiseBurst(out, CUE_RATE, { at: 0, level: 0.35, tau: 0.01, cutoff: 400, seed: 37 });
  lowPass(out, CUE_RATE, 3000);
  return finishCue('failure', out, 0.002, 0.1);
}

/**
 * The ambient bed: a low A drone (55 Hz with harmonics and a slowly beating 110.2 Hz, a faint minor
 * third above), a soft 60 bpm heartbeat pulse the drone ducks under, and a faint breathing band of seeded sines at
 * 250–700 Hz. Every frequency is a multiple of 1/BED_SECONDS Hz and every envelope's period divides
 * BED_SECONDS, so the buffer is exactly periodic; it is then rotated to start on a rising zero
 * crossing, so the loop point is continuous and starts at (nearly) silence.
 */
function tension(): Sound {
  const rate = BED_RATE;
  const n = Math.round(rate * BED_SECONDS);
  const out = new Float64Array(n);
  const step = 1 / BED_SECONDS; // Hz: the frequency grid that keeps everything periodic
  const snap = (f: number) => Math.round(f / step) * step;
  const random = randomFloats(101);

  const drone: [number, number][] = [
    [55, 0.55],
    [110, 0.3],
    [110.2, 0.22],
    [165, 0.12],
    [130.8, 0.06],
    [220.3, 0.05],
  ];
  const band: [number, number, number][] = [];
  for (let k = 0; k < 40; k++) band.push([snap(250 + random() * 450), random() * TAU, 0.5 + random() * 0.5]);
  const bandNorm = 1 / Math.sqrt(band.length);

  const beat = 1.0; // seconds between pulses; divides BED_SECONDS
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const tb = t % beat;
    // The drone swells and ebbs once per loop, and ducks a little under each pulse.
    const swell = (0.85 + 0.15 * Math.sin((TAU * t) / BED_SECONDS)) * (1 - 0.25 * decayEnv(tb, 0.03, 0.15));
    let v = 0;
    for (const [f, a] of drone) v += a * Math.sin(TAU * f * t);
    v *= swell;
    // The pulse: a soft low thump (65 Hz with harmonics small speakers can carry), periodic in `beat`.
    const thump = decayEnv(tb, 0.012, 0.09) * (Math.sin(TAU * 65 * tb) + 0.5 * Math.sin(TAU * 130 * tb) + 0.15 * Math.sin(TAU * 195 * tb));
    v += 0.8 * thump;
    // The breathing band, rising and falling twice per loop.
    const breath = 0.5 - 0.5 * Math.cos((TAU * 2 * t) / BED_SECONDS);
    let air = 0;
    for (const [f, p, a] of band) air += a * Math.sin(TAU * f * t + p);
    v += 0.05 * bandNorm * breath * air;
    out[i] = v;
  }
  // Rotate to start at the rising zero crossing closest to silence.
  let best = 0;
  let bestLevel = Infinity;
  for (let i = 1; i < n; i++) {
    const level = Math.max(Math.abs(out[i - 1]!), Math.abs(out[i]!));
    if (out[i - 1]! < 0 && out[i]! >= 0 && level < bestLevel) {
      bestLevel = level;
      best = i;
    }
  }
  const rotated = new Float64Array(n);
  for (let i = 0; i < n; i++) rotated[i] = out[(i + best) % n]!;
  normalise(rotated);
  return { name: 'tension', rate, samples: rotated };
}

export const SOUND_NAMES = ['message', 'mention', 'page', 'alarm', 'success', 'failure', 'tension'] as const;

/** Every sound, synthesised. */
export function synthesise(): Sound[] {
  return [message(), mention(), page(), alarm(), success(), failure(), tension()];
}

// ---------------------------------------------------------------------------------------------
// WAV output
// ---------------------------------------------------------------------------------------------

/** Quantises to 16-bit with plain rounding (no dither: it would add noise and break nothing here). */
export function toPcm16(samples: Float64Array): Int16Array {
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767)));
  return pcm;
}

/** A canonical 44-byte-header RIFF/WAVE file: PCM, 16-bit, mono. */
export function encodeWav(samples: Float64Array, rate: number): Uint8Array {
  const pcm = toPcm16(samples);
  const dataBytes = pcm.length * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < pcm.length; i++) view.setInt16(44 + i * 2, pcm[i]!, true);
  return bytes;
}

/** Writes every sound into `outDir` as NAME.wav; returns what was written. */
export function generateSounds(outDir: string): { file: string; bytes: number; seconds: number }[] {
  mkdirSync(outDir, { recursive: true });
  return synthesise().map((sound) => {
    const file = join(outDir, `${sound.name}.wav`);
    const wav = encodeWav(sound.samples, sound.rate);
    writeFileSync(file, wav);
    return { file, bytes: wav.length, seconds: sound.samples.length / sound.rate };
  });
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = resolve(process.argv[2] ?? join(root, 'assets/sounds'));
  let total = 0;
  for (const { file, bytes, seconds } of generateSounds(outDir)) {
    total += bytes;
    console.log(`${file}  ${(bytes / 1024).toFixed(1)} KB  ${seconds.toFixed(2)} s`);
  }
  console.log(`total ${(total / 1024).toFixed(1)} KB`);
}
