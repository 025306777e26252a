/** Which part of the world is under a point of the canvas, so a click can open it large (pure). */
import { graphRects, type Rect, type WorldLayout } from './layout';

/** A part of the world that can be opened large: one of the dashboard's graphs, the service map, the pager. */
export type WorldTarget = { kind: 'graph'; index: number } | { kind: 'map' } | { kind: 'pager' };

const inside = (rect: Rect, x: number, y: number) => x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rect.h;

/**
 * The target at canvas point (x, y) for a dashboard of `graphs` graphs, or null. The map counts
 * with its bezel (a generous target); a graph only within its own panel, since the gaps and the
 * header between them belong to no graph.
 */
export function worldTargetAt(layout: WorldLayout, x: number, y: number, graphs: number): WorldTarget | null {
  const index = graphRects(layout.dashboard, layout.ui, graphs).findIndex((rect) => inside(rect, x, y));
  if (index >= 0) return { kind: 'graph', index };
  if (inside(layout.mapBezel, x, y)) return { kind: 'map' };
  if (inside(layout.pager, x, y)) return { kind: 'pager' };
  return null;
}
