/** Colours and type for the world, shared by every view so the scene reads as one place. */

/** The world's colours (0xRRGGBB), matched to the DOM panels' dark theme in src/ui/styles.css. */
export const COLORS = {
  /** The wall and the screens' glass share the camera's clear colour, so neither costs a draw. */
  wall: 0x0a0e15,
  frame: 0x161b24,
  frameLight: 0x262d3a,
  bezel: 0x111419,
  bezelEdge: 0x2a303b,
  panel: 0x0f141d,
  panelEdge: 0x1e2634,
  grid: 0x1a2230,
  desk: 0x141820,
  deskEdge: 0x2b3340,
  deskFront: 0x0b0d12,
  calm: 0x2dd4bf,
  warn: 0xf5a524,
  alarm: 0xff4d5e,
  ok: 0x3ecf8e,
  accent: 0xff7a45,
  deploy: 0xa78bfa,
  lamp: 0xffd28a,
  white: 0xffffff,
} as const;

/** Text colours as CSS strings (Phaser Text takes CSS colours). */
export const INK = {
  bright: '#e6e9ef',
  normal: '#c3cbd8',
  muted: '#8b96a8',
  faint: '#5d6879',
  calm: '#5eead4',
  warn: '#fbbf24',
  alarm: '#ff6b78',
  ok: '#3ecf8e',
  deploy: '#c4b5fd',
} as const;

/** Font stacks: the DOM UI uses system-ui; numbers read better in a monospace. */
export const FONTS = {
  ui: 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif',
  mono: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace',
} as const;

/** A colour as "#rrggbb" for Phaser Text. */
export function css(color: number): string {
  return `#${color.toString(16).padStart(6, '0')}`;
}

/** Linear blend of two 0xRRGGBB colours; t=0 gives a, t=1 gives b. */
export function mix(a: number, b: number, t: number): number {
  const k = Math.max(0, Math.min(1, t));
  const ch = (shift: number) => {
    const x = (a >> shift) & 0xff;
    const y = (b >> shift) & 0xff;
    return Math.round(x + (y - x) * k) << shift;
  };
  return ch(16) | ch(8) | ch(0);
}

/** Scales a colour's brightness (0 black, 1 unchanged). */
export function shade(color: number, factor: number): number {
  return mix(0x000000, color, factor);
}
