/** Launching Chromium for the bench: Debian's package where installed, else Playwright's own browser. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';

const BASE_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
/** The window size every bench page gets (Playwright's default, stated so the report can say it). */
export const VIEWPORT = { width: 1280, height: 720 };

function executablePath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  if (existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    'No Chromium found: install one (`apt-get install chromium`), run `npx playwright install chromium`, or set CHROMIUM_PATH.',
  );
}

/**
 * Launches headless Chromium with WebGL through SwiftShader, at its normal 60 Hz frame rate. (With
 * vsync and the frame-rate limit lifted, its frame scheduling depends on how much of the page
 * changes, not on what a frame costs: a page with nothing to redraw was paced at 60 Hz while a bare
 * canvas ran at 1,000 fps, so frame intervals there are no measure of cost.)
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: executablePath(), headless: true, args: BASE_ARGS });
}

/** A browser launched the same way, with the pid of its root process (so its process tree's CPU time can be read). */
export interface RootedBrowser {
  browser: Browser;
  pid: number;
  close(): Promise<void>;
}

/** Launches Chromium as `launchChromium` does, through a browser server whose process the bench can see. */
export async function launchRootedChromium(): Promise<RootedBrowser> {
  const server = await chromium.launchServer({ executablePath: executablePath(), headless: true, args: BASE_ARGS });
  const pid = server.process().pid;
  if (pid === undefined) {
    await server.close();
    throw new Error('the browser server has no process id');
  }
  const browser = await chromium.connect(server.wsEndpoint());
  return {
    browser,
    pid,
    close: async () => {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}

/** Uncaught errors from every bench page so far, so the report can say the pages ran cleanly (or not). */
export const pageErrors: string[] = [];

/**
 * A fresh context (empty cache and storage) at VIEWPORT. tsx compiles the bench with esbuild's
 * keepNames, which wraps named inner functions in `__name(…)`; functions the bench hands to the page
 * need that helper there, so it is defined as the identity before any page script runs.
 */
export async function newBenchContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  context.on('weberror', (error) => pageErrors.push(error.error().message));
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  return context;
}
