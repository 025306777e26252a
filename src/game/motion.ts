/** Whether the player asked for reduced motion, kept current while the world is mounted. */

/** A live view of `prefers-reduced-motion`; `dispose` stops listening. */
export interface MotionPreference {
  readonly reduced: boolean;
  dispose(): void;
}

/** Watches the media query so a change in the OS setting takes effect without a reload; `onChange` hears each change. */
export function watchMotionPreference(onChange?: () => void): MotionPreference {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;
  const pref = {
    reduced: query?.matches ?? false,
    dispose: () => query?.removeEventListener('change', changed),
  };
  function changed(e: MediaQueryListEvent): void {
    pref.reduced = e.matches;
    onChange?.();
  }
  query?.addEventListener('change', changed);
  return pref;
}
