/**
 * The Colyseus room around the pure core: it turns connections into seats, checks each message's
 * size, shape and rate before the core sees it, broadcasts the numbered events the core returns,
 * and answers a refusal to its sender only. No game rule lives here.
 */
import { matchMaker, Room, ServerError, type Client } from '@colyseus/core';
import {
  JoinOptions,
  LIMITS,
  MESSAGE,
  describeIssue,
  joinErrorText,
  parseCommand,
  type AckMessage,
  type ErrorMessage,
  type EventsMessage,
  type NotesMessage,
  type RoomError,
  type RoomEvent,
  type RoomInfo,
  type Welcome,
} from '../net/protocol';
import { DEFAULT_RATE_LIMIT, fullBucket, takeToken, type Bucket, type RateLimit } from '../net/rate-limit';
import type { Scenario } from '../format/schema';
import {
  applyCommand,
  createRoom,
  eventsSince,
  isFacilitator,
  joinSeat,
  MAX_SEATS,
  returnToSeat,
  roomInfo,
  seatView,
  setConnected,
  tick,
  welcome,
  type RoomState,
} from './room-core';
import { newJoinCode, newSecret, newSeed } from './secrets';
import { mirror, TeamState } from './team-state';

export interface TeamRoomConfig {
  scenarios: ReadonlyMap<string, Scenario>;
  rateLimit: RateLimit;
  /** How long a room with nobody connected lives on, so a team can come back after a network outage. */
  idleDisposeMs: number;
  /** How often real time is handed to the core. */
  tickMs: number;
  /** Game days one process holds at most, so nobody can exhaust its memory by creating rooms. */
  maxRooms: number;
}

export const DEFAULT_ROOM_CONFIG: Omit<TeamRoomConfig, 'scenarios'> = {
  rateLimit: DEFAULT_RATE_LIMIT,
  idleDisposeMs: 30 * 60_000,
  tickMs: 250,
  maxRooms: 500,
};

/** Facilitator connections a room takes besides its players (a console and a projector, say). */
const MAX_FACILITATOR_CONNECTIONS = 4;
/** Projector views (watchers) a room takes: anyone with the code may watch, so their number is capped. */
export const MAX_WATCHERS = 4;
/** Close code for a connection whose seat was taken over by the same player elsewhere (a reload, a second tab). */
export const CLOSE_SEAT_TAKEN = 4001;

interface Connection {
  client: Client;
  seat: string | null;
  facilitator: boolean;
  /** A projector view: it may only ask for events (`sync`). */
  watcher: boolean;
  bucket: Bucket;
  /** Live events go only to connections that have caught up, so none arrives twice or out of order. */
  synced: boolean;
}

/** What a projector view is told when it sends anything but `sync`. */
const READ_ONLY: RoomError = { code: 'watch.read-only', message: 'A projector view only watches; it cannot send commands.' };

/** A join refusal: the matchmaker carries it to the client as JSON `{ code, message }`, which the client reads back. */
const joinError = (error: RoomError) => new ServerError(4400, joinErrorText(error));

/** Makes the room class for one server, with its scenarios and limits. */
export function teamRoomClass(config: TeamRoomConfig) {
  let live = 0;
  return class TeamRoom extends Room<TeamState> {
    private core!: RoomState;
    private readonly connections = new Map<string, Connection>();
    /** Seat id → the session holding it now. */
    private readonly holders = new Map<string, string>();
    /** Handed to the first connection, the creator, and then forgotten. */
    private creatorSecret: string | null = null;
    private lastTick = 0;
    private idleTimer: { clear(): void } | null = null;
    /** The public facts last written to the room's listing, so it is written again only when they change. */
    private published = '';

    /** Checks the join options' shape before a seat is even reserved, so a bad join fails fast and clearly. */
    static override async onAuth(_token: string, options: unknown): Promise<JoinOptions> {
      const parsed = JoinOptions.safeParse(options);
      if (!parsed.success)
        throw joinError({ code: 'protocol.invalid', message: `Invalid join options: ${describeIssue(parsed.error, options)}` });
      return parsed.data;
    }

    override async onCreate(options: unknown): Promise<void> {
      const parsed = JoinOptions.safeParse(options);
      if (!parsed.success || parsed.data.as !== 'create')
        throw joinError({ code: 'protocol.invalid', message: 'Create a game day with { as: "create", game: { scenario } }.' });
      if (live >= config.maxRooms)
        throw joinError({ code: 'room.full', message: 'This server is running as many game days as it can; try again later.' });
      const game = parsed.data.game;
      const scenario = config.scenarios.get(game.scenario);
      if (!scenario) throw joinError({ code: 'room.unknown-scenario', message: `This server has no scenario "${game.scenario}".` });
      const code = await unusedJoinCode();
      const secret = newSecret();
      const created = createRoom({ code, scenario, game, seed: game.seed ?? newSeed(), facilitatorSecret: secret });
      if (!created.ok) throw joinError(created.error);
      this.roomId = code;
      this.core = created.state;
      live++;
      this.creatorSecret = secret;
      this.maxClients = MAX_SEATS + MAX_FACILITATOR_CONNECTIONS + MAX_WATCHERS;
      // A game day outlives a moment with nobody connected; it goes after `idleDisposeMs` of that.
      this.autoDispose = false;
      await this.setPrivate(true);
      this.state = new TeamState();
      this.refreshState();
      this.onMessage(MESSAGE.command, (client, raw) => this.receive(client, raw));
      this.onMessage('*', (client, type) => {
        const connection = this.connections.get(client.sessionId);
        if (connection && this.withinRate(connection)) {
          if (connection.watcher) return this.answer(client, READ_ONLY);
          this.answer(client, {
            code: 'protocol.unknown-type',
            message: `Send commands as "${MESSAGE.command}" messages, not "${String(type).slice(0, 40)}".`,
          });
        }
      });
      this.lastTick = performance.now();
      this.clock.setInterval(() => this.advance(), config.tickMs);
      this.scheduleIdleDisposal();
    }

    override onJoin(client: Client, _options: unknown, join: JoinOptions): void {
      const you = this.admit(client, join);
      this.cancelIdleDisposal();
      client.send(MESSAGE.welcome, welcome(this.core, you) satisfies Welcome);
      if (you.kind === 'facilitator') this.sendNotes([client]);
      this.refreshState();
    }

    /** Decides who a new connection is; throws a join error for the client when it may not come in. */
    private admit(client: Client, join: JoinOptions): Welcome['you'] {
      const connection = (seat: string | null, facilitator: boolean, watcher = false) =>
        this.connections.set(client.sessionId, {
          client,
          seat,
          facilitator,
          watcher,
          bucket: fullBucket(config.rateLimit, performance.now()),
          synced: false,
        });
      switch (join.as) {
        case 'create': {
          const secret = this.creatorSecret;
          if (secret === null)
            throw joinError({
              code: 'join.not-creator',
              message: 'This game day already has its creator; join as a player, or as the facilitator with the secret.',
            });
          this.creatorSecret = null;
          connection(null, true);
          return { kind: 'facilitator', secret };
        }
        case 'facilitator': {
          if (!isFacilitator(this.core, join.secret))
            throw joinError({ code: 'auth.facilitator', message: "That is not this game day's facilitator secret." });
          if (this.facilitatorCount() >= MAX_FACILITATOR_CONNECTIONS)
            throw joinError({ code: 'room.full', message: `At most ${MAX_FACILITATOR_CONNECTIONS} facilitator connections.` });
          connection(null, true);
          return { kind: 'facilitator', secret: join.secret };
        }
        case 'player': {
          const token = newSecret();
          const joined = joinSeat(this.core, { name: join.name, role: join.role, token });
          if (!joined.ok) throw joinError(joined.error);
          this.core = joined.state;
          this.holders.set(joined.seat.id, client.sessionId);
          connection(joined.seat.id, false);
          this.broadcastEvents(joined.events);
          return { kind: 'player', seat: seatView(joined.seat), token };
        }
        case 'seat': {
          const back = returnToSeat(this.core, join.token);
          if (!back.ok) throw joinError(back.error);
          this.core = back.state;
          const previous = this.holders.get(back.seat.id);
          this.holders.set(back.seat.id, client.sessionId);
          // The same player from a new tab or after a reload: the old connection gives the seat up.
          if (previous && previous !== client.sessionId)
            this.connections.get(previous)?.client.leave(CLOSE_SEAT_TAKEN, 'Your seat was taken over by a newer connection.');
          connection(back.seat.id, false);
          return { kind: 'player', seat: seatView(back.seat), token: join.token };
        }
        case 'watch': {
          if (this.watcherCount() >= MAX_WATCHERS)
            throw joinError({
              code: 'room.full',
              message: `This game day already has ${MAX_WATCHERS} projector views; close one before opening another.`,
            });
          connection(null, false, true);
          return { kind: 'watcher' };
        }
      }
    }

    override onLeave(client: Client): void {
      const connection = this.connections.get(client.sessionId);
      // A join refused in onJoin also ends here, with no connection recorded.
      if (!connection) return;
      this.connections.delete(client.sessionId);
      if (connection.seat && this.holders.get(connection.seat) === client.sessionId) {
        this.holders.delete(connection.seat);
        this.core = setConnected(this.core, connection.seat, false);
      }
      this.refreshState();
      if (this.connections.size === 0) this.scheduleIdleDisposal();
    }

    override onDispose(): void {
      if (this.core) live--;
    }

    override onUncaughtException(error: Error, method: string): void {
      // A refused join is an answer, not a fault.
      if (error.cause instanceof ServerError) return;
      // A bug must cost one message, not the room: log it and carry on.
      console.error(`team room ${this.roomId}: uncaught exception in ${method}`, error);
    }

    /** One client message: rate, then shape, then the core. */
    private receive(client: Client, raw: unknown): void {
      const connection = this.connections.get(client.sessionId);
      if (!connection) return;
      const ref = refOf(raw);
      if (!this.withinRate(connection, ref)) return;
      // A projector view may only ask for events; anything else is refused before it is even read.
      if (connection.watcher && !isSync(raw)) return this.answer(client, READ_ONLY, ref);
      const parsed = parseCommand(raw);
      if (!parsed.ok) return this.answer(client, parsed.error, ref);
      const command = parsed.command;
      try {
        if (command.type === 'sync') return this.catchUp(connection, command.since, ref);
        const outcome = applyCommand(this.core, connection.seat, command);
        if (!outcome.ok) return this.answer(client, outcome.error, ref);
        const notesChanged = outcome.state.notes !== this.core.notes;
        this.core = outcome.state;
        this.broadcastEvents(outcome.events);
        if (ref !== undefined) client.send(MESSAGE.ack, { ref, latest: this.core.events.length } satisfies AckMessage);
        if (notesChanged) this.sendNotes([...this.connections.values()].filter((c) => c.facilitator).map((c) => c.client));
        this.refreshState();
      } catch (error) {
        console.error(`team room ${this.roomId}: command "${command.type}" failed`, error);
        this.answer(client, { code: 'server.error', message: 'The server could not handle that; nothing changed.' }, ref);
      }
    }

    /** Takes a token from the connection's bucket, or tells it to slow down. */
    private withinRate(connection: Connection, ref?: number): boolean {
      const taken = takeToken(connection.bucket, performance.now(), config.rateLimit);
      connection.bucket = taken.bucket;
      if (!taken.ok)
        this.answer(
          connection.client,
          { code: 'rate.limited', message: `Too many messages: wait ${taken.retryInMs} ms before sending more.` },
          ref,
        );
      return taken.ok;
    }

    /** Sends a connection every event after `since`, then starts sending it live ones. */
    private catchUp(connection: Connection, since: number, ref: number | undefined): void {
      const missed = eventsSince(this.core, since);
      if (!missed.ok) return this.answer(connection.client, missed.error, ref);
      const latest = this.core.events.length;
      for (let i = 0; i === 0 || i < missed.events.length; i += LIMITS.eventsPerMessage) {
        connection.client.send(MESSAGE.events, {
          events: missed.events.slice(i, i + LIMITS.eventsPerMessage),
          latest,
          catchUp: true,
        } satisfies EventsMessage);
      }
      connection.synced = true;
      if (ref !== undefined) connection.client.send(MESSAGE.ack, { ref, latest } satisfies AckMessage);
    }

    private advance(): void {
      const now = performance.now();
      const elapsed = now - this.lastTick;
      this.lastTick = now;
      const result = tick(this.core, elapsed);
      if (result.state === this.core) return;
      this.core = result.state;
      this.broadcastEvents(result.events);
      this.refreshState();
    }

    private broadcastEvents(events: RoomEvent[]): void {
      if (events.length === 0) return;
      const message: EventsMessage = { events, latest: this.core.events.length, catchUp: false };
      for (const c of this.connections.values()) if (c.synced) c.client.send(MESSAGE.events, message);
    }

    private sendNotes(clients: Client[]): void {
      const message: NotesMessage = { notes: [...this.core.notes] };
      for (const client of clients) client.send(MESSAGE.notes, message);
    }

    private answer(client: Client, error: RoomError, ref?: number): void {
      client.send(MESSAGE.error, (ref === undefined ? { ...error } : { ...error, ref }) satisfies ErrorMessage);
    }

    private facilitatorCount(): number {
      let n = 0;
      for (const c of this.connections.values()) if (c.facilitator) n++;
      return n;
    }

    private watcherCount(): number {
      let n = 0;
      for (const c of this.connections.values()) if (c.watcher) n++;
      return n;
    }

    private refreshState(): void {
      mirror(this.state, this.core, { facilitators: this.facilitatorCount(), watchers: this.watcherCount() });
      this.publish(roomInfo(this.core));
    }

    /**
     * Keeps the room's listing metadata (shared between processes by the Redis driver) up to date
     * with its public facts, which `GET /team/game-days/<code>` serves; written only on a change
     * (a join, a phase), never on a clock tick.
     */
    private publish(info: RoomInfo): void {
      const text = JSON.stringify(info);
      if (text === this.published) return;
      this.published = text;
      void this.setMetadata(info).catch((error: unknown) => {
        // Not published after all: the next refresh tries again rather than leaving the facts stale.
        if (this.published === text) this.published = '';
        console.error(`team room ${this.roomId}: could not publish its public facts`, error);
      });
    }

    private scheduleIdleDisposal(): void {
      this.cancelIdleDisposal();
      this.idleTimer = this.clock.setTimeout(() => void this.disconnect(), config.idleDisposeMs);
    }

    private cancelIdleDisposal(): void {
      this.idleTimer?.clear();
      this.idleTimer = null;
    }
  };
}

/** A join code no live room uses (a clash is about one in 10^14, but costs only a look-up to rule out). */
async function unusedJoinCode(): Promise<string> {
  for (;;) {
    const code = newJoinCode();
    if ((await matchMaker.query({ roomId: code })).length === 0) return code;
  }
}

const isSync = (raw: unknown) => typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'sync';

/** The `ref` a client gave its message, echoed on the answer even when the rest is refused. */
function refOf(raw: unknown): number | undefined {
  const ref = typeof raw === 'object' && raw !== null ? (raw as { ref?: unknown }).ref : undefined;
  return typeof ref === 'number' && Number.isSafeInteger(ref) && ref >= 0 && ref < 2 ** 31 ? ref : undefined;
}
