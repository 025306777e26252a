/**
 * The sound director: listens to the game store and plays cues and the tension bed through howler.
 *
 * - Silent until the first user gesture (pointerdown or keydown on window): no Howl is created, so
 *   no AudioContext exists, before then. (Created after a gesture already happened, it starts at once.)
 * - After it, each new batch of engine events (`recent.serial`) plays its most urgent cues, each
 *   key at most once per CUE_THROTTLE_MS.
 * - The tension bed loops while the incident screen shows a run that has not ended, at a volume that
 *   follows severity (fading over TENSION_FADE_MS); it pauses when the game is paused or the screen
 *   changes, and fades out and stops at the ending.
 * - Settings map straight onto Howler's master volume and mute.
 * Every howler call is guarded: without audio (a headless browser) the game carries on in silence.
 */
import { Howl, Howler } from 'howler';
import type { GameState, GameStore } from '../store/game-store';
import { severity } from '../store/selectors';
import { cuesFor, tensionVolume, type CueKey } from './cues';
import { SOUNDS, type SoundKey } from './manifest';

/** The same cue never plays twice within this many milliseconds. */
export const CUE_THROTTLE_MS = 400;
/** At most this many cues (the most urgent) play for one batch of events, so bursts stay legible. */
export const MAX_CUES_PER_BATCH = 2;
/** How long the tension bed takes to follow a change of severity. */
export const TENSION_FADE_MS = 1500;
/** A short fade before the bed pauses, so pausing does not click. */
const TENSION_PAUSE_FADE_MS = 250;
/** The bed fades out over this long at the ending, under the ending's cue. */
const TENSION_END_FADE_MS = 1200;

export interface SoundDirector {
  destroy(): void;
}

export interface SoundDirectorOptions {
  /** Where the first gesture is listened for; `window` by default. */
  gestureTarget?: EventTarget;
  /** A millisecond clock for throttling; `performance.now` by default. */
  now?: () => number;
  /**
   * Whether the page has already had a user gesture (the director may be created lazily, after the
   * player first clicked); `navigator.userActivation.hasBeenActive` by default. If so, sound unlocks
   * at once instead of waiting for the next gesture.
   */
  hasBeenActive?: () => boolean;
}

type BedMode = 'stopped' | 'playing' | 'paused';

let warned = false;

/** Runs a howler call; audio trouble is reported once and otherwise ignored. */
function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (!warned) {
      warned = true;
      console.warn('Firedrill: sound is unavailable, continuing silently.', error);
    }
    return undefined;
  }
}

function defaultNow(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function defaultHasBeenActive(): boolean {
  return typeof navigator !== 'undefined' && navigator.userActivation?.hasBeenActive === true;
}

/** Starts directing sound for the store; call `destroy()` to stop listening and free every sound. */
export function createSoundDirector(store: GameStore, options: SoundDirectorOptions = {}): SoundDirector {
  const target = options.gestureTarget ?? (typeof window !== 'undefined' ? window : undefined);
  const now = options.now ?? defaultNow;
  const howls = new Map<SoundKey, Howl>();
  const lastPlayed = new Map<CueKey, number>();
  let unlocked = false;
  let destroyed = false;

  // The tension bed's state.
  let bedMode: BedMode = 'stopped';
  let bedId: number | null = null;
  let bedLevel = 0;
  /** A pending pause (after its short fade) of the current bed sound. */
  let bedTimer: ReturnType<typeof setTimeout> | null = null;
  /** Pending stops of beds fading out at an ending; a new run's bed may start meanwhile. */
  const stopTimers = new Set<ReturnType<typeof setTimeout>>();

  // ------------------------------------------------------------------------------------------
  // Settings
  // ------------------------------------------------------------------------------------------

  function applySettings(state: GameState): void {
    safely(() => {
      Howler.volume(state.settings.volume);
      Howler.mute(state.settings.muted);
    });
  }

  // ------------------------------------------------------------------------------------------
  // Cues
  // ------------------------------------------------------------------------------------------

  function playCues(state: GameState): void {
    if (state.settings.muted || state.settings.volume <= 0) return;
    const t = now();
    let played = 0;
    for (const key of cuesFor(state.recent.events)) {
      if (played >= MAX_CUES_PER_BATCH) break;
      const last = lastPlayed.get(key);
      if (last !== undefined && t - last < CUE_THROTTLE_MS) continue;
      const howl = howls.get(key);
      if (!howl) continue;
      lastPlayed.set(key, t);
      played++;
      safely(() => howl.play());
    }
  }

  // ------------------------------------------------------------------------------------------
  // The tension bed
  // ------------------------------------------------------------------------------------------

  function clearBedTimer(): void {
    if (bedTimer !== null) clearTimeout(bedTimer);
    bedTimer = null;
  }

  function bedVolumeNow(howl: Howl, id: number): number {
    const v = safely(() => howl.volume(id));
    return typeof v === 'number' ? v : bedLevel;
  }

  function bedPlay(howl: Howl, level: number): void {
    if (bedMode === 'playing') {
      if (level !== bedLevel && bedId !== null) {
        const id = bedId;
        safely(() => howl.fade(bedVolumeNow(howl, id), level, TENSION_FADE_MS, id));
      }
      bedLevel = level;
      return;
    }
    clearBedTimer();
    if (bedId === null) {
      const id = safely(() => howl.play());
      if (typeof id !== 'number') return;
      bedId = id;
      safely(() => howl.fade(0, level, TENSION_FADE_MS, id));
    } else {
      // Paused, or still fading towards a pause: resume from wherever the volume is.
      const id = bedId;
      const from = bedVolumeNow(howl, id);
      safely(() => {
        howl.play(id); // resumes a paused sound; does nothing to one still playing
        howl.fade(from, level, TENSION_FADE_MS, id);
      });
    }
    bedMode = 'playing';
    bedLevel = level;
  }

  function bedPause(howl: Howl): void {
    if (bedMode !== 'playing' || bedId === null) return;
    const id = bedId;
    bedMode = 'paused';
    clearBedTimer();
    safely(() => howl.fade(bedVolumeNow(howl, id), 0, TENSION_PAUSE_FADE_MS, id));
    bedTimer = setTimeout(() => {
      bedTimer = null;
      safely(() => howl.pause(id));
    }, TENSION_PAUSE_FADE_MS);
  }

  function bedStop(howl: Howl, fadeMs: number): void {
    if (bedMode === 'stopped' || bedId === null) return;
    const id = bedId;
    const wasPlaying = bedMode === 'playing';
    bedMode = 'stopped';
    bedId = null;
    bedLevel = 0;
    clearBedTimer();
    if (!wasPlaying) {
      safely(() => howl.stop(id));
      return;
    }
    safely(() => howl.fade(bedVolumeNow(howl, id), 0, fadeMs, id));
    const timer = setTimeout(() => {
      stopTimers.delete(timer);
      safely(() => howl.stop(id));
    }, fadeMs);
    stopTimers.add(timer);
  }

  function syncBed(state: GameState): void {
    const howl = howls.get('tension');
    if (!howl) return;
    const { run } = state;
    if (!run || run.state.ending) return bedStop(howl, TENSION_END_FADE_MS);
    if (state.screen !== 'incident' || state.paused) return bedPause(howl);
    bedPlay(howl, tensionVolume(severity(run.state)) * SOUNDS.tension.volume);
  }

  // ------------------------------------------------------------------------------------------
  // Unlocking on the first gesture
  // ------------------------------------------------------------------------------------------

  function createHowls(): void {
    for (const [key, asset] of Object.entries(SOUNDS) as [SoundKey, (typeof SOUNDS)[SoundKey]][]) {
      const howl = safely(
        () =>
          new Howl({
            src: [asset.url],
            format: ['wav'],
            html5: false,
            preload: true,
            loop: key === 'tension',
            volume: key === 'tension' ? 0 : asset.volume,
            // A sound that cannot load or play is simply not heard.
            onloaderror: () => {},
            onplayerror: () => {},
          }),
      );
      if (howl) howls.set(key, howl);
    }
  }

  const unlockEvents = ['pointerdown', 'keydown'] as const;

  function removeGestureListeners(): void {
    for (const type of unlockEvents) target?.removeEventListener(type, unlock);
  }

  function unlock(): void {
    removeGestureListeners();
    if (unlocked || destroyed) return;
    unlocked = true;
    const state = store.getState();
    applySettings(state);
    createHowls();
    syncBed(state);
  }

  if (safely(options.hasBeenActive ?? defaultHasBeenActive) === true) unlock();
  else for (const type of unlockEvents) target?.addEventListener(type, unlock, { once: true });

  // ------------------------------------------------------------------------------------------
  // Following the store
  // ------------------------------------------------------------------------------------------

  const unsubscribe = store.subscribe((state, previous) => {
    if (!unlocked || destroyed) return;
    if (state.settings.volume !== previous.settings.volume || state.settings.muted !== previous.settings.muted) applySettings(state);
    if (state.recent.serial !== previous.recent.serial) playCues(state);
    syncBed(state);
  });

  return {
    destroy() {
      if (destroyed) return;
      destroyed = true;
      unsubscribe();
      removeGestureListeners();
      clearBedTimer();
      for (const timer of stopTimers) clearTimeout(timer);
      stopTimers.clear();
      for (const howl of howls.values()) safely(() => howl.unload());
      howls.clear();
      bedMode = 'stopped';
      bedId = null;
    },
  };
}
