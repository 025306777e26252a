/** Builds the app and the bare Phaser page into bench/.out/ with Vite, manifests on. */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repo = fileURLToPath(new URL('../..', import.meta.url));
/** Where the bench builds the app (a copy of `vite build` with a manifest; dist/ is left alone). */
export const APP_OUT_DIR = fileURLToPath(new URL('../.out/app', import.meta.url));
/** Where bench/vite.bare.config.ts builds the bare Phaser page. */
export const BARE_OUT_DIR = fileURLToPath(new URL('../.out/bare', import.meta.url));

// Rolldown's "plugin timings" note is about the build, not the app; keep it out of the report.
const quiet = { rolldownOptions: { checks: { bundlerTimings: false } } };

/** Runs both builds; returns how long each took in ms. */
export async function buildPages(): Promise<{ appMs: number; bareMs: number }> {
  const t0 = performance.now();
  await build({
    root: repo,
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    logLevel: 'warn',
    build: { ...quiet, outDir: APP_OUT_DIR, emptyOutDir: true, manifest: true },
  });
  const t1 = performance.now();
  await build({
    configFile: fileURLToPath(new URL('../vite.bare.config.ts', import.meta.url)),
    logLevel: 'warn',
    build: { ...quiet, outDir: BARE_OUT_DIR },
  });
  return { appMs: t1 - t0, bareMs: performance.now() - t1 };
}
