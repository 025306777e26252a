/**
 * Status updates judged for their substance: what is affected, what is being done, when the next
 * update comes (the composer's Impact / Current action / Next update parts). An empty post, or one
 * that repeats an earlier update, says nothing new and counts for nothing.
 */
import { isStatusUpdate } from './patterns';
import type { ScoringContext } from './types';

export interface Update {
  at: number;
  /** 0–1: the share of the three parts it gives. */
  substance: number;
  /** The parts it lacks, for the debrief. */
  missing: string[];
  text?: string;
}

const PARTS: readonly { name: string; pattern: RegExp }[] = [
  {
    name: 'what is affected',
    pattern:
      /\b(impact|affect\w*|users?|customers?|orders?|checkout|outage|down|degraded|errors?|fail\w*|broken|slow|stuck|unavailable|delay\w*)\b/i,
  },
  {
    name: 'what is being done',
    pattern:
      /\b(doing now|investigat\w*|looking|paus\w*|roll\w*|fix\w*|deploy\w*|restor\w*|mitigat\w*|contain\w*|working|patch\w*|disabl\w*|switch\w*|turn\w*|flip\w*|revert\w*|scal\w*|drain\w*|repair\w*|reprocess\w*|block\w*|hold\w*|verify\w*|check\w*|monitor\w*|watch\w*|resum\w*|ship\w*)\b/i,
  },
  { name: 'when the next update comes', pattern: /\b(next update|update (by|at|in|again)|\d{1,2}:\d{2}|in \d+ ?(min|minutes|m)\b)/i },
];

/** Fewer words than this is not an update, whatever it contains. */
const MIN_WORDS = 4;

const normal = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9:]+/g, ' ')
    .trim();

/** Every status update in the run, with its substance. Canned update actions are written by the scenario, so they are whole. */
export function updates({ world, state }: Pick<ScoringContext, 'world' | 'state'>): Update[] {
  const said = new Set<string>();
  const out: Update[] = [];
  for (const e of state.timeline) {
    if (!isStatusUpdate(world, e)) continue;
    if (e.kind === 'action-completed') {
      out.push({ at: e.at, substance: e.verdict === 'failure' || e.verdict === 'harmful' ? 0 : 1, missing: [] });
    } else if (e.kind === 'post') {
      const text = state.chat.find((p) => p.id === e.post)?.text ?? '';
      const key = normal(text);
      const words = key.split(' ').filter((w) => w.length > 0).length;
      const repeat = said.has(key);
      said.add(key);
      const found = words < MIN_WORDS || repeat ? [] : PARTS.filter((p) => p.pattern.test(text));
      out.push({
        at: e.at,
        substance: found.length / PARTS.length,
        missing: repeat ? ['anything new'] : PARTS.filter((p) => !found.includes(p)).map((p) => p.name),
        text,
      });
    }
  }
  return out;
}
