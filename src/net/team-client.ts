/**
 * The browser's (and tests') side of team mode: create a game day, join one by code, come back to
 * a seat, watch one (a projector view), and send typed commands. Every event the server numbers is kept once and in order; after
 * a drop or a reload the client asks for exactly the events after the last one it has. Load this
 * module on demand: it pulls in colyseus.js, which the solo game's first screen does not need.
 */
import { Client, type Room } from 'colyseus.js';
import { TeamJoinError } from './join-error';
import {
  AckMessage,
  ErrorMessage,
  EventsMessage,
  MESSAGE,
  NotesMessage,
  ROOM_NAME,
  SyncedState,
  Welcome,
  normaliseJoinCode,
  parseJoinError,
  type ClientCommand,
  type GameDayOptions,
  type RoomError,
  type RoomEvent,
} from './protocol';

/** A command as a caller writes it; the client adds the `ref` that pairs it with its answer. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type Command = DistributiveOmit<Exclude<ClientCommand, { type: 'sync' }>, 'ref'>;

/** How a sent command ended: accepted (with the room's newest event number), or refused with a reason. */
export type CommandResult = { ok: true; latest: number } | { ok: false; error: RoomError };

export { TeamJoinError };

const ANSWER_TIMEOUT_MS = 10_000;
/** Colyseus's code for a room id that matches no open room. */
const MATCHMAKE_INVALID_ROOM_ID = 4212;

export interface TeamSession {
  readonly room: Room;
  readonly welcome: Welcome;
  /** Every event of the room so far, each once, in order. */
  readonly events: readonly RoomEvent[];
  /** The facilitator's private notes (facilitator sessions only). */
  readonly notes: NotesMessage['notes'];
  /** The number of the newest event held; give it to `returnToSeat` after a drop. */
  lastSeq(): number;
  send(command: Command): Promise<CommandResult>;
  /** Called with each batch of new events; returns a function that stops it. */
  onEvents(listener: (events: readonly RoomEvent[]) => void): () => void;
  /** Called with every refusal the server sends this connection, answered commands included. */
  onRefusal(listener: (error: ErrorMessage) => void): () => void;
  /** Called when the connection ends, with its close code. */
  onLeave(listener: (code: number) => void): () => void;
  /** Called with the facilitator's private notes whenever they change (facilitator sessions only). */
  onNotes(listener: (notes: NotesMessage['notes']) => void): () => void;
  /** The room's synchronised state as last received and parsed (speed, watchers, who is connected); null before a valid one. */
  synced(): SyncedState | null;
  /** Called with each synchronised state that parses. */
  onSynced(listener: (state: SyncedState) => void): () => void;
  leave(): Promise<void>;
}

/** The team-mode client for one server endpoint, e.g. `ws://localhost:5173/team`. */
export function teamClient(endpoint: string) {
  const client = new Client(endpoint);
  const enter = async (how: () => Promise<Room>, known: readonly RoomEvent[] = []) => {
    let room: Room;
    try {
      room = await how();
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      // The matchmaker's own "no such room" (or a room closed to joins) carries its code 4212.
      if ((error as { code?: unknown }).code === MATCHMAKE_INVALID_ROOM_ID)
        throw new TeamJoinError({ code: 'join.code', message: 'No game day is open to join under that code.' });
      throw new TeamJoinError(parseJoinError(text) ?? { code: 'server.error', message: text });
    }
    return startSession(room, known);
  };
  return {
    /** Opens a new game day; the session's welcome holds the join code and the facilitator secret. */
    create: (game: Partial<GameDayOptions> & { scenario: string }) => enter(() => client.create(ROOM_NAME, { as: 'create', game })),
    /** Takes a new seat in a game day. */
    join: (code: string, player: { name: string; role: string }) =>
      enter(() => client.joinById(normaliseJoinCode(code), { as: 'player', ...player })),
    /** Back to one's seat after a drop or a reload; pass the events already held to receive only the rest. */
    returnToSeat: (code: string, token: string, known: readonly RoomEvent[] = []) =>
      enter(() => client.joinById(normaliseJoinCode(code), { as: 'seat', token }), known),
    /** The facilitator's console on another device, or after a reload. */
    facilitate: (code: string, secret: string, known: readonly RoomEvent[] = []) =>
      enter(() => client.joinById(normaliseJoinCode(code), { as: 'facilitator', secret }), known),
    /** A projector view: anyone with the code watches the game day, read-only; pass the events held after a drop. */
    watch: (code: string, known: readonly RoomEvent[] = []) =>
      enter(() => client.joinById(normaliseJoinCode(code), { as: 'watch' }), known),
  };
}

async function startSession(room: Room, known: readonly RoomEvent[]): Promise<TeamSession> {
  const events: RoomEvent[] = [...known];
  let notes: NotesMessage['notes'] = [];
  let nextRef = 1;
  const pending = new Map<number, (result: CommandResult) => void>();
  const eventListeners = new Set<(events: readonly RoomEvent[]) => void>();
  const leaveListeners = new Set<(code: number) => void>();
  const refusalListeners = new Set<(error: ErrorMessage) => void>();
  const notesListeners = new Set<(notes: NotesMessage['notes']) => void>();
  const syncedListeners = new Set<(state: SyncedState) => void>();
  let resyncing = false;
  let welcome: Welcome | null = null;
  let welcomed: (w: Welcome) => void = () => {};
  const welcomeArrived = new Promise<Welcome>((resolve) => (welcomed = resolve));

  room.onMessage(MESSAGE.welcome, (raw) => {
    const parsed = Welcome.safeParse(raw);
    if (parsed.success) welcomed((welcome = parsed.data));
  });
  room.onMessage(MESSAGE.events, (raw) => {
    const parsed = EventsMessage.safeParse(raw);
    if (!parsed.success) return;
    // Keep each number once, in order: a repeat is dropped; past a gap, ask for what is missing.
    const fresh: RoomEvent[] = [];
    for (const event of parsed.data.events) {
      if (event.seq === events.length + 1) {
        events.push(event);
        fresh.push(event);
      } else if (event.seq > events.length + 1 && !resyncing) {
        resyncing = true;
        void request({ type: 'sync', since: events.length }).finally(() => (resyncing = false));
      }
    }
    if (fresh.length > 0) for (const l of eventListeners) l(fresh);
  });
  room.onMessage(MESSAGE.ack, (raw) => {
    const parsed = AckMessage.safeParse(raw);
    if (parsed.success) settle(parsed.data.ref, { ok: true, latest: parsed.data.latest });
  });
  room.onMessage(MESSAGE.error, (raw) => {
    const parsed = ErrorMessage.safeParse(raw);
    if (!parsed.success) return;
    for (const l of refusalListeners) l(parsed.data);
    if (parsed.data.ref !== undefined)
      settle(parsed.data.ref, { ok: false, error: { code: parsed.data.code as RoomError['code'], message: parsed.data.message } });
  });
  room.onMessage(MESSAGE.notes, (raw) => {
    const parsed = NotesMessage.safeParse(raw);
    if (!parsed.success) return;
    notes = parsed.data.notes;
    for (const l of notesListeners) l(notes);
  });
  // Colyseus hands over its schema instance; the protocol reads its plain JSON, like any other message.
  const readSynced = (state: { toJSON?: () => unknown } | undefined): SyncedState | null => {
    const parsed = SyncedState.safeParse(typeof state?.toJSON === 'function' ? state.toJSON() : undefined);
    return parsed.success ? parsed.data : null;
  };
  room.onStateChange((state) => {
    const synced = readSynced(state);
    if (synced) for (const l of syncedListeners) l(synced);
  });
  let open = true;
  room.onLeave((code) => {
    open = false;
    for (const resolve of pending.values())
      resolve({ ok: false, error: { code: 'server.error', message: `The connection closed (${code}).` } });
    pending.clear();
    for (const l of leaveListeners) l(code);
  });

  function settle(ref: number, result: CommandResult) {
    const resolve = pending.get(ref);
    pending.delete(ref);
    resolve?.(result);
  }

  function request(body: Record<string, unknown>): Promise<CommandResult> {
    const ref = nextRef++;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => settle(ref, { ok: false, error: { code: 'server.error', message: 'No answer from the server.' } }),
        ANSWER_TIMEOUT_MS,
      );
      pending.set(ref, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      room.send(MESSAGE.command, { ...body, ref });
    });
  }

  await welcomeArrived;
  // Catch up from what is already held; live events follow the catch-up, never before it.
  const synced = await request({ type: 'sync', since: events.length });
  if (!synced.ok) throw new TeamJoinError(synced.error);

  return {
    room,
    get welcome() {
      return welcome!;
    },
    events,
    get notes() {
      return notes;
    },
    lastSeq: () => events.length,
    send: (command) => request(command),
    onEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onRefusal(listener) {
      refusalListeners.add(listener);
      return () => refusalListeners.delete(listener);
    },
    onLeave(listener) {
      leaveListeners.add(listener);
      return () => leaveListeners.delete(listener);
    },
    onNotes(listener) {
      notesListeners.add(listener);
      return () => notesListeners.delete(listener);
    },
    synced: () => readSynced(room.state),
    onSynced(listener) {
      syncedListeners.add(listener);
      return () => syncedListeners.delete(listener);
    },
    async leave() {
      // colyseus.js waits for a goodbye that a closed connection never sends.
      if (open) await room.leave(true);
    },
  };
}
