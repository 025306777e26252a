/** The game store: state, actions, the clock driver and persistence. */
export * from './game-store';
export { startClock, browserScheduler, type Scheduler } from './clock';
export { severity, composure } from './selectors';
export { browserStorage, memoryStorage, type KeyValueStorage } from './storage';
export { SAVED_RUN, SETTINGS, PROGRESS, DEFAULT_SETTINGS, type Settings, type Progress, type SavedRun } from './documents';
export { readDocument, writeDocument, type DocumentSpec, type Migrations, type ReadResult, type SaveError } from './persisted';
export {
  openReplay,
  seekReplay,
  advanceReplay,
  setReplayPlaying,
  setReplaySpeed,
  leaveReplay,
  REPLAY_SPEEDS,
  type ReplaySpeed,
  type ReplayState,
  type RecordedRun,
} from './replay';
