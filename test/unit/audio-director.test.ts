/** The sound director against a fake howler: gesture gating, cues, throttling, the tension bed, settings. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NewEvent, TimelineEvent } from '../../src/engine';
import { createGameStore, goTo, memoryStorage, setPaused, startRun, updateSettings, type GameStore } from '../../src/store';
import { miniScenario } from './helpers/mini-scenario';

interface FakeSound {
  id: number;
  volume: number;
  state: 'playing' | 'paused' | 'stopped';
}

const fake = vi.hoisted(() => {
  const howls: FakeHowl[] = [];
  const calls: string[] = [];
  const master = { volume: 1, muted: false, touched: false };
  class FakeHowl {
    sounds = new Map<number, FakeSound>();
    unloaded = false;
    static nextId = 1000;
    constructor(public options: { src: string[]; loop?: boolean; volume?: number; html5?: boolean }) {
      howls.push(this);
    }
    get name(): string {
      return /(\w+)\.wav/.exec(this.options.src[0] ?? '')?.[1] ?? '?';
    }
    play(id?: number): number {
      if (id !== undefined) {
        const sound = this.sounds.get(id)!;
        sound.state = 'playing';
        calls.push(`resume ${this.name}`);
        return id;
      }
      const sound = { id: FakeHowl.nextId++, volume: this.options.volume ?? 1, state: 'playing' as const };
      this.sounds.set(sound.id, sound);
      calls.push(`play ${this.name}`);
      return sound.id;
    }
    volume(id: number): number {
      return this.sounds.get(id)!.volume;
    }
    fade(from: number, to: number, ms: number, id: number): this {
      this.sounds.get(id)!.volume = to;
      calls.push(`fade ${this.name} ${from.toFixed(3)}→${to.toFixed(3)} ${ms}ms`);
      return this;
    }
    pause(id: number): this {
      this.sounds.get(id)!.state = 'paused';
      calls.push(`pause ${this.name}`);
      return this;
    }
    stop(id: number): this {
      this.sounds.get(id)!.state = 'stopped';
      calls.push(`stop ${this.name}`);
      return this;
    }
    unload(): void {
      this.unloaded = true;
    }
  }
  const Howler = {
    volume: (v: number) => {
      master.touched = true;
      master.volume = v;
    },
    mute: (m: boolean) => {
      master.touched = true;
      master.muted = m;
    },
  };
  return { howls, calls, master, FakeHowl, Howler };
});

vi.mock('howler', () => ({ Howl: fake.FakeHowl, Howler: fake.Howler }));

const { createSoundDirector, CUE_THROTTLE_MS } = await import('../../src/audio');

let seq = 0;
const ev = (e: NewEvent): TimelineEvent => ({ seq: ++seq, at: seq, ...e }) as TimelineEvent;
const message = () => ev({ kind: 'message', post: 'p', channel: 'c', from: 'x', importance: 'normal', mention: false });
const down = () => ev({ kind: 'service', service: 'api', from: 'healthy', to: 'down' });

function emit(store: GameStore, ...events: TimelineEvent[]): void {
  store.setState({ recent: { events, serial: store.getState().recent.serial + 1 } });
}

const howl = (name: string) => fake.howls.find((h) => h.name === name && !h.unloaded);
const bed = () => [...(howl('tension')?.sounds.values() ?? [])].at(-1);
const played = () => fake.calls.filter((c) => c.startsWith('play ')).map((c) => c.slice(5));

describe('the sound director', () => {
  let store: GameStore;
  let gestures: EventTarget;
  let clock: number;
  let director: { destroy(): void };

  beforeEach(() => {
    vi.useFakeTimers();
    fake.howls.length = 0;
    fake.calls.length = 0;
    fake.master.touched = false;
    store = createGameStore({ storage: memoryStorage(), scenarios: [miniScenario()], newSeed: () => 7 });
    gestures = new EventTarget();
    clock = 0;
    director = createSoundDirector(store, { gestureTarget: gestures, now: () => clock, hasBeenActive: () => false });
  });

  afterEach(() => {
    director.destroy();
    vi.useRealTimers();
  });

  const gesture = (type = 'pointerdown') => gestures.dispatchEvent(new Event(type));

  it('is completely silent before the first gesture', () => {
    startRun(store);
    emit(store, down(), message());
    updateSettings(store, { volume: 0.3 });
    expect(fake.howls).toHaveLength(0);
    expect(fake.calls).toEqual([]);
    expect(fake.master.touched).toBe(false);
  });

  it('loads every sound with Web Audio on the first gesture and applies the settings', () => {
    updateSettings(store, { volume: 0.3, muted: true });
    gesture('keydown');
    expect(fake.howls.map((h) => h.name).sort()).toEqual(['alarm', 'failure', 'mention', 'message', 'page', 'success', 'tension']);
    expect(fake.howls.every((h) => h.options.html5 === false)).toBe(true);
    expect(howl('tension')!.options.loop).toBe(true);
    expect(fake.master).toMatchObject({ volume: 0.3, muted: true });
    gesture('pointerdown'); // a second gesture changes nothing
    expect(fake.howls).toHaveLength(7);
  });

  it('plays the most urgent cues of a new batch, each key at most once per throttle window', () => {
    gesture();
    emit(store, message(), down(), message());
    expect(played()).toEqual(['page', 'message']);
    clock += CUE_THROTTLE_MS / 2;
    emit(store, message());
    expect(played()).toEqual(['page', 'message']);
    clock += CUE_THROTTLE_MS;
    emit(store, message());
    expect(played()).toEqual(['page', 'message', 'message']);
  });

  it('maps volume and mute onto Howler as they change', () => {
    gesture();
    updateSettings(store, { volume: 0.25 });
    expect(fake.master.volume).toBe(0.25);
    updateSettings(store, { muted: true });
    expect(fake.master.muted).toBe(true);
    emit(store, message());
    expect(played()).not.toContain('message'); // nothing is even started while muted
    updateSettings(store, { muted: false });
    expect(fake.master.muted).toBe(false);
  });

  it('loops the tension bed during an incident, following severity, pausing and stopping', () => {
    gesture();
    startRun(store);
    expect(bed()).toMatchObject({ state: 'playing', volume: 0 }); // calm: playing, silent
    const run = store.getState().run!;
    store.setState({ run: { ...run, state: { ...run.state, services: { ...run.state.services, api: 'down' } } } });
    expect(bed()!.volume).toBeGreaterThan(0);
    expect(fake.calls.at(-1)).toMatch(/^fade tension 0\.000→0\.\d+ 1500ms$/);
    const loud = bed()!.volume;

    setPaused(store, true);
    expect(fake.calls.at(-1)).toMatch(/^fade tension .*→0\.000/);
    vi.advanceTimersByTime(1000);
    expect(bed()!.state).toBe('paused');

    setPaused(store, false);
    expect(bed()).toMatchObject({ state: 'playing', volume: loud });
    expect(howl('tension')!.sounds.size).toBe(1); // resumed, not restarted

    goTo(store, 'title');
    vi.advanceTimersByTime(1000);
    expect(bed()!.state).toBe('paused');
    goTo(store, 'incident');
    setPaused(store, false);
    expect(bed()!.state).toBe('playing');

    const current = store.getState().run!;
    store.setState({ run: { ...current, state: { ...current.state, ending: { id: 'e', kind: 'failed', at: 99 } } } });
    expect(bed()!.state).toBe('playing'); // fading out under the ending's cue
    vi.advanceTimersByTime(2000);
    expect(bed()!.state).toBe('stopped');
  });

  it('starts the bed at the gesture when an incident is already running', () => {
    startRun(store);
    expect(fake.howls).toHaveLength(0);
    gesture();
    expect(bed()?.state).toBe('playing');
  });

  it('unsubscribes and unloads every sound on destroy', () => {
    gesture();
    startRun(store);
    const loaded = [...fake.howls];
    director.destroy();
    expect(loaded.every((h) => h.unloaded)).toBe(true);
    const before = fake.calls.length;
    emit(store, down());
    updateSettings(store, { volume: 0.1 });
    expect(fake.calls.length).toBe(before);
  });

  it('starts at once when the page has already had a gesture (the director is loaded lazily)', () => {
    director.destroy();
    startRun(store);
    director = createSoundDirector(store, { gestureTarget: gestures, now: () => clock, hasBeenActive: () => true });
    expect(fake.howls).toHaveLength(7);
    expect(bed()?.state).toBe('playing');
  });

  it('ignores a gesture after destroy', () => {
    director.destroy();
    gesture();
    expect(fake.howls).toHaveLength(0);
  });
});
