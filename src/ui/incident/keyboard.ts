/** Keyboard shortcuts of the incident screen (see ../shortcuts.ts for the list shown to players). */
import { setPaused, setSpeed, SPEEDS, updateSettings, type GameStore } from '../../store';
import type { IncidentUi, Tab } from './incident-ui';
import { skipAndSay } from './skip-summary';

export function bindKeyboard(store: GameStore, ui: IncidentUi, root: HTMLElement, openHelp: () => void): () => void {
  const goToTab = (tab: Tab, selector: string) => {
    ui.setState({ tab });
    queueMicrotask(() => root.querySelector<HTMLElement>(selector)?.focus());
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
    if (typing || document.querySelector('dialog[open]')) return;
    const run = store.getState().run;
    if (!run) return;
    const channels = run.scenario.channels.map((c) => c.id);
    const moveChannel = (step: number) => {
      const index = channels.indexOf(ui.getState().channel);
      const next = channels[(index + step + channels.length) % channels.length]!;
      ui.setState({ channel: next });
      root.querySelector<HTMLElement>(`.channel[data-channel="${CSS.escape(next)}"]`)?.focus();
    };
    const handlers: Record<string, () => void> = {
      ' ': () => setPaused(store, !store.getState().paused),
      '1': () => setSpeed(store, SPEEDS[0]!),
      '2': () => setSpeed(store, SPEEDS[1]!),
      '3': () => setSpeed(store, SPEEDS[2]!),
      w: () => skipAndSay(store, ui),
      '[': () => moveChannel(-1),
      ']': () => moveChannel(1),
      c: () => root.querySelector<HTMLElement>('.channel[aria-current="true"]')?.focus(),
      r: () => focusNewestQuestion(store, ui, root),
      u: () => {
        const incident = run.scenario.channels.find((c) => c.kind === 'incident');
        if (incident) ui.setState({ channel: incident.id });
        queueMicrotask(() => root.querySelector<HTMLElement>('.composer-box')?.focus());
      },
      a: () => goToTab('actions', '#panel-actions .action'),
      e: () => goToTab('evidence', '#panel-evidence .evidence-item, #panel-evidence'),
      n: () => goToTab('notes', '#panel-notes textarea'),
      M: () => updateSettings(store, { muted: !store.getState().settings.muted }),
      '?': openHelp,
    };
    const handler = handlers[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}

/** Opens the channel of the newest unanswered question and focuses its first reply. */
function focusNewestQuestion(store: GameStore, ui: IncidentUi, root: HTMLElement): void {
  const run = store.getState().run;
  const open = run?.state.chat.filter((p) => p.ask && !p.ask.answer && !p.ask.ignored && !p.ask.superseded).at(-1);
  if (!open) return;
  ui.setState({ channel: open.channel });
  queueMicrotask(() => root.querySelector<HTMLElement>(`.post[data-key="${CSS.escape(open.id)}"] .reply`)?.focus());
}
