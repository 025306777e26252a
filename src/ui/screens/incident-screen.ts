/** The incident screen: top bar; channels, chat and composer; the world; actions, evidence and notes. */
import type { GameStore } from '../../store';
import { destroyViews, el, type View } from '../dom';
import { actionPalette } from '../incident/action-palette';
import { channelList } from '../incident/channel-list';
import { chatView } from '../incident/chat-view';
import { composer } from '../incident/composer';
import { evidencePanel } from '../incident/evidence-panel';
import { createIncidentUi } from '../incident/incident-ui';
import { bindKeyboard } from '../incident/keyboard';
import { notesPanel } from '../incident/notes-panel';
import { endingDialog, helpDialog } from '../incident/overlays';
import { sideTabs } from '../incident/side-tabs';
import { skipNote } from '../incident/skip-summary';
import { topBar } from '../incident/top-bar';
import { worldPanel } from '../incident/world-panel';
import { worldZoom } from '../incident/world-zoom';
import { devPanel } from '../dev/dev-panel';

export interface IncidentScreenOptions {
  /** The author's Dev panel, when asked for (the composition root reads `?dev`); dev builds only. */
  devPanel?: boolean;
}

export function incidentScreen(store: GameStore, options: IncidentScreenOptions = {}): View {
  const run = store.getState().run;
  if (!run) return { element: el('main', { className: 'page' }, el('h1', {}, 'No incident is running')) };
  const ui = createIncidentUi(run.scenario);
  const help = helpDialog(store);
  const zoom = worldZoom(store);
  const skipped = skipNote(store, ui);
  const parts: View[] = [
    topBar(store, ui, help.open),
    channelList(store, ui),
    chatView(store, ui),
    composer(store, ui),
    worldPanel(store, { onOpen: zoom.open }),
    sideTabs(store, ui, { actions: actionPalette(store, ui), evidence: evidencePanel(store, ui), notes: notesPanel(store, ui) }),
    endingDialog(store),
    help,
    zoom,
  ];
  // The author's panel: in dev builds only (production bundles drop it), and only when asked for.
  const dev = import.meta.env.DEV && options.devPanel === true ? devPanel(store) : null;
  if (dev) parts.push(dev);
  const [bar, channels, chat, write, world, tabs, ending] = parts as [View, View, View, View, View, View, View];
  const element = el(
    'div',
    { className: 'incident-screen' },
    bar.element,
    skipped.element,
    el(
      'div',
      { className: 'incident-body' },
      channels.element,
      el(
        'main',
        { className: 'conversation', attrs: { 'aria-label': 'Conversation' } },
        el('h1', { className: 'visually-hidden' }, run.scenario.title),
        chat.element,
        write.element,
      ),
      el('aside', { className: 'side', attrs: { 'aria-label': 'Dashboards and tools' } }, world.element, tabs.element),
    ),
    ending.element,
    help.element,
    zoom.element,
    dev?.element ?? null,
  );
  const unbind = bindKeyboard(store, ui, element, help.open);
  return {
    element,
    destroy: () => {
      unbind();
      skipped.destroy?.();
      destroyViews(parts);
    },
  };
}
