/**
 * The side monitor: the scenario's services as nodes in layers by dependency depth, with edges
 * from `dependsOn` and traffic flowing along them, coloured by health (a pulsing red glow when down).
 */
import Phaser from 'phaser';
import type { Health, Scenario } from '../../format';
import { TEXTURES } from '../assets';
import { DEPTH } from '../depths';
import type { Rect } from '../layout';
import { layoutServices } from '../model/service-layout';
import { COLORS, INK } from '../palette';
import { BakedLayer } from './baked-layer';
import { polyline, type XY, panelHeader } from './draw';
import { addLabel, applyStyle, setFitted } from './text';
import { addAmbientTween, stopTween } from './tweens';

const HEALTH_COLOR: Record<Health, number> = { healthy: COLORS.ok, degraded: COLORS.warn, down: COLORS.alarm };
/** A shape as well as a colour, so health reads without colour vision. */
const HEALTH_GLYPH: Record<Health, string> = { healthy: '●', degraded: '▲', down: '✕' };
const HEALTH_INK: Record<Health, string> = { healthy: INK.ok, degraded: INK.warn, down: INK.alarm };
/** How fast traffic dots travel along an edge (edge lengths per second), by the callee's health. */
const FLOW_SPEED: Record<Health, number> = { healthy: 0.55, degraded: 0.22, down: 0.06 };
/** The smallest type a node's name shrinks to before it is cut instead (applyStyle's floor). */
const MIN_LABEL_PX = 7;

interface Node {
  id: string;
  name: string;
  dependsOn: string[];
  label: Phaser.GameObjects.Text;
  glyph: Phaser.GameObjects.Text;
  glow: Phaser.GameObjects.Image;
  glowTween: Phaser.Tweens.Tween | null;
  box: Rect;
  health: Health;
}

interface Edge {
  from: Node;
  to: Node;
  path: XY[];
  dot: Phaser.GameObjects.Image;
  phase: number;
}

/** The service map monitor. */
export class ServiceMap {
  private readonly layer: BakedLayer;
  private readonly header: Phaser.GameObjects.Graphics;
  private readonly heading: Phaser.GameObjects.Text;
  private readonly summary: Phaser.GameObjects.Text;
  private readonly idle: Phaser.GameObjects.Text;
  private nodes: Node[] = [];
  private edges: Edge[] = [];
  private scenario: Scenario | null | undefined = undefined;
  private screen: Rect | null = null;
  private ui = 1;
  private motion = true;
  private drawnKey = '';

  constructor(private readonly scene: Phaser.Scene) {
    this.layer = new BakedLayer(scene, 2).setDepth(DEPTH.screen);
    this.header = scene.add.graphics().setDepth(DEPTH.screen);
    this.heading = addLabel(scene, DEPTH.screenText, { size: 10, color: INK.muted, bold: true });
    this.summary = addLabel(scene, DEPTH.screenText, { size: 9, color: INK.muted, mono: true }).setOrigin(1, 0);
    this.idle = addLabel(scene, DEPTH.screenText, { size: 11, color: INK.faint }).setOrigin(0.5, 0.5);
  }

  setScenario(scenario: Scenario | null): void {
    if (scenario === this.scenario) return;
    this.clearNodes();
    this.scenario = scenario;
    if (scenario) {
      this.nodes = scenario.services.map((s) => ({
        id: s.id,
        name: s.name,
        dependsOn: s.dependsOn,
        label: addLabel(this.scene, DEPTH.screenText, { size: 9.5, color: INK.normal }).setOrigin(0.5, 0.5),
        glyph: addLabel(this.scene, DEPTH.screenText, { size: 8, color: INK.ok }).setOrigin(0.5, 0.5),
        glow: this.scene.add
          .image(0, 0, TEXTURES.glow)
          .setDepth(DEPTH.screen)
          .setBlendMode(Phaser.BlendModes.ADD)
          .setTint(COLORS.alarm)
          .setVisible(false),
        glowTween: null,
        box: { x: 0, y: 0, w: 0, h: 0 },
        health: 'healthy' as Health,
      }));
      const byId = new Map(this.nodes.map((n) => [n.id, n]));
      for (const n of this.nodes) {
        for (const d of n.dependsOn) {
          const to = byId.get(d);
          if (!to || to === n) continue;
          const dot = this.scene.add
            .image(0, 0, TEXTURES.glow)
            .setDepth(DEPTH.screenFx)
            .setBlendMode(Phaser.BlendModes.ADD)
            .setVisible(this.motion);
          // Spread the dots out along their edges, the same way every mount.
          this.edges.push({ from: n, to, path: [], dot, phase: (this.edges.length * 0.37) % 1 });
        }
      }
    }
    this.heading.setText('SERVICE MAP');
    this.idle.setText(scenario ? '' : 'No services yet');
    this.summary.setText('');
    this.drawnKey = '';
    if (this.screen) this.layout(this.screen, this.ui);
  }

  layout(screen: Rect, ui: number): void {
    this.screen = screen;
    this.ui = ui;
    const headerH = Math.round(22 * ui);
    const pad = Math.round(10 * ui);
    panelHeader(this.header, screen, headerH, 0x0d131c, COLORS.panelEdge);
    applyStyle(this.heading, { size: 9.5 * ui, color: INK.muted, bold: true });
    applyStyle(this.summary, { size: 9 * ui, color: INK.muted, mono: true });
    applyStyle(this.idle, { size: 11 * ui, color: INK.faint });
    const textY = screen.y + Math.round((headerH - 12 * ui) / 2);
    this.heading.setPosition(screen.x + Math.round(8 * ui), textY);
    this.summary.setPosition(screen.x + screen.w - Math.round(8 * ui), textY);
    this.idle.setPosition(screen.x + screen.w / 2, screen.y + headerH + (screen.h - headerH) / 2);

    const area: Rect = { x: screen.x + pad, y: screen.y + headerH + pad, w: screen.w - pad * 2, h: screen.h - headerH - pad * 2 };
    const layers = layoutServices(this.nodes);
    const byId = new Map(this.nodes.map((n) => [n.id, n]));
    const rowH = area.h / Math.max(1, layers.length);
    const gap = Math.round(8 * ui);
    const nodeH = Math.round(Math.min(36 * ui, rowH * 0.56));
    const baseFont = Math.max(7.5, Math.min(9.5 * ui, nodeH / 3.3));
    for (const layer of layers) {
      // Each layer shares its own width, so a layer of two gets roomier boxes than a layer of four.
      const nodeW = Math.round(Math.min(118 * ui, (area.w - gap * (layer.length - 1)) / layer.length));
      for (const p of layer) {
        const node = byId.get(p.id)!;
        const slot = area.w / p.count;
        const cx = area.x + slot * (p.index + 0.5);
        const cy = area.y + rowH * (p.layer + 0.5);
        node.box = { x: Math.round(cx - nodeW / 2), y: Math.round(cy - nodeH / 2), w: nodeW, h: nodeH };
        const textW = nodeW - Math.round(20 * ui);
        node.label.setStyle({ wordWrap: { width: textW, useAdvancedWrap: false }, align: 'center', maxLines: 2 });
        applyStyle(node.label, { size: baseFont, color: INK.normal });
        node.label.setText(node.name);
        // A single long word cannot wrap: shrink the type until it fits rather than split the name.
        if (node.label.width > textW || node.label.height > nodeH - 2) {
          const k = Math.min(textW / node.label.width, (nodeH - 2) / node.label.height);
          applyStyle(node.label, { size: Math.max(MIN_LABEL_PX, baseFont * k), color: INK.normal });
        }
        // Still too big at the smallest legible size: one line, cut with an ellipsis (the large map has it whole).
        if (node.label.width > textW + 0.5 || node.label.height > nodeH) {
          node.label.setStyle({ wordWrap: { width: null }, maxLines: 1 });
          setFitted(node.label, node.name, textW);
        }
        node.label.setPosition(Math.round(node.box.x + node.box.w / 2 + 5 * ui), Math.round(cy));
        applyStyle(node.glyph, { size: baseFont * 0.9, color: HEALTH_INK[node.health] });
        node.glyph.setPosition(node.box.x + Math.round(9 * ui), Math.round(cy));
        node.glow.setPosition(cx, cy).setDisplaySize(nodeW * 1.7, nodeH * 2.6);
      }
    }
    for (const e of this.edges) {
      const a = { x: e.from.box.x + e.from.box.w / 2, y: e.from.box.y + e.from.box.h };
      const b = { x: e.to.box.x + e.to.box.w / 2, y: e.to.box.y };
      const bend = Math.max(12 * ui, (b.y - a.y) * 0.5);
      const curve = new Phaser.Curves.CubicBezier(
        new Phaser.Math.Vector2(a.x, a.y),
        new Phaser.Math.Vector2(a.x, a.y + bend),
        new Phaser.Math.Vector2(b.x, b.y - bend),
        new Phaser.Math.Vector2(b.x, b.y),
      );
      e.path = curve.getPoints(24).map((p) => ({ x: p.x, y: p.y }));
      e.dot.setDisplaySize(9 * ui, 9 * ui);
    }
    this.drawnKey = '';
    this.redraw();
  }

  /** Follows services' health; redraws only when some health changed. */
  update(services: Record<string, Health>): void {
    let changed = false;
    for (const n of this.nodes) {
      const h = services[n.id] ?? 'healthy';
      if (h !== n.health) {
        n.health = h;
        changed = true;
      }
    }
    if (changed) this.redraw();
  }

  /** Whether the traffic dots move (then the world draws ambient frames). */
  get moving(): boolean {
    return this.motion && this.edges.length > 0;
  }

  /** Moves the traffic dots; called every frame, so it only sets positions. */
  tick(deltaMs: number): void {
    if (!this.motion) return;
    const dt = Math.min(0.1, deltaMs / 1000);
    for (const e of this.edges) {
      const n = e.path.length;
      if (n < 2) continue;
      e.phase = (e.phase + dt * FLOW_SPEED[e.to.health]) % 1;
      const f = e.phase * (n - 1);
      const i = Math.floor(f);
      const p = e.path[i]!;
      const q = e.path[Math.min(n - 1, i + 1)]!;
      e.dot.setPosition(p.x + (q.x - p.x) * (f - i), p.y + (q.y - p.y) * (f - i));
    }
  }

  setMotion(motion: boolean): void {
    this.motion = motion;
    for (const e of this.edges) e.dot.setVisible(motion);
    this.drawnKey = '';
    this.redraw();
  }

  private redraw(): void {
    const screen = this.screen;
    if (!screen) return;
    const key = this.nodes.map((n) => n.health).join();
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    const ui = this.ui;
    const healthy = this.nodes.filter((n) => n.health === 'healthy').length;
    if (this.nodes.length > 0) {
      this.summary
        .setText(`${healthy}/${this.nodes.length} OK`)
        .setColor(healthy === this.nodes.length ? INK.ok : this.nodes.some((n) => n.health === 'down') ? INK.alarm : INK.warn);
    }
    for (const n of this.nodes) {
      n.glyph.setText(HEALTH_GLYPH[n.health]).setColor(HEALTH_INK[n.health]);
      n.label.setColor(n.health === 'healthy' ? INK.normal : INK.bright);
      n.glowTween = stopTween(n.glowTween);
      n.glow.setVisible(n.health === 'down').setAlpha(0.55);
      if (n.health === 'down' && this.motion) {
        n.glowTween = addAmbientTween(this.scene, {
          targets: n.glow,
          alpha: { from: 0.75, to: 0.25 },
          duration: 650,
          yoyo: true,
          repeat: -1,
          ease: 'Sine.easeInOut',
        });
      }
    }
    for (const e of this.edges) e.dot.setTint(HEALTH_COLOR[e.to.health]).setAlpha(e.to.health === 'down' ? 0.5 : 0.9);

    const ox = screen.x;
    const oy = screen.y;
    this.layer.redraw(ox, oy, screen.w, screen.h, (g) => {
      // Faint dot grid, like a diagramming tool's canvas.
      const step = Math.round(14 * ui);
      g.fillStyle(0x1a2230, 1);
      for (let y = Math.round(30 * ui); y < screen.h; y += step) for (let x = step / 2; x < screen.w; x += step) g.fillRect(x, y, 1, 1);
      for (const e of this.edges) {
        const color = e.to.health === 'healthy' ? 0x3a4658 : HEALTH_COLOR[e.to.health];
        const local = e.path.map((p) => ({ x: p.x - ox, y: p.y - oy }));
        g.lineStyle(1.4, color, e.to.health === 'healthy' ? 1 : 0.85);
        polyline(g, local);
        const tip = local[local.length - 1]!;
        const s = 4 * ui;
        g.fillStyle(color, 1);
        g.fillTriangle(tip.x, tip.y, tip.x - s * 0.8, tip.y - s * 1.3, tip.x + s * 0.8, tip.y - s * 1.3);
      }
      for (const n of this.nodes) {
        const b = { x: n.box.x - ox, y: n.box.y - oy, w: n.box.w, h: n.box.h };
        const color = HEALTH_COLOR[n.health];
        const r = 6 * ui;
        g.fillStyle(n.health === 'down' ? 0x2a0f14 : n.health === 'degraded' ? 0x251c0c : 0x111a24, 1);
        g.fillRoundedRect(b.x, b.y, b.w, b.h, r);
        g.fillStyle(color, 1);
        g.fillRoundedRect(b.x, b.y, 3.5 * ui, b.h, { tl: r, bl: r, tr: 0, br: 0 });
        g.lineStyle(1.2, color, n.health === 'healthy' ? 0.45 : 0.95);
        g.strokeRoundedRect(b.x + 0.5, b.y + 0.5, b.w - 1, b.h - 1, r);
      }
    });
  }

  private clearNodes(): void {
    for (const n of this.nodes) {
      n.glowTween = stopTween(n.glowTween);
      n.label.destroy();
      n.glyph.destroy();
      n.glow.destroy();
    }
    for (const e of this.edges) e.dot.destroy();
    this.nodes = [];
    this.edges = [];
  }

  destroy(): void {
    this.clearNodes();
    this.layer.destroy();
    this.header.destroy();
    this.heading.destroy();
    this.summary.destroy();
    this.idle.destroy();
  }
}
