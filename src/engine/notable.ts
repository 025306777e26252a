/** What is worth waking a waiting player for: one notion for the solo skip-ahead, team rooms and the explorer. */
import type { TimelineEvent, TimelineKind } from './types';

/** Events that change what the player sees or must deal with: the world moved, work finished, something was missed. */
const NOTABLE_KINDS: ReadonlySet<TimelineKind> = new Set<TimelineKind>([
  'deploy',
  'milestone',
  'impact',
  'service',
  'alarm',
  'evidence',
  'action-completed',
  'ignored',
  'relapse',
  'ending',
]);

/** True for an event a player waiting for something to happen would want to react to; chatter marked noise is not. */
export function isNotable(event: TimelineEvent): boolean {
  return event.kind === 'message' ? event.importance !== 'noise' : NOTABLE_KINDS.has(event.kind);
}
