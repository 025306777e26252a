/** Sound: pure cue selection (cues.ts), the asset manifest and the howler-backed director. */
export {
  createSoundDirector,
  CUE_THROTTLE_MS,
  MAX_CUES_PER_BATCH,
  TENSION_FADE_MS,
  type SoundDirector,
  type SoundDirectorOptions,
} from './sound-bank';
export { cuesFor, tensionVolume, CUE_KEYS, type CueKey, type Severity } from './cues';
