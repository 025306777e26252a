/**
 * What a tab keeps of team mode (in the seats port: sessionStorage in the browser), so a reload
 * returns to the same seat or console: the game day's code and the seat's token or the facilitator's
 * secret; and the name last typed on the join form. What is read back is checked, never trusted.
 */
import { z } from 'zod';
import type { Welcome } from '../../net/protocol';
import type { KeyValueStorage } from '../storage';

const KEYS = { seat: 'firedrill.team.seat', facilitator: 'firedrill.team.facilitator', name: 'firedrill.team.name' } as const;

const SavedSeat = z.object({ code: z.string(), secret: z.string() });
type SavedSeat = z.infer<typeof SavedSeat>;

/** Where this tab sat: a player's seat (its token as the secret) or the facilitator's console. */
export type Saved = SavedSeat & { kind: 'seat' | 'facilitator' };

/** Keeps the seat (or console) a welcome gave; a watcher keeps nothing, its code is in the address. */
export function saveSeat(storage: KeyValueStorage, welcome: Welcome): void {
  const { you } = welcome;
  if (you.kind === 'player') storage.set(KEYS.seat, JSON.stringify({ code: welcome.code, secret: you.token }));
  else if (you.kind === 'facilitator') storage.set(KEYS.facilitator, JSON.stringify({ code: welcome.code, secret: you.secret }));
}

/** The seat this tab had, else its console; a player's seat wins, as before a reload. */
export function savedSeat(storage: KeyValueStorage): Saved | null {
  for (const kind of ['seat', 'facilitator'] as const) {
    const saved = read(storage.get(KEYS[kind]));
    if (saved) return { kind, ...saved };
  }
  return null;
}

function read(raw: string | null): SavedSeat | null {
  if (!raw) return null;
  try {
    const parsed = SavedSeat.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Forgets one kind, or both (leaving the game day, or its end). */
export function forgetSeat(storage: KeyValueStorage, kind?: Saved['kind']): void {
  if (kind !== 'facilitator') storage.remove(KEYS.seat);
  if (kind !== 'seat') storage.remove(KEYS.facilitator);
}

/** The name the join form offers: the one this tab joined with last. */
export function savedName(storage: KeyValueStorage): string {
  return storage.get(KEYS.name) ?? '';
}

export function saveName(storage: KeyValueStorage, name: string): void {
  storage.set(KEYS.name, name);
}
