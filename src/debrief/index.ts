/**
 * The debrief's pure side: a run as a file or a link (checked and replayed on the way back in) and
 * a Markdown postmortem. No DOM, no store: it runs the same under Node and in the browser.
 */
export { runRecordOf, exportRun, importRun, type RunRecord, type RunResult, type ImportResult, type RunError } from './run-file';
export { REPLAY_PARAM, replayFragment, readReplayFragment } from './replay-link';
export { postmortem } from './postmortem';
