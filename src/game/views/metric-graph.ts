/**
 * One live metric graph: title, current value, a value axis with round ticks and units, a
 * wall-clock time axis, the dashed warning line, deploy markers and a line coloured by how
 * alarming each sample is. The plot is baked into a texture and redrawn only when samples arrive.
 */
import Phaser from 'phaser';
import { hourOfDay, wallClock } from '../../engine';
import type { Health, Metric, Scenario } from '../../format';
import { TEXTURES } from '../assets';
import { DEPTH } from '../depths';
import type { Rect } from '../layout';
import { formatTick, formatValue, GRAPH_WINDOW_SECONDS, timeTicks, timeWindow, valueAxis } from '../model/graph-scale';
import { alarmLine, currentLevel, levelOf, trendOf, type Level } from '../model/metric-level';
import { COLORS, INK } from '../palette';
import { BakedLayer } from './baked-layer';
import { areaUnder, dashedLine, polyline } from './draw';
import { addLabel, applyStyle, setFitted } from './text';
import { addAmbientTween, stopTween } from './tweens';

/** Line and frame colour for each level. */
export const LEVEL_COLOR: Record<Level, number> = { calm: COLORS.calm, warn: COLORS.warn, alarm: COLORS.alarm };
const LEVEL_INK: Record<Level, string> = { calm: INK.calm, warn: INK.warn, alarm: INK.alarm };
const MAX_TIME_LABELS = 8;
const MAX_DEPLOY_LABELS = 4;

/** What a graph needs from the run to draw itself. */
export interface GraphData {
  scenario: Scenario;
  samples: readonly number[];
  now: number;
  health: Health | undefined;
  /** Shipped deploys: game time and short label ("#482"). */
  deploys: readonly { at: number; label: string }[];
}

interface Geometry {
  panel: Rect;
  plot: Rect;
  ui: number;
}

/** A graph panel. `setMetric(null)` shows an empty placeholder panel. */
export class MetricGraph {
  /** The whole panel (background, frame, grid and line) as one baked texture. */
  private readonly panelLayer: BakedLayer;
  private readonly head: Phaser.GameObjects.Image;
  private readonly flash: Phaser.GameObjects.Graphics;
  private readonly title: Phaser.GameObjects.Text;
  private readonly value: Phaser.GameObjects.Text;
  private readonly unit: Phaser.GameObjects.Text;
  private readonly chip: Phaser.GameObjects.Text;
  private readonly axisUnit: Phaser.GameObjects.Text;
  private readonly yLabels: Phaser.GameObjects.Text[];
  private readonly xLabels: Phaser.GameObjects.Text[];
  private readonly deployLabels: Phaser.GameObjects.Text[];
  private metric: Metric | null = null;
  private geo: Geometry | null = null;
  private level: Level = 'calm';
  private drawnKey = '';
  private pending: GraphData | null = null;
  private headTween: Phaser.Tweens.Tween | null = null;

  constructor(private readonly scene: Phaser.Scene) {
    this.panelLayer = new BakedLayer(scene, 2).setDepth(DEPTH.screen);
    this.head = scene.add.image(0, 0, TEXTURES.glow).setDepth(DEPTH.screenFx).setBlendMode(Phaser.BlendModes.ADD).setVisible(false);
    this.flash = scene.add.graphics().setDepth(DEPTH.screenFx).setAlpha(0);
    this.title = addLabel(scene, DEPTH.screenText, { size: 10, color: INK.muted });
    this.value = addLabel(scene, DEPTH.screenText, { size: 17, color: INK.calm, mono: true, bold: true });
    this.unit = addLabel(scene, DEPTH.screenText, { size: 10, color: INK.muted });
    this.chip = addLabel(scene, DEPTH.screenText, { size: 8, color: '#0b0e14', bold: true }).setOrigin(1, 0);
    // The unit reads up the y-axis, as on a printed chart, so long units (orders/min) fit.
    this.axisUnit = addLabel(scene, DEPTH.screenText, { size: 8, color: INK.faint })
      .setOrigin(0.5, 0.5)
      .setRotation(-Math.PI / 2);
    this.yLabels = [0, 1, 2].map(() => addLabel(scene, DEPTH.screenText, { size: 8.5, color: INK.faint, mono: true }).setOrigin(1, 0.5));
    this.xLabels = Array.from({ length: MAX_TIME_LABELS }, () =>
      addLabel(scene, DEPTH.screenText, { size: 8.5, color: INK.faint, mono: true }).setOrigin(0.5, 0),
    );
    this.deployLabels = Array.from({ length: MAX_DEPLOY_LABELS }, () =>
      addLabel(scene, DEPTH.screenText, { size: 8, color: INK.deploy, bold: true }).setOrigin(0, 0),
    );
  }

  setMetric(metric: Metric | null): void {
    this.metric = metric;
    this.drawnKey = '';
    this.level = 'calm';
    if (this.geo) this.layout(this.geo.panel, this.geo.ui);
  }

  /** Positions the panel; fonts follow `ui`. Forces a redraw on the next update. */
  layout(panel: Rect, ui: number): void {
    const pad = Math.round(8 * ui);
    const titleH = Math.round(13 * ui);
    const valueH = Math.round(21 * ui);
    const yLabelW = Math.round(36 * ui);
    const xLabelH = Math.round(13 * ui);
    const top = panel.y + pad + titleH + valueH + Math.round(6 * ui);
    const plot: Rect = {
      x: panel.x + pad + yLabelW,
      y: top,
      w: Math.max(10, panel.w - pad * 2 - yLabelW - Math.round(4 * ui)),
      h: Math.max(10, panel.y + panel.h - pad - xLabelH - top),
    };
    this.geo = { panel, plot, ui };
    this.drawnKey = '';
    this.pending = null;

    applyStyle(this.title, { size: 10.5 * ui, color: INK.muted });
    applyStyle(this.value, { size: 17 * ui, color: LEVEL_INK[this.level], mono: true, bold: true });
    applyStyle(this.unit, { size: 10 * ui, color: INK.muted });
    applyStyle(this.axisUnit, { size: 8.5 * ui, color: INK.faint });
    for (const t of this.yLabels) applyStyle(t, { size: 8.5 * ui, color: INK.faint, mono: true });
    for (const t of this.xLabels) applyStyle(t, { size: 8.5 * ui, color: INK.faint, mono: true });
    for (const t of this.deployLabels)
      applyStyle(t, { size: 8 * ui, color: '#ede9fe', bold: true, background: '#5b4a9e', padX: Math.round(3 * ui), padY: 1 });

    this.title.setPosition(panel.x + pad, panel.y + pad - 1);
    this.value.setPosition(panel.x + pad, panel.y + pad + titleH);
    this.chip.setPosition(panel.x + panel.w - pad, panel.y + pad + titleH + Math.round(4 * ui));
    this.axisUnit.setPosition(panel.x + pad + Math.round(4 * ui), Math.round(plot.y + plot.h / 2));
    this.fitTitle(this.metric?.name ?? '', panel.w - pad * 2);
    setFitted(this.axisUnit, this.metric?.unit ?? '', plot.h);
    this.head.setDisplaySize(18 * ui, 18 * ui);
    this.flash.clear();
    this.flash.lineStyle(2.5 * ui, COLORS.alarm, 1);
    this.flash.strokeRoundedRect(panel.x + 1, panel.y + 1, panel.w - 2, panel.h - 2, 5 * ui);
    this.flash.fillStyle(COLORS.alarm, 0.12);
    this.flash.fillRoundedRect(panel.x, panel.y, panel.w, panel.h, 5 * ui);
    this.drawEmpty();
  }

  /**
   * Takes new data; returns true when it changed what the graph shows (a new sample, a new deploy,
   * a new level, a new minute), in which case `flush` must be called to redraw.
   */
  update(data: GraphData): boolean {
    const metric = this.metric;
    if (!metric || !this.geo) return false;
    const last = data.samples.at(-1) ?? metric.baseline;
    const level = currentLevel(metric, last, data.health);
    const key = `${data.samples.length}|${data.deploys.length}|${level}|${Math.floor(data.now / 60)}`;
    if (key === this.drawnKey) return false;
    this.drawnKey = key;
    this.pending = data;
    return true;
  }

  /** Whether new data is waiting to be drawn. */
  get dirty(): boolean {
    return this.pending !== null;
  }

  /** Redraws with the latest data (the dashboard spreads these over frames). */
  flush(): void {
    const data = this.pending;
    const metric = this.metric;
    const geo = this.geo;
    this.pending = null;
    if (!data || !metric || !geo) return;
    const last = data.samples.at(-1) ?? metric.baseline;
    const level = currentLevel(metric, last, data.health);
    if (level !== this.level) {
      this.level = level;
      applyStyle(this.value, { size: 17 * geo.ui, color: LEVEL_INK[level], mono: true, bold: true });
    }
    this.value.setText(formatValue(last));
    this.unit
      .setText(metric.unit)
      .setPosition(this.value.x + this.value.width + Math.round(4 * geo.ui), this.value.y + Math.round(6 * geo.ui));
    const trend = trendOf(metric, data.samples);
    const arrow = trend === 'rising' ? '▲ ' : trend === 'falling' ? '▼ ' : '';
    if (level === 'calm') this.chip.setText(arrow.trim()).setBackgroundColor('transparent').setColor(INK.faint);
    else
      this.chip
        .setText(` ${arrow}${level === 'alarm' ? 'ALERT' : 'WARN'} `)
        .setBackgroundColor(LEVEL_INK[level])
        .setColor('#0b0e14');
    this.drawPlot(metric, geo, data);
  }

  /** Flashes the frame when this metric's alarm goes off (a steady highlight without motion). */
  flashAlarm(motion: boolean): void {
    this.scene.tweens.killTweensOf(this.flash);
    this.flash.setAlpha(1);
    this.scene.tweens.add(
      motion
        ? { targets: this.flash, alpha: 0, duration: 260, yoyo: true, repeat: 2, onComplete: () => this.flash.setAlpha(0) }
        : { targets: this.flash, alpha: 0, delay: 1500, duration: 1 },
    );
  }

  /** Switches the head glow's breathing on or off (off for reduced motion). */
  setMotion(motion: boolean): void {
    if (motion && !this.headTween) {
      this.headTween = addAmbientTween(this.scene, {
        targets: this.head,
        alpha: { from: 0.9, to: 0.35 },
        duration: 900,
        yoyo: true,
        repeat: -1,
        ease: 'Sine.easeInOut',
      });
    } else if (!motion && this.headTween) {
      this.headTween = stopTween(this.headTween);
      this.head.setAlpha(0.8);
    }
  }

  /** The metric's name, dropping a trailing "(…)" aside before resorting to an ellipsis. */
  private fitTitle(name: string, width: number): void {
    this.title.setText(name);
    const short = name.replace(/\s*\([^)]*\)\s*$/, '');
    if (this.title.width > width && short !== name && short.length > 0) setFitted(this.title, short, width);
    else setFitted(this.title, name, width);
  }

  /** Panel background and frame, in panel-local coordinates; trouble tints both. */
  private paintFrame(g: Phaser.GameObjects.Graphics, geo: Geometry): void {
    const { panel, ui } = geo;
    const radius = 5 * ui;
    const troubled = this.metric !== null && this.level !== 'calm';
    const edge = troubled ? LEVEL_COLOR[this.level] : COLORS.panelEdge;
    g.fillStyle(COLORS.panel, 1);
    g.fillRoundedRect(0, 0, panel.w, panel.h, radius);
    if (troubled) {
      // A faint wash of the level colour so trouble reads from across the room.
      g.fillStyle(edge, this.level === 'alarm' ? 0.07 : 0.04);
      g.fillRoundedRect(0, 0, panel.w, panel.h, radius);
    }
    g.lineStyle(1, edge, troubled ? 0.75 : 1);
    g.strokeRoundedRect(0.5, 0.5, panel.w - 1, panel.h - 1, radius);
  }

  private drawEmpty(): void {
    const geo = this.geo;
    if (!geo) return;
    const { panel, plot } = geo;
    this.value.setText('');
    this.unit.setText('');
    this.chip.setText('');
    this.head.setVisible(false);
    for (const t of [...this.yLabels, ...this.xLabels, ...this.deployLabels]) t.setVisible(false);
    this.panelLayer.redraw(panel.x, panel.y, panel.w, panel.h, (g) => {
      this.paintFrame(g, geo);
      g.translateCanvas(plot.x - panel.x, plot.y - panel.y);
      g.lineStyle(1, COLORS.grid, 1);
      for (let i = 0; i <= 2; i++) g.lineBetween(0, (plot.h * i) / 2, plot.w, (plot.h * i) / 2);
      g.lineStyle(1, COLORS.grid, 0.6);
      dashedLine(g, 0, plot.h * 0.62, plot.w, plot.h * 0.62, 3, 4);
    });
  }

  private drawPlot(metric: Metric, geo: Geometry, data: GraphData): void {
    const { panel, plot, ui } = geo;
    const tick = data.scenario.clock.tickSeconds;
    const span = GRAPH_WINDOW_SECONDS;
    const { from, to } = timeWindow(data.now, span);
    const first = Math.max(0, Math.floor(from / tick) - 1);
    const lastIndex = Math.min(data.samples.length - 1, Math.ceil(to / tick));
    const visible = data.samples.slice(Math.max(0, Math.ceil(from / tick)), lastIndex + 1);
    const axis = valueAxis(metric, visible);
    const xOf = (t: number) => ((t - from) / (to - from)) * plot.w;
    const yOf = (v: number) => plot.h - ((Math.min(axis.max, Math.max(axis.min, v)) - axis.min) / (axis.max - axis.min)) * plot.h;

    // Axis labels.
    axis.ticks.forEach((v, i) => {
      this.yLabels[i]!.setVisible(true)
        .setText(formatTick(v))
        .setPosition(plot.x - Math.round(5 * ui), plot.y + yOf(v));
    });
    const startOfDay = Math.round(hourOfDay(data.scenario.clock, 0) * 3600);
    const times = timeTicks(startOfDay, from, to, plot.w, 44 * ui).slice(0, MAX_TIME_LABELS);
    this.xLabels.forEach((label, i) => {
      const t = times[i];
      if (t === undefined) return label.setVisible(false);
      const x = xOf(t);
      // Labels that would hang off the panel edge are dropped rather than clipped.
      const half = 14 * ui;
      label.setVisible(x >= half - 8 * ui && x <= plot.w - half + 8 * ui);
      label.setText(wallClock(data.scenario.clock, t, false)).setPosition(Math.round(plot.x + x), plot.y + plot.h + Math.round(3 * ui));
    });
    const deploys = data.deploys.filter((d) => d.at >= from && d.at <= to).slice(-MAX_DEPLOY_LABELS);
    this.deployLabels.forEach((label, i) => {
      const d = deploys[i];
      if (!d) return label.setVisible(false);
      const x = xOf(d.at);
      label.setVisible(true).setText(d.label);
      const lx = x + label.width + 3 * ui > plot.w ? x - label.width - 2 * ui : x + 2 * ui;
      label.setPosition(Math.round(plot.x + lx), plot.y + Math.round(2 * ui));
    });

    // Points of the line, each with the level of its value.
    const pts: { x: number; y: number; level: Level }[] = [];
    for (let i = first; i <= lastIndex; i++) {
      const v = data.samples[i]!;
      pts.push({ x: xOf(i * tick), y: yOf(v), level: levelOf(metric, v) });
    }
    const warnY = metric.warnAbove !== undefined ? yOf(metric.warnAbove) : null;
    const alarmAt = alarmLine(metric);
    const alarmY = alarmAt !== undefined && alarmAt < axis.max ? yOf(alarmAt) : null;
    const headLevel = this.level;

    // The sample before the window starts is cut at the left edge, so the line enters the plot cleanly.
    if (pts.length >= 2 && pts[0]!.x < 0) {
      const [a, b] = [pts[0]!, pts[1]!];
      const k = (0 - a.x) / (b.x - a.x);
      pts[0] = { x: 0, y: a.y + (b.y - a.y) * k, level: a.level };
    }

    this.panelLayer.redraw(panel.x, panel.y, panel.w, panel.h, (g) => {
      this.paintFrame(g, geo);
      g.translateCanvas(plot.x - panel.x, plot.y - panel.y);
      // Grid.
      g.lineStyle(1, COLORS.grid, 1);
      for (const v of axis.ticks) g.lineBetween(0, Math.round(yOf(v)) + 0.5, plot.w, Math.round(yOf(v)) + 0.5);
      g.lineStyle(1, COLORS.grid, 0.55);
      for (const t of times) g.lineBetween(Math.round(xOf(t)) + 0.5, 0, Math.round(xOf(t)) + 0.5, plot.h);
      // Warning zone and line.
      if (warnY !== null && warnY > 0) {
        g.fillStyle(COLORS.warn, 0.035);
        g.fillRect(0, 0, plot.w, warnY);
        if (alarmY !== null && alarmY > 0) {
          g.fillStyle(COLORS.alarm, 0.04);
          g.fillRect(0, 0, plot.w, alarmY);
        }
        g.lineStyle(1.2, COLORS.warn, 0.75);
        dashedLine(g, 0, warnY, plot.w, warnY, 5, 4);
      }
      // Deploy markers.
      g.lineStyle(1.2, COLORS.deploy, 0.85);
      for (const d of deploys) dashedLine(g, xOf(d.at), 0, xOf(d.at), plot.h, 3, 3);
      // The line, split into runs of one colour: a soft area, a glow, then the line itself.
      // Each segment takes the level of its newer end, so a line turns amber the moment it crosses the warning.
      let runStart = 0;
      for (let j = 0; j < pts.length - 1; j++) {
        const level = pts[j + 1]!.level;
        if (j + 2 < pts.length && pts[j + 2]!.level === level) continue;
        const run = pts.slice(runStart, j + 2);
        const color = LEVEL_COLOR[level];
        g.fillStyle(color, 0.11);
        areaUnder(g, run, plot.h);
        g.lineStyle(4, color, 0.16);
        polyline(g, run);
        g.lineStyle(1.6, color, 1);
        polyline(g, run);
        runStart = j + 1;
      }
      const tip = pts[pts.length - 1];
      if (tip) {
        g.fillStyle(LEVEL_COLOR[headLevel], 1);
        g.fillCircle(tip.x, tip.y, 2.4);
      }
    });
    const tip = pts[pts.length - 1];
    if (tip)
      this.head
        .setVisible(true)
        .setTint(LEVEL_COLOR[headLevel])
        .setPosition(plot.x + tip.x, plot.y + tip.y);
    else this.head.setVisible(false);
  }

  destroy(): void {
    this.headTween = stopTween(this.headTween);
    this.scene.tweens.killTweensOf(this.flash);
    this.panelLayer.destroy();
    this.head.destroy();
    this.flash.destroy();
    for (const t of [this.title, this.value, this.unit, this.chip, this.axisUnit, ...this.yLabels, ...this.xLabels, ...this.deployLabels])
      t.destroy();
  }
}
