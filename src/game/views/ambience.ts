/**
 * The war room around the screens: the window and the city behind it, lit by the game clock
 * (warm afternoon light at 16:00 fading to dusk blue after 18:00), the wall, the desk and the
 * monitors' bodies, and the glow the screens throw around them.
 *
 * Layers are few, tight and baked: the view through the window is re-baked when the light has
 * moved, the room once per layout. Every pixel a layer covers costs fill rate each frame
 * (software WebGL, as in headless tests, manages about one full-canvas quad per frame at 60 fps),
 * so the wall is the clear colour and the lights are tints and narrow strips, never full-screen overlays.
 */
import Phaser from 'phaser';
import { TEXTURES } from '../assets';
import { DEPTH } from '../depths';
import type { WorldLayout } from '../layout';
import { daylight, type Daylight } from '../model/daylight';
import { COLORS, mix, shade } from '../palette';
import { BakedLayer } from './baked-layer';
import { addAmbientTween } from './tweens';
import { randomFloats } from '../../engine/rng';

const SEVERITY_GLOW = [COLORS.calm, COLORS.warn, COLORS.accent, COLORS.alarm] as const;

interface Building {
  x: number;
  y: number;
  w: number;
  near: boolean;
  roof: 'flat' | 'plant' | 'antenna';
}

/** The room: call `layout` on resize, `setHour` as game time passes, `setSeverity` as things break. */
export class Ambience {
  private readonly view: Phaser.GameObjects.RenderTexture;
  private readonly viewSky: Phaser.GameObjects.Graphics;
  private readonly viewSun: Phaser.GameObjects.Image;
  private readonly viewCity: Phaser.GameObjects.Graphics;
  private readonly frame: BakedLayer;
  private readonly desk: BakedLayer;
  private readonly bezels: Phaser.GameObjects.Graphics;
  private readonly windowGlow: Phaser.GameObjects.Image;
  private readonly halo: Phaser.GameObjects.Graphics;
  private readonly roomLight: Phaser.GameObjects.Graphics;
  private layoutNow: WorldLayout | null = null;
  private buildings: Building[] = [];
  private light: Daylight = daylight(16);
  private hourShown = Number.NaN;
  private severity = 0;
  private relief = false;
  private haloAlpha = 1;

  constructor(private readonly scene: Phaser.Scene) {
    this.view = scene.add.renderTexture(0, 0, 2, 2).setOrigin(0, 0).setDepth(DEPTH.sky);
    this.viewSky = scene.make.graphics({}, false);
    this.viewSun = new Phaser.GameObjects.Image(scene, 0, 0, TEXTURES.glow).setBlendMode(Phaser.BlendModes.ADD);
    this.viewCity = scene.make.graphics({}, false);
    this.frame = new BakedLayer(scene, 1).setDepth(DEPTH.backdrop);
    this.desk = new BakedLayer(scene, 1).setDepth(DEPTH.backdrop);
    this.bezels = scene.add.graphics().setDepth(DEPTH.backdrop);
    this.windowGlow = scene.add.image(0, 0, TEXTURES.glow).setDepth(DEPTH.windowGlow).setBlendMode(Phaser.BlendModes.ADD);
    this.halo = scene.add.graphics().setDepth(DEPTH.backglow).setBlendMode(Phaser.BlendModes.ADD);
    this.roomLight = scene.add.graphics().setDepth(DEPTH.roomLight);
  }

  layout(L: WorldLayout): void {
    this.layoutNow = L;
    this.buildings = skyline(L);
    this.drawRoom(L);
    const win = L.window;
    const band = L.horizonY - win.y;
    this.windowGlow.setPosition(win.x + win.w / 2, L.horizonY).setDisplaySize(win.w * 1.1, band * 1.8);
    this.drawHalo();
    this.hourShown = Number.NaN;
    this.applyLight();
  }

  /** Follows the game clock; re-bakes the view only when the light has visibly moved (every ~1.5 game minutes). */
  setHour(hour: number): void {
    if (Math.abs(hour - this.hourShown) < 0.025) return;
    this.hourShown = hour;
    this.light = daylight(hour);
    this.applyLight();
  }

  /** The screens' glow on the wall shifts from teal to red as severity (0–3) rises. */
  setSeverity(severity: number): void {
    const s = Math.max(0, Math.min(3, Math.round(severity)));
    if (s === this.severity) return;
    this.severity = s;
    this.drawHalo();
  }

  /** A calm green glow around the screens once the incident is resolved. */
  setRelief(on: boolean): void {
    if (on === this.relief) return;
    this.relief = on;
    this.drawHalo();
  }

  /** A brief brightening of the screens' glow when a message lands. */
  pulseMonitor(strength: 1 | 2, motion: boolean): void {
    this.scene.tweens.killTweensOf(this.halo);
    this.halo.setAlpha(this.haloAlpha);
    if (!motion) return;
    this.halo.setAlpha(Math.min(1, this.haloAlpha + (strength === 2 ? 0.6 : 0.3)));
    addAmbientTween(this.scene, { targets: this.halo, alpha: this.haloAlpha, duration: strength === 2 ? 700 : 450, ease: 'Quad.easeOut' });
  }

  private drawHalo(): void {
    const L = this.layoutNow;
    if (!L) return;
    const color = this.relief ? COLORS.ok : SEVERITY_GLOW[this.severity]!;
    const strength = 0.16 + this.severity * 0.06;
    this.haloAlpha = 0.6;
    this.halo.clear().setAlpha(this.haloAlpha);
    // Light spilling round the monitors: gradient strips along each edge, not a full-screen glow.
    for (const b of [L.dashboardBezel, L.mapBezel]) {
      const t = Math.round(Math.min(b.w, b.h) * 0.12);
      const c = color;
      this.halo.fillGradientStyle(c, c, c, c, 0, 0, strength, strength);
      this.halo.fillRect(b.x - t * 0.5, b.y - t, b.w + t, t);
      this.halo.fillGradientStyle(c, c, c, c, strength, 0, strength, 0);
      this.halo.fillRect(b.x + b.w, b.y, t, b.h);
      this.halo.fillGradientStyle(c, c, c, c, 0, strength, 0, strength);
      this.halo.fillRect(b.x - t, b.y, t, b.h);
    }
  }

  private applyLight(): void {
    const L = this.layoutNow;
    if (!L) return;
    const d = this.light;
    this.bakeView(L, d);
    // Dusk darkens and cools the room itself: a multiply tint, free compared with an overlay.
    const dusk = mix(0xffffff, 0x7582b0, d.dusk * 0.7);
    this.frame.image.setTint(dusk);
    this.desk.image.setTint(dusk);
    this.windowGlow.setTint(mix(0x6a7fb0, 0xffb36b, d.warmth)).setAlpha(0.08 + d.warmth * 0.2);

    // Low sun through the window lights the desk's far edge and the monitors' top rims.
    const warm = mix(0x8090c0, 0xffb070, d.warmth);
    const strength = 0.05 + d.warmth * 0.2;
    const desk = L.desk;
    this.roomLight.clear();
    this.roomLight.fillGradientStyle(warm, warm, warm, warm, strength, strength, 0, 0);
    this.roomLight.fillRect(desk.x, desk.y, desk.w, desk.h * 0.6);
    this.roomLight.lineStyle(Math.max(1, L.ui * 1.2), warm, 0.15 + d.warmth * 0.5);
    for (const b of [L.dashboardBezel, L.mapBezel]) this.roomLight.lineBetween(b.x + 6, b.y + 0.5, b.x + b.w - 6, b.y + 0.5);
  }

  /** The view through the window: sky, sun and city, baked into one texture. */
  private bakeView(L: WorldLayout, d: Daylight): void {
    const win = L.window;
    const band = L.horizonY - win.y;
    // The glass is tinted, so the sky reads as light through a window rather than a poster of one.
    const dim = 0.78;
    const top = shade(d.skyTop, dim);
    const mid = shade(d.skyMid, dim);
    const low = shade(d.skyLow, dim);
    const split = band * 0.55;
    const g = this.viewSky;
    g.clear();
    g.fillGradientStyle(top, top, mid, mid, 1);
    g.fillRect(0, 0, win.w, split);
    g.fillGradientStyle(mid, mid, low, low, 1);
    g.fillRect(0, split, win.w, band * 1.3 - split);
    g.fillStyle(low, 1);
    g.fillRect(0, band * 1.3, win.w, win.h - band * 1.3);
    this.viewSun
      .setPosition(win.w * d.sunX, band * d.sunY)
      .setDisplaySize(band * 2.4, band * 2.4)
      .setTint(d.sun)
      .setAlpha(d.sunAlpha * 0.85)
      .setVisible(d.sunAlpha > 0);

    const c = this.viewCity;
    c.clear();
    const farColor = mix(0x1a2236, 0x121a30, d.dusk);
    const nearColor = 0x0b0f19;
    const rand = randomFloats(1604);
    const cell = Math.max(4, Math.round(5 * L.ui));
    const lights = 0.2 + d.cityLights * 0.8;
    for (const b of this.buildings) {
      c.fillStyle(b.near ? nearColor : farColor, b.near ? 1 : 0.85);
      c.fillRect(b.x, b.y, b.w, win.h - b.y);
      if (b.roof === 'plant') c.fillRect(b.x + b.w * 0.2, b.y - band * 0.06, b.w * 0.3, band * 0.06);
      if (b.roof === 'antenna') c.fillRect(b.x + b.w * 0.5, b.y - band * 0.18, 1.5, band * 0.18);
      if (!b.near) continue;
      // Office windows: the same ones every time, more of them lit as dusk falls.
      for (let y = b.y + cell; y < band * 2.2; y += cell * 1.6) {
        for (let x = b.x + cell * 0.6; x < b.x + b.w - cell; x += cell * 1.4) {
          const r = rand();
          const threshold = r < 0.06 ? 0 : r < 0.3 ? 1 - d.cityLights : 2;
          if (threshold > 1) continue;
          c.fillStyle(r < 0.02 ? 0xbfd4ff : COLORS.lamp, (0.4 + rand() * 0.4) * (threshold === 0 ? Math.max(0.35, lights) : lights));
          c.fillRect(x, y, cell * 0.7, cell * 0.8);
        }
      }
    }
    const tw = Math.ceil(win.w / 2) * 2;
    const th = Math.ceil(win.h / 2) * 2;
    this.view.setPosition(win.x, win.y);
    if (this.view.width !== tw || this.view.height !== th) this.view.resize(tw, th);
    this.view.clear();
    this.view.draw([this.viewSky, this.viewSun, this.viewCity]);
    this.view.render();
  }

  /**
   * The room. The wall and the screens' glass are the camera's clear colour, so only what differs
   * is drawn, in tight layers: the window frame band, the desk band, and the monitor bezels as rings.
   */
  private drawRoom(L: WorldLayout): void {
    const win = L.window;
    const u = L.ui;
    const frame = Math.max(4, Math.round(7 * u));
    const band = L.horizonY - win.y;
    this.frame.redraw(0, 0, L.width, win.y + win.h, (g) => {
      // Frame and mullions.
      g.fillStyle(COLORS.frame, 1);
      g.fillRect(win.x - frame, win.y - frame, win.w + frame * 2, frame);
      g.fillRect(win.x - frame, win.y, frame, win.h);
      g.fillRect(win.x + win.w, win.y, frame, win.h);
      const panes = Math.max(3, Math.round(win.w / (230 * u)));
      for (let i = 1; i < panes; i++) g.fillRect(win.x + (win.w * i) / panes - frame / 2, win.y, frame, win.h);
      g.fillStyle(COLORS.frameLight, 1);
      g.fillRect(win.x - frame, win.y - frame, win.w + frame * 2, 1);
      // Faint reflections on the glass.
      g.fillStyle(0xffffff, 0.035);
      for (let i = 0; i < panes; i++) {
        const x0 = win.x + (win.w * i) / panes + win.w * 0.03;
        g.fillTriangle(x0, win.y, x0 + win.w * 0.05, win.y, x0 - win.w * 0.03, win.y + band);
      }
      // A ceiling shadow over the top of the room.
      g.fillGradientStyle(0x000000, 0x000000, 0x000000, 0x000000, 0.6, 0.6, 0, 0);
      g.fillRect(0, 0, L.width, win.y + band * 0.5);
    });

    const bezels = [L.dashboardBezel, L.mapBezel];
    const deskTop = Math.min(...bezels.map((b) => b.y + b.h)) - 4;
    const desk = L.desk;
    this.desk.redraw(0, deskTop, L.width, L.height - deskTop, (g) => {
      g.translateCanvas(0, -deskTop);
      for (const b of bezels) {
        const neckW = Math.round(b.w * 0.07);
        const cx = b.x + b.w / 2;
        g.fillStyle(0x0c0f14, 1);
        g.fillRect(cx - neckW / 2, b.y + b.h - 4, neckW, desk.y - (b.y + b.h) + 14 * u);
      }
      // Desk: a dark top and a darker front.
      g.fillGradientStyle(COLORS.desk, COLORS.desk, COLORS.deskFront, COLORS.deskFront, 1);
      g.fillRect(desk.x, desk.y, desk.w, desk.h);
      g.fillStyle(COLORS.deskEdge, 1);
      g.fillRect(desk.x, desk.y, desk.w, Math.max(1, Math.round(1.5 * u)));
      g.fillStyle(0x000000, 0.5);
      g.fillRect(desk.x, desk.y + desk.h * 0.82, desk.w, desk.h * 0.18);
      for (const b of bezels) {
        g.fillStyle(0x151920, 1);
        g.fillEllipse(b.x + b.w / 2, desk.y + 10 * u, b.w * 0.3, 9 * u);
      }

      // Keyboard: a dark slab with rows of keys.
      const k = L.keyboard;
      g.fillStyle(0x0e1117, 1);
      g.fillRoundedRect(k.x, k.y, k.w, k.h, 3 * u);
      g.lineStyle(1, 0x232a36, 1);
      g.strokeRoundedRect(k.x + 0.5, k.y + 0.5, k.w - 1, k.h - 1, 3 * u);
      const rows = 4;
      const keyW = (k.w - 8 * u) / 14;
      const keyH = (k.h - 6 * u) / rows;
      g.fillStyle(0x1b212b, 1);
      for (let row = 0; row < rows; row++) {
        const y = k.y + 3 * u + row * keyH + 0.5;
        if (row === 3) {
          // The bottom row: modifiers either side of a long space bar.
          for (const [from, span] of [
            [0, 1.2],
            [1.3, 1.2],
            [2.6, 6.8],
            [9.5, 1.2],
            [10.8, 1.2],
            [12.1, 1.2],
          ] as const) {
            g.fillRect(k.x + 4 * u + from * keyW, y, span * keyW - 1.5, keyH - 1.5);
          }
          continue;
        }
        const offset = (row % 2) * keyW * 0.3;
        for (let i = 0; i < 14; i++) {
          const x = k.x + 4 * u + offset + i * keyW;
          if (x + keyW > k.x + k.w - 3 * u) break;
          g.fillRect(x + 0.5, y, keyW - 1.5, keyH - 1.5);
        }
      }

      // A mug of cold coffee.
      const m = L.mug;
      g.fillStyle(0x000000, 0.35);
      g.fillEllipse(m.x + m.w / 2, m.y + m.h + 1, m.w * 1.3, 5 * u);
      g.fillStyle(0x1d2430, 1);
      g.fillRoundedRect(m.x, m.y, m.w, m.h, { tl: 2, tr: 2, bl: 5 * u, br: 5 * u });
      g.lineStyle(3 * u, 0x1d2430, 1);
      g.strokeCircle(m.x + m.w + 1 * u, m.y + m.h * 0.45, m.h * 0.24);
      g.fillStyle(0x2b3444, 1);
      g.fillRect(m.x, m.y, m.w, 2 * u);
      g.fillStyle(COLORS.accent, 0.85);
      g.fillRect(m.x + m.w * 0.25, m.y + m.h * 0.4, m.w * 0.5, m.h * 0.18);
    });

    // Bezels as thick rounded strokes: a ring costs a sliver of the fill a solid panel would.
    const g = this.bezels;
    g.clear();
    for (const [b, s] of [
      [L.dashboardBezel, L.dashboard],
      [L.mapBezel, L.map],
    ] as const) {
      const t = s.x - b.x;
      g.lineStyle(t + 1, COLORS.bezel, 1);
      g.strokeRoundedRect(b.x + t / 2, b.y + t / 2, b.w - t, b.h - t, 4 * u);
      g.lineStyle(1, COLORS.bezelEdge, 1);
      g.strokeRoundedRect(b.x + 0.5, b.y + 0.5, b.w - 1, b.h - 1, 6 * u);
      g.lineStyle(1, 0x000000, 0.6);
      g.strokeRect(s.x - 0.5, s.y - 0.5, s.w + 1, s.h + 1);
      // A small power LED under the screen.
      g.fillStyle(COLORS.ok, 0.8);
      g.fillCircle(b.x + b.w - 12 * u, b.y + b.h - t / 2, 1.2 * u);
    }
  }

  destroy(): void {
    this.scene.tweens.killTweensOf(this.halo);
    this.view.destroy();
    this.viewSky.destroy();
    this.viewSun.destroy();
    this.viewCity.destroy();
    this.frame.destroy();
    this.desk.destroy();
    this.bezels.destroy();
    this.windowGlow.destroy();
    this.halo.destroy();
    this.roomLight.destroy();
  }
}

/** A procedural skyline for the window, the same on every mount: a hazy far row and a dark near row. */
function skyline(L: WorldLayout): Building[] {
  const win = L.window;
  const band = L.horizonY - win.y;
  const rand = randomFloats(482);
  const out: Building[] = [];
  for (let x = 0; x < win.w; ) {
    const w = (0.05 + rand() * 0.07) * win.w;
    out.push({ x, y: band * (0.35 + rand() * 0.45), w: w + 2, near: false, roof: 'flat' });
    x += w;
  }
  for (let x = -rand() * 20; x < win.w; ) {
    const w = (0.035 + rand() * 0.06) * win.w;
    const gap = rand() < 0.3 ? rand() * 0.02 * win.w : 0;
    const roof = w > win.w * 0.05 ? 'plant' : rand() < 0.4 ? 'antenna' : 'flat';
    out.push({ x, y: band * (0.55 + rand() * 0.5), w, near: true, roof });
    x += w + gap;
  }
  return out;
}
