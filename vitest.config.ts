import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/unit/**/*.test.ts'],
    // The property and fuzz tests are sized by how many cases they try, never by a clock; this
    // limit only catches a hang, so it is generous enough for a machine whose cores are all busy.
    testTimeout: 300_000,
    // Files share a worker's module cache instead of importing the engine, zod schemas and
    // scenarios afresh each (imports were 21 s of a 140 s run). No test relies on
    // module state: spies and fake timers are restored, and howler, the one module mocked, is
    // imported by no other test file.
    isolate: false,
    hookTimeout: 300_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // Views need a browser: the Playwright suite covers them, not vitest.
      exclude: ['src/ui/**', 'src/game/**', 'src/main.ts', 'src/scenarios.ts', 'src/**/*.d.ts'],
      reporter: ['text-summary'],
      reportsDirectory: 'test-results/coverage',
    },
  },
});
