/**
 * The pager on the desk. It buzzes (shakes, its LED flares) when a service goes down or the
 * incident relapses, shows the page on its little screen, and keeps blinking while anything is down.
 */
import Phaser from 'phaser';
import { TEXTURES } from '../assets';
import { DEPTH } from '../depths';
import type { Rect } from '../layout';
import { COLORS, FONTS } from '../palette';
import { setFitted } from './text';
import { addAmbientTween, stopTween } from './tweens';

const LCD_LIT = 0x9fc48a;
const LCD_DARK = 0x27302a;

/** The pager on the desk: buzzes on pages, names what is down. */
export class Pager {
  private readonly container: Phaser.GameObjects.Container;
  private readonly body: Phaser.GameObjects.Graphics;
  private readonly lcd: Phaser.GameObjects.Graphics;
  private readonly lines: [Phaser.GameObjects.Text, Phaser.GameObjects.Text];
  private readonly led: Phaser.GameObjects.Arc;
  private readonly ledGlow: Phaser.GameObjects.Image;
  private rect: Rect | null = null;
  private lcdRect: Rect = { x: 0, y: 0, w: 0, h: 0 };
  private ui = 1;
  private message = 'NO PAGES';
  private lit = false;
  private alerting = false;
  private downKey = '';
  private fontSize = 8;
  private motion = true;
  private blink: Phaser.Tweens.Tween | null = null;
  private buzz: Phaser.Tweens.TweenChain | null = null;

  constructor(private readonly scene: Phaser.Scene) {
    this.body = scene.add.graphics();
    this.lcd = scene.add.graphics();
    const lcdFont = { fontFamily: FONTS.mono, fontSize: '8px', color: '#1c2a1a', fontStyle: 'bold' };
    this.lines = [scene.add.text(0, 0, '', lcdFont), scene.add.text(0, 0, '', lcdFont)];
    this.led = scene.add.circle(0, 0, 2, 0x3a1a1e);
    this.ledGlow = scene.add.image(0, 0, TEXTURES.glow).setBlendMode(Phaser.BlendModes.ADD).setTint(COLORS.alarm).setAlpha(0);
    this.container = scene.add.container(0, 0, [this.body, this.lcd, ...this.lines, this.led, this.ledGlow]).setDepth(DEPTH.device);
  }

  layout(rect: Rect, ui: number): void {
    this.rect = rect;
    this.ui = ui;
    const { w, h } = rect;
    this.container.setPosition(rect.x, rect.y);
    const r = Math.round(6 * ui);
    this.body.clear();
    // A soft shadow on the desk, the case, a belt clip, and a lighter top edge.
    this.body.fillStyle(0x000000, 0.45);
    this.body.fillEllipse(w / 2, h + 2 * ui, w * 1.05, 7 * ui);
    this.body.fillStyle(0x171a20, 1);
    this.body.fillRoundedRect(0, 0, w, h, r);
    this.body.fillStyle(0x232832, 1);
    this.body.fillRoundedRect(0, 0, w, h * 0.3, { tl: r, tr: r, bl: 0, br: 0 });
    this.body.lineStyle(1, 0x2f3643, 1);
    this.body.strokeRoundedRect(0.5, 0.5, w - 1, h - 1, r);
    this.body.fillStyle(0x0e1014, 1);
    this.body.fillRoundedRect(w * 0.78, h * 0.58, w * 0.13, h * 0.24, 2 * ui);
    this.lcdRect = { x: Math.round(w * 0.07), y: Math.round(h * 0.18), w: Math.round(w * 0.68), h: Math.round(h * 0.64) };
    this.fontSize = Math.max(7, Math.round(Math.min(8.5 * ui, this.lcdRect.h / 2.4)));
    this.lines.forEach((line, i) => {
      line.setOrigin(0, 0.5);
      line.setPosition(this.lcdRect.x + Math.round(3 * ui), Math.round(this.lcdRect.y + (this.lcdRect.h * (i === 0 ? 1 : 3)) / 4));
    });
    this.led.setRadius(Math.max(1.5, 2.4 * ui)).setPosition(Math.round(w * 0.845), Math.round(h * 0.3));
    this.ledGlow.setPosition(this.led.x, this.led.y).setDisplaySize(26 * ui, 26 * ui);
    this.drawLcd();
  }

  /** Buzzes with a page: shakes, flares the LED and shows what happened on the screen. */
  page(what: string, event: string, at: string): void {
    this.message = `${what}\n${event} ${at}`;
    this.lit = true;
    this.drawLcd();
    this.buzz = stopTween(this.buzz);
    this.container.setX(this.rect?.x ?? 0);
    this.blink = stopTween(this.blink);
    // Hold the LED flared for a moment (a tween, so destroy() stops it), then settle into the steady blink.
    this.blink = addAmbientTween(this.scene, {
      targets: this.ledGlow,
      alpha: { from: 1, to: 1 },
      duration: 900,
      onComplete: () => this.updateBlink(),
    });
    this.led.setFillStyle(COLORS.alarm);
    if (!this.motion) return;
    const x = this.rect?.x ?? 0;
    const amp = 2.2 * this.ui;
    // Two short bursts, like a real pager's vibration pattern.
    this.buzz = this.scene.tweens.chain({
      targets: this.container,
      tweens: [
        { x: x + amp, duration: 32, yoyo: true, repeat: 6, ease: 'Sine.easeInOut' },
        { x, duration: 160 },
        { x: x - amp, duration: 32, yoyo: true, repeat: 6, ease: 'Sine.easeInOut' },
        { x, duration: 40 },
      ],
      onComplete: () => this.container.setX(x),
    });
  }

  /**
   * While services are down the screen names them and the LED keeps blinking; when all is well the
   * screen goes quiet. Pages that arrive meanwhile replace the text until the list changes.
   */
  setDown(down: readonly string[], at: string): void {
    const key = down.join();
    if (key === this.downKey) return;
    this.downKey = key;
    const alerting = down.length > 0;
    if (alerting) this.message = `${down[0]}\n${down.length > 1 ? `DOWN +${down.length - 1}` : `DOWN ${at}`}`;
    this.lit = alerting;
    this.drawLcd();
    if (alerting !== this.alerting) {
      this.alerting = alerting;
      this.updateBlink();
    }
  }

  setMotion(motion: boolean): void {
    this.motion = motion;
    this.updateBlink();
  }

  private updateBlink(): void {
    this.blink = stopTween(this.blink);
    if (this.alerting) {
      this.led.setFillStyle(COLORS.alarm);
      this.ledGlow.setAlpha(0.8);
      if (this.motion)
        this.blink = addAmbientTween(this.scene, {
          targets: this.ledGlow,
          alpha: { from: 0.9, to: 0.05 },
          duration: 500,
          yoyo: true,
          repeat: -1,
          hold: 200,
        });
    } else {
      this.led.setFillStyle(0x3a1a1e);
      this.ledGlow.setAlpha(0);
    }
  }

  private drawLcd(): void {
    const l = this.lcdRect;
    this.lcd.clear();
    this.lcd.fillStyle(this.lit ? LCD_LIT : LCD_DARK, 1);
    this.lcd.fillRoundedRect(l.x, l.y, l.w, l.h, 2 * this.ui);
    if (this.lit) {
      this.lcd.fillStyle(0xffffff, 0.12);
      this.lcd.fillRect(l.x + 1, l.y + 1, l.w - 2, l.h * 0.35);
    }
    const text = (this.lit ? this.message : 'NO PAGES\n--:--').split('\n');
    const room = l.w - 6 * this.ui;
    this.lines.forEach((line, i) => {
      line.setColor(this.lit ? '#17240f' : '#4d5a4c');
      // Squeeze a long service name a little before resorting to an ellipsis.
      line.setFontSize(`${this.fontSize}px`).setText(text[i] ?? '');
      if (line.width > room) line.setFontSize(`${Math.max(6, Math.floor((this.fontSize * room) / line.width))}px`);
      setFitted(line, text[i] ?? '', room);
    });
  }

  destroy(): void {
    this.blink = stopTween(this.blink);
    this.buzz = stopTween(this.buzz);
    this.container.destroy();
  }
}
