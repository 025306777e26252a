/** Small drawing helpers Phaser's Graphics lacks (dashed lines, polylines, panel headers). */
import type Phaser from 'phaser';

/** A dashed straight line; Graphics has no dash style. */
export function dashedLine(
  g: Phaser.GameObjects.Graphics,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  dash: number,
  gap: number,
): void {
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (len === 0) return;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  g.beginPath();
  for (let d = 0; d < len; d += dash + gap) {
    const e = Math.min(len, d + dash);
    g.moveTo(x1 + ux * d, y1 + uy * d);
    g.lineTo(x1 + ux * e, y1 + uy * e);
  }
  g.strokePath();
}

/** A plain point (Phaser's own helpers want Vector2 instances). */
export interface XY {
  x: number;
  y: number;
}

/** Strokes an open polyline (Graphics.strokePoints wants Vector2 instances; plain points are enough). */
export function polyline(g: Phaser.GameObjects.Graphics, pts: readonly XY[]): void {
  if (pts.length < 2) return;
  g.beginPath();
  g.moveTo(pts[0]!.x, pts[0]!.y);
  for (let i = 1; i < pts.length; i++) g.lineTo(pts[i]!.x, pts[i]!.y);
  g.strokePath();
}

/** Fills the area between a polyline and the horizontal line y = `base`. */
export function areaUnder(g: Phaser.GameObjects.Graphics, pts: readonly XY[], base: number): void {
  if (pts.length < 2) return;
  g.beginPath();
  g.moveTo(pts[0]!.x, base);
  for (const p of pts) g.lineTo(p.x, p.y);
  g.lineTo(pts[pts.length - 1]!.x, base);
  g.closePath();
  g.fillPath();
}

/** The header strip shared by the dashboard and service-map panels: a dark band with a rule under it. */
export function panelHeader(
  g: Phaser.GameObjects.Graphics,
  screen: { x: number; y: number; w: number },
  height: number,
  band: number,
  rule: number,
): void {
  g.clear();
  g.fillStyle(band, 1);
  g.fillRect(screen.x, screen.y, screen.w, height);
  g.fillStyle(rule, 1);
  g.fillRect(screen.x, screen.y + height, screen.w, 1);
}
