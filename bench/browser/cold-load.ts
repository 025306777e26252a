/**
 * Cold loads: the app until its title screen is interactive, against the bare Phaser page until its
 * scene's `create()`. Each load gets a fresh browser context, so the HTTP and code caches are empty.
 */
import type { Browser, Page } from '@playwright/test';
import { newBenchContext } from './chromium';

/** The title screen's way in; its appearance (visible and enabled) is "interactive". */
export const TITLE_BUTTON = 'Choose a scenario';

type Marks = Window & { __titleReady?: number; __ready?: number };

/**
 * Injected before any page script: records `performance.now()` (ms since navigation start) when a
 * visible, enabled button named `name` first exists, checking on every DOM mutation and every frame.
 */
function watchForButton(name: string): void {
  const w = window as Marks;
  const found = () => {
    for (const b of document.querySelectorAll('button')) {
      const label = b.getAttribute('aria-label') ?? b.textContent?.trim();
      if (label === name && !b.disabled && b.checkVisibility({ visibilityProperty: true })) return true;
    }
    return false;
  };
  const check = () => {
    if (w.__titleReady === undefined && found()) {
      w.__titleReady = performance.now();
      observer.disconnect();
    }
  };
  // Mutations catch the moment it is inserted; the per-frame check catches it becoming visible by style alone.
  const everyFrame = () => {
    check();
    if (w.__titleReady === undefined) requestAnimationFrame(everyFrame);
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['disabled', 'hidden', 'class', 'style'],
  });
  requestAnimationFrame(everyFrame);
}

/** Loads the app in a fresh context; ms from navigation start until the title button is interactive. */
async function appLoad(browser: Browser, url: string): Promise<number> {
  const context = await newBenchContext(browser);
  try {
    await context.addInitScript(watchForButton, TITLE_BUTTON);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.getByRole('button', { name: TITLE_BUTTON, exact: true }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForFunction(() => (window as Marks).__titleReady !== undefined, undefined, { timeout: 30_000 });
    return await mark(page, '__titleReady');
  } finally {
    await context.close();
  }
}

/** Loads the bare Phaser page in a fresh context; ms from navigation start until its scene's `create()`. */
async function bareLoad(browser: Browser, url: string): Promise<number> {
  const context = await newBenchContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as Marks).__ready !== undefined, undefined, { timeout: 30_000 });
    return await mark(page, '__ready');
  } finally {
    await context.close();
  }
}

async function mark(page: Page, key: '__titleReady' | '__ready'): Promise<number> {
  const value = await page.evaluate((k) => (window as Marks)[k], key);
  if (typeof value !== 'number') throw new Error(`the page recorded no ${key}`);
  return value;
}

/** Cold-load times in ms, `runs` of each, alternating app and bare; `warmups` pairs first are discarded. */
export async function coldLoads(
  browser: Browser,
  appUrl: string,
  bareUrl: string,
  runs: number,
  warmups = 1,
): Promise<{ app: number[]; bare: number[] }> {
  const app: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < warmups + runs; i++) {
    const a = await appLoad(browser, appUrl);
    const b = await bareLoad(browser, bareUrl);
    if (i >= warmups) {
      app.push(a);
      bare.push(b);
    }
  }
  return { app, bare };
}
