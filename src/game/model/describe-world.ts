/** The canvas's accessible name: the world summed up in one sentence, since its pictures carry no text of their own. */
import { hourOfDay, wallClock, type EngineState } from '../../engine';
import type { Scenario } from '../../format';
import { formatValue } from './graph-scale';
import { currentLevel, trendOf } from './metric-level';

/** At most this many metrics are named, worst first, so the sentence stays short enough to listen to. */
const MAX_METRICS = 3;

/** "Dashboards at 16:24: Checkout error rate 34 %, rising. orders-db down. Composure 72." */
export function describeWorld(scenario: Scenario | null, state: EngineState | null, composure: number | null): string {
  if (!scenario || !state) return 'Dashboards: waiting for the incident.';
  const time = wallClock(scenario.clock, state.time, false);
  const parts: string[] = [];

  const troubled = scenario.metrics
    .map((m) => {
      const ms = state.metrics[m.id];
      const value = ms?.samples.at(-1) ?? ms?.value ?? m.baseline;
      const level = currentLevel(m, value, m.service ? state.services[m.service] : undefined);
      return { m, value, level, trend: trendOf(m, ms?.samples ?? []) };
    })
    .filter((x) => x.level !== 'calm')
    .sort((a, b) => (a.level === b.level ? 0 : a.level === 'alarm' ? -1 : 1));
  if (troubled.length === 0) parts.push(scenario.metrics.length > 0 ? 'all metrics normal.' : 'no metrics.');
  else {
    const named = troubled
      .slice(0, MAX_METRICS)
      .map(({ m, value, trend }) => `${m.name} ${formatValue(value)} ${m.unit}${trend === 'steady' ? '' : `, ${trend}`}`);
    const more = troubled.length > MAX_METRICS ? `; ${troubled.length - MAX_METRICS} more above normal` : '';
    parts.push(`${named.join('; ')}${more}.`);
  }

  const names = new Map(scenario.services.map((s) => [s.id, s.name]));
  const down = Object.entries(state.services)
    .filter(([, h]) => h === 'down')
    .map(([id]) => names.get(id) ?? id);
  const degraded = Object.entries(state.services)
    .filter(([, h]) => h === 'degraded')
    .map(([id]) => names.get(id) ?? id);
  if (down.length === 0 && degraded.length === 0) parts.push('All services healthy.');
  if (down.length > 0) parts.push(`${down.join(', ')} down.`);
  if (degraded.length > 0) parts.push(`${degraded.join(', ')} degraded.`);
  if (composure !== null) parts.push(`Composure ${Math.round(composure)}.`);
  if (state.ending) parts.push(state.ending.kind === 'resolved' ? 'Incident resolved.' : 'Incident over.');

  const hour = hourOfDay(scenario.clock, state.time);
  const light = hour >= 19.5 || hour < 6 ? ' Night outside.' : hour >= 17.75 ? ' Dusk outside.' : '';
  return `Dashboards at ${time}: ${parts.join(' ')}${light}`;
}
