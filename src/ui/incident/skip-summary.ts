/**
 * What Skip ahead passed over, in one line: "Skipped 16:05 → 16:14: 3 messages, Checkout error rate
 * alarm." Read from the skip's own events with the engine's notion of what is notable, so it names
 * the very things that ended the skip, and the player never jumps half an hour in silence.
 */
import { isNotable, wallClock, type TimelineEvent } from '../../engine';
import { skipAhead, type GameStore } from '../../store';
import type { Scenario } from '../../format';
import { el, setText, type View } from '../dom';
import type { IncidentUi } from './incident-ui';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The line for a skip from `from` to `to` that yielded `events`. */
export function skipSummary(scenario: Scenario, from: number, to: number, events: readonly TimelineEvent[]): string {
  const clock = (t: number) => wallClock(scenario.clock, t, false);
  const notable = events.filter(isNotable);
  const parts: string[] = [];
  const count = (kind: TimelineEvent['kind']) => notable.filter((e) => e.kind === kind).length;
  const messages = count('message');
  if (messages > 0) parts.push(plural(messages, 'message'));
  const unanswered = count('ignored');
  if (unanswered > 0) parts.push(`${plural(unanswered, 'question')} went unanswered`);
  for (const e of notable) {
    switch (e.kind) {
      case 'deploy':
        parts.push(`deploy shipped: ${scenario.deploys.find((d) => d.id === e.deploy)?.title ?? e.deploy}`);
        break;
      case 'alarm': {
        const name = scenario.metrics.find((m) => m.id === e.metric)?.name ?? e.metric;
        parts.push(e.on ? `${name} alarm` : `${name} alarm cleared`);
        break;
      }
      case 'service':
        parts.push(`${scenario.services.find((s) => s.id === e.service)?.name ?? e.service} ${e.to}`);
        break;
      case 'impact':
        parts.push(e.on ? 'users affected' : 'users no longer affected');
        break;
      case 'action-completed':
        parts.push(`finished: ${scenario.actions.find((a) => a.id === e.action)?.label ?? e.action}`);
        break;
      case 'relapse':
        parts.push('the incident relapsed');
        break;
      case 'ending':
        parts.push('the incident ended');
        break;
      default:
        break; // Messages and unanswered questions are counted above; milestones and evidence show elsewhere.
    }
  }
  const evidence = count('evidence');
  if (evidence > 0) parts.push(`${plural(evidence, 'new piece', 'new pieces')} of evidence`);
  return `Skipped ${clock(from)} → ${clock(to)}: ${parts.length > 0 ? parts.join(', ') : 'nothing happened'}.`;
}

/** Skip ahead, then say what was skipped (the incident screen shows it in a live region). */
export function skipAndSay(store: GameStore, ui: IncidentUi): void {
  const before = store.getState();
  const run = before.run;
  if (!run || run.state.ending || before.replay) return;
  skipAhead(store);
  const after = store.getState();
  if (!after.run || after.recent.serial === before.recent.serial) return;
  ui.setState({ skipped: skipSummary(run.scenario, run.state.time, after.run.state.time, after.recent.events) });
}

/** The line under the top bar that says what the last skip passed over, announced politely; it goes once the player acts. */
export function skipNote(store: GameStore, ui: IncidentUi): View {
  const element = el('p', { className: 'skip-summary', attrs: { role: 'status', 'aria-live': 'polite' } });
  let shown: string | null = null;
  let logLength = store.getState().run?.log.length ?? 0;
  const update = () => {
    const { skipped } = ui.getState();
    const length = store.getState().run?.log.length ?? 0;
    if (skipped !== shown) {
      shown = skipped;
      logLength = length;
    } else if (skipped !== null && length !== logLength) ui.setState({ skipped: null });
    setText(element, ui.getState().skipped ?? '');
  };
  const unsubscribe = [ui.subscribe(update), store.subscribe(update)];
  update();
  return { element, destroy: () => unsubscribe.forEach((u) => u()) };
}
