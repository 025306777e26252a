/** JS heap and DOM size on the real app across a long stretch of game time at 4×. */
import type { Browser, CDPSession, Page } from '@playwright/test';
import { newBenchContext } from './chromium';
import { clockText, domElementCount, endingShown, secondsSince, startIncident, worldCanvas } from './game-flow';

/** One reading: the game clock, the JS heap in use after a forced GC (bytes), and the element count. */
export interface HeapReading {
  clock: string;
  heapUsed: number;
  domElements: number;
}

/** Readings right after the start and at the end, how long it ran, and the ending if one cut it short. */
export interface HeapRun {
  start: HeapReading;
  end: HeapReading;
  realSeconds: number;
  /** Game seconds from the scenario's start to the end reading. */
  gameSeconds: number;
  ending: string | null;
}

async function reading(page: Page, cdp: CDPSession): Promise<HeapReading> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return { clock: await clockText(page), heapUsed: usedSize, domElements: await domElementCount(page) };
}

/**
 * Starts the scenario titled `title` at 4× and lets it run until `targetSeconds` of game time have
 * passed since `start`, an ending appears, or `realLimitSeconds` of real time are up.
 */
export async function heapOverGameTime(
  browser: Browser,
  appUrl: string,
  title: string,
  start: string,
  targetSeconds: number,
  realLimitSeconds: number,
): Promise<HeapRun> {
  const context = await newBenchContext(browser);
  try {
    const page = await context.newPage();
    await startIncident(page, appUrl, title);
    await worldCanvas(page);
    // Give the world a moment to finish its first frames, so the start reading includes Phaser.
    await page.waitForTimeout(2000);
    const cdp = await context.newCDPSession(page);
    const first = await reading(page, cdp);
    const t0 = performance.now();
    let ending: string | null = null;
    while ((performance.now() - t0) / 1000 < realLimitSeconds) {
      if (secondsSince(start, await clockText(page)) >= targetSeconds) break;
      ending = await endingShown(page);
      if (ending) break;
      await page.waitForTimeout(1000);
    }
    const realSeconds = (performance.now() - t0) / 1000;
    const end = await reading(page, cdp);
    return { start: first, end, realSeconds, gameSeconds: secondsSince(start, end.clock), ending };
  } finally {
    await context.close();
  }
}
