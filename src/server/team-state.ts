/**
 * The part of a room that Colyseus keeps in sync by itself: small and slow-changing (roster, phase,
 * speed, the clock, the newest event number). Events travel as numbered messages instead, which a
 * reconnecting client can ask for again; see the team-mode notes in TOOLCHAIN.md.
 */
import { type MapSchema, schema, type SchemaType } from '@colyseus/schema';
import type { RoomState } from './room-core';

// Defined with `schema()` rather than decorators: no compiler flags, and no class-field semantics
// that would shadow the schema's accessors.
export const SeatState = schema({ id: 'string', name: 'string', role: 'string', connected: 'boolean' }, 'SeatState');
export type SeatState = SchemaType<typeof SeatState>;

export const TeamState = schema(
  {
    phase: 'string',
    speed: 'uint8',
    /** Game seconds since the start. */
    time: 'uint32',
    /** The newest event's number: a client that has seen fewer asks for the rest. */
    latest: 'uint32',
    facilitators: 'uint8',
    /** Projector views watching; anyone with the code may open one, so the console shows how many. */
    watchers: 'uint8',
    roster: { map: SeatState },
  },
  'TeamState',
);
export type TeamState = SchemaType<typeof TeamState>;

/** Copies what changed from the core's state; Colyseus sends only the differences. */
export function mirror(target: TeamState, core: RoomState, connections: { facilitators: number; watchers: number }): void {
  target.phase = core.phase;
  target.speed = core.speed;
  target.time = Math.floor(core.engine.time);
  target.latest = core.events.length;
  target.facilitators = connections.facilitators;
  target.watchers = connections.watchers;
  const roster = target.roster as MapSchema<SeatState>;
  for (const seat of core.roster) {
    let entry = roster.get(seat.id);
    if (!entry) {
      entry = new SeatState();
      entry.id = seat.id;
      roster.set(seat.id, entry);
    }
    entry.name = seat.name;
    entry.role = seat.role;
    entry.connected = seat.connected;
  }
}
