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

/** Game seconds that pass per real second at 1×: an hour-long incident plays in about 20 minutes. */
export const GAME_SECONDS_PER_REAL_SECOND = 3;
/** The most real time one step of the clock accounts for: a stalled tab or server must not become a burst of game time. */
export const MAX_REAL_STEP_MS = 1000;

/**
 * Real time into game time, for the solo clock and a team room alike. The engine takes whole game
 * seconds, so what is left over is carried (in whole game milliseconds, rounded, so that many small
 * steps add up exactly) to the next step.
 */
export function gameSecondsFor(carryMs: number, elapsedRealMs: number, speed: number): { seconds: number; carryMs: number } {
  const elapsed = Math.min(Math.max(elapsedRealMs, 0), MAX_REAL_STEP_MS);
  const total = carryMs + Math.round(elapsed * GAME_SECONDS_PER_REAL_SECOND * speed);
  const seconds = Math.floor(total / 1000);
  return { seconds, carryMs: total - seconds * 1000 };
}
