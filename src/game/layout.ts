/** Where each part of the world sits for a given canvas size (pure, so it is easy to reason about). */

/** An axis-aligned rectangle in canvas pixels. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where every part of the world goes for one canvas size. */
export interface WorldLayout {
  width: number;
  height: number;
  /** Type and stroke scale: 1 at 900×560, smaller on small canvases. */
  ui: number;
  window: Rect;
  /** The visible band of sky above the monitors; the skyline's roofs sit in it. */
  horizonY: number;
  desk: Rect;
  dashboardBezel: Rect;
  dashboard: Rect;
  mapBezel: Rect;
  map: Rect;
  composure: Rect;
  pager: Rect;
  keyboard: Rect;
  mug: Rect;
}

const r = Math.round;

/** Shrinks a rect by `by` on every side. */
export function inset(rect: Rect, by: number): Rect {
  return { x: rect.x + by, y: rect.y + by, w: Math.max(0, rect.w - by * 2), h: Math.max(0, rect.h - by * 2) };
}

/** Lays the room out for a canvas of width × height CSS pixels. */
export function computeLayout(width: number, height: number): WorldLayout {
  const w = Math.max(320, width);
  const h = Math.max(240, height);
  const ui = Math.max(0.7, Math.min(1.3, Math.min(w / 900, h / 560)));
  const pad = r(Math.min(w, h) * 0.026);
  const bezel = Math.max(5, r(7 * ui));

  const deskTop = r(h * 0.865);
  const monitorTop = r(h * 0.15);
  const mainRight = r(w * 0.66);
  const dashboardBezel: Rect = { x: pad, y: monitorTop, w: mainRight - pad, h: deskTop - r(14 * ui) - monitorTop };

  const sideX = mainRight + r(pad * 1.3);
  const sideW = w - pad - sideX;
  const sideTop = monitorTop - r(10 * ui);
  const mapBezel: Rect = { x: sideX, y: sideTop, w: sideW, h: r((deskTop - sideTop) * 0.64) };

  const composureTop = mapBezel.y + mapBezel.h + r(pad * 1.1);
  const composure: Rect = { x: sideX + r(sideW * 0.04), y: composureTop, w: r(sideW * 0.92), h: deskTop - r(8 * ui) - composureTop };

  const deskH = h - deskTop;
  const pagerW = r(Math.min(112 * ui, sideW * 0.46));
  const pagerH = r(Math.min(deskH * 0.56, 40 * ui));
  const pager: Rect = { x: sideX + sideW - pagerW - r(sideW * 0.08), y: deskTop + r(deskH * 0.26), w: pagerW, h: pagerH };

  const kbW = r(dashboardBezel.w * 0.46);
  const keyboard: Rect = {
    x: r(dashboardBezel.x + dashboardBezel.w / 2 - kbW / 2),
    y: deskTop + r(deskH * 0.34),
    w: kbW,
    h: r(deskH * 0.36),
  };
  const mugW = r(26 * ui);
  const mug: Rect = { x: pad + r(22 * ui), y: deskTop + r(deskH * 0.16), w: mugW, h: r(mugW * 1.05) };

  return {
    width: w,
    height: h,
    ui,
    // A clerestory band above the monitors. It ends behind the top bezels: the screens are the
    // clear colour, not painted, so the view must not reach down behind them.
    window: { x: r(w * 0.025), y: r(h * 0.03), w: r(w * 0.95), h: Math.min(monitorTop, sideTop) + bezel - r(h * 0.03) },
    horizonY: monitorTop,
    desk: { x: 0, y: deskTop, w, h: deskH },
    dashboardBezel,
    dashboard: inset(dashboardBezel, bezel),
    mapBezel,
    map: inset(mapBezel, bezel),
    composure,
    pager,
    keyboard,
    mug,
  };
}

/** Height of the dashboard's header bar at ui = 1. */
export const DASHBOARD_HEADER = 22;

/** Columns for n graphs: 3×2 for the usual six, wider grids for more. */
function columnsFor(n: number, aspect: number): number {
  if (n <= 1) return 1;
  if (n <= 4) return aspect > 2.2 ? n : 2;
  if (n <= 9) return 3;
  return 4;
}

/** Where each of `n` graphs sits on the dashboard screen: a grid under the header bar. */
export function graphRects(screen: Rect, ui: number, n: number): Rect[] {
  const headerH = Math.round(DASHBOARD_HEADER * ui);
  const pad = Math.round(8 * ui);
  const gap = Math.round(7 * ui);
  const area: Rect = { x: screen.x + pad, y: screen.y + headerH + pad, w: screen.w - pad * 2, h: screen.h - headerH - pad * 2 };
  const cols = columnsFor(n, area.w / area.h);
  const rows = Math.max(1, Math.ceil(n / cols));
  const cw = (area.w - gap * (cols - 1)) / cols;
  const ch = (area.h - gap * (rows - 1)) / rows;
  return Array.from({ length: n }, (_, i) => {
    const c = i % cols;
    const row = Math.floor(i / cols);
    return { x: r(area.x + c * (cw + gap)), y: r(area.y + row * (ch + gap)), w: r(cw), h: r(ch) };
  });
}
