/**
 * What each seat of a team run did in their role, as DOM: the list the team debrief shows, read by
 * src/debrief/team-debrief.ts. Shared by a live game day's debrief and a team run file's.
 */
import { wallClock, type EngineState } from '../../engine';
import type { Scenario } from '../../format';
import type { Seat } from '../../format/run-log';
import { contributions, type RoleName } from '../../debrief/team-debrief';
import { el } from '../dom';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One item per seat: name and role, what they did in counts, then their actions and posts. */
export function contributionList(scenario: Scenario, state: EngineState, roster: readonly Seat[], roleOf: RoleName): HTMLElement {
  const clock = (t: number) => wallClock(scenario.clock, t);
  const rows = contributions(scenario, state, roster, roleOf).map((c) =>
    el(
      'li',
      { className: 'team-contribution' },
      el('h3', {}, `${c.seat.name} — ${c.seat.roleName}`),
      el(
        'p',
        { className: 'muted' },
        `${plural(c.actions.length, 'action', 'actions')}, ${plural(c.statusUpdates, 'status update', 'status updates')}, ${plural(c.posts.length, 'post', 'posts')}, ${plural(c.replies, 'reply', 'replies')}, ${plural(c.notes, 'note', 'notes')}`,
      ),
      c.actions.length > 0
        ? el(
            'ul',
            { attrs: { 'aria-label': `${c.seat.name}'s actions` } },
            ...c.actions.map((a) => el('li', {}, `${clock(a.at)} ${a.label} — ${a.verdict}`)),
          )
        : null,
      c.posts.length > 0
        ? el(
            'ul',
            { attrs: { 'aria-label': `${c.seat.name}'s posts` } },
            ...c.posts.map((p) => el('li', {}, `${clock(p.at)} ${p.statusUpdate ? 'Status update' : 'Post'} in #${p.channel}: ${p.text}`)),
          )
        : null,
    ),
  );
  return el('ul', { className: 'team-contribution-list' }, ...rows);
}
