/** A module loaded on first use, so screens off the solo path to the first incident stay out of the first download. */
export interface Lazy<M> {
  /** The module once it has loaded; undefined before. */
  loaded(): M | undefined;
  /** Starts loading (once; again after a failure, so a dropped connection can be retried). */
  load(): Promise<M>;
}

export function lazy<M>(importer: () => Promise<M>): Lazy<M> {
  let module: M | undefined;
  let pending: Promise<M> | null = null;
  return {
    loaded: () => module,
    load: () =>
      (pending ??= importer().then(
        (m) => (module = m),
        (error: unknown) => {
          pending = null;
          throw error;
        },
      )),
  };
}
