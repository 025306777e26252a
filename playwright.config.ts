import { existsSync, mkdirSync } from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';
import { PREVIEW_SCENARIOS } from './test/e2e/preview-folder';

/** Debian's Chromium where it is installed (CI, this project's machines); otherwise Playwright's own browser. */
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  if (existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    'No Chromium found for the browser tests. Install one: `sudo apt-get install chromium` (Debian/Ubuntu), ' +
      'or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium binary.',
  );
}

// Overridable so that two checkouts (or two people) can run the browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = process.env.E2E_OUT_DIR ?? 'dist';
/** The dev server for the hot-reload test, reading scenarios from a folder the test owns. */
const devPort = Number(process.env.E2E_DEV_PORT ?? 5174);
mkdirSync(PREVIEW_SCENARIOS, { recursive: true });

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: process.env.E2E_RESULTS_DIR ?? 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  // Bounds that catch a hang, not a pace: every wait is on state and returns as soon as it holds,
  // so these only matter when the machine is slow. With both cores busy (stress-ng --cpu 2) the
  // four-browser reconnect test ran past a 120 s budget and 5 s waits ran out.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  projects: [
    { name: 'game', testIgnore: /preview\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${port}` } },
    { name: 'dev server', testMatch: /preview\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${devPort}` } },
  ],
  use: {
    screenshot: 'on',
    trace: 'off',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: [
    {
      command: `npx vite build --outDir ${outDir} && npx vite preview --outDir ${outDir} --port ${port} --strictPort`,
      url: `http://127.0.0.1:${port}`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
    {
      command: `npx vite --port ${devPort} --strictPort`,
      env: { ...(process.env as Record<string, string>), FIREDRILL_SCENARIOS: PREVIEW_SCENARIOS },
      url: `http://127.0.0.1:${devPort}`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
