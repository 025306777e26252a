/**
 * Who is looking at the incident screen, and what they may do from it. Solo play may do
 * everything; in a game day a seat may do what its role allows (the very checks the server makes,
 * so a greyed-out button and the server's refusal give the same reason), and the facilitator's
 * console and the projector only watch.
 */
import { mayAct, mayNote, mayPost, mayReply, type RoleGrants } from '../../net/roles';
import type { Action, Scenario } from '../../format';

type Channel = Scenario['channels'][number];

export interface Perspective {
  /** The engine's player id for this screen's own inputs: 'you' in solo play, a seat's id in a game day. */
  player: string;
  /** Each check returns why not, or null when it is allowed. */
  act(action: Action): string | null;
  post(channel: Channel): string | null;
  reply(): string | null;
  note(): string | null;
}

const allowed = () => null;

export const SOLO: Perspective = { player: 'you', act: allowed, post: allowed, reply: allowed, note: allowed };

/** A player in a game day, limited by their role. */
export function seatPerspective(seat: string, role: RoleGrants): Perspective {
  return {
    player: seat,
    act: (action) => mayAct(role, action)?.message ?? null,
    post: (channel) => mayPost(role, channel)?.message ?? null,
    reply: () => mayReply(role)?.message ?? null,
    note: () => mayNote(role)?.message ?? null,
  };
}

/** Somebody who only watches: the facilitator's console, the projector. */
export function watcherPerspective(why: string): Perspective {
  const refuse = () => why;
  return { player: '', act: refuse, post: refuse, reply: refuse, note: refuse };
}
