/**
 * The browser section of `npm run bench`: chunk sizes, cold load against a bare Phaser page, frame
 * time at peak escalation against a bare scene, and the JS heap over an hour of game time.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { wallClock } from '../../src/engine';
import { loadScenario } from '../../src/authoring';
import { APP_OUT_DIR, BARE_OUT_DIR, buildPages } from './build';
import { buildSizes, formatBuildSizes, totalSize } from './chunks';
import { launchChromium, pageErrors, VIEWPORT } from './chromium';
import { cpuAtPeak, summariseCpu } from './cpu';
import { coldLoads, TITLE_BUTTON } from './cold-load';
import { bareFrameTime, peakFrameTime, type FrameStats } from './frame-time';
import { withDeadline } from './game-flow';
import { heapOverGameTime } from './heap';
import { serveStatic, type StaticServer } from './static-server';
import { median } from './stats';
import { stressScenario } from './stress-scenario';

/** `quick`: fewer loads, shorter frame sampling, and 60 real seconds instead of an hour of game time. */
export interface BrowserBenchOptions {
  quick: boolean;
  /** Only the frame-time and CPU parts (no cold load, no heap run). */
  frameOnly?: boolean;
  /** Only the CPU part. */
  cpuOnly?: boolean;
}

const PEAK_SECONDS = 40 * 60;
const HOUR_SECONDS = 60 * 60;
const ms = (x: number, digits = 0) => `${x.toFixed(digits)} ms`;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const verdict = (ok: boolean) => (ok ? 'met' : 'missed');

async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchChromium();
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/** Runs the browser benchmarks, printing each line as it is measured; false if a part failed to run. */
export async function benchBrowser(options: BrowserBenchOptions, print: (line: string) => void): Promise<boolean> {
  const { quick, cpuOnly = false } = options;
  const frameOnly = options.frameOnly === true || cpuOnly;
  const loads = quick ? 3 : 7;
  const warmups = 1;
  const frameMs = quick ? 3000 : 8000;
  const flagshipJson = readFileSync(new URL('../../scenarios/friday-deploy.json', import.meta.url), 'utf8');
  const flagship = loadScenario(flagshipJson, 'friday-deploy.json');
  if (!flagship.ok) throw new Error('the flagship does not load');
  const { clock } = flagship.scenario;
  let ok = true;
  const part = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      ok = false;
      print(`browser: ${name} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  };

  const built = await buildPages();
  print(`browser: vite build of the app ${ms(built.appMs)}, of the bare Phaser page ${ms(built.bareMs)} (into bench/.out/, manifest on)`);
  for (const line of formatBuildSizes('browser: app', buildSizes(APP_OUT_DIR))) print(line);
  const bareChunks = buildSizes(BARE_OUT_DIR).chunks;
  print(`browser: bare Phaser page, all JS chunks (${bareChunks.length} files): ${totalSize(bareChunks)}`);

  const servers: StaticServer[] = [];
  try {
    const app = await serveStatic(APP_OUT_DIR);
    servers.push(app);
    const bare = await serveStatic(BARE_OUT_DIR);
    servers.push(bare);

    if (!frameOnly)
      await withBrowser(async (browser) => {
        print(
          `browser: Chromium ${browser.version()}, headless, WebGL through SwiftShader, viewport ${VIEWPORT.width}×${VIEWPORT.height}, served from 127.0.0.1`,
        );
        await part('cold load', async () => {
          const times = await coldLoads(browser, app.url, bare.url, loads, warmups);
          const a = median(times.app);
          const b = median(times.bare);
          const range = (xs: number[]) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;
          print(
            `browser: cold load, app from navigation start until "${TITLE_BUTTON}" is visible and enabled: median ${ms(a)} (${loads} loads, ${range(times.app)})`,
          );
          print(
            `browser: cold load, bare Phaser page from navigation start until its scene's create(): median ${ms(b)} (${loads} loads, ${range(times.bare)})`,
          );
          print(
            `browser: cold load ratio app/bare (medians, fresh context per load, alternating, ${warmups} discarded warm-up pair first): ${(a / b).toFixed(2)} (target ≤ 0.6: ${verdict(a / b <= 0.6)})`,
          );
        });
      });

    if (!cpuOnly)
      await withBrowser(async (browser) => {
        await part('frame time', async () => {
          const stress = stressScenario(flagshipJson, 220, PEAK_SECONDS);
          const peak = wallClock(clock, PEAK_SECONDS, false);
          const game = await withDeadline(
            peakFrameTime(browser, app.url, stress, clock.start, PEAK_SECONDS, frameMs),
            10 * 60_000,
            'reaching the peak and measuring it',
          );
          const { width, height } = game.canvas;
          const base = await bareFrameTime(browser, bare.url, width, height, frameMs);
          const frames = (f: FrameStats) =>
            `p50 ${ms(f.p50, 1)}, p95 ${ms(f.p95, 1)}, worst ${ms(f.max, 0)}; ${(f.dropped * 100).toFixed(1)}% of intervals missed a frame (${f.frames} frames, ${f.fps.toFixed(0)} fps overall, sampled for ${frameMs / 1000} s)`;
          print(
            `browser: frame time at 60 Hz, incident screen at peak (${stress.messageCount}-message stress scenario skipped to ≥ ${peak}; measured from ${game.clock} running at 4×; world canvas ${width}×${height}): ${frames(game)}`,
          );
          print(`browser: frame time at 60 Hz, bare Phaser empty scene ${width}×${height}: ${frames(base)}`);
          print(
            `browser: frame time p95 ratio incident/bare: ${(game.p95 / base.p95).toFixed(2)} (target ≤ 1.3: ${verdict(game.p95 / base.p95 <= 1.3)})`,
          );
        });
      });

    await part('CPU', async () => {
      const stress = stressScenario(flagshipJson, 220, PEAK_SECONDS);
      const windows = quick ? 3 : 7;
      const windowMs = quick ? 3000 : 6000;
      const run = await withDeadline(
        cpuAtPeak(app.url, bare.url, stress, clock.start, PEAK_SECONDS, windows, windowMs),
        10 * 60_000,
        'reaching the peak and measuring its CPU',
      );
      const s = summariseCpu(run);
      const { width, height } = run.canvas;
      const cores = (xs: number[]) => `median ${median(xs).toFixed(2)} cores (windows ${xs.map((x) => x.toFixed(2)).join(', ')})`;
      print(
        `browser: CPU, whole browser (utime+stime of every Chromium process, /proc), three browsers side by side over the same ${windows} windows of ${windowMs / 1000} s; world canvas ${width}×${height}`,
      );
      print(
        `browser: CPU, incident screen at peak (${stress.messageCount}-message stress scenario, ${run.clock.from} → ${run.clock.to} at 4× in ${run.clock.realSeconds.toFixed(0)} real s; ${run.processes.incident} processes): ${cores(run.incident)}`,
      );
      print(`browser: CPU, bare Phaser empty scene ${width}×${height} (${run.processes.bare} processes): ${cores(run.bare)}`);
      print(`browser: CPU, blank page (${run.processes.blank} processes): ${cores(run.blank)}`);
      print(`browser: CPU ratio incident/blank (median of per-window ratios): ${s.vsBlank.toFixed(2)}`);
      print(
        `browser: CPU ratio incident/bare (median of per-window ratios): ${s.vsBare.toFixed(2)} (target ≤ 0.5: ${verdict(s.vsBare <= 0.5)})`,
      );
    });

    if (!frameOnly)
      await withBrowser(async (browser) => {
        await part('heap', async () => {
          const goal = quick ? Number.POSITIVE_INFINITY : HOUR_SECONDS;
          const limit = quick ? 60 : 2 * (HOUR_SECONDS / 12) + 60;
          const run = await withDeadline(
            heapOverGameTime(browser, app.url, flagship.scenario.title, clock.start, goal, limit),
            (limit + 300) * 1000,
            'the heap run',
          );
          const span = quick
            ? `after ${run.realSeconds.toFixed(0)} real s at 4× (quick mode: not an hour of game time)`
            : `after ${run.realSeconds.toFixed(0)} real s at 4×`;
          print(
            `browser: JS heap right after the start (clock ${run.start.clock}, after GC): ${MB(run.start.heapUsed)}; DOM elements: ${run.start.domElements}`,
          );
          print(
            `browser: JS heap ${span} (clock ${run.end.clock}, after GC): ${MB(run.end.heapUsed)}; DOM elements: ${run.end.domElements}`,
          );
          const growth = run.end.heapUsed - run.start.heapUsed;
          const nodes = run.end.domElements - run.start.domElements;
          const target = quick ? 'target < 10 MB applies to the full hour' : `target < 10 MB: ${verdict(growth < 10e6)}`;
          print(
            `browser: JS heap growth ${run.start.clock} → ${run.end.clock}: ${growth >= 0 ? '+' : ''}${MB(growth)} (${target}); DOM elements ${nodes >= 0 ? '+' : ''}${nodes}`,
          );
          if (run.ending) print(`browser: note: the run ended (“${run.ending}”) at ${run.end.clock}, before the planned stretch was over`);
          else if (!quick && run.gameSeconds < HOUR_SECONDS)
            print(`browser: note: stopped at the ${limit} s real-time limit, before ${wallClock(clock, HOUR_SECONDS, false)}`);
        });
      });
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
  const errors = [...new Set(pageErrors)];
  print(
    `browser: uncaught errors in the bench's pages: ${pageErrors.length}${errors.length ? ` (${errors.slice(0, 3).join(' | ')})` : ''}`,
  );
  return ok;
}
