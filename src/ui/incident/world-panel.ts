/**
 * Hosts the Phaser world (graphs, service map, the desk). Phaser is loaded on demand, so the menus
 * never wait for it; until it is ready the panel says so.
 */
import type { GameStore } from '../../store';
import { el, type View } from '../dom';

export function worldPanel(store: GameStore): View {
  const status = el('p', { className: 'world-loading muted' }, 'Loading dashboards…');
  const element = el('div', { className: 'world', attrs: { 'aria-label': 'Dashboards and service map' } }, status);
  let handle: { destroy(): void } | null = null;
  let destroyed = false;
  import('../../game')
    .then(({ mountWorld }) => mountWorld(element, store))
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
