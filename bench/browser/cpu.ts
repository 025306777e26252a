/**
 * What the world costs in CPU: the whole browser's CPU time (every process Chromium starts: browser,
 * GPU, renderer, network…) per second of real time, for the incident screen at peak escalation, a
 * bare Phaser scene with a canvas of the same size and a blank page. Frame intervals at 60 Hz only
 * say whether frames were dropped; this says what drawing them costs.
 *
 * The three run side by side, each in its own browser, and are read over the same windows, so a
 * busy machine (other people's tests on two cores) weighs on all three alike; the ratios are the
 * medians of each window's ratio.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { launchRootedChromium, newBenchContext, type RootedBrowser } from './chromium';
import { clockText, isRunning, skipUntil, startIncident, worldCanvas, type ScenarioFile } from './game-flow';
import { median } from './stats';

/** One process's CPU time so far, in clock ticks, keyed by pid and start time (pids are reused). */
type Ticks = Map<string, { pid: number; ppid: number; ticks: number }>;

function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** utime + stime (fields 14 and 15 of /proc/<pid>/stat) of every process on the machine. */
function readTicks(): Ticks {
  const out: Ticks = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let text: string;
    try {
      text = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // The command name is in parentheses and may hold spaces; fields are counted after it (field 3 first).
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(rest[1]);
    const ticks = Number(rest[11]) + Number(rest[12]);
    out.set(`${name}:${rest[19]}`, { pid: Number(name), ppid, ticks });
  }
  return out;
}

/** The keys of `root` and all its descendants in `all`. */
function tree(all: Ticks, root: number): string[] {
  const children = new Map<number, string[]>();
  for (const [key, p] of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), key]);
  const pidOf = new Map([...all].map(([key, p]) => [p.pid, key] as const));
  const rootKey = pidOf.get(root);
  if (!rootKey) return [];
  const keys = [rootKey];
  for (let i = 0; i < keys.length; i++) for (const child of children.get(all.get(keys[i]!)!.pid) ?? []) keys.push(child);
  return keys;
}

/** CPU ticks spent by `root`'s process tree between two readings (a process new in `after` counts whole). */
function spent(before: Ticks, after: Ticks, root: number): number {
  let sum = 0;
  for (const key of tree(after, root)) sum += after.get(key)!.ticks - (before.get(key)?.ticks ?? 0);
  return sum;
}

/** Per-window CPU (cores: CPU seconds per real second) of each subject, and the conditions. */
export interface CpuRun {
  /** One entry per window, in cores. */
  incident: number[];
  bare: number[];
  blank: number[];
  windowMs: number;
  canvas: { width: number; height: number };
  /** The game clock when the first window began and when the last one ended, and the real seconds between. */
  clock: { from: string; to: string; realSeconds: number };
  processes: { incident: number; bare: number; blank: number };
}

/** Medians of a run and the medians of the per-window ratios. */
export function summariseCpu(run: CpuRun): { incident: number; bare: number; blank: number; vsBare: number; vsBlank: number } {
  return {
    incident: median(run.incident),
    bare: median(run.bare),
    blank: median(run.blank),
    vsBare: median(run.incident.map((x, i) => x / run.bare[i]!)),
    vsBlank: median(run.incident.map((x, i) => x / run.blank[i]!)),
  };
}

/**
 * Brings the stress scenario to `peakSeconds` at 4× in one browser, the bare page at the same canvas
 * size in a second and a blank page in a third, then reads all three process trees over `windows`
 * windows of `windowMs`.
 */
export async function cpuAtPeak(
  appUrl: string,
  bareUrl: string,
  file: ScenarioFile & { title: string },
  start: string,
  peakSeconds: number,
  windows: number,
  windowMs: number,
): Promise<CpuRun> {
  const hz = clockTicksPerSecond();
  const browsers: RootedBrowser[] = [];
  try {
    const [incidentB, bareB, blankB] = await Promise.all([launchRootedChromium(), launchRootedChromium(), launchRootedChromium()]);
    browsers.push(incidentB, bareB, blankB);

    const game = await (await newBenchContext(incidentB.browser)).newPage();
    await startIncident(game, appUrl, file.title, file);
    const reached = await skipUntil(game, start, peakSeconds);
    if (reached.ended) throw new Error(`the stress run ended at ${reached.clock}, before the peak`);
    const canvas = await worldCanvas(game);

    const bare = await (await newBenchContext(bareB.browser)).newPage();
    await bare.goto(`${bareUrl}?w=${canvas.width}&h=${canvas.height}`);
    await bare.waitForFunction(() => (window as Window & { __ready?: number }).__ready !== undefined, undefined, { timeout: 30_000 });

    const blank = await (await newBenchContext(blankB.browser)).newPage();
    await blank.goto('about:blank');

    // Let the last skip's burst of updates and the bare scene's start settle.
    await game.waitForTimeout(2000);
    if (!(await isRunning(game))) throw new Error('the clock is not running at the peak');
    const from = await clockText(game);
    const began = performance.now();
    const run: CpuRun = {
      incident: [],
      bare: [],
      blank: [],
      windowMs,
      canvas,
      clock: { from, to: from, realSeconds: 0 },
      processes: { incident: 0, bare: 0, blank: 0 },
    };
    for (let w = 0; w < windows; w++) {
      const before = readTicks();
      const t0 = performance.now();
      await new Promise((resolve) => setTimeout(resolve, windowMs));
      const after = readTicks();
      const seconds = (performance.now() - t0) / 1000;
      const cores = (pid: number) => spent(before, after, pid) / hz / seconds;
      run.incident.push(cores(incidentB.pid));
      run.bare.push(cores(bareB.pid));
      run.blank.push(cores(blankB.pid));
      if (w === 0)
        run.processes = {
          incident: tree(after, incidentB.pid).length,
          bare: tree(after, bareB.pid).length,
          blank: tree(after, blankB.pid).length,
        };
    }
    if (!(await isRunning(game))) throw new Error('the clock stopped during the CPU windows');
    run.clock.to = await clockText(game);
    run.clock.realSeconds = (performance.now() - began) / 1000;
    return run;
  } finally {
    await Promise.all(browsers.map((b) => b.close()));
  }
}
