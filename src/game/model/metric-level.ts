/** How alarming a metric's value is, which colours its line: calm, warning or alarm. */
import type { Health, Metric } from '../../format';

/** How alarming a value is. */
export type Level = 'calm' | 'warn' | 'alarm';

const RANK: Record<Level, number> = { calm: 0, warn: 1, alarm: 2 };

/** The worse of two levels. */
export function worst(a: Level, b: Level): Level {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The value above which a warned metric counts as an alarm: as far past the warning as the warning is from normal, and short of any hard ceiling. */
export function alarmLine(metric: Metric): number | undefined {
  if (metric.warnAbove === undefined) return undefined;
  const beyond = metric.warnAbove + Math.max(metric.warnAbove - metric.baseline, Math.abs(metric.warnAbove) * 0.25);
  return metric.max === undefined ? beyond : Math.min(beyond, (metric.max + metric.warnAbove) / 2);
}

/** The level of one value. Metrics without a warning line are judged by how far they stray from their baseline (a drop in orders is as bad as a spike in errors). */
export function levelOf(metric: Metric, value: number): Level {
  if (metric.warnAbove !== undefined) {
    if (value > (alarmLine(metric) ?? Infinity)) return 'alarm';
    return value > metric.warnAbove ? 'warn' : 'calm';
  }
  const base = Math.abs(metric.baseline);
  if (base === 0) return 'calm';
  const away = Math.abs(value - metric.baseline) / base;
  return away > 0.8 ? 'alarm' : away > 0.45 ? 'warn' : 'calm';
}

/** The level the graph's frame and value show now: the value's level, raised by its service's health. */
export function currentLevel(metric: Metric, value: number, health: Health | undefined): Level {
  const byHealth: Level = health === 'down' ? 'alarm' : health === 'degraded' ? 'warn' : 'calm';
  return worst(levelOf(metric, value), metric.warnAbove === undefined ? byHealth : 'calm');
}

/** Which way a metric is heading. */
export type Trend = 'rising' | 'falling' | 'steady';

/** Which way the last minute or so of samples is heading, relative to the metric's own scale. */
export function trendOf(metric: Metric, samples: readonly number[], window = 8): Trend {
  if (samples.length < window * 2) return 'steady';
  const mean = (from: number, to: number) => {
    let sum = 0;
    for (let i = from; i < to; i++) sum += samples[i]!;
    return sum / (to - from);
  };
  const n = samples.length;
  const recent = mean(n - window, n);
  const before = mean(n - window * 2, n - window);
  const scale = Math.max(Math.abs(metric.baseline), metric.warnAbove ?? 0, metric.noise * 4, 1e-6);
  const change = (recent - before) / scale;
  return change > 0.08 ? 'rising' : change < -0.08 ? 'falling' : 'steady';
}
