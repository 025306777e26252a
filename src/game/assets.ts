/**
 * The world's only asset manifest. Every texture is generated in code by the boot scene, so the
 * world needs no image files; views refer to textures through these keys and nothing else.
 */
export const TEXTURES = {
  /** A soft white radial glow, tinted per use (sun, LEDs, service alarms, line heads). */
  glow: 'fd-glow',
  /** A horizontal band, clear → white → clear: the green sweep across the dashboards. */
  sweep: 'fd-sweep',
  /** One heartbeat on a flat line, tiled and scrolled on the composure meter. */
  ecg: 'fd-ecg',
  /** A 4×4 white square for flashes and fills that are cheaper as images than Graphics. */
  pixel: 'fd-pixel',
} as const;
