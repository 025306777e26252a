/**
 * Driving the real game UI from the bench: title → select → briefing → incident, and reading its clock.
 *
 * Once the incident screen is up, Phaser renders whenever the world changes, and with the frame-rate limit off
 * (and sometimes with it on) a software-GL page can stall for seconds. Playwright's mouse clicks
 * and visibility waits then time out, so from there on the bench uses one-shot queries, polling by
 * timer, and `HTMLElement.click()` on the real buttons (same button, same handler as a mouse click).
 */
import type { Locator, Page } from '@playwright/test';
import { TITLE_BUTTON } from './cold-load';

/** A scenario file to load through the select screen's file picker before choosing it. */
export interface ScenarioFile {
  fileName: string;
  buffer: Buffer;
}

/** How long a stalled incident page gets before the bench gives up on a step. */
export const PATIENCE_MS = 120_000;

/** Presses a button with `HTMLElement.click()`; throws if it is disabled. */
export async function press(button: Locator): Promise<void> {
  const pressed = await button.evaluate(
    (b: HTMLButtonElement) => {
      if (b.disabled) return false;
      b.click();
      return true;
    },
    undefined,
    { timeout: PATIENCE_MS },
  );
  if (!pressed) throw new Error(`the button “${await button.textContent()}” is disabled`);
}

/** Opens the app, chooses the scenario titled `title` (loading `file` first if given), starts it and sets 4×. */
export async function startIncident(page: Page, appUrl: string, title: string, file?: ScenarioFile): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('button', { name: TITLE_BUTTON, exact: true }).click();
  if (file) await page.setInputFiles('#scenario-file', { name: file.fileName, mimeType: 'application/json', buffer: file.buffer });
  await page.getByRole('button', { name: `Choose ${title}`, exact: true }).click();
  await page.getByRole('button', { name: 'Start the incident' }).click();
  await press(page.getByRole('button', { name: 'Speed 4×', exact: true }));
  if (!(await isRunning(page))) throw new Error('the incident did not start running');
}

/** Whether the clock runs: the pause button then offers to pause. */
export async function isRunning(page: Page): Promise<boolean> {
  return (await page.getByRole('button', { name: 'Pause the clock' }).count()) === 1;
}

/** Waits for the Phaser world's canvas on the incident screen and returns its drawing-buffer size. */
export async function worldCanvas(page: Page): Promise<{ width: number; height: number }> {
  const size = await page.waitForFunction(
    () => {
      const c = document.querySelector<HTMLCanvasElement>('.world canvas');
      return c && c.width > 0 && c.height > 0 ? { width: c.width, height: c.height } : null;
    },
    undefined,
    { polling: 250, timeout: PATIENCE_MS },
  );
  return (await size.jsonValue())!;
}

/** The top bar's game clock as text ("16:35:10"). */
export async function clockText(page: Page): Promise<string> {
  const text = await page.evaluate(() => document.querySelector('time.clock')?.textContent ?? null);
  if (!text) throw new Error('no game clock on the page');
  return text;
}

/** Seconds from `start` ("15:55") to the clock reading `text` ("16:35:10"), across midnight if need be. */
export function secondsSince(start: string, text: string): number {
  return (((hms(text) - hms(start)) % 86_400) + 86_400) % 86_400;
}

function hms(text: string): number {
  const [h = 0, m = 0, s = 0] = text.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

/**
 * Presses "Skip ahead" (and lets the clock run at its speed) until the clock is `seconds` past
 * `start`. The loop runs inside the page (one round trip, however much the page stalls) and yields
 * to rendering every ten presses. Returns the clock reading, and whether the run ended first.
 */
export async function skipUntil(page: Page, start: string, seconds: number): Promise<{ clock: string; ended: boolean }> {
  const button = await page.getByRole('button', { name: /Skip ahead/ }).elementHandle({ timeout: PATIENCE_MS });
  return page.evaluate(
    async ({ skip, from, until }) => {
      const clock = () => document.querySelector('time.clock')?.textContent ?? '00:00:00';
      const elapsed = () => {
        const [h = 0, m = 0, s = 0] = clock().split(':').map(Number);
        return (((h * 3600 + m * 60 + s - from) % 86_400) + 86_400) % 86_400;
      };
      for (let presses = 1; elapsed() < until; presses++) {
        if ((skip as HTMLButtonElement).disabled || document.querySelector('dialog.ending[open]')) return { clock: clock(), ended: true };
        (skip as HTMLButtonElement).click();
        // Let the page render now and then; yielding after every press takes minutes on a stalling page.
        if (presses % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return { clock: clock(), ended: false };
    },
    { skip: button, from: hms(start), until: seconds },
  );
}

/** The title of the ending dialog if it is open, else null. */
export async function endingShown(page: Page): Promise<string | null> {
  return page.evaluate(() =>
    document.querySelector('dialog.ending[open]') ? (document.querySelector('dialog.ending h2')?.textContent ?? 'an ending') : null,
  );
}

/** The number of elements in the page. */
export function domElementCount(page: Page): Promise<number> {
  return page.evaluate(() => document.getElementsByTagName('*').length);
}

/** Rejects with a clear message if `work` takes longer than `ms`. */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
