/**
 * What a team page shows, as a pure fold of the room's numbered events: the run (the engine
 * followed event by event), the roster, the activity feed with its text, and this page's hints.
 * No network, storage or store here, so it is unit-tested like the room core.
 */
import { init, type EngineState, type LogEntry, type RunOptions } from '../../engine';
import type { Scenario } from '../../format';
import { followEvent } from '../../net/team-view';
import { FACILITATOR_PLAYER, RoomEvent, type Phase, type SeatView, type Speed } from '../../net/protocol';
import { DEFAULT_ROLES } from '../../net/roles';

/**
 * Something the team should see attributed: an action, a post, a note, a phase change. Who reads
 * the feed decides the rest: the facilitator's console also lists their injects and hints; a
 * player reads an inject where it was posted, in chat as the character's message like any other,
 * so it is not in their feed; the projector, which shows one channel, lists the messages that
 * matter (important and critical) from every other channel (`message`), injected or scripted
 * alike. Neither ever sees a hint in the feed.
 */
export interface FeedItem {
  key: string;
  at: number;
  kind: 'action' | 'reply' | 'post' | 'note' | 'inject' | 'message' | 'hint' | 'phase';
  text: string;
}

/** How the game day ended: at which game time, and whether the facilitator ended it (null: the run reached its ending). */
export interface Ended {
  at: number;
  by: 'facilitator' | null;
}

export interface Hint {
  at: number;
  text: string;
  to: string;
}

/** Who this page is and what it plays; fixed for one welcome. */
export interface ProjectionContext {
  scenario: Scenario;
  options: RunOptions;
  as: 'facilitator' | 'player' | 'watcher';
  /** A player's own seat; null for the facilitator and a projector view. */
  seat: SeatView | null;
  /** The game day's roles (from the welcome), for names in the feed. */
  roles: readonly { id: string; name: string }[];
}

export interface Projection {
  readonly context: ProjectionContext;
  readonly engine: EngineState;
  readonly log: readonly LogEntry[];
  readonly phase: Phase;
  readonly speed: Speed;
  readonly roster: readonly SeatView[];
  readonly feed: readonly FeedItem[];
  readonly hints: readonly Hint[];
  /**
   * The chat posts of hints meant for others: the engine posts every hint as the coach, so this
   * page leaves these out of its chat while the game day runs (the shared debrief shows them all).
   */
  readonly hiddenPosts: readonly string[];
  /** Set once the game day is over. */
  readonly ended: Ended | null;
  /** The seq of the last event folded in; -1 before any. */
  readonly seq: number;
  /** Set when following an event threw: the engine here no longer matches the room's. */
  readonly diverged: string | null;
}

export function initialProjection(context: ProjectionContext): Projection {
  return {
    context,
    engine: init(context.scenario, context.options),
    log: [],
    phase: 'lobby',
    speed: 1,
    roster: [],
    feed: [],
    hints: [],
    hiddenPosts: [],
    ended: null,
    seq: -1,
    diverged: null,
  };
}

/** Parses untrusted data as a room event; null when it is not one. */
export function parseRoomEvent(raw: unknown): RoomEvent | null {
  const parsed = RoomEvent.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function projectAll(projection: Projection, events: readonly RoomEvent[]): Projection {
  return events.reduce(project, projection);
}

/** One more room event. */
export function project(p: Projection, event: RoomEvent): Projection {
  const { scenario } = p.context;
  let engine = p.engine;
  let diverged = p.diverged;
  try {
    engine = followEvent(scenario, p.engine, event);
  } catch (error) {
    diverged = error instanceof Error ? error.message : String(error);
  }
  const next: Projection = { ...p, engine, diverged, seq: event.seq };
  const key = `e${event.seq}`;
  switch (event.kind) {
    case 'seat':
      return p.roster.some((r) => r.id === event.seat.id) ? next : { ...next, roster: [...p.roster, event.seat] };
    case 'phase': {
      const by = event.by === FACILITATOR_PLAYER ? 'facilitator' : null;
      const text = event.phase === 'ended' && by ? ENDED_BY_FACILITATOR : PHASE_TEXT[event.phase];
      const ended = event.phase === 'ended' ? (p.ended ?? { at: event.at, by }) : p.ended;
      return { ...next, phase: event.phase, ended, feed: [...p.feed, { key, at: engine.time, kind: 'phase', text }] };
    }
    case 'speed':
      return { ...next, speed: event.speed };
    case 'clock':
      return { ...next, feed: [...p.feed, ...messagesThatMatter(p, engine, event)] };
    case 'input': {
      const { at, input } = event.entry;
      const log: LogEntry[] = [...p.log, { at, input }];
      if (input.type === 'hint') {
        // A hint is posted by the coach for everyone to read; the hints panel shows it to whom it is meant for.
        const to = input.to;
        const seatId = 'player' in to ? to.player : undefined;
        const role = 'role' in to ? to.role : undefined;
        const label = role !== undefined ? `everyone in ${roleName(p.context, role)}` : nameOf(p, seatId);
        const forMe =
          p.context.as === 'facilitator' ||
          (role !== undefined && role === p.context.seat?.role) ||
          (seatId !== undefined && seatId === p.context.seat?.id);
        const post = event.happened.find((e) => e.kind === 'facilitator-hint')?.post;
        // The feed is shared by the whole room, so a hint is in it only on the facilitator's console.
        return {
          ...next,
          log,
          hints: forMe ? [...p.hints, { at, text: input.text, to: label }] : p.hints,
          hiddenPosts: forMe || post === undefined ? p.hiddenPosts : [...p.hiddenPosts, post],
          feed: p.context.as === 'facilitator' ? [...p.feed, { key, at, kind: 'hint', text: `Hint to ${label}: ${input.text}` }] : p.feed,
        };
      }
      const item = describeInput(p, input);
      const items: FeedItem[] = item ? [{ key, at, ...item }] : [];
      return { ...next, log, feed: [...p.feed, ...items, ...messagesThatMatter(p, engine, event)] };
    }
    default:
      return unreachable(event);
  }
}

/**
 * Starts again from the room's own list of events after this page's follower went wrong, and says
 * so in the feed; still diverged when even a fresh follow fails.
 */
export function resync(p: Projection, events: readonly RoomEvent[]): Projection {
  const fresh = projectAll(initialProjection(p.context), events);
  if (fresh.diverged) return fresh;
  const note: FeedItem = { key: `resync${fresh.seq}-${p.feed.length}`, at: fresh.engine.time, kind: 'phase', text: RESYNCED };
  return { ...fresh, feed: [...fresh.feed, note] };
}

export const RESYNCED = 'Resynced with the room.';
export const ENDED_BY_FACILITATOR = 'The facilitator ended the game day.';

function unreachable(event: never): never {
  throw new Error(`a room event of an unknown kind: ${JSON.stringify(event)}`);
}

export function roleName(context: Pick<ProjectionContext, 'roles'>, role: string): string {
  return context.roles.find((r) => r.id === role)?.name ?? DEFAULT_ROLES.find((r) => r.id === role)?.name ?? role;
}

function nameOf(p: Projection, seatId: string | undefined): string {
  if (!seatId) return 'Someone';
  const seat = p.roster.find((s) => s.id === seatId);
  if (!seat) return seatId === 'facilitator' ? 'Facilitator' : seatId;
  return `${seat.name} (${roleName(p.context, seat.role)})`;
}

/** How the activity feed says what kind of note someone wrote. */
const NOTE_VERB = { hypothesis: 'wrote a hypothesis', finding: 'noted a finding', note: 'added a note' } as const;

export const PHASE_TEXT: Record<Phase, string> = {
  lobby: 'The game day is open for players.',
  running: 'The game day is running.',
  paused: 'The facilitator paused the game day.',
  ended: 'The game day is over.',
};

type FeedInput = Exclude<RoomEventInput, { type: 'hint' }>;
type RoomEventInput = Extract<RoomEvent, { kind: 'input' }>['entry']['input'];

/**
 * On the projector, the important and critical messages posted in the channels it does not show
 * (the incident channel is on screen), each as "Name in #channel: text"; nothing on other pages.
 */
function messagesThatMatter(p: Projection, engine: EngineState, event: Extract<RoomEvent, { kind: 'input' | 'clock' }>): FeedItem[] {
  if (p.context.as !== 'watcher') return [];
  const { scenario } = p.context;
  const shown = (scenario.channels.find((c) => c.kind === 'incident') ?? scenario.channels[0])?.id;
  const items: FeedItem[] = [];
  event.happened.forEach((e, i) => {
    if (e.kind !== 'message' || e.channel === shown || (e.importance !== 'important' && e.importance !== 'critical')) return;
    const post = engine.chat.find((c) => c.id === e.post);
    // The coach's own hints are for the player they coach, not for the room.
    if (!post || post.byPlayer || post.message?.startsWith('hint:')) return;
    const channel = scenario.channels.find((c) => c.id === e.channel);
    const from = scenario.characters.find((c) => c.id === e.from)?.name ?? e.from;
    const where = channel?.kind === 'dm' ? ' (direct message)' : ` in #${channel?.name ?? e.channel}`;
    items.push({ key: `e${event.seq}m${i}`, at: post.at, kind: 'message', text: `${from}${where}: ${post.text}` });
  });
  return items;
}

function describeInput(p: Projection, input: FeedInput): Omit<FeedItem, 'key' | 'at'> | null {
  const { scenario } = p.context;
  const channel = (id: string) => scenario.channels.find((c) => c.id === id)?.name ?? id;
  const who = nameOf(p, input.player);
  switch (input.type) {
    case 'act': {
      const label = scenario.actions.find((a) => a.id === input.action)?.label ?? input.action;
      return { kind: 'action', text: `${who} started “${label}”` };
    }
    case 'reply': {
      const replies = scenario.messages.flatMap((m) => m.asks?.replies ?? []);
      const label = replies.find((r) => r.id === input.choice)?.label ?? input.choice;
      return { kind: 'reply', text: `${who} answered: ${label}` };
    }
    case 'post':
      return { kind: 'post', text: `${who} posted in #${channel(input.channel)}: ${input.text}` };
    case 'note':
      return { kind: 'note', text: `${who} ${NOTE_VERB[input.kind ?? 'note']}: ${input.text}` };
    case 'inject': {
      const inject = 'inject' in input ? scenario.team?.injects.find((i) => i.id === input.inject) : undefined;
      const fromId = 'from' in input ? input.from : inject?.from;
      const from = scenario.characters.find((c) => c.id === fromId)?.name ?? fromId ?? 'someone';
      const where = 'channel' in input ? input.channel : inject?.channel;
      const text = 'text' in input ? input.text : (inject?.text ?? '');
      // Only the facilitator knows it was theirs; everyone else reads the character's message where it was posted.
      return p.context.as === 'facilitator'
        ? { kind: 'inject', text: `Inject: ${from}${where ? ` in #${channel(where)}` : ''}: ${text}` }
        : null;
    }
  }
}
