/** Mute and volume, shared by the title screen and the incident's top bar; both persist. */
import { updateSettings, type GameStore } from '../store';
import { el, setAttr, setText, type View } from './dom';

export function soundControls(store: GameStore, compact = false): View {
  const mute = el('button', {
    className: 'ghost sound-toggle',
    attrs: { type: 'button', 'aria-pressed': 'false' },
    on: { click: () => updateSettings(store, { muted: !store.getState().settings.muted }) },
  });
  const volume = el('input', {
    attrs: { type: 'range', min: '0', max: '100', step: '5', 'aria-label': 'Volume' },
    on: { input: () => updateSettings(store, { volume: Number(volume.value) / 100 }) },
  });
  const element = el(
    'div',
    { className: `sound-controls${compact ? ' compact' : ''}`, attrs: { role: 'group', 'aria-label': 'Sound' } },
    mute,
    volume,
  );
  const update = () => {
    const { muted, volume: level } = store.getState().settings;
    setText(mute, muted ? 'Sound off' : 'Sound on');
    setAttr(mute, 'aria-pressed', String(muted));
    setAttr(mute, 'aria-label', muted ? 'Unmute sound' : 'Mute sound');
    if (document.activeElement !== volume) volume.value = String(Math.round(level * 100));
    volume.disabled = muted;
  };
  update();
  const unsubscribe = store.subscribe(update);
  return { element, destroy: unsubscribe };
}
