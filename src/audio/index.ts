/** Sound: pure cue selection (cues.ts), the asset manifest and the howler-backed director. */
export {
  createSoundDirector,
  CUE_THROTTLE_MS,
} from './sound-bank';
