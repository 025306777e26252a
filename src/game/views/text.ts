/** Text helpers: one place for the world's type settings and for fitting labels into small panels. */
import type Phaser from 'phaser';
import { FONTS } from '../palette';

/** The few text settings the world varies. */
export interface LabelStyle {
  size: number;
  color: string;
  mono?: boolean;
  bold?: boolean;
  background?: string;
  padX?: number;
  padY?: number;
}

/** Creates a Text with the world's type settings. */
export function addLabel(scene: Phaser.Scene, depth: number, style: LabelStyle): Phaser.GameObjects.Text {
  const text = scene.add.text(0, 0, '', {});
  applyStyle(text, style);
  return text.setDepth(depth);
}

/** Changes a label's style (font size follows the layout's scale). */
export function applyStyle(text: Phaser.GameObjects.Text, style: LabelStyle): void {
  text.setStyle({
    fontFamily: style.mono ? FONTS.mono : FONTS.ui,
    fontSize: `${Math.max(7, Math.round(style.size * 10) / 10)}px`,
    fontStyle: style.bold ? 'bold' : 'normal',
    color: style.color,
    backgroundColor: style.background ?? null,
    padding: { x: style.padX ?? 0, y: style.padY ?? 0 },
  } as Phaser.Types.GameObjects.Text.TextStyle);
}

/** Sets the text, shortening it with an ellipsis until it fits `maxWidth` (measured, so any font works). */
export function setFitted(text: Phaser.GameObjects.Text, value: string, maxWidth: number): void {
  text.setText(value);
  if (text.width <= maxWidth || value.length < 2) return;
  let lo = 1;
  let hi = value.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    text.setText(`${value.slice(0, mid).trimEnd()}…`);
    if (text.width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  text.setText(`${value.slice(0, lo).trimEnd()}…`);
}
