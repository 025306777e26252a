/**
 * The composure meter: a small standing display with the player's composure (0–100) as a number
 * and a segmented bar that glide to new values, a heartbeat trace that quickens as composure
 * falls, and a red flash whenever it drops.
 */
import type Phaser from 'phaser';
import { TEXTURES } from '../assets';
import { DEPTH } from '../depths';
import type { Rect } from '../layout';
import { COLORS, INK, css, mix } from '../palette';
import { addLabel, applyStyle } from './text';
import { addAmbientTween, stopTween } from './tweens';

const SEGMENTS = 20;

/** Colour for a composure value: calm teal, amber when rattled, red when frantic. */
export function composureColor(value: number): number {
  if (value >= 70) return mix(COLORS.warn, COLORS.calm, (value - 70) / 15);
  if (value >= 40) return mix(COLORS.alarm, COLORS.warn, (value - 40) / 20);
  return COLORS.alarm;
}

/** The word under the number, so the meter reads without colour. */
function mood(value: number): string {
  return value >= 80 ? 'steady' : value >= 60 ? 'tense' : value >= 40 ? 'rattled' : 'frantic';
}

/** The standing composure display on the desk. */
export class ComposureMeter {
  private readonly body: Phaser.GameObjects.Graphics;
  private readonly bar: Phaser.GameObjects.Graphics;
  private readonly flash: Phaser.GameObjects.Graphics;
  private readonly label: Phaser.GameObjects.Text;
  private readonly number: Phaser.GameObjects.Text;
  private readonly word: Phaser.GameObjects.Text;
  private readonly ecg: Phaser.GameObjects.TileSprite;
  private rect: Rect | null = null;
  private inner: Rect = { x: 0, y: 0, w: 0, h: 0 };
  private ui = 1;
  private target: number | null = null;
  private shown = 100;
  private tween: Phaser.Tweens.Tween | null = null;
  private motion = true;
  private ink = '';

  constructor(private readonly scene: Phaser.Scene) {
    this.body = scene.add.graphics().setDepth(DEPTH.device);
    this.bar = scene.add.graphics().setDepth(DEPTH.device);
    this.ecg = scene.add.tileSprite(0, 0, 16, 16, TEXTURES.ecg).setOrigin(0, 0).setDepth(DEPTH.device);
    this.flash = scene.add.graphics().setDepth(DEPTH.deviceFx).setAlpha(0);
    this.label = addLabel(scene, DEPTH.device, { size: 9, color: INK.muted, bold: true });
    this.number = addLabel(scene, DEPTH.device, { size: 22, color: INK.calm, mono: true, bold: true }).setOrigin(1, 0);
    this.word = addLabel(scene, DEPTH.device, { size: 9, color: INK.muted }).setOrigin(1, 0);
  }

  layout(rect: Rect, ui: number): void {
    this.ui = ui;
    // Sits on the desk: as tall as it needs, no taller, with a small foot.
    const h = Math.min(rect.h, Math.round(92 * ui));
    const r: Rect = { x: rect.x, y: rect.y + rect.h - h, w: rect.w, h };
    this.rect = r;
    const pad = Math.round(10 * ui);
    this.inner = { x: r.x + pad, y: r.y + pad, w: r.w - pad * 2, h: r.h - pad * 2 };
    const radius = 8 * ui;
    this.body.clear();
    this.body.fillStyle(0x0c0f14, 1);
    this.body.fillRect(r.x + r.w * 0.4, r.y + r.h - 2, r.w * 0.2, Math.round(8 * ui) + 2);
    this.body.fillStyle(COLORS.bezel, 1);
    this.body.fillRoundedRect(r.x, r.y, r.w, r.h, radius);
    this.body.lineStyle(1, COLORS.bezelEdge, 1);
    this.body.strokeRoundedRect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1, radius);
    this.body.fillStyle(COLORS.wall, 1);
    this.body.fillRoundedRect(r.x + 4 * ui, r.y + 4 * ui, r.w - 8 * ui, r.h - 8 * ui, radius * 0.6);
    this.flash.clear();
    this.flash.lineStyle(2.5 * ui, COLORS.alarm, 1);
    this.flash.strokeRoundedRect(r.x + 1, r.y + 1, r.w - 2, r.h - 2, radius);
    this.flash.fillStyle(COLORS.alarm, 0.14);
    this.flash.fillRoundedRect(r.x, r.y, r.w, r.h, radius);

    this.ink = '';
    applyStyle(this.label, { size: 9.5 * ui, color: INK.muted, bold: true });
    applyStyle(this.word, { size: 9 * ui, color: INK.muted });
    this.label.setText('COMPOSURE').setPosition(this.inner.x, this.inner.y);
    this.number.setPosition(this.inner.x + this.inner.w, this.inner.y - Math.round(4 * ui));
    const ecgH = Math.round(Math.min(26 * ui, this.inner.h * 0.36));
    this.ecg.setPosition(this.inner.x, this.inner.y + Math.round(15 * ui)).setSize(Math.round(this.inner.w * 0.55), ecgH);
    this.ecg.setTileScale(ecgH / 32);
    this.word.setPosition(this.inner.x + this.inner.w, this.inner.y + Math.round(24 * ui));
    this.render(this.target === null ? null : this.shown);
  }

  /** Shows a value (null: no run). Glides to it; a drop flashes the meter. */
  setValue(value: number | null): void {
    if (value === this.target) return;
    const previous = this.target;
    this.target = value;
    this.tween = stopTween(this.tween);
    if (value === null) {
      this.shown = 100;
      this.render(null);
      return;
    }
    if (previous === null || !this.motion) {
      this.shown = value;
      this.render(value);
    } else {
      const counter = { v: this.shown };
      this.tween = addAmbientTween(this.scene, {
        targets: counter,
        v: value,
        duration: 700,
        ease: 'Cubic.easeOut',
        onUpdate: () => {
          this.shown = counter.v;
          this.render(counter.v);
        },
      });
    }
    if (previous !== null && value < previous) this.flashDrop();
  }

  /** Whether the heartbeat scrolls (then the world draws ambient frames). */
  get moving(): boolean {
    return this.motion && this.target !== null;
  }

  /** The heartbeat scrolls faster as composure falls: 60 bpm steady, 140 frantic. */
  tick(deltaMs: number): void {
    if (!this.motion || this.target === null) return;
    const bpm = 60 + (100 - this.shown) * 0.8;
    this.ecg.tilePositionX += (deltaMs / 1000) * (bpm / 60) * 96;
  }

  setMotion(motion: boolean): void {
    this.motion = motion;
  }

  private flashDrop(): void {
    this.scene.tweens.killTweensOf(this.flash);
    this.flash.setAlpha(1);
    this.scene.tweens.add(
      this.motion
        ? { targets: this.flash, alpha: 0, duration: 220, yoyo: true, repeat: 1, onComplete: () => this.flash.setAlpha(0) }
        : { targets: this.flash, alpha: 0, delay: 1200, duration: 1 },
    );
  }

  private render(value: number | null): void {
    const r = this.rect;
    if (!r) return;
    const ui = this.ui;
    const color = value === null ? 0x3a4452 : composureColor(value);
    const ink = value === null ? INK.faint : css(color);
    // Restyling re-renders the text's canvas; during a glide only do it when the colour changes.
    if (ink !== this.ink) {
      this.ink = ink;
      applyStyle(this.number, { size: 22 * ui, color: ink, mono: true, bold: true });
    }
    this.number.setText(value === null ? '--' : String(Math.round(value)));
    this.word.setText(value === null ? 'no incident' : mood(value)).setColor(value === null ? INK.faint : INK.muted);
    this.ecg.setTint(color).setAlpha(value === null ? 0.25 : 0.9);

    const lit = value === null ? 0 : Math.round((value / 100) * SEGMENTS);
    const barY = this.inner.y + this.inner.h - Math.round(9 * ui);
    const segGap = Math.max(1, Math.round(2 * ui));
    const segW = (this.inner.w - segGap * (SEGMENTS - 1)) / SEGMENTS;
    const segH = Math.round(8 * ui);
    this.bar.clear();
    for (let i = 0; i < SEGMENTS; i++) {
      this.bar.fillStyle(i < lit ? color : 0x1c2330, 1);
      this.bar.fillRect(this.inner.x + i * (segW + segGap), barY, segW, segH);
    }
  }

  destroy(): void {
    this.tween = stopTween(this.tween);
    this.scene.tweens.killTweensOf(this.flash);
    for (const o of [this.body, this.bar, this.flash, this.label, this.number, this.word, this.ecg]) o.destroy();
  }
}
