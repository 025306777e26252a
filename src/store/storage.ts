/**
 * Where the game keeps what survives a reload. An interface, so tests use memory and the browser
 * uses localStorage (or sessionStorage, for what belongs to one tab); a full or disabled storage
 * degrades to "not saved", never to a crash.
 */
export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): boolean;
  remove(key: string): void;
}

export function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { dump(): Record<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    get: (key) => data.get(key) ?? null,
    set: (key, value) => {
      data.set(key, value);
      return true;
    },
    remove: (key) => void data.delete(key),
    dump: () => Object.fromEntries(data),
  };
}

/** The page's storage: `local` outlives the tab (saves, settings), `session` belongs to one tab (a team seat). */
export function browserStorage(kind: 'local' | 'session'): KeyValueStorage {
  const store = (() => {
    try {
      return (kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage) ?? null;
    } catch {
      return null; // some privacy modes throw on access
    }
  })();
  return {
    get: (key) => {
      try {
        return store?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set: (key, value) => {
      try {
        store?.setItem(key, value);
        return store !== null;
      } catch {
        return false; // quota exceeded: the game goes on unsaved
      }
    },
    remove: (key) => {
      try {
        store?.removeItem(key);
      } catch {
        // nothing to do: the key stays, and what is read back is validated anyway
      }
    },
  };
}
