/** Places services in layers by dependency depth: callers on top, what they call below. */

/** The part of a service the layout needs. */
export interface ServiceNode {
  id: string;
  dependsOn: readonly string[];
}

/** A service's slot: its layer and its place within it. */
export interface PlacedService {
  id: string;
  layer: number;
  /** Position within the layer, 0..count-1. */
  index: number;
  count: number;
}

/**
 * Layer = the longest chain of callers above a service, so every edge points downwards. Within a
 * layer, services are ordered by where their callers sit (a one-pass barycentre), which keeps edges
 * from crossing in the small maps scenarios have. Unknown ids and cycles are tolerated.
 */
export function layoutServices(services: readonly ServiceNode[]): PlacedService[][] {
  const ids = new Set(services.map((s) => s.id));
  const callers = new Map<string, string[]>();
  for (const s of services) callers.set(s.id, []);
  for (const s of services) for (const d of s.dependsOn) if (ids.has(d) && d !== s.id) callers.get(d)!.push(s.id);

  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    let d = 0;
    for (const c of callers.get(id) ?? []) d = Math.max(d, depthOf(c) + 1);
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  for (const s of services) depthOf(s.id);

  const layers: string[][] = [];
  for (const s of services) (layers[depth.get(s.id)!] ??= []).push(s.id);
  const position = new Map<string, number>();
  const dense = layers.filter((l) => l && l.length > 0);
  dense.forEach((layer, li) => {
    if (li > 0) {
      const order = new Map(layer.map((id, i) => [id, i]));
      const centre = (id: string) => {
        const ps = (callers.get(id) ?? []).map((c) => position.get(c)).filter((p): p is number => p !== undefined);
        return ps.length > 0 ? ps.reduce((a, b) => a + b, 0) / ps.length : order.get(id)! / Math.max(1, layer.length - 1);
      };
      layer.sort((a, b) => centre(a) - centre(b) || order.get(a)! - order.get(b)!);
    }
    layer.forEach((id, i) => position.set(id, layer.length === 1 ? 0.5 : i / (layer.length - 1)));
  });
  return dense.map((layer, li) => layer.map((id, index) => ({ id, layer: li, index, count: layer.length })));
}
