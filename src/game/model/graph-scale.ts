/** Axis arithmetic for the metric graphs: value ranges with round ticks, time windows and labels. */
import type { Metric } from '../../format';

/** A graph's value range and its three labelled ticks. */
export interface ValueAxis {
  min: number;
  max: number;
  /** Three ticks: min, middle, max. */
  ticks: [number, number, number];
}

const STEPS = [1, 2, 2.5, 5];

/** How much game time a small graph shows. */
export const GRAPH_WINDOW_SECONDS = 36 * 60;

/** Short deploy label for a marker: "#482", or the title's first word. */
export function deployLabel(title: string): string {
  const word = title.trim().split(/\s+/)[0] ?? '';
  return word.length > 10 ? `${word.slice(0, 9)}…` : word;
}

/** The deploy markers a graph shows: every shipped deploy, at its time, with its short label and title. */
export function deployMarks(
  deploys: readonly { id: string; at: number; title: string }[],
  shipped: readonly string[],
): { at: number; label: string; title: string }[] {
  const ids = new Set(shipped);
  return deploys.filter((d) => ids.has(d.id)).map((d) => ({ at: d.at, label: deployLabel(d.title), title: d.title }));
}

/** The smallest "round" step (1, 2, 2.5 or 5 × 10^k) that is at least `x`. */
export function roundStep(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  for (const s of STEPS) if (s * power >= x - 1e-9) return s * power;
  return 10 * power;
}

/**
 * The value axis for what is on screen: from the metric's floor to two round steps above, high
 * enough to hold the data, the warning line with headroom and twice the baseline, so a calm
 * graph shows its warning line and a spike never leaves the frame.
 */
export function valueAxis(metric: Metric, visible: readonly number[]): ValueAxis {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of visible) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const floor = metric.min > -1e8 ? metric.min : Number.isFinite(lo) ? Math.min(0, lo) : 0;
  const wanted = Math.max(
    Number.isFinite(hi) ? hi * 1.12 : -Infinity,
    metric.warnAbove !== undefined ? metric.warnAbove * 1.3 : -Infinity,
    metric.baseline * 1.8,
    metric.baseline + metric.noise * 4,
    floor + 1e-6,
  );
  let step = roundStep((wanted - floor) / 2);
  // A hard ceiling (a pool of 200 connections, 100 %) makes a better top tick than a round number past it.
  if (metric.max !== undefined && floor + step * 2 > metric.max && metric.max > floor) step = (metric.max - floor) / 2;
  const max = floor + step * 2;
  return { min: floor, max, ticks: [floor, floor + step, max] };
}

/** A tick label: "0", "2.5", "750", "1.5k", "2M". */
export function formatTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e4 || (a >= 1000 && v % 1000 !== 0)) return `${trim(v / 1000)}k`;
  if (a >= 1000) return `${v / 1000}k`;
  return trim(v);
}

function trim(v: number): string {
  const fixed = Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** The current value as the graph's headline: "0.4", "34", "1530". */
export function formatValue(v: number): string {
  const a = Math.abs(v);
  if (a >= 10_000) return `${(v / 1000).toFixed(1)}k`;
  // 9.96 would print as "10.0" with one decimal; switch to whole numbers where the rounding does.
  if (a >= 9.95) return Math.round(v).toString();
  return v.toFixed(1);
}

/** The game-time span a graph shows: the last `span` seconds, or the first `span` while the run is younger. */
export function timeWindow(now: number, span: number): { from: number; to: number } {
  return now <= span ? { from: 0, to: span } : { from: now - span, to: now };
}

/** Minute steps for time labels, smallest first. */
const MINUTE_STEPS = [5, 10, 15, 20, 30, 60];

/**
 * Time ticks on whole wall-clock minutes (16:10, 16:20…) between `from` and `to` game seconds, spaced
 * at least `minPx` apart on a plot `widthPx` wide. `startOfDay` is the wall-clock second of game time 0.
 */
export function timeTicks(startOfDay: number, from: number, to: number, widthPx: number, minPx: number): number[] {
  const span = to - from;
  if (span <= 0 || widthPx <= 0) return [];
  const minutes = MINUTE_STEPS.find((m) => (m * 60 * widthPx) / span >= minPx) ?? 60;
  const step = minutes * 60;
  const first = Math.ceil((startOfDay + from) / step) * step - startOfDay;
  const ticks: number[] = [];
  for (let t = first; t <= to; t += step) ticks.push(t);
  return ticks;
}
