/**
 * The `firedrill` command for tests: in-process through `main` (a spawn costs a Node start and a
 * tsx compile, about a second of CPU each), with stdout and stderr captured apart as a process
 * would print them. `spawnFiredrill` runs the real bin for the tests that are about the process.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { format } from 'node:util';
import { vi } from 'vitest';
import { main } from '../../../src/cli/main';

export const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'bin/firedrill.mjs');

export interface CliResult {
  code: number;
  out: string;
  err: string;
  /** Set when main threw, which the CLI must never do. */
  threw?: string;
}

export function firedrill(...args: string[]): CliResult {
  let out = '';
  let err = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${format(...parts)}\n`));
  const error = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void (err += `${format(...parts)}\n`));
  try {
    return { code: main(args), out, err };
  } catch (e) {
    return { code: -1, out, err, threw: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

export function spawnFiredrill(...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
