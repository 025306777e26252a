/** How the UI writes times, durations and names. */
import { formatDuration, wallClock, type EngineState } from '../engine';
import type { Scenario } from '../format';

export const clockOf = (scenario: Scenario, t: number, seconds = false) => wallClock(scenario.clock, t, seconds);

/** "1 min 30 s", "45 s": action durations in the palette. */
export function shortDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

export { formatDuration };

/** How the UI words an action's verdict: "did not help", "made it worse"… */
export const VERDICT_WORD = {
  success: 'worked',
  partial: 'partly worked',
  neutral: 'done',
  failure: 'did not help',
  harmful: 'made it worse',
} as const;

export function characterOf(scenario: Scenario, id: string): { name: string; role: string; color: string } {
  const c = scenario.characters.find((x) => x.id === id);
  if (c) return c;
  return { name: scenario.player.name, role: 'On call (you)', color: scenario.player.color };
}

export function channelLabel(scenario: Scenario, id: string): string {
  const c = scenario.channels.find((x) => x.id === id);
  if (!c) return id;
  return c.kind === 'dm' ? c.name : `#${c.name}`;
}

export function busyText(scenario: Scenario, state: EngineState, player = 'you'): string | null {
  const current = state.current[player];
  if (!current) return null;
  const label = scenario.actions.find((a) => a.id === current.action)?.label ?? current.action;
  return `${label} — ${shortDuration(Math.max(0, Math.ceil(current.endsAt - state.time)))} left`;
}
