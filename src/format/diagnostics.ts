/**
 * The catalogue of scenario diagnostics. Every problem the loader reports has a stable code from
 * here; codes are never renumbered or reused, so docs, editors and CI scripts can rely on them.
 * Errors (FD1xx parse, FD2xx schema, FD3xx references) stop a scenario from loading; warnings (FD4xx,
 * the semantic lint) do not. Every code is explained, with an example, in docs/diagnostics.md.
 */

export type Severity = 'error' | 'warning';

/** A problem in a scenario file, positioned so an editor can jump to it. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  hint: string;
  file: string;
  line: number;
  column: number;
  /** JSON pointer (RFC 6901) to the value concerned, "" for the whole file. */
  pointer: string;
}

interface CatalogueEntry {
  severity: Severity;
  title: string;
  hint: string;
}

export const CATALOGUE = {
  FD100: { severity: 'error', title: 'File too large', hint: 'Scenario files are limited to 2 MB; split long logs or trim repeated text.' },
  FD101: {
    severity: 'error',
    title: 'Invalid JSON',
    hint: 'Fix the JSON syntax at this position: a missing comma, quote or bracket is the usual cause.',
  },
  FD102: { severity: 'error', title: 'Duplicate key', hint: 'Each key may appear once in an object; remove or rename one of them.' },
  FD103: { severity: 'error', title: 'Nested too deeply', hint: 'Scenario values nest at most 64 levels; flatten the structure.' },
  FD200: { severity: 'error', title: 'Wrong type', hint: 'Change the value to the type the schema expects.' },
  FD201: {
    severity: 'error',
    title: 'Missing field',
    hint: 'Add the required field; your editor completes it when "$schema" points to scenario.schema.json.',
  },
  FD202: {
    severity: 'error',
    title: 'Unknown field',
    hint: 'Remove the field or fix its spelling; the format has no field by this name here.',
  },
  FD203: { severity: 'error', title: 'Value out of range', hint: 'Bring the value within the bounds the schema states.' },
  FD204: { severity: 'error', title: 'Invalid value', hint: 'Use one of the values the schema allows.' },
  FD205: {
    severity: 'error',
    title: 'Unrecognised form',
    hint: 'Conditions and effects are told apart by their first key (e.g. "fact", "did", "all"; "set", "reveal"); check that key and its companions.',
  },
  FD300: { severity: 'error', title: 'Unknown reference', hint: 'Refer to an id that is defined in the scenario, or define it.' },
  FD301: { severity: 'error', title: 'Duplicate id', hint: 'Ids must be unique within their list; rename one.' },
  FD302: { severity: 'error', title: 'No resolved ending', hint: 'Add an ending with "kind": "resolved" so the incident can be won.' },
  FD400: {
    severity: 'warning',
    title: 'Type mismatch',
    hint: 'A fact keeps the type of its "initial" value: set and compare it with values of that type, and use "add" and gt/gte/lt/lte only on numbers.',
  },
  FD401: {
    severity: 'warning',
    title: 'Undeclared value',
    hint: 'Use one of the fact\'s "values", or add this one to the list ("values" applies to string facts only).',
  },
  FD402: {
    severity: 'warning',
    title: 'Condition never holds',
    hint: 'Nothing in the scenario can make this condition true: make an effect set the value it needs, fix the comparison, or remove what depends on it.',
  },
  FD403: {
    severity: 'warning',
    title: 'Action never possible',
    hint: 'Make its "visible" and "requires" conditions reachable, or shorten it to fit the scenario; otherwise remove the action.',
  },
  FD404: {
    severity: 'warning',
    title: 'Time outside the scenario',
    hint: 'Times are game seconds from 0 to clock.limitSeconds: move this time inside the scenario or raise the limit.',
  },
  FD405: {
    severity: 'warning',
    title: 'Fact never read',
    hint: 'Test the fact in a condition (a health rule, a level, a message, a trigger…), or remove it and the effects that set it.',
  },
  FD406: {
    severity: 'warning',
    title: 'No expert path',
    hint: 'Add "expertPath": the actions an experienced engineer would take, when and why; the debrief and its advice compare the player with it.',
  },
  FD407: {
    severity: 'warning',
    title: 'Expert path out of order',
    hint: 'List expert steps in time order, each starting after the previous one has finished.',
  },
  FD408: {
    severity: 'warning',
    title: 'Impossible expert step',
    hint: 'The engine would refuse this step: move it to a time when the action is shown and its requirements hold, or fix the action.',
  },
  FD409: {
    severity: 'warning',
    title: 'Milestone cycle',
    hint: 'Write each milestone in terms of facts, actions, evidence and earlier milestones, never in terms of itself.',
  },
  FD410: {
    severity: 'warning',
    title: 'Unreachable outcome',
    hint: 'Outcomes are tried in order and the first that holds applies: move the catch-all outcome (no "when") to the end.',
  },
  FD411: {
    severity: 'warning',
    title: 'Hints without a coach',
    hint: 'Add "coach" with the character and channel the hints come from, or remove the hints.',
  },
  FD412: {
    severity: 'warning',
    title: 'Never shown',
    hint: 'Give the message an "at" or "when", or send it from an effect; uncover evidence with a "reveal" effect. Otherwise remove it.',
  },
  FD413: {
    severity: 'warning',
    title: 'Cannot be won',
    hint: 'The player wins by completing a "resolve" action while "fixed" and "verified" hold: make sure all three can happen.',
  },
  FD414: {
    severity: 'warning',
    title: 'Ending claims what it does not check',
    hint: 'An ending is told whenever its condition holds (a resolved one whenever "fixed" and "verified" do), whatever else the player did: move the claim into a variant whose "when" tests that action or fact, or reword it.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;

/**
 * The explorer's findings (`firedrill explore`): what playing the scenario shows, not where the file
 * is wrong, so they carry no position; the explorer gives the run that shows each instead. The codes
 * are namespaced ("explore.…") and, like the FD codes, never renamed or reused; every one is
 * explained in docs/diagnostics.md. Errors fail `firedrill explore` (exit 1); warnings do not.
 */
export const EXPLORE_CATALOGUE = {
  'explore.unreachable': {
    severity: 'error',
    title: 'No resolved ending found',
    hint: 'A milestone or a "requires" is probably out of reach: check that the actions which make "fixed" and "verified" hold can be started, or try a larger --budget or another --seed.',
  },
  'explore.no-expert-path': {
    severity: 'error',
    title: 'No expert path',
    hint: 'Add "expertPath": the actions an experienced engineer would take, when and why; it must resolve the incident with an A.',
  },
  'explore.expert-below-a': {
    severity: 'error',
    title: 'Expert path short of an A',
    hint: "Play the expert path with `firedrill play` and read the score's reasons: a missing check, status update or verification, or overlapping steps, are the usual causes.",
  },
  'explore.method-margin': {
    severity: 'error',
    title: 'Method does not beat panic',
    hint: 'The scoring does not reward what the lessons teach: make the frantic moves cost (verdicts, scoring rules) or the methodical ones pay.',
  },
  'explore.expert-outscored': {
    severity: 'error',
    title: 'A run outscores the expert path',
    hint: "Replay the run (its script is in --json) and compare its score's reasons with the expert path's: if it does something a careful engineer would do, add that to the expert path; if it farms points (more questions, more posts, delays), the scoring must stop paying for it.",
  },
  'explore.frantic-above-c': {
    severity: 'error',
    title: 'Frantic run grades above C',
    hint: 'A run that repeats a failed rollback, restarts on a hunch, declares the all-clear too early or stays silent while users are affected must grade C or worse: replay it (its script is in --json) and make the scoring charge for what it did.',
  },
  'explore.expert-refused': {
    severity: 'warning',
    title: 'Expert step refused',
    hint: 'The engine refused an expert path step when its time came: move it to when the action is shown and its requirements hold.',
  },
  'explore.methodical-unresolved': {
    severity: 'warning',
    title: 'Methodical player did not win',
    hint: 'The generic careful player knows only categories, tags and milestones; a scenario won only by an unusual move may need tags ("verify", "status-update") or clearer milestones.',
  },
  'explore.script-unmet': {
    severity: 'warning',
    title: 'Script expectation unmet',
    hint: 'One of the scenario\'s own action scripts did not play as its "expect" block says: play it with `firedrill play` to see why.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ExploreCode = keyof typeof EXPLORE_CATALOGUE;

/** What a finding of the explorer says, from the catalogue; the explorer adds the run that shows it. */
export interface ExploreFinding {
  code: ExploreCode;
  severity: Severity;
  message: string;
  hint: string;
}

/** Builds an explorer finding from the catalogue; the only way they are made. */
export function exploreFinding(code: ExploreCode, message: string): ExploreFinding {
  const entry: CatalogueEntry = EXPLORE_CATALOGUE[code];
  return { code, severity: entry.severity, message, hint: entry.hint };
}

/** Where a diagnostic points, before it is tied to a file. */
export interface Position {
  line: number;
  column: number;
  pointer: string;
}

/** Builds a diagnostic from the catalogue; the only way diagnostics are made. */
export function diagnostic(code: DiagnosticCode, file: string, at: Position, message: string, hint?: string): Diagnostic {
  const entry: CatalogueEntry = CATALOGUE[code];
  return { code, severity: entry.severity, message, hint: hint ?? entry.hint, file, line: at.line, column: at.column, pointer: at.pointer };
}

/** "file:3:14 error FD300 message" — the one-line form the CLI prints and tests match. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${headline(d)}\n  hint: ${d.hint}`;
}

function headline(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}${d.pointer ? ` (at ${d.pointer})` : ''}`;
}

/** The one-line form, the source lines around the position with a caret under its column, then the hint. */
export function formatDiagnosticWithFrame(d: Diagnostic, text: string): string {
  const frame = codeFrame(text, d.line, d.column);
  return `${headline(d)}\n${frame ? `${frame}\n` : ''}  hint: ${d.hint}`;
}

/** Widest source line shown; longer lines are cut to a window around the column. */
const FRAME_WIDTH = 100;

/**
 * The line at `line` (1-based) with one line of context either side, line numbers in a gutter and a
 * caret under `column`. Empty when the position is not in the text.
 */
export function codeFrame(text: string, line: number, column: number): string {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // the loader counts columns without it
  const lines = text.split('\n');
  if (!Number.isInteger(line) || line < 1 || line > lines.length) return '';
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const gutter = String(last).length;
  // One window for all shown lines, so the context stays aligned with the caret's line.
  const target = clean(lines[line - 1]!);
  const col = Math.min(Math.max(1, column), target.length + 1);
  const start =
    target.length <= FRAME_WIDTH ? 0 : Math.max(0, Math.min(col - 1 - Math.floor(FRAME_WIDTH / 3), target.length - FRAME_WIDTH));
  const cut = (s: string) => {
    const shown = s.slice(start, start + FRAME_WIDTH);
    return (start > 0 ? '…' : '') + shown + (s.length > start + FRAME_WIDTH ? '…' : '');
  };
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const source = cut(clean(lines[n - 1]!));
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(gutter)} | ${source}`.trimEnd());
    if (n === line) {
      // Keep tabs in the padding so the caret lines up under tab-indented text.
      const before = (start > 0 ? ' ' : '') + target.slice(start, col - 1).replace(/[^\t]/g, ' ');
      out.push(`  ${' '.repeat(gutter)} | ${before}^`);
    }
  }
  return out.join('\n');
}

/** A source line safe to print: no carriage return, no control characters that move a terminal's cursor. */
function clean(line: string): string {
  return line.replace(/\r$/, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, '\ufffd');
}
