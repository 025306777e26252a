/** Turns one batch of engine events into the world's animations: what to flash, shake, sweep or buzz. */
import type { TimelineEvent } from '../../engine';

/** What the world should animate for a batch of events. */
export interface Reactions {
  /** A pulse on the dashboard monitor for new messages: 0 none, 1 normal, 2 important/mention. */
  messagePulse: 0 | 1 | 2;
  /** Metrics whose alarm just went on: their graph frames flash. */
  alarmsOn: string[];
  /** A failed or harmful action: a small shake and a red flash. */
  misstep: boolean;
  /** Things got better (a service recovered, stabilised or fixed): a green sweep. */
  recovery: boolean;
  /** A premature all-clear came back: a strong red flash. */
  relapse: boolean;
  /** Why the pager buzzes, as its two-line screen shows it (what, then what happened), or null for no page. */
  page: { what: string; event: string } | null;
  /** How the run ended in this batch, if it did. */
  ending: 'resolved' | 'failed' | 'timeout' | null;
}

/** The page an event sends to the pager, as its two-line screen shows it, or null: the one rule for what pages. */
export function pageOf(e: TimelineEvent): { what: string; event: string } | null {
  if (e.kind === 'service' && e.to === 'down') return { what: e.service, event: 'DOWN' };
  if (e.kind === 'relapse') return { what: 'RELAPSE', event: 'REOPEN' };
  return null;
}

/** The reactions for one batch of events (each batch is animated once). */
export function reactionsTo(events: readonly TimelineEvent[]): Reactions {
  const out: Reactions = { messagePulse: 0, alarmsOn: [], misstep: false, recovery: false, relapse: false, page: null, ending: null };
  for (const e of events) {
    out.page = pageOf(e) ?? out.page;
    switch (e.kind) {
      case 'message': {
        const loud = e.mention || e.importance === 'important' || e.importance === 'critical';
        out.messagePulse = Math.max(out.messagePulse, loud ? 2 : 1) as 1 | 2;
        break;
      }
      case 'alarm':
        if (e.on && !out.alarmsOn.includes(e.metric)) out.alarmsOn.push(e.metric);
        break;
      case 'action-completed':
        if (e.verdict === 'failure' || e.verdict === 'harmful') out.misstep = true;
        break;
      case 'service':
        if (e.to === 'healthy') out.recovery = true;
        break;
      case 'milestone':
        if (e.milestone === 'stabilised' || e.milestone === 'fixed') out.recovery = true;
        break;
      case 'relapse':
        out.relapse = true;
        break;
      case 'ending':
        out.ending = e.endingKind;
        break;
      default:
        break;
    }
  }
  return out;
}

/** Whether a batch's reactions animate nothing at all. */
export function isQuiet(r: Reactions): boolean {
  return r.messagePulse === 0 && r.alarmsOn.length === 0 && !r.misstep && !r.recovery && !r.relapse && r.page === null && r.ending === null;
}
