/** The coach setting (off, gentle, guided), shared by the select and briefing screens. */
import type { CoachMode } from '../engine';
import { updateSettings, type GameStore } from '../store';
import { el, type View } from './dom';

const MODES: { mode: CoachMode; label: string; text: string }[] = [
  { mode: 'off', label: 'Off', text: 'No help. Just you and the pager.' },
  { mode: 'gentle', label: 'Gentle', text: 'A senior colleague nudges you when you seem stuck.' },
  { mode: 'guided', label: 'Guided', text: 'Nudges, and plainer hints when you need them.' },
];

let groupCount = 0;

export function coachPicker(store: GameStore): View {
  const name = `coach-${++groupCount}`;
  const inputs = MODES.map(({ mode, label, text }) => {
    const input = el('input', {
      attrs: { type: 'radio', name, value: mode },
      on: { change: () => updateSettings(store, { coach: mode }) },
    });
    return {
      mode,
      input,
      label: el('label', { className: 'coach-option' }, input, el('strong', {}, label), el('span', { className: 'muted' }, text)),
    };
  });
  const element = el('fieldset', { className: 'coach-picker' }, el('legend', {}, 'Coach'), ...inputs.map((i) => i.label));
  const update = () => {
    const coach = store.getState().settings.coach;
    for (const i of inputs) i.input.checked = i.mode === coach;
  };
  update();
  return { element, destroy: store.subscribe(update) };
}
