/**
 * Hosts the Phaser world (graphs, service map, the desk). Phaser is loaded on demand, so the menus
 * never wait for it; until it is ready the panel says so. Given `onOpen`, a click on a graph, the
 * map or the pager opens it large, and an Enlarge button does the same from the keyboard.
 */
import type { WorldTarget } from '../../game/world-targets';
import type { GameStore } from '../../store';
import { el, type View } from '../dom';

/** How the panel opens a part of the world large; `opener` is where the focus goes back after. */
export interface WorldPanelOptions {
  onOpen?: (target: WorldTarget, opener: HTMLElement) => void;
}

export function worldPanel(store: GameStore, options: WorldPanelOptions = {}): View {
  const status = el('p', { className: 'world-loading muted' }, 'Loading dashboards…');
  const element = el('div', { className: 'world', attrs: { 'aria-label': 'Dashboards and service map' } }, status);
  const { onOpen } = options;
  // The canvas cannot take focus, so the button is also where the focus returns after a click on it.
  const enlarge = onOpen
    ? el(
        'button',
        {
          className: 'world-enlarge',
          attrs: {
            type: 'button',
            'aria-label': 'Open the dashboards large',
            title: 'Open the dashboards large (or click a graph, the map or the pager)',
          },
          on: { click: () => onOpen({ kind: 'graph', index: 0 }, enlarge!) },
        },
        '⤢ Enlarge',
      )
    : null;
  if (enlarge) element.append(enlarge);
  let handle: { destroy(): void } | null = null;
  let destroyed = false;
  import('../../game')
    .then(({ mountWorld }) => mountWorld(element, store, { onOpen: onOpen && enlarge ? (target) => onOpen(target, enlarge) : undefined }))
    .then((h) => {
      if (destroyed) h.destroy();
      else {
        handle = h;
        status.remove();
      }
    })
    .catch((error: unknown) => {
      status.textContent = 'The dashboards could not start in this browser; the chat, evidence and actions work without them.';
      console.warn('world failed to start', error);
    });
  return {
    element,
    destroy: () => {
      destroyed = true;
      handle?.destroy();
    },
  };
}
