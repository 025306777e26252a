/**
 * A team run read for its debrief: what each seat did in their role (actions with their verdicts,
 * posts, status updates) and every input under the name of whoever sent it. Pure: the roster and
 * the role names come in as arguments, so it runs on a room's live run and on a team run file alike.
 */
import { isStatusUpdate, wallClock, worldOf, type EngineState, type LogEntry } from '../engine';
import { FACILITATOR_PLAYER, type Seat } from '../format/run-log';
import type { Scenario } from '../format/schema';

/** A role id → its display name (the scenario's team roles, or the built-in set). */
export type RoleName = (role: string) => string;

/** What the team debrief reads of a run. */
export interface TeamRun {
  scenario: Scenario;
  state: EngineState;
  log: readonly LogEntry[];
}

export interface Contribution {
  seat: Seat & { roleName: string };
  actions: { at: number; action: string; label: string; verdict: string }[];
  posts: { at: number; channel: string; text: string; statusUpdate: boolean }[];
  replies: number;
  notes: number;
  /** Status updates given, as scoring counts them (`isStatusUpdate`). */
  statusUpdates: number;
}

interface AttributedRow {
  at: number;
  clock: string;
  player: string;
  who: string;
  what: string;
}

/** Player id → "Name (Role)", the facilitator included. */
export function teamNames(roster: readonly Seat[], roleOf: RoleName): Record<string, string> {
  const names: Record<string, string> = { [FACILITATOR_PLAYER]: 'Facilitator' };
  for (const s of roster) names[s.id] = `${s.name} (${roleOf(s.role)})`;
  return names;
}

/** Each seat's part in the run, read from the engine's timeline (the same for every client). */
export function contributions(scenario: Scenario, state: EngineState, roster: readonly Seat[], roleOf: RoleName): Contribution[] {
  const label = (id: string) => scenario.actions.find((a) => a.id === id)?.label ?? id;
  const world = worldOf(scenario);
  const channelName = (id: string) => scenario.channels.find((c) => c.id === id)?.name ?? id;
  const postText = (id: string) => state.chat.find((p) => p.id === id)?.text ?? '';
  return roster.map((s) => {
    const c: Contribution = {
      seat: { id: s.id, name: s.name, role: s.role, roleName: roleOf(s.role) },
      actions: [],
      posts: [],
      replies: 0,
      notes: 0,
      statusUpdates: 0,
    };
    for (const e of state.timeline) {
      if (!('player' in e) || e.player !== s.id) continue;
      if (isStatusUpdate(world, e)) c.statusUpdates++;
      if (e.kind === 'action-completed') {
        c.actions.push({ at: e.at, action: e.action, label: label(e.action), verdict: e.verdict });
      } else if (e.kind === 'post') {
        c.posts.push({ at: e.at, channel: channelName(e.channel), text: postText(e.post), statusUpdate: e.statusUpdate });
      } else if (e.kind === 'reply') c.replies++;
      else if (e.kind === 'note') c.notes++;
    }
    return c;
  });
}

/** Every input of the run, in order, under the name of whoever sent it. */
export function attributedTimeline(scenario: Scenario, log: readonly LogEntry[], names: Readonly<Record<string, string>>): AttributedRow[] {
  const label = (id: string) => scenario.actions.find((a) => a.id === id)?.label ?? id;
  const channelName = (id: string) => scenario.channels.find((c) => c.id === id)?.name ?? id;
  const character = (id: string) => scenario.characters.find((c) => c.id === id)?.name ?? id;
  return log.map(({ at, input }) => {
    const player = input.player ?? 'you';
    const who = names[player] ?? player;
    let what: string;
    switch (input.type) {
      case 'act':
        what = `Started “${label(input.action)}”`;
        break;
      case 'reply':
        what = `Answered ${input.message} with ${input.choice}`;
        break;
      case 'post':
        what = `Posted in #${channelName(input.channel)}: ${input.text}`;
        break;
      case 'note':
        what = `${input.kind ? `${input.kind}: ` : 'Note: '}${input.text}`;
        break;
      case 'inject': {
        const i = input as { inject?: string; from?: string; channel?: string; text?: string };
        what = `Inject${i.inject ? ` ${i.inject}` : ''}${i.from ? ` as ${character(i.from)}` : ''}${i.channel ? ` in #${channelName(i.channel)}` : ''}${i.text ? `: ${i.text}` : ''}`;
        break;
      }
      case 'hint': {
        const h = input as { text: string; to?: { role?: string; player?: string } };
        const to = h.to?.role ? `everyone in ${h.to.role}` : h.to?.player ? (names[h.to.player] ?? h.to.player) : 'everyone';
        what = `Hint to ${to}: ${h.text}`;
        break;
      }
      default:
        what = (input as { type: string }).type;
    }
    return { at, clock: wallClock(scenario.clock, at), player, who, what };
  });
}
