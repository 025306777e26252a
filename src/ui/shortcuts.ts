/** The keyboard shortcuts of the incident screen: one list, shown in the briefing and the help overlay. */
import { el } from './dom';

export const SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: 'Space', does: 'Pause or resume the clock' },
  { keys: '1 · 2 · 3', does: 'Speed 1×, 2×, 4×' },
  { keys: 'W', does: 'Skip ahead until something happens' },
  { keys: '[ · ]', does: 'Previous / next channel' },
  { keys: 'C', does: 'Go to the channel list' },
  { keys: 'R', does: 'Go to the newest question waiting for your reply' },
  { keys: 'U', does: 'Write a status update' },
  { keys: 'A', does: 'Go to the actions' },
  { keys: 'E', does: 'Go to the evidence' },
  { keys: 'N', does: 'Go to your incident notes' },
  { keys: 'Shift + M', does: 'Mute or unmute' },
  { keys: '?', does: 'Show this help' },
  { keys: 'Esc', does: 'Close help or the evidence viewer' },
];

export function shortcutTable(): HTMLElement {
  return el(
    'table',
    { className: 'shortcuts' },
    el('caption', {}, 'Keyboard shortcuts (everything also works with Tab and Enter)'),
    el('thead', {}, el('tr', {}, el('th', { attrs: { scope: 'col' } }, 'Key'), el('th', { attrs: { scope: 'col' } }, 'What it does'))),
    el('tbody', {}, ...SHORTCUTS.map((s) => el('tr', {}, el('td', {}, el('kbd', {}, s.keys)), el('td', {}, s.does)))),
  );
}
