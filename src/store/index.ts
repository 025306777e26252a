/** The game store: state, actions, the clock driver and persistence. */
export * from './game-store';
export { startClock, browserScheduler, type Scheduler } from './clock';
export { severity, composure } from './selectors';
export { browserStorage, memoryStorage } from './storage';
export { SAVED_RUN, PROGRESS } from './documents';
export { readDocument, type DocumentSpec, type Migrations } from './persisted';
export {
  openReplay,
  seekReplay,
  setReplayPlaying,
  setReplaySpeed,
  leaveReplay,
  replayNames,
  scenarioRoleName,
  REPLAY_SPEEDS,
} from './replay';
