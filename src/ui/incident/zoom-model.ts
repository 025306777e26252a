/** The large service map's geometry and the pager's history, both pure so they are unit-tested. */
import type { EngineState } from '../../engine';
import type { Rect } from '../../game/layout';
import { pageOf } from '../../game/model/reactions';
import { layoutServices } from '../../game/model/service-layout';

/** A service box on the large map, with its label fitted inside. */
export interface MapNode {
  id: string;
  name: string;
  box: Rect;
  /** The label as drawn: the name, or its start with an ellipsis when even small type cannot hold it. */
  label: string;
  fontSize: number;
}

/** What the large map draws, in the SVG's own pixels. */
export interface MapGeometry {
  nodes: MapNode[];
  /** Dependency edges as SVG path data, caller above, callee below. */
  edges: { from: string; to: string; d: string }[];
}

const FONT = 15;
const MIN_FONT = 11;
/** Average advance of a sans-serif character, as a share of the font size (generous, so labels never overflow). */
const CHAR_EM = 0.6;

const r = (n: number) => Math.round(n * 10) / 10;

/** `x`, or the nearer side of the box it would pass through, half a gap out. */
function clearOf(boxes: readonly Rect[], x: number, gap: number): number {
  const hit = boxes.find((b) => x > b.x - gap / 2 && x < b.x + b.w + gap / 2);
  if (!hit) return x;
  const left = hit.x - gap / 2;
  const right = hit.x + hit.w + gap / 2;
  return x - left < right - x ? left : right;
}

/** Fits a label into `room` pixels: shrinks the type to MIN_FONT, then cuts the name with an ellipsis. */
export function fitLabel(name: string, room: number): { label: string; fontSize: number } {
  const widthAt = (size: number, text: string) => text.length * size * CHAR_EM;
  if (widthAt(FONT, name) <= room) return { label: name, fontSize: FONT };
  const size = Math.max(MIN_FONT, Math.floor(room / (name.length * CHAR_EM)));
  if (widthAt(size, name) <= room) return { label: name, fontSize: size };
  const chars = Math.max(1, Math.floor(room / (size * CHAR_EM)) - 1);
  return { label: `${name.slice(0, chars).trimEnd()}…`, fontSize: size };
}

/**
 * Lays the services out in layers by dependency depth (the small map's layout) over width × height:
 * each layer shares the width, boxes keep a gap between them, so labels cannot collide.
 */
export function mapGeometry(
  services: readonly { id: string; name: string; dependsOn: readonly string[] }[],
  width: number,
  height: number,
): MapGeometry {
  const pad = 24;
  const gap = 24;
  const layers = layoutServices(services);
  const byId = new Map(services.map((s) => [s.id, s]));
  const rowH = (height - pad * 2) / Math.max(1, layers.length);
  const nodeH = Math.round(Math.min(64, rowH * 0.5));
  const nodes: MapNode[] = [];
  const boxes = new Map<string, Rect>();
  const layerOf = new Map<string, number>();
  const rows: Rect[][] = layers.map(() => []);
  for (const layer of layers) {
    const nodeW = Math.round(Math.min(240, (width - pad * 2 - gap * (layer.length - 1)) / layer.length));
    for (const p of layer) {
      const slot = (width - pad * 2) / p.count;
      const cx = pad + slot * (p.index + 0.5);
      const cy = pad + rowH * (p.layer + 0.5);
      const box = { x: Math.round(cx - nodeW / 2), y: Math.round(cy - nodeH / 2), w: nodeW, h: nodeH };
      const name = byId.get(p.id)?.name ?? p.id;
      // Room inside the box: the health stripe and glyph on the left, a margin on the right.
      nodes.push({ id: p.id, name, box, ...fitLabel(name, nodeW - 44) });
      boxes.set(p.id, box);
      layerOf.set(p.id, p.layer);
      rows[p.layer]!.push(box);
    }
  }
  const edges: MapGeometry['edges'] = [];
  for (const s of services) {
    const a = boxes.get(s.id);
    for (const d of s.dependsOn) {
      const b = boxes.get(d);
      if (!a || !b || d === s.id) continue;
      const start = { x: a.x + a.w / 2, y: a.y + a.h };
      const end = { x: b.x + b.w / 2, y: b.y };
      // An edge that skips layers bends around the boxes in between rather than under them.
      const via = (layerOf.get(s.id) ?? 0) + 1;
      const stops = [start];
      for (let l = via; l < (layerOf.get(d) ?? 0); l++) {
        const y = pad + rowH * (l + 0.5);
        const x = start.x + ((end.x - start.x) * (y - start.y)) / (end.y - start.y);
        stops.push({ x: clearOf(rows[l] ?? [], x, gap), y });
      }
      stops.push(end);
      let path = `M${r(start.x)} ${r(start.y)}`;
      for (let i = 1; i < stops.length; i++) {
        const p = stops[i - 1]!;
        const q = stops[i]!;
        const bend = Math.max(20, (q.y - p.y) * 0.5);
        path += ` C${r(p.x)} ${r(p.y + bend)} ${r(q.x)} ${r(q.y - bend)} ${r(q.x)} ${r(q.y)}`;
      }
      edges.push({ from: s.id, to: d, d: path });
    }
  }
  return { nodes, edges };
}

/** One page the pager received. */
export interface Page {
  at: number;
  text: string;
}

/** The pages received so far, newest first: every event that buzzed the desk pager (`pageOf`), in words. */
export function pagesOf(state: EngineState, names: ReadonlyMap<string, string>): Page[] {
  const pages: Page[] = [];
  for (const e of state.timeline) {
    if (!pageOf(e)) continue;
    if (e.kind === 'service') pages.push({ at: e.at, text: `${names.get(e.service) ?? e.service} is DOWN (was ${e.from})` });
    else pages.push({ at: e.at, text: 'RELAPSE: the incident reopened after the all-clear' });
  }
  return pages.reverse();
}
