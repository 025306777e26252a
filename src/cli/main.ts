/** The `firedrill` command: check scenarios, play action scripts headless and explore what players can do. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileScript, loadScenario, runScript } from '../authoring';
import { formatDiagnostic, type Scenario } from '../format';
import { shownEnding } from '../engine';
import { countSeverities, formatCheck } from './format-diagnostics';
import { explore as exploreScenario, DEFAULT_BUDGET, MAX_BUDGET, MIN_BUDGET, type ExploreOptions } from '../authoring/explore';
import { formatExplore } from './format-explore';
import { formatScore, formatTimeline } from './format-run';

const USAGE = `Usage:
  firedrill check FILE...                 validate and lint scenarios; prints every problem as file:line:col
                                          with the offending line; exits 1 on errors, 0 on warnings only
  firedrill play FILE --actions SCRIPT    play an action script headless; prints the timeline, ending and score
  firedrill explore FILE                  search what players can do: is the incident winnable, does the expert
                                          path earn an A, where are the dead ends, does method beat panic, does any
                                          run outscore the expert path, does a frantic run grade above C

Options:
  --json        machine-readable output
  --strict      (check) warnings fail the check too
  --seed N      (play) override the script's seed; (explore) seed the search (default 1)
  --budget N    (explore) how many states the search may visit (default ${DEFAULT_BUDGET})
  --quiet       (play) leave out the timeline
  -h, --help    this help`;

function read(file: string): string | Error {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function check(files: string[], json: boolean, strict: boolean): number {
  if (files.length === 0) {
    console.error('firedrill check: name at least one scenario file.');
    return 2;
  }
  let failed = false;
  const report: unknown[] = [];
  for (const file of files) {
    const text = read(file);
    if (text instanceof Error) {
      failed = true;
      if (json) report.push({ file, ok: false, error: text.message });
      else console.error(`${file}: cannot read: ${text.message}`);
      continue;
    }
    const result = loadScenario(text, file);
    const counts = countSeverities(result.diagnostics);
    if (counts.errors > 0 || !result.ok || (strict && counts.warnings > 0)) failed = true;
    if (json) report.push({ file, ok: result.ok, ...counts, diagnostics: result.diagnostics });
    else console.log(formatCheck(file, text, result, strict));
  }
  if (json) console.log(JSON.stringify(report, null, 2));
  return failed ? 1 : 0;
}

function loadOrReport(file: string): Scenario | null {
  const text = read(file);
  if (text instanceof Error) {
    console.error(`${file}: cannot read: ${text.message}`);
    return null;
  }
  const result = loadScenario(text, file);
  if (!result.ok) {
    for (const d of result.diagnostics) console.error(formatDiagnostic(d));
    return null;
  }
  return result.scenario;
}

function play(file: string | undefined, scriptFile: string | undefined, options: { json: boolean; seed?: string; quiet: boolean }): number {
  if (!file || !scriptFile) {
    console.error('firedrill play: name a scenario file and --actions SCRIPT.');
    return 2;
  }
  const scenario = loadOrReport(file);
  if (!scenario) return 1;
  const scriptText = read(scriptFile);
  if (scriptText instanceof Error) {
    console.error(`${scriptFile}: cannot read: ${scriptText.message}`);
    return 1;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(scriptText);
  } catch (error) {
    console.error(`${scriptFile}: not valid JSON: ${(error as Error).message}`);
    return 1;
  }
  const compiled = compileScript(scenario, raw);
  if (!compiled.ok) {
    for (const e of compiled.errors) console.error(`${scriptFile}: ${e}`);
    return 1;
  }
  if (options.seed !== undefined) {
    const seed = Number(options.seed);
    if (!Number.isInteger(seed)) {
      console.error('firedrill play: --seed takes a whole number.');
      return 2;
    }
    compiled.compiled.seed = seed;
  }
  const run = runScript(scenario, compiled.script, compiled.compiled);
  if (options.json) {
    console.log(
      JSON.stringify(
        {
          ending: shownEnding(scenario, run.state),
          score: run.score,
          refused: run.refused,
          unmet: run.unmet,
          timeline: run.state.timeline,
        },
        null,
        2,
      ),
    );
  } else {
    if (!options.quiet) console.log(formatTimeline(scenario, run.state), '\n');
    for (const r of run.refused) console.log(`refused: step ${r.index + 1} (${JSON.stringify(r.entry.input)}): ${r.rejection.message}`);
    console.log(formatScore(scenario, run.state, run.score));
    for (const u of run.unmet) console.log(`UNMET: ${u}`);
  }
  return run.unmet.length > 0 ? 1 : 0;
}

/** The scenario's own scripts, from scripts/<id>/ next to the file, to play alongside the explorer's players. */
function scriptsFor(file: string, scenario: Scenario): NonNullable<ExploreOptions['scripts']> {
  const dir = join(dirname(file), 'scripts', scenario.id);
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const text = read(join(dir, name));
    if (text instanceof Error) return { name, error: `cannot read: ${text.message}` };
    try {
      return { name, script: JSON.parse(text) as unknown };
    } catch (error) {
      return { name, error: `not valid JSON: ${(error as Error).message}` };
    }
  });
}

function explore(file: string | undefined, options: { json: boolean; seed?: string; budget?: string }): number {
  if (!file) {
    console.error('firedrill explore: name a scenario file.');
    return 2;
  }
  // Number('') is 0, so an empty value must be caught before it becomes a seed or a budget.
  const seed = options.seed === undefined ? 1 : options.seed.trim() === '' ? NaN : Number(options.seed);
  const budget = options.budget === undefined ? DEFAULT_BUDGET : options.budget.trim() === '' ? NaN : Number(options.budget);
  if (!Number.isSafeInteger(seed)) {
    console.error('firedrill explore: --seed takes a whole number.');
    return 2;
  }
  if (!Number.isSafeInteger(budget) || budget < MIN_BUDGET || budget > MAX_BUDGET) {
    console.error(`firedrill explore: --budget takes a whole number from ${MIN_BUDGET} to ${MAX_BUDGET.toLocaleString('en-US')}.`);
    return 2;
  }
  const scenario = loadOrReport(file);
  if (!scenario) return 1;
  const started = performance.now();
  const report = exploreScenario(scenario, { seed, budget, scripts: scriptsFor(file, scenario) });
  const elapsedMs = Math.round(performance.now() - started);
  if (options.json) console.log(JSON.stringify({ ...report, elapsedMs }, null, 2));
  else console.log(formatExplore(scenario, report, elapsedMs));
  return report.ok ? 0 : 1;
}

const CLI_OPTIONS = {
  actions: { type: 'string' },
  seed: { type: 'string' },
  budget: { type: 'string' },
  json: { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The arguments, or the reason they could not be read. */
function readArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: CLI_OPTIONS });
  } catch (error) {
    return error as Error;
  }
}

export function main(argv: string[]): number {
  const parsed = readArgs(argv);
  if (parsed instanceof Error) {
    console.error(`firedrill: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  const { values } = parsed;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'check') return check(rest, values.json, values.strict);
  if (command === 'play') return play(rest[0], values.actions, { json: values.json, seed: values.seed, quiet: values.quiet });
  if (command === 'explore') return explore(rest[0], { json: values.json, seed: values.seed, budget: values.budget });
  console.error(`firedrill: unknown command "${command}".\n\n${USAGE}`);
  return 2;
}
