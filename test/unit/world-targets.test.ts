/** A click on the world opens what is under it: the layout's graphs, map and pager are the targets. */
import { describe, expect, it } from 'vitest';
import { computeLayout, graphRects, type Rect } from '../../src/game/layout';
import { worldTargetAt } from '../../src/game/world-targets';

const centre = (r: Rect) => [r.x + r.w / 2, r.y + r.h / 2] as const;

describe('what a click on the world opens', () => {
  for (const [w, h] of [
    [512, 308],
    [900, 560],
    [1600, 900],
  ] as const) {
    const layout = computeLayout(w, h);
    const graphs = graphRects(layout.dashboard, layout.ui, 6);

    it(`finds each of six graphs, the map and the pager at ${w}×${h}`, () => {
      graphs.forEach((rect, index) => expect(worldTargetAt(layout, ...centre(rect), 6)).toEqual({ kind: 'graph', index }));
      expect(worldTargetAt(layout, ...centre(layout.map), 6)).toEqual({ kind: 'map' });
      expect(worldTargetAt(layout, ...centre(layout.pager), 6)).toEqual({ kind: 'pager' });
    });

    it(`finds nothing on the wall, the desk, the dashboard's header or between graphs at ${w}×${h}`, () => {
      expect(worldTargetAt(layout, 2, 2, 6)).toBeNull();
      expect(worldTargetAt(layout, ...centre(layout.keyboard), 6)).toBeNull();
      expect(worldTargetAt(layout, layout.dashboard.x + layout.dashboard.w / 2, layout.dashboard.y + 3, 6)).toBeNull();
      const [a, b] = [graphs[0]!, graphs[1]!];
      expect(worldTargetAt(layout, (a.x + a.w + b.x) / 2, a.y + a.h / 2, 6)).toBeNull();
    });
  }

  it('lays the graphs out as the dashboard draws them: a grid inside the screen, none overlapping', () => {
    const layout = computeLayout(512, 308);
    const graphs = graphRects(layout.dashboard, layout.ui, 6);
    expect(new Set(graphs.map((g) => g.y)).size).toBe(2);
    const d = layout.dashboard;
    for (const g of graphs) {
      expect(g.x).toBeGreaterThanOrEqual(d.x);
      expect(g.y).toBeGreaterThanOrEqual(d.y);
      expect(g.x + g.w).toBeLessThanOrEqual(d.x + d.w);
      expect(g.y + g.h).toBeLessThanOrEqual(d.y + d.h);
    }
    for (let i = 0; i < graphs.length; i++)
      for (let j = i + 1; j < graphs.length; j++) {
        const [p, q] = [graphs[i]!, graphs[j]!];
        const overlap = p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;
        expect(overlap, `graphs ${i} and ${j}`).toBe(false);
      }
  });

  it('offers no graph when the scenario has none: the dashboard is then no target', () => {
    const layout = computeLayout(900, 560);
    expect(worldTargetAt(layout, ...centre(layout.dashboard), 0)).toBeNull();
    expect(worldTargetAt(layout, ...centre(layout.map), 0)).toEqual({ kind: 'map' });
  });
});
