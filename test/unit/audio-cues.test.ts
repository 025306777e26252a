import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cuesFor, tensionVolume, type CueKey } from '../../src/audio/cues';
import type { NewEvent, TimelineEvent } from '../../src/engine';
import { BED_RATE, BED_SECONDS, CUE_RATE, generateSounds, SOUND_NAMES } from '../../scripts/generate-sounds';

const root = join(import.meta.dirname, '../..');
const soundsDir = join(root, 'assets/sounds');

let seq = 0;
const ev = (e: NewEvent): TimelineEvent => ({ seq: ++seq, at: seq, ...e }) as TimelineEvent;
const msg = (importance: 'noise' | 'normal' | 'important' | 'critical', mention = false) =>
  ev({ kind: 'message', post: 'p', channel: 'c', from: 'x', importance, mention });
const completed = (verdict: 'success' | 'partial' | 'neutral' | 'failure' | 'harmful') =>
  ev({ kind: 'action-completed', action: 'a', player: 'you', verdict, text: '' });
const ending = (endingKind: 'resolved' | 'failed' | 'timeout') => ev({ kind: 'ending', ending: 'e', endingKind });

describe('cuesFor', () => {
  it('is silent for no events', () => {
    expect(cuesFor([])).toEqual([]);
  });

  it.each([
    ['noise', false, 'message'],
    ['normal', false, 'message'],
    ['noise', true, 'mention'],
    ['normal', true, 'mention'],
    ['important', false, 'mention'],
    ['critical', false, 'mention'],
    ['critical', true, 'mention'],
  ] as const)('a %s message (mention: %s) → %s', (importance, mention, cue) => {
    expect(cuesFor([msg(importance, mention)])).toEqual([cue]);
  });

  it('adds nothing for a hint (its important, mentioning message pings)', () => {
    expect(cuesFor([ev({ kind: 'hint', hint: 'h', post: 'p' })])).toEqual([]);
    expect(cuesFor([ev({ kind: 'hint', hint: 'h', post: 'p' }), msg('important', true)])).toEqual(['mention']);
  });

  it('beeps when an alarm goes on, not when it clears', () => {
    expect(cuesFor([ev({ kind: 'alarm', metric: 'm', on: true })])).toEqual(['alarm']);
    expect(cuesFor([ev({ kind: 'alarm', metric: 'm', on: false })])).toEqual([]);
  });

  it('pages when a service goes down, and only then', () => {
    expect(cuesFor([ev({ kind: 'service', service: 's', from: 'degraded', to: 'down' })])).toEqual(['page']);
    expect(cuesFor([ev({ kind: 'service', service: 's', from: 'healthy', to: 'down' })])).toEqual(['page']);
    expect(cuesFor([ev({ kind: 'service', service: 's', from: 'healthy', to: 'degraded' })])).toEqual([]);
    expect(cuesFor([ev({ kind: 'service', service: 's', from: 'down', to: 'healthy' })])).toEqual([]);
  });

  it.each([
    ['success', ['success']],
    ['partial', ['success']],
    ['neutral', []],
    ['failure', ['failure']],
    ['harmful', ['failure']],
  ] as const)('a completed action judged %s → %j', (verdict, cues) => {
    expect(cuesFor([completed(verdict)])).toEqual(cues);
  });

  it('pages on a relapse', () => {
    expect(cuesFor([ev({ kind: 'relapse', player: 'you', missing: ['stabilised'] })])).toEqual(['page']);
  });

  it.each([
    ['resolved', 'success'],
    ['failed', 'failure'],
    ['timeout', 'failure'],
  ] as const)('an ending that is %s → %s', (endingKind, cue) => {
    expect(cuesFor([ending(endingKind)])).toEqual([cue]);
  });

  it('ignores events that have no sound', () => {
    const quiet: TimelineEvent[] = [
      ev({ kind: 'deploy', deploy: 'd' }),
      ev({ kind: 'ignored', post: 'p', message: 'm' }),
      ev({ kind: 'action-started', action: 'a', player: 'you', endsAt: 9 }),
      ev({ kind: 'reply', post: 'p', message: 'm', choice: 'c', player: 'you', verdict: 'success' }),
      ev({ kind: 'post', post: 'p', channel: 'c', player: 'you', statusUpdate: true }),
      ev({ kind: 'note', player: 'you', text: 't' }),
      ev({ kind: 'evidence', evidence: 'e' }),
      ev({ kind: 'milestone', milestone: 'stabilised' }),
      ev({ kind: 'impact', on: true }),
    ];
    expect(cuesFor(quiet)).toEqual([]);
  });

  it('plays each cue once per batch', () => {
    expect(cuesFor([msg('normal'), msg('noise'), msg('normal')])).toEqual(['message']);
    expect(cuesFor([completed('success'), ending('resolved'), completed('partial')])).toEqual(['success']);
    expect(
      cuesFor([ev({ kind: 'service', service: 'a', from: 'healthy', to: 'down' }), ev({ kind: 'relapse', player: 'you', missing: [] })]),
    ).toEqual(['page']);
  });

  it('orders cues by urgency: page, alarm, failure, success, mention, message', () => {
    const batch = [
      msg('normal'),
      msg('critical'),
      completed('success'),
      completed('harmful'),
      ev({ kind: 'alarm', metric: 'm', on: true }),
      ev({ kind: 'service', service: 's', from: 'healthy', to: 'down' }),
    ];
    const expected: CueKey[] = ['page', 'alarm', 'failure', 'success', 'mention', 'message'];
    expect(cuesFor(batch)).toEqual(expected);
    expect(cuesFor([...batch].reverse())).toEqual(expected);
    expect(cuesFor([msg('normal'), ev({ kind: 'alarm', metric: 'm', on: true })])).toEqual(['alarm', 'message']);
  });
});

describe('tensionVolume', () => {
  it('is silent when calm and rises with severity, within 0–1', () => {
    expect(tensionVolume(0)).toBe(0);
    const levels = ([1, 2, 3] as const).map(tensionVolume);
    expect(levels[0]).toBeGreaterThan(0);
    expect(levels[0]!).toBeLessThan(levels[1]!);
    expect(levels[1]!).toBeLessThan(levels[2]!);
    expect(levels[2]!).toBeLessThanOrEqual(1);
  });
});

describe('cues.ts stays pure', () => {
  const source = readFileSync(join(root, 'src/audio/cues.ts'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');

  it('imports only types, and only from the engine', () => {
    const imports = [...source.matchAll(/^\s*import\s+([^;]*?)\s+from\s+['"]([^'"]+)['"]/gm)];
    expect(imports.length).toBeGreaterThan(0);
    for (const [, what, from] of imports) {
      expect(what, `import from ${from}`).toMatch(/^type\s/);
      expect(from).toBe('../engine');
    }
    expect(source).not.toMatch(/\bimport\s*\(/);
    expect(source).not.toMatch(/\brequire\s*\(/);
  });

  it('touches neither howler nor the DOM', () => {
    expect(source).not.toMatch(/howler|Howl\b/i);
    expect(source).not.toMatch(/\b(window|document|navigator|AudioContext|Audio|HTMLElement|setTimeout|performance)\b/);
  });
});

// ---------------------------------------------------------------------------------------------
// The generated sounds
// ---------------------------------------------------------------------------------------------

interface Wav {
  format: number;
  channels: number;
  rate: number;
  bits: number;
  samples: Int16Array;
}

/** Parses a RIFF/WAVE file, walking its chunks (so it does not assume the 44-byte layout). */
function parseWav(bytes: Uint8Array): Wav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  if (view.getUint32(4, true) !== bytes.length - 8) throw new Error('RIFF size does not match the file');
  let fmt: Omit<Wav, 'samples'> | null = null;
  let samples: Int16Array | null = null;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (body + size > bytes.length) throw new Error(`chunk ${id} runs past the end`);
    if (id === 'fmt ') {
      fmt = {
        format: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
      if (view.getUint32(body + 8, true) !== fmt.rate * fmt.channels * (fmt.bits / 8)) throw new Error('bad byte rate');
    } else if (id === 'data') {
      samples = new Int16Array(size / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(body + i * 2, true);
    }
    at = body + size + (size % 2);
  }
  if (!fmt || !samples) throw new Error('missing fmt or data chunk');
  return { ...fmt, samples };
}

const dbfs = (peak: number) => 20 * Math.log10(peak / 32768);

describe('the sound generator', () => {
  const dirs: string[] = [];
  const temp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-sounds-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is deterministic: the CLI and a second run write identical bytes, matching assets/sounds', () => {
    const a = temp();
    const b = temp();
    const tsx = join(root, 'node_modules/.bin/tsx');
    const cli = spawnSync(tsx, [join(root, 'scripts/generate-sounds.ts'), a], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(cli.status, cli.stderr).toBe(0);
    generateSounds(b);
    const names = SOUND_NAMES.map((n) => `${n}.wav`).sort();
    expect(readdirSync(a).sort()).toEqual(names);
    expect(readdirSync(b).sort()).toEqual(names);
    for (const name of names) {
      const fromCli = readFileSync(join(a, name));
      expect(readFileSync(join(b, name)).equals(fromCli), `${name} differs between runs`).toBe(true);
      // The checked-in files are what the generator makes: re-run `npx tsx scripts/generate-sounds.ts` after changing it.
      expect(readFileSync(join(soundsDir, name)).equals(fromCli), `assets/sounds/${name} is stale`).toBe(true);
    }
  });

  it('keeps all the files small', () => {
    const total = SOUND_NAMES.reduce((sum, n) => sum + readFileSync(join(soundsDir, `${n}.wav`)).length, 0);
    expect(total).toBeLessThan(600 * 1024);
  });

  const expected: Record<(typeof SOUND_NAMES)[number], { rate: number; min: number; max: number }> = {
    message: { rate: CUE_RATE, min: 0.08, max: 0.2 },
    mention: { rate: CUE_RATE, min: 0.2, max: 0.45 },
    page: { rate: CUE_RATE, min: 0.7, max: 1.3 },
    alarm: { rate: CUE_RATE, min: 0.7, max: 1.3 },
    success: { rate: CUE_RATE, min: 0.35, max: 0.7 },
    failure: { rate: CUE_RATE, min: 0.3, max: 0.6 },
    tension: { rate: BED_RATE, min: 8, max: 12 },
  };

  it.each(SOUND_NAMES)('assets/sounds/%s.wav is 16-bit PCM mono, the right length and level', (name) => {
    const wav = parseWav(readFileSync(join(soundsDir, `${name}.wav`)));
    expect(wav.format).toBe(1);
    expect(wav.channels).toBe(1);
    expect(wav.bits).toBe(16);
    expect(wav.rate).toBe(expected[name].rate);
    const seconds = wav.samples.length / wav.rate;
    expect(seconds).toBeGreaterThanOrEqual(expected[name].min);
    expect(seconds).toBeLessThanOrEqual(expected[name].max);
    let peak = 0;
    for (const s of wav.samples) peak = Math.max(peak, Math.abs(s));
    expect(dbfs(peak)).toBeGreaterThan(-6);
    expect(dbfs(peak)).toBeLessThan(0);
    // No click at either end: cues fade in from and out to silence; the bed starts on a zero crossing.
    expect(Math.abs(wav.samples[0]!)).toBeLessThan(200);
    expect(Math.abs(wav.samples.at(-1)!)).toBeLessThan(200);
  });

  it('makes a tension bed that loops without a click', () => {
    const wav = parseWav(readFileSync(join(soundsDir, 'tension.wav')));
    const s = wav.samples;
    expect(s.length).toBe(BED_RATE * BED_SECONDS);
    // The jump from the last sample back to the first is no bigger than an ordinary step inside the file.
    let steps = 0;
    for (let i = 1; i < s.length; i++) steps += Math.abs(s[i]! - s[i - 1]!);
    const meanStep = steps / (s.length - 1);
    const wrap = Math.abs(s[0]! - s.at(-1)!);
    expect(wrap).toBeLessThanOrEqual(Math.max(meanStep, 100));
    expect(wrap / 32768).toBeLessThan(0.01);
  });
});
