/** The pure incident engine: scenario + seed + inputs → state, timeline and score. */
export { init, step, MAX_PLAYER_TEXT } from './step';
export { replay, advanceTo, runToEnd, type ReplayResult } from './replay';
export { availability } from './actions';
export { holds, milestoneHolds } from './conditions';
export { shownEnding } from './endings';
export { ALL_CLEAR_TEXT } from './actions';
export { explain, failingParts } from './explain';
export {
  score,
  gradeFor,
  limitText,
  reasonCodes,
  suggestions,
  worthText,
  DIMENSIONS,
  type ScoreCard,
  type ScoreReason,
  type Grade,
} from './scoring';
export {
  wallClock,
  parseWallClock,
  formatDuration,
  hourOfDay,
  gameSecondsFor,
  GAME_SECONDS_PER_REAL_SECOND,
  MAX_REAL_STEP_MS,
} from './clock';
export { worldOf, type World } from './world';
export { isNotable } from './notable';
export { isChangeAction, isCheckAction, isStatusUpdate } from './scoring/patterns';
export { seedState, nextRandom, randomFloats } from './rng';
export { splitNoteText } from './notes';
export * from './types';
