/** Converts between game seconds (from the scenario's start) and the wall-clock times people read. */
import type { Scenario } from '../format/schema';

type Clock = Pick<Scenario['clock'], 'start'>;

function startSeconds(clock: Clock): number {
  const [h, m] = clock.start.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60;
}

/** "16:05:30" for a game time; wraps past midnight. */
export function wallClock(clock: Clock, t: number, withSeconds = true): string {
  const day = 86_400;
  const total = (((startSeconds(clock) + Math.floor(t)) % day) + day) % day;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return withSeconds ? `${hm}:${String(s).padStart(2, '0')}` : hm;
}

/** Hours since midnight as a fraction (16.5 at 16:30), for lighting that follows the clock. */
export function hourOfDay(clock: Clock, t: number): number {
  return ((((startSeconds(clock) + t) / 3600) % 24) + 24) % 24;
}

/**
 * Game seconds for a wall-clock "HH:MM" or "HH:MM:SS" on the scenario's day, or null when the text
 * is not a time. Times before the start are negative (earlier that day).
 */
export function parseWallClock(clock: Clock, text: string): number | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(text.trim());
  if (!match) return null;
  const seconds = Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0);
  return seconds - startSeconds(clock);
}

/** "12 min", "1 h 05 min", "45 s": a duration as the debrief says it. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
