/**
 * The debrief's pure side: a run as a file or a link (checked and replayed on the way back in) and
 * a Markdown postmortem, solo or a team's. No DOM, no store: it runs the same under Node and in the browser.
 */
export {
  runRecordOf,
  exportRun,
  importRun,
  type RunRecord,
  type RunTeam,
  type RunResult,
  type ImportResult,
  type RunError,
} from './run-file';
export { REPLAY_PARAM, replayFragment, readReplayFragment } from './replay-link';
export { postmortem } from './postmortem';
export { attributedTimeline, contributions, teamNames, type Contribution, type RoleName, type TeamRun } from './team-debrief';
export { teamPostmortem } from './team-postmortem';
