/**
 * Which sound cues a batch of engine events calls for. Pure: no howler, no DOM, only engine types,
 * so it runs (and is tested) anywhere.
 */
import type { TimelineEvent } from '../engine';

/** The one-shot sounds, most urgent first (the order `cuesFor` returns them in). */
export const CUE_KEYS = ['page', 'alarm', 'failure', 'success', 'mention', 'message'] as const;
export type CueKey = (typeof CUE_KEYS)[number];

export type Severity = 0 | 1 | 2 | 3;

/** The cue a single event calls for, if any. */
function cueFor(event: TimelineEvent): CueKey | null {
  switch (event.kind) {
    case 'message':
      return event.mention || event.importance === 'important' || event.importance === 'critical' ? 'mention' : 'message';
    case 'alarm':
      return event.on ? 'alarm' : null;
    case 'service':
      return event.to === 'down' ? 'page' : null;
    case 'action-completed':
      if (event.verdict === 'success' || event.verdict === 'partial') return 'success';
      if (event.verdict === 'failure' || event.verdict === 'harmful') return 'failure';
      return null;
    case 'relapse':
      return 'page';
    case 'ending':
      return event.endingKind === 'resolved' ? 'success' : 'failure';
    default:
      return null;
  }
}

/** The cues for one batch of events: each key at most once, most urgent first. */
export function cuesFor(events: readonly TimelineEvent[]): CueKey[] {
  const wanted = new Set<CueKey>();
  for (const event of events) {
    const cue = cueFor(event);
    if (cue) wanted.add(cue);
  }
  return CUE_KEYS.filter((key) => wanted.has(key));
}

const TENSION: Record<Severity, number> = { 0: 0, 1: 0.25, 2: 0.55, 3: 0.9 };

/** How loud the tension bed plays at a severity, as a fraction of the master volume (0–1). */
export function tensionVolume(severity: Severity): number {
  return TENSION[severity] ?? 0;
}
