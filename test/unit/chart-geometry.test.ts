/** The large view's pure parts: the graph's axes, limits, markers, level runs and cursor; the map; the pages. */
import { describe, expect, it } from 'vitest';
import { init, step } from '../../src/engine';
import type { Metric } from '../../src/format';
import { alarmLine } from '../../src/game/model/metric-level';
import { chartGeometry, fineTicks, nearestPoint, readout, withUnit, type ChartInput } from '../../src/ui/incident/chart-geometry';
import { fitLabel, mapGeometry, pagesOf } from '../../src/ui/incident/zoom-model';
import { loadShipped } from './helpers/flagship';

const flagship = loadShipped('friday-deploy.json');
const metric = (id: string): Metric => flagship.metrics.find((m) => m.id === id)!;
const latency = metric('checkout_p95');

function input(overrides: Partial<ChartInput> = {}): ChartInput {
  const samples = Array.from({ length: 121 }, (_, i) => (i < 60 ? 420 : 3000));
  return {
    metric: latency,
    clock: flagship.clock,
    samples,
    now: 600,
    deploys: [{ at: 300, label: '#482', title: '#482 orders: store line-item prices as integer cents' }],
    width: 900,
    height: 500,
    ...overrides,
  };
}

describe('the large graph', () => {
  it('splits the value axis on round steps about five to the axis', () => {
    expect(fineTicks({ min: 0, max: 200, ticks: [0, 100, 200] })).toEqual([0, 50, 100, 150, 200]);
    expect(fineTicks({ min: 0, max: 4, ticks: [0, 2, 4] })).toEqual([0, 1, 2, 3, 4]);
    expect(fineTicks({ min: 0, max: 5000, ticks: [0, 2500, 5000] })).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
  });

  it('puts the axis ticks, labelled, from the bottom of the plot to its top', () => {
    const g = chartGeometry(input());
    expect(g.yTicks[0]).toEqual({ y: g.plot.y + g.plot.h, label: '0' });
    expect(g.yTicks.at(-1)!.y).toBeCloseTo(g.plot.y);
    expect(g.yTicks.map((t) => t.label)).toContain('1k');
    expect(g.plot.x + g.plot.w).toBeLessThanOrEqual(900);
    expect(g.plot.y + g.plot.h).toBeLessThanOrEqual(500);
  });

  it('labels time on the wall clock, on round minutes, across at least the small graph window', () => {
    const g = chartGeometry(input());
    const labels = g.xTicks.map((t) => t.label);
    expect(labels[0]).toBe('15:55');
    expect(labels).toContain('16:00');
    expect(labels.at(-1)).toBe('16:30');
    for (const t of g.xTicks) expect(Number(t.label.slice(3)) % 5).toBe(0);
    // An hour in, the axis spans the whole run.
    const late = chartGeometry(input({ now: 3600 }));
    expect(late.xTicks.at(-1)!.label).toBe('16:50');
    expect(late.xTicks[0]!.label).toBe('16:00');
  });

  it('draws the warning and critical lines where the metric has them and they are in range', () => {
    const g = chartGeometry(input());
    const warn = g.limits.find((l) => l.kind === 'warn')!;
    const critical = g.limits.find((l) => l.kind === 'critical')!;
    expect(warn.label).toBe('warning 1.5k');
    // As far past the warning as the warning is from normal: 1500 + (1500 - 420).
    expect(alarmLine(latency)).toBe(2580);
    expect(critical.label).toBe('critical 2.58k');
    expect(critical.y).toBeLessThan(warn.y);
    expect(chartGeometry(input({ metric: metric('orders_per_min'), samples: [38, 39] })).limits).toEqual([]);
  });

  it('marks shipped deploys in the window at their time, and leaves out those before it', () => {
    const g = chartGeometry(input({ deploys: [...input().deploys, { at: -2100, label: '#481', title: '#481' }] }));
    expect(g.deploys.map((d) => d.label)).toEqual(['#482']);
    const at300 = g.points[300 / flagship.clock.tickSeconds]!;
    expect(g.deploys[0]!.x).toBeCloseTo(at300.x);
  });

  it('colours the line by level: runs of one level, each segment taking the level of its newer end', () => {
    const g = chartGeometry(input());
    expect(g.runs.map((r) => r.level)).toEqual(['calm', 'alarm']);
    const [calm, hot] = g.runs;
    expect(calm!.points.length).toBe(60);
    expect(hot!.points[0]).toBe(calm!.points.at(-1));
    expect(hot!.points.length).toBe(62);
  });

  it('finds the sample nearest the pointer and reads it as time and value with the unit', () => {
    const g = chartGeometry(input());
    const p = g.points[37]!;
    expect(nearestPoint(g.points, p.x + 0.4)).toBe(37);
    expect(nearestPoint(g.points, -50)).toBe(0);
    expect(nearestPoint(g.points, 5000)).toBe(g.points.length - 1);
    expect(nearestPoint([], 10)).toBeNull();
    expect(readout(p, 'ms', flagship.clock)).toBe('15:58:05 · 420 ms');
    expect(readout(g.points.at(-1)!, 'ms', flagship.clock)).toBe('16:05:00 · 3000 ms · critical');
    expect(withUnit('3.1', '%')).toBe('3.1%');
    expect(withUnit('0.2', '/min')).toBe('0.2/min');
  });
});

describe('the large service map', () => {
  const geo = mapGeometry(flagship.services, 900, 520);

  it('gives every service a box, none overlapping, each label fitted inside its box', () => {
    expect(geo.nodes.map((n) => n.id).sort()).toEqual(flagship.services.map((s) => s.id).sort());
    for (const a of geo.nodes) {
      expect(a.label.length * a.fontSize * 0.6).toBeLessThanOrEqual(a.box.w - 44);
      for (const b of geo.nodes) {
        if (a === b) continue;
        const overlap =
          a.box.x < b.box.x + b.box.w && b.box.x < a.box.x + a.box.w && a.box.y < b.box.y + b.box.h && b.box.y < a.box.y + a.box.h;
        expect(overlap, `${a.id} and ${b.id}`).toBe(false);
      }
    }
  });

  it('shrinks a long name, then cuts it with an ellipsis, rather than letting it spill', () => {
    expect(fitLabel('cdn', 120)).toEqual({ label: 'cdn', fontSize: 15 });
    expect(fitLabel('a-rather-long-service', 160).fontSize).toBeLessThan(15);
    const cut = fitLabel('an-extremely-long-service-name-that-cannot-fit', 120);
    expect(cut.label.endsWith('…')).toBe(true);
    expect(cut.label.length * cut.fontSize * 0.6).toBeLessThanOrEqual(120);
  });

  it('draws one edge per dependency, and one that skips a layer bends around the box in between', () => {
    const count = flagship.services.reduce((n, s) => n + s.dependsOn.length, 0);
    expect(geo.edges.length).toBe(count);
    const long = geo.edges.find((e) => e.from === 'invoice-worker' && e.to === 'orders-db')!;
    expect(long.d.match(/C/g)!.length).toBe(2);
    const middle = geo.nodes.filter((n) => !['storefront', 'invoice-worker', 'orders-db'].includes(n.id));
    const [, wx, wy] = /C[^C]* ([\d.]+) ([\d.]+) C/.exec(long.d)!.map(Number) as [number, number, number];
    for (const n of middle) expect(wx > n.box.x && wx < n.box.x + n.box.w && wy > n.box.y && wy < n.box.y + n.box.h, n.id).toBe(false);
  });
});

describe("the pager's history", () => {
  it('lists each service that went down and each relapse, newest first', () => {
    let state = init(flagship, { seed: 1, coach: 'off' });
    for (let t = 0; t < 2400; t += 60) state = step(flagship, state, { type: 'tick', seconds: 60 }).state;
    const names = new Map(flagship.services.map((s) => [s.id, s.name]));
    const pages = pagesOf(state, names);
    const downs = state.timeline.filter((e) => e.kind === 'service' && e.to === 'down');
    expect(downs.length).toBeGreaterThan(1);
    expect(pages.length).toBe(downs.length);
    expect(pages[0]!.at).toBeGreaterThanOrEqual(pages.at(-1)!.at);
    expect(pages.at(-1)!.text).toBe('invoice-worker is DOWN (was degraded)');
  });
});
