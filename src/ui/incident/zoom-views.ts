/**
 * What the large view can show: one metric graph (SVG, with a cursor that reads values under the
 * pointer or the arrow keys), the service map (SVG) and the pager's pages (a list). Each redraws
 * only when what it shows changed, since the store notifies many times a second.
 */
import { wallClock } from '../../engine';
import type { Health, Metric } from '../../format';
import { deployMarks, formatValue } from '../../game/model/graph-scale';
import { currentLevel } from '../../game/model/metric-level';
import type { Run } from '../../store';
import { el, setAttr, setText, svg, syncList } from '../dom';
import { chartGeometry, nearestPoint, readout, type ChartGeometry } from './chart-geometry';
import { mapGeometry, pagesOf } from './zoom-model';

/** One view of the large-view dialog. */
export interface ZoomView {
  element: HTMLElement;
  /** Brings the view up to date; cheap when nothing it shows changed. */
  update(run: Run): void;
  destroy(): void;
}

const f = (n: number) => Math.round(n * 10) / 10;
const LEVEL_TEXT = { calm: '', warn: 'WARN', alarm: 'ALERT' } as const;
const HEALTH_GLYPH: Record<Health, string> = { healthy: '●', degraded: '▲', down: '✕' };

/** A view drawn to the size of `box` (in CSS pixels, so type stays crisp): drawn on each resize and update. */
function sizedView(element: HTMLElement, box: HTMLElement, initial: Run, draw: (run: Run, w: number, h: number) => void): ZoomView {
  let run = initial;
  const size = { w: 0, h: 0 };
  const observer = new ResizeObserver(([entry]) => {
    const w = Math.round(entry?.contentRect.width ?? 0);
    const h = Math.round(entry?.contentRect.height ?? 0);
    if (w === size.w && h === size.h) return;
    size.w = w;
    size.h = h;
    draw(run, w, h);
  });
  observer.observe(box);
  return {
    element,
    update: (next) => {
      run = next;
      draw(run, size.w, size.h);
    },
    destroy: () => observer.disconnect(),
  };
}

/** The large graph of one metric. */
export function graphView(metric: Metric, initial: Run): ZoomView {
  const clock = initial.scenario.clock;
  const value = el('span', { className: 'zoom-value' });
  const unit = el('span', { className: 'zoom-value-unit' }, metric.unit);
  const chip = el('span', { className: 'zoom-chip' });
  const data = svg('g');
  const line = svg('line', { class: 'zoom-cursor-line' });
  const dot = svg('circle', { class: 'zoom-cursor-dot', r: 4.5 });
  const tipBox = svg('rect', { class: 'zoom-tip', rx: 5, height: 24 });
  const tipText = svg('text', { class: 'zoom-tip-text', 'dominant-baseline': 'middle' });
  const cursor = svg('g', { class: 'zoom-cursor', visibility: 'hidden', 'aria-hidden': 'true' }, line, dot, tipBox, tipText);
  const chart = svg(
    'svg',
    { class: 'zoom-chart', role: 'img', 'aria-label': `${metric.name} in ${metric.unit}, over the run so far` },
    data,
    cursor,
  );
  const live = el('p', { className: 'zoom-readout', attrs: { role: 'status', 'aria-label': 'Value under the cursor' } });
  const hint = 'Point at the graph, or focus it and use ← →, Home and End, to read values.';
  const plot = el(
    'div',
    {
      className: 'zoom-plot',
      attrs: { tabindex: '0', role: 'group', 'aria-label': `${metric.name}: read values with the left and right arrow keys` },
    },
    chart,
  );
  const element = el(
    'div',
    { className: 'zoom-graph' },
    el('p', { className: 'zoom-now' }, value, unit, chip),
    plot,
    el('p', { className: 'zoom-readout-row' }, live, el('span', { className: 'muted zoom-hint' }, hint)),
  );
  let geo: ChartGeometry | null = null;
  let drawnKey = '';
  let width = 0;
  let at: number | null = null;
  let follow = false;

  const draw = (run: Run, w: number, h: number) => {
    const samples = run.state.metrics[metric.id]?.samples ?? [];
    const health = metric.service ? run.state.services[metric.service] : undefined;
    const last = samples.at(-1) ?? metric.baseline;
    const level = currentLevel(metric, last, health);
    const key = `${samples.length}|${run.state.shipped.length}|${level}|${Math.floor(run.state.time / clock.tickSeconds)}|${w}x${h}`;
    if (key === drawnKey || w === 0) return;
    drawnKey = key;
    width = w;
    setText(value, formatValue(last));
    setText(chip, LEVEL_TEXT[level]);
    element.dataset.level = level;
    const deploys = deployMarks(run.scenario.deploys, run.state.shipped);
    geo = chartGeometry({ metric, clock, samples, now: run.state.time, deploys, width: w, height: h });
    chart.setAttribute('viewBox', `0 0 ${w} ${h}`);
    data.replaceChildren(...chartParts(geo, metric.unit));
    if (follow && geo.points.length > 0) at = geo.points.length - 1;
    moveCursor(at);
  };

  const moveCursor = (index: number | null) => {
    const g = geo;
    const point = index === null || !g ? undefined : g.points[Math.max(0, Math.min(g.points.length - 1, index))];
    if (!g || !point) {
      at = null;
      setAttr(cursor, 'visibility', 'hidden');
      setText(live, '');
      return;
    }
    at = g.points.indexOf(point);
    follow = at === g.points.length - 1;
    const text = readout(point, metric.unit, clock);
    const tipW = text.length * 7.4 + 16;
    const right = point.x + 12 + tipW <= g.plot.x + g.plot.w;
    const tipX = right ? point.x + 12 : point.x - 12 - tipW;
    // The tip rides at the top of the plot, out of the line's way, unless the line is up there.
    const tipY = point.y < g.plot.y + 56 ? g.plot.y + g.plot.h - 32 : g.plot.y + 8;
    setAttr(line, 'x1', String(f(point.x)));
    setAttr(line, 'x2', String(f(point.x)));
    setAttr(line, 'y1', String(g.plot.y));
    setAttr(line, 'y2', String(g.plot.y + g.plot.h));
    setAttr(dot, 'cx', String(f(point.x)));
    setAttr(dot, 'cy', String(f(point.y)));
    setAttr(dot, 'class', `zoom-cursor-dot level-${point.level}`);
    setAttr(tipBox, 'x', String(f(tipX)));
    setAttr(tipBox, 'y', String(f(tipY)));
    setAttr(tipBox, 'width', String(f(tipW)));
    setAttr(tipText, 'x', String(f(tipX + 8)));
    setAttr(tipText, 'y', String(f(tipY + 12.5)));
    setText(tipText, text);
    setAttr(cursor, 'visibility', 'visible');
    setText(live, text);
  };

  chart.addEventListener('pointermove', (event) => {
    if (!geo) return;
    const box = chart.getBoundingClientRect();
    if (box.width === 0) return;
    moveCursor(nearestPoint(geo.points, ((event.clientX - box.left) * width) / box.width));
  });
  chart.addEventListener('pointerleave', () => {
    if (document.activeElement !== plot) moveCursor(null);
  });
  plot.addEventListener('focus', () => {
    if (at === null && geo) moveCursor(geo.points.length - 1);
  });
  plot.addEventListener('blur', () => moveCursor(null));
  plot.addEventListener('keydown', (event) => {
    const n = geo?.points.length ?? 0;
    if (n === 0) return;
    const from = at ?? n - 1;
    // Shift moves a minute's worth of samples at a time.
    const step = event.shiftKey ? Math.max(1, Math.round(60 / clock.tickSeconds)) : 1;
    const moves: Record<string, number> = { ArrowLeft: from - step, ArrowRight: from + step, Home: 0, End: n - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    moveCursor(next);
  });
  return sizedView(element, plot, initial, draw);
}

/** The SVG parts of a graph under its cursor: grid, axes, limits, deploy markers, the line. */
function chartParts(g: ChartGeometry, unit: string): SVGElement[] {
  const { plot } = g;
  const bottom = plot.y + plot.h;
  const parts: SVGElement[] = [svg('rect', { class: 'zoom-plot-bg', x: plot.x, y: plot.y, width: plot.w, height: plot.h })];
  for (const t of g.yTicks) {
    parts.push(svg('line', { class: 'zoom-grid', x1: plot.x, x2: plot.x + plot.w, y1: f(t.y), y2: f(t.y) }));
    parts.push(svg('text', { class: 'zoom-tick', x: plot.x - 8, y: f(t.y), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, t.label));
  }
  for (const t of g.xTicks) {
    parts.push(svg('line', { class: 'zoom-grid zoom-grid-time', x1: f(t.x), x2: f(t.x), y1: plot.y, y2: bottom }));
    // A label that would hang past the plot's ends is dropped rather than clipped.
    if (t.x - 20 >= plot.x - 8 && t.x + 20 <= plot.x + plot.w + 12)
      parts.push(svg('text', { class: 'zoom-tick', x: f(t.x), y: bottom + 18, 'text-anchor': 'middle' }, t.label));
  }
  parts.push(
    svg(
      'text',
      { class: 'zoom-axis-unit', transform: `translate(16 ${f(plot.y + plot.h / 2)}) rotate(-90)`, 'text-anchor': 'middle' },
      unit,
    ),
  );
  for (const limit of g.limits) {
    parts.push(
      svg('rect', { class: `zoom-zone zoom-zone-${limit.kind}`, x: plot.x, y: plot.y, width: plot.w, height: f(limit.y - plot.y) }),
    );
    parts.push(
      svg('line', { class: `zoom-limit zoom-limit-${limit.kind}`, x1: plot.x, x2: plot.x + plot.w, y1: f(limit.y), y2: f(limit.y) }),
    );
    parts.push(
      svg(
        'text',
        { class: `zoom-limit-label zoom-limit-${limit.kind}`, x: plot.x + plot.w - 6, y: f(limit.y - 6), 'text-anchor': 'end' },
        limit.label,
      ),
    );
  }
  for (const run of g.runs) {
    const pts = run.points;
    const path = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${f(p.x)} ${f(p.y)}`).join('');
    if (pts.length > 1)
      parts.push(
        svg('path', { class: `zoom-area level-${run.level}`, d: `${path}L${f(pts.at(-1)!.x)} ${bottom}L${f(pts[0]!.x)} ${bottom}Z` }),
      );
    parts.push(svg('path', { class: `zoom-line level-${run.level}`, d: path }));
  }
  for (const d of g.deploys) {
    const w = d.label.length * 7.6 + 12;
    const flip = d.x + w > plot.x + plot.w;
    const x = flip ? d.x - w : d.x;
    parts.push(
      svg(
        'g',
        { class: 'zoom-deploy' },
        svg('title', {}, d.title),
        svg('line', { x1: f(d.x), x2: f(d.x), y1: plot.y - 4, y2: bottom }),
        svg('rect', { x: f(x), y: 2, width: f(w), height: 20, rx: 4 }),
        svg('text', { x: f(x + w / 2), y: 12.5, 'text-anchor': 'middle', 'dominant-baseline': 'middle' }, d.label),
      ),
    );
  }
  const head = g.points.at(-1);
  if (head) parts.push(svg('circle', { class: `zoom-latest level-${head.level}`, cx: f(head.x), cy: f(head.y), r: 3.5 }));
  parts.push(svg('line', { class: 'zoom-axis', x1: plot.x, x2: plot.x + plot.w, y1: bottom, y2: bottom }));
  return parts;
}

/** The large service map: services in layers, dependencies as arrows, coloured and marked by health. */
export function mapView(initial: Run): ZoomView {
  const services = initial.scenario.services;
  const summary = el('p', { className: 'zoom-now zoom-map-summary' });
  const chart = svg('svg', { class: 'zoom-map', role: 'img' });
  const box = el('div', { className: 'zoom-plot zoom-map-box' }, chart);
  const element = el('div', { className: 'zoom-graph' }, summary, box);
  let drawnKey = '';
  const draw = (run: Run, w: number, h: number) => {
    const health = (id: string): Health => run.state.services[id] ?? 'healthy';
    const key = `${services.map((s) => health(s.id)).join()}|${w}x${h}`;
    if (key === drawnKey || w === 0) return;
    drawnKey = key;
    const healthy = services.filter((s) => health(s.id) === 'healthy').length;
    const troubled = services.filter((s) => health(s.id) !== 'healthy').map((s) => `${s.name} ${health(s.id)}`);
    setText(summary, `${healthy}/${services.length} services healthy${troubled.length > 0 ? ` · ${troubled.join(' · ')}` : ''}`);
    element.dataset.level = troubled.length === 0 ? 'calm' : services.some((s) => health(s.id) === 'down') ? 'alarm' : 'warn';
    chart.setAttribute('aria-label', `Service map: ${services.map((s) => `${s.name} ${health(s.id)}`).join(', ')}.`);
    chart.setAttribute('viewBox', `0 0 ${w} ${h}`);
    const geo = mapGeometry(services, w, h);
    const markers = (['healthy', 'degraded', 'down'] as const).map((h) =>
      svg(
        'marker',
        {
          id: `zoom-arrow-${h}`,
          class: `health-${h}`,
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          markerWidth: 7,
          markerHeight: 7,
          orient: 'auto',
        },
        svg('path', { d: 'M0 0L10 5L0 10Z' }),
      ),
    );
    chart.replaceChildren(
      svg('defs', {}, ...markers),
      ...geo.edges.map((e) =>
        svg('path', { class: `zoom-edge health-${health(e.to)}`, d: e.d, 'marker-end': `url(#zoom-arrow-${health(e.to)})` }),
      ),
      ...geo.nodes.map((n) => {
        const h = health(n.id);
        const { x, y, w, h: height } = n.box;
        return svg(
          'g',
          { class: `zoom-node health-${h}` },
          svg('title', {}, `${n.name}: ${h}`),
          svg('rect', { class: 'zoom-node-box', x, y, width: w, height, rx: 8 }),
          svg('rect', { class: 'zoom-node-stripe', x, y, width: 5, height, rx: 2 }),
          svg(
            'text',
            { class: 'zoom-node-glyph', x: x + 20, y: y + height / 2, 'text-anchor': 'middle', 'dominant-baseline': 'middle' },
            HEALTH_GLYPH[h],
          ),
          svg(
            'text',
            { class: 'zoom-node-name', x: x + 34, y: y + height / 2 - 7, 'dominant-baseline': 'middle', 'font-size': n.fontSize },
            n.label,
          ),
          svg('text', { class: 'zoom-node-health', x: x + 34, y: y + height / 2 + 11, 'dominant-baseline': 'middle' }, h),
        );
      }),
    );
  };
  return sizedView(element, box, initial, draw);
}

/** The pages received so far, newest first, with what is down now. */
export function pagerView(initial: Run): ZoomView {
  const names = new Map(initial.scenario.services.map((s) => [s.id, s.name]));
  const now = el('p', { className: 'zoom-now zoom-pager-now' });
  const list = el('ol', { className: 'zoom-pages', attrs: { 'aria-label': 'Pages, newest first' } });
  const empty = el('p', { className: 'muted' }, 'No pages yet. The pager buzzes when a service goes down or the incident reopens.');
  const element = el('div', { className: 'zoom-pager' }, now, list, empty);
  let drawnKey = '';
  const draw = (run: Run) => {
    const clock = run.scenario.clock;
    const down = run.scenario.services.filter((s) => run.state.services[s.id] === 'down').map((s) => s.name);
    const pages = pagesOf(run.state, names);
    const key = `${pages.length}|${down.join()}`;
    if (key === drawnKey) return;
    drawnKey = key;
    setText(now, down.length > 0 ? `Down now: ${down.join(', ')}` : 'Nothing is down now');
    element.dataset.level = down.length > 0 ? 'alarm' : 'calm';
    empty.hidden = pages.length > 0;
    list.hidden = pages.length === 0;
    syncList(
      list,
      pages.map((p, i) => ({ ...p, n: pages.length - i })),
      (p) => String(p.n),
      (p) =>
        el(
          'li',
          { className: 'zoom-page' },
          el('time', { className: 'zoom-page-time' }, `${run.scenario.clock.weekday.slice(0, 3)} ${wallClock(clock, p.at)}`),
          el('span', {}, p.text),
        ),
      () => {},
    );
  };
  draw(initial);
  return { element, update: draw, destroy: () => {} };
}
