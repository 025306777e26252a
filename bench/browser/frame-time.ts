/**
 * Frame time on the incident screen at peak escalation (the stress scenario, 200+ chat messages,
 * every graph live), against a bare Phaser scene with a canvas of the same size.
 */
import type { Browser, Page } from '@playwright/test';
import { newBenchContext } from './chromium';
import { clockText, isRunning, skipUntil, startIncident, worldCanvas, type ScenarioFile } from './game-flow';
import { quantile } from './stats';

/** The intervals between animation frames: p50, p95 and worst in ms, how many, frames per second overall, and the share that missed a frame. */
export interface FrameStats {
  p50: number;
  p95: number;
  max: number;
  frames: number;
  fps: number;
  dropped: number;
}

/** An interval this long at 60 Hz means at least one frame was not drawn in time. */
const MISSED_FRAME_MS = 1.5 * (1000 / 60);

/** What the game side measured, with the conditions it measured under. */
export interface PeakFrames extends FrameStats {
  clock: string;
  canvas: { width: number; height: number };
}

/** Collects requestAnimationFrame deltas in the page for `ms` milliseconds. */
async function frameDeltas(page: Page, ms: number): Promise<FrameStats> {
  const deltas = await page.evaluate(
    (duration) =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        let last = -1;
        const end = performance.now() + duration;
        const frame = (t: number) => {
          if (last >= 0) out.push(t - last);
          last = t;
          if (t < end) requestAnimationFrame(frame);
          else resolve(out);
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
  const total = deltas.reduce((sum, d) => sum + d, 0);
  const dropped = deltas.filter((d) => d > MISSED_FRAME_MS).length / deltas.length;
  return {
    p50: quantile(deltas, 0.5),
    p95: quantile(deltas, 0.95),
    max: Math.max(...deltas),
    frames: deltas.length,
    fps: (deltas.length / total) * 1000,
    dropped,
  };
}

/** Plays the stress scenario to `peakSeconds` after its start (skipping ahead at 4×), then measures for `ms`. */
export async function peakFrameTime(
  browser: Browser,
  appUrl: string,
  file: ScenarioFile & { title: string },
  start: string,
  peakSeconds: number,
  ms: number,
): Promise<PeakFrames> {
  const context = await newBenchContext(browser);
  try {
    const page = await context.newPage();
    await startIncident(page, appUrl, file.title, file);
    const reached = await skipUntil(page, start, peakSeconds);
    if (reached.ended) throw new Error(`the stress run ended at ${reached.clock}, before the peak`);
    const canvas = await worldCanvas(page);
    // Let the last skip's burst of updates settle, and make sure the clock is still running.
    await page.waitForTimeout(1000);
    if (!(await isRunning(page))) throw new Error('the clock is not running at the peak');
    const clock = await clockText(page);
    return { ...(await frameDeltas(page, ms)), clock, canvas };
  } finally {
    await context.close();
  }
}

/** The bare Phaser page at `width`×`height`, measured for `ms` once its scene has started. */
export async function bareFrameTime(browser: Browser, bareUrl: string, width: number, height: number, ms: number): Promise<FrameStats> {
  const context = await newBenchContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${bareUrl}?w=${width}&h=${height}`);
    await page.waitForFunction(() => (window as Window & { __ready?: number }).__ready !== undefined, undefined, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    return await frameDeltas(page, ms);
  } finally {
    await context.close();
  }
}
