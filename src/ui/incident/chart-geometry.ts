/**
 * Where everything of the large graph goes for a plot of a given size (pure, so it is unit-tested):
 * axes with round ticks, wall-clock time labels, the warning and critical lines, deploy markers,
 * the data line split into runs of one level, and the sample nearest a pointer.
 */
import { hourOfDay, wallClock } from '../../engine';
import type { Metric, Scenario } from '../../format';
import type { Rect } from '../../game/layout';
import {
  formatTick,
  formatValue,
  GRAPH_WINDOW_SECONDS,
  roundStep,
  timeTicks,
  valueAxis,
  type ValueAxis,
} from '../../game/model/graph-scale';
import { alarmLine, levelOf, type Level } from '../../game/model/metric-level';

type Clock = Scenario['clock'];

/** What the large graph draws from. */
export interface ChartInput {
  metric: Metric;
  clock: Clock;
  samples: readonly number[];
  now: number;
  /** Shipped deploys: game time, marker label ("#482") and full title. */
  deploys: readonly { at: number; label: string; title: string }[];
  width: number;
  height: number;
}

/** One sample as drawn: its place, game time, value and level. */
export interface ChartPoint {
  x: number;
  y: number;
  at: number;
  value: number;
  level: Level;
}

/** Everything the large graph draws, in the SVG's own pixels. */
export interface ChartGeometry {
  plot: Rect;
  axis: ValueAxis;
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  /** The warning line and the critical (alarm) line, where the metric has them and they are in range. */
  limits: { kind: 'warn' | 'critical'; y: number; label: string }[];
  deploys: { x: number; label: string; title: string }[];
  points: ChartPoint[];
  /** The line in runs of one level; a segment takes the level of its newer end, as on the small graph. */
  runs: { level: Level; points: ChartPoint[] }[];
}

/** Room around the plot for the axes' labels. */
const MARGIN = { left: 64, right: 20, top: 26, bottom: 30 };
/** Time labels at least this far apart. */
const TIME_LABEL_PX = 72;

/**
 * Value ticks between the axis's ends about five to the axis: its two round halves split again on
 * a round step, so 0–200 reads 0, 50, 100, 150, 200.
 */
export function fineTicks(axis: ValueAxis): number[] {
  const span = axis.max - axis.min;
  if (!(span > 0)) return [axis.min];
  const step = roundStep(span / 5);
  const ticks: number[] = [];
  for (let k = 0; axis.min + k * step <= axis.max + step * 1e-6; k++) ticks.push(axis.min + k * step);
  return ticks;
}

/** A value with its unit: "412 ms", but "3.1%" and "0.2/min" hug theirs. */
export function withUnit(value: string, unit: string): string {
  if (unit === '') return value;
  return /^[%/]/.test(unit) ? `${value}${unit}` : `${value} ${unit}`;
}

/** Lays out the graph of the whole run so far (at least the small graph's window). */
export function chartGeometry(input: ChartInput): ChartGeometry {
  const { metric, clock, samples } = input;
  const plot: Rect = {
    x: MARGIN.left,
    y: MARGIN.top,
    w: Math.max(10, input.width - MARGIN.left - MARGIN.right),
    h: Math.max(10, input.height - MARGIN.top - MARGIN.bottom),
  };
  const from = 0;
  const to = Math.max(input.now, GRAPH_WINDOW_SECONDS);
  const tick = clock.tickSeconds;
  const last = Math.min(samples.length - 1, Math.floor(to / tick));
  const visible = samples.slice(0, last + 1);
  const axis = valueAxis(metric, visible);
  const xOf = (t: number) => plot.x + ((t - from) / (to - from)) * plot.w;
  const yOf = (v: number) => plot.y + plot.h - ((Math.min(axis.max, Math.max(axis.min, v)) - axis.min) / (axis.max - axis.min)) * plot.h;

  const points = visible.map((value, i) => ({ x: xOf(i * tick), y: yOf(value), at: i * tick, value, level: levelOf(metric, value) }));
  const runs: ChartGeometry['runs'] = [];
  if (points.length === 1) runs.push({ level: points[0]!.level, points: [points[0]!] });
  for (let j = 0; j + 1 < points.length; j++) {
    const next = points[j + 1]!;
    const run = runs.at(-1);
    if (run && run.level === next.level) run.points.push(next);
    else runs.push({ level: next.level, points: [points[j]!, next] });
  }

  const limits: ChartGeometry['limits'] = [];
  if (metric.warnAbove !== undefined && metric.warnAbove < axis.max)
    limits.push({ kind: 'warn', y: yOf(metric.warnAbove), label: `warning ${formatTick(metric.warnAbove)}` });
  const critical = alarmLine(metric);
  if (critical !== undefined && critical < axis.max)
    limits.push({ kind: 'critical', y: yOf(critical), label: `critical ${formatTick(critical)}` });

  const startOfDay = Math.round(hourOfDay(clock, 0) * 3600);
  return {
    plot,
    axis,
    yTicks: fineTicks(axis).map((v) => ({ y: yOf(v), label: formatTick(v) })),
    xTicks: timeTicks(startOfDay, from, to, plot.w, TIME_LABEL_PX).map((t) => ({ x: xOf(t), label: wallClock(clock, t, false) })),
    limits,
    deploys: input.deploys.filter((d) => d.at >= from && d.at <= to).map((d) => ({ x: xOf(d.at), label: d.label, title: d.title })),
    points,
    runs,
  };
}

/** The index of the point nearest `x` (points are in time order), or null when there are none. */
export function nearestPoint(points: readonly ChartPoint[], x: number): number | null {
  if (points.length === 0) return null;
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.x <= x) lo = mid;
    else hi = mid;
  }
  return Math.abs(points[hi]!.x - x) < Math.abs(points[lo]!.x - x) ? hi : lo;
}

const LEVEL_WORD: Record<Level, string> = { calm: '', warn: ' · above warning', alarm: ' · critical' };

/** What the cursor reads for a point: "16:21:35 · 412 ms" (samples are seconds apart), with the level when it is not calm. */
export function readout(point: ChartPoint, unit: string, clock: Clock): string {
  return `${wallClock(clock, point.at)} · ${withUnit(formatValue(point.value), unit)}${LEVEL_WORD[point.level]}`;
}
