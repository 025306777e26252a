/**
 * The folder the hot-reload test's dev server reads its scenarios from (see playwright.config.ts).
 * Outside the project: Vite does not watch test-results/, and the real scenarios stay untouched.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PREVIEW_SCENARIOS = join(tmpdir(), 'firedrill-preview-scenarios');
