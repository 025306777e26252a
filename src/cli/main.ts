/** The `firedrill` command: check scenarios and play action scripts headless. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compileScript, formatDiagnostic, loadScenario, runScript, type Scenario } from '../scenario';
import { formatScore, formatTimeline } from './format-run';

const USAGE = `Usage:
  firedrill check FILE...                 validate scenarios; prints every problem as file:line:col
  firedrill play FILE --actions SCRIPT    play an action script headless; prints the timeline, ending and score

Options:
  --json        machine-readable output
  --seed N      (play) override the script's seed
  --quiet       (play) leave out the timeline
  -h, --help    this help`;

function read(file: string): string | Error {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function check(files: string[], json: boolean): number {
  if (files.length === 0) {
    console.error('firedrill check: name at least one scenario file.');
    return 2;
  }
  let errors = 0;
  const report: unknown[] = [];
  for (const file of files) {
    const text = read(file);
    if (text instanceof Error) {
      errors++;
      if (json) report.push({ file, ok: false, error: text.message });
      else console.error(`${file}: cannot read: ${text.message}`);
      continue;
    }
    const result = loadScenario(text, file);
    const count = result.diagnostics.filter((d) => d.severity === 'error').length;
    errors += count;
    if (json) report.push({ file, ok: result.ok, diagnostics: result.diagnostics });
    else if (result.ok) console.log(`${file}: ok (${result.scenario.title} v${result.scenario.version})`);
    else {
      for (const d of result.diagnostics) console.log(formatDiagnostic(d));
      console.log(`${file}: ${count} error${count === 1 ? '' : 's'}`);
    }
  }
  if (json) console.log(JSON.stringify(report, null, 2));
  return errors > 0 ? 1 : 0;
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
    console.log(JSON.stringify({ ending: run.state.ending, score: run.score, refused: run.refused, unmet: run.unmet, timeline: run.state.timeline }, null, 2));
  } else {
    if (!options.quiet) console.log(formatTimeline(scenario, run.state), '\n');
    for (const r of run.refused) console.log(`refused: step ${r.index + 1} (${JSON.stringify(r.entry.input)}): ${r.rejection.message}`);
    console.log(formatScore(scenario, run.state, run.score));
    for (const u of run.unmet) console.log(`UNMET: ${u}`);
  }
  return run.unmet.length > 0 ? 1 : 0;
}

export function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        actions: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`firedrill: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  const { values } = parsed;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'check') return check(rest, values.json);
  if (command === 'play') return play(rest[0], values.actions, { json: values.json, seed: values.seed, quiet: values.quiet });
  console.error(`firedrill: unknown command "${command}".\n\n${USAGE}`);
  return 2;
}
