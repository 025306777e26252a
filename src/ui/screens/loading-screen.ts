/**
 * What shows while a screen's code loads on first use — a heading and nothing else, so the player is
 * never left on a blank page — and, if it could not be loaded, why and a way to try again.
 */
import { el, setAttr, setText, type View } from '../dom';

export interface LoadingView extends View {
  failed(reason: string): void;
}

export function loadingScreen(retry: () => void): LoadingView {
  const heading = el('h1', {}, 'Loading…');
  const reason = el('p', { className: 'muted' });
  const again = el('button', { className: 'primary', attrs: { type: 'button' }, on: { click: retry } }, 'Try again');
  again.hidden = true;
  const element = el('main', { className: 'page loading-screen', attrs: { 'aria-busy': 'true' } }, heading, reason, again);
  return {
    element,
    failed: (text) => {
      setText(heading, 'This screen could not be loaded');
      setText(reason, text);
      again.hidden = false;
      setAttr(element, 'aria-busy', null);
    },
  };
}
