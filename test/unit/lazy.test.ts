/** Screens loaded on first use: a failed load can be tried again, even where the browser remembers the failure. */
import { describe, expect, it } from 'vitest';
import { failedModuleUrl, lazy } from '../../src/ui/lazy';

describe('a lazily loaded screen', () => {
  it('finds the script a failed dynamic import names', () => {
    expect(
      failedModuleUrl(new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:4173/assets/team-BNd2VjSl.js')),
    ).toBe('http://127.0.0.1:4173/assets/team-BNd2VjSl.js');
    expect(failedModuleUrl(new Error('error loading dynamically imported module: http://h/src/ui/team/index.ts?t=1'))).toBe(
      'http://h/src/ui/team/index.ts',
    );
    expect(failedModuleUrl(new Error('offline'))).toBeNull();
  });

  it('retries the named script under a fresh URL, since the browser may remember the failed one', async () => {
    const asked: string[] = [];
    let first = true;
    const module = lazy(
      () => {
        if (!first) throw new Error('the same URL fails again');
        first = false;
        return Promise.reject(new TypeError('Failed to fetch dynamically imported module: http://x/assets/team-1.js'));
      },
      (url) => {
        asked.push(url);
        return Promise.resolve({ ok: true });
      },
    );
    await expect(module.load()).rejects.toThrow(/Failed to fetch/);
    expect(module.loaded()).toBeUndefined();
    await expect(module.load()).resolves.toEqual({ ok: true });
    expect(asked).toEqual(['http://x/assets/team-1.js?retry=1']);
    expect(module.loaded()).toEqual({ ok: true });
  });

  it('loads once, and retries the importer itself when the failure names no script', async () => {
    let calls = 0;
    const module = lazy(
      () => (++calls === 1 ? Promise.reject(new Error('offline')) : Promise.resolve('m')),
      () => Promise.reject(new Error('not used')),
    );
    await expect(module.load()).rejects.toThrow('offline');
    await expect(module.load()).resolves.toBe('m');
    await module.load();
    expect(calls).toBe(2);
  });
});
