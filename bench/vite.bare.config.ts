/** Builds the bench's bare Phaser page (bench/bare-phaser) with the app's own build options. */
import { fileURLToPath } from 'node:url';
import { defineConfig, loadConfigFromFile } from 'vite';

// Read the app's config rather than copy it, so the two builds cannot drift apart.
const app = await loadConfigFromFile(
  { command: 'build', mode: 'production' },
  fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  undefined,
  'silent',
);
if (!app) throw new Error('vite.config.ts not found');

export default defineConfig({
  root: fileURLToPath(new URL('./bare-phaser', import.meta.url)),
  logLevel: 'warn',
  build: {
    ...app.config.build,
    // bench/.out/ is scratch space, ignored by git.
    outDir: fileURLToPath(new URL('./.out/bare', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
  },
});
