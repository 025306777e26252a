/** A module loaded on first use, so screens off the solo path to the first incident stay out of the first download. */
export interface Lazy<M> {
  /** The module once it has loaded; undefined before. */
  loaded(): M | undefined;
  /** Starts loading (once; again after a failure, so a dropped connection can be retried). */
  load(): Promise<M>;
}

/** The script a failed dynamic import names in its error ("Failed to fetch dynamically imported module: …/team-ab12.js"). */
export function failedModuleUrl(error: unknown): string | null {
  const text = error instanceof Error ? error.message : String(error);
  return /(https?:\/\/[^\s'"]+?\.(?:js|mjs|ts))(?:\?[^\s'"]*)?(?=[\s'"]|$)/.exec(text)?.[1] ?? null;
}

/**
 * Browsers may remember a module whose fetch failed and fail every later import of the same URL,
 * so a retry asks for the script the failure named under a fresh query: a new URL, fetched anew.
 */
export function lazy<M>(
  importer: () => Promise<M>,
  reimport: (url: string) => Promise<unknown> = (url) => import(/* @vite-ignore */ url),
): Lazy<M> {
  let module: M | undefined;
  let pending: Promise<M> | null = null;
  let failed: string | null = null;
  let attempts = 0;
  const attempt = (): Promise<M> =>
    failed === null ? importer() : (reimport(`${failed}${failed.includes('?') ? '&' : '?'}retry=${attempts}`) as Promise<M>);
  return {
    loaded: () => module,
    load: () =>
      (pending ??= attempt().then(
        (m) => (module = m),
        (error: unknown) => {
          pending = null;
          attempts++;
          failed = failedModuleUrl(error) ?? failed;
          throw error;
        },
      )),
  };
}
