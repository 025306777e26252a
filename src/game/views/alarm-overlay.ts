/**
 * Full-screen light over the whole world: the alarm vignette whose strength follows severity
 * (pulsing when users are hurting), flashes for missteps and relapses, and the calm glow of a
 * resolved incident.
 */
import Phaser from 'phaser';
import { TEXTURES } from '../assets';
import { DEPTH } from '../depths';
import type { WorldLayout } from '../layout';
import { COLORS } from '../palette';
import { addAmbientTween, stopTween } from './tweens';

/** Vignette strength and pulse range for severity 0–3. */
const VIGNETTE: readonly { color: number; alpha: number; pulse: number; period: number }[] = [
  { color: COLORS.alarm, alpha: 0, pulse: 0, period: 0 },
  { color: COLORS.warn, alpha: 0.16, pulse: 0, period: 0 },
  { color: COLORS.alarm, alpha: 0.24, pulse: 0.08, period: 1400 },
  { color: COLORS.alarm, alpha: 0.5, pulse: 0.2, period: 850 },
];

/** The alarm vignette, full-screen flashes and the end-of-incident glow. */
export class AlarmOverlay {
  /** Gradient strips along the edges: a vignette that leaves the middle undrawn (fill rate) and readable. */
  private readonly vignette: Phaser.GameObjects.Graphics;
  private size = { w: 0, h: 0 };
  private tint = -1;
  private readonly flashLayer: Phaser.GameObjects.Image;
  private pulse: Phaser.Tweens.Tween | null = null;
  private severity = -1;
  private motion = true;
  private ending: 'resolved' | 'failed' | 'timeout' | null = null;

  constructor(private readonly scene: Phaser.Scene) {
    this.vignette = scene.add.graphics().setDepth(DEPTH.vignette).setAlpha(0);
    this.flashLayer = scene.add
      .image(0, 0, TEXTURES.pixel)
      .setOrigin(0, 0)
      .setDepth(DEPTH.flash)
      .setAlpha(0)
      .setBlendMode(Phaser.BlendModes.ADD);
  }

  layout(L: WorldLayout): void {
    this.size = { w: L.width, h: L.height };
    this.flashLayer.setDisplaySize(L.width, L.height);
    const tint = this.tint;
    this.tint = -1;
    if (tint >= 0) this.paint(tint);
  }

  /** Paints the edge strips at full strength in `color`; the object's alpha sets the intensity. */
  private paint(color: number): void {
    if (color === this.tint) return;
    this.tint = color;
    const { w, h } = this.size;
    const g = this.vignette.clear();
    const c = color;
    const th = Math.round(h * 0.2);
    const tw = Math.round(w * 0.14);
    g.fillGradientStyle(c, c, c, c, 1, 1, 0, 0);
    g.fillRect(0, 0, w, th);
    g.fillGradientStyle(c, c, c, c, 0, 0, 1, 1);
    g.fillRect(0, h - th, w, th);
    g.fillGradientStyle(c, c, c, c, 1, 0, 1, 0);
    g.fillRect(0, 0, tw, h);
    g.fillGradientStyle(c, c, c, c, 0, 1, 0, 1);
    g.fillRect(w - tw, 0, tw, h);
  }

  /** The vignette follows severity (0 calm … 3 a service is down). */
  setSeverity(severity: number): void {
    if (severity === this.severity) return;
    this.severity = severity;
    this.apply();
  }

  /** After the run ends the alarm gives way: a calm green glow when resolved, a dim red one otherwise. */
  setEnding(ending: 'resolved' | 'failed' | 'timeout' | null): void {
    if (ending === this.ending) return;
    this.ending = ending;
    this.apply();
  }

  setMotion(motion: boolean): void {
    if (motion === this.motion) return;
    this.motion = motion;
    this.apply();
  }

  /** A quick flash of colour over everything (red for a misstep, stronger for a relapse). */
  flash(color: number, strength: number): void {
    this.scene.tweens.killTweensOf(this.flashLayer);
    this.flashLayer.setTint(color).setAlpha(strength);
    this.scene.tweens.add({
      targets: this.flashLayer,
      alpha: 0,
      duration: this.motion ? 550 : 1,
      delay: this.motion ? 0 : 500,
      ease: 'Quad.easeOut',
    });
  }

  private apply(): void {
    this.pulse = stopTween(this.pulse);
    if (this.ending) {
      const calm = this.ending === 'resolved';
      this.paint(calm ? COLORS.ok : COLORS.alarm);
      addAmbientTween(this.scene, { targets: this.vignette, alpha: calm ? 0.3 : 0.32, duration: this.motion ? 2000 : 1 });
      return;
    }
    const v = VIGNETTE[Math.max(0, Math.min(3, this.severity))]!;
    this.paint(v.color);
    this.vignette.setAlpha(v.alpha);
    if (this.motion && v.pulse > 0) {
      this.pulse = addAmbientTween(this.scene, {
        targets: this.vignette,
        alpha: { from: v.alpha - v.pulse / 2, to: v.alpha + v.pulse / 2 },
        duration: v.period,
        yoyo: true,
        repeat: -1,
        ease: 'Sine.easeInOut',
      });
    }
  }

  destroy(): void {
    this.pulse = stopTween(this.pulse);
    this.scene.tweens.killTweensOf([this.vignette, this.flashLayer]);
    this.vignette.destroy();
    this.flashLayer.destroy();
  }
}
