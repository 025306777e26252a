/** The main monitor: a header bar and a grid of small-multiple metric graphs, or an idle screen. */
import Phaser from 'phaser';
import { wallClock, type EngineState } from '../../engine';
import type { Scenario } from '../../format';
import { TEXTURES } from '../assets';
import { DEPTH } from '../depths';
import { DASHBOARD_HEADER, graphRects, type Rect } from '../layout';
import { deployMarks } from '../model/graph-scale';
import { currentLevel } from '../model/metric-level';
import { COLORS, INK } from '../palette';
import { MetricGraph } from './metric-graph';
import { addLabel, applyStyle } from './text';
import { stopTween } from './tweens';
import { panelHeader } from './draw';

/** Placeholder panels shown while no incident is running. */
const IDLE_PANELS = 6;

/** The dashboard monitor. */
export class Dashboard {
  private readonly header: Phaser.GameObjects.Graphics;
  private readonly heading: Phaser.GameObjects.Text;
  private readonly status: Phaser.GameObjects.Text;
  private readonly clock: Phaser.GameObjects.Text;
  private readonly idle: Phaser.GameObjects.Text;
  private readonly sweep: Phaser.GameObjects.Image;
  private readonly wash: Phaser.GameObjects.Image;
  private graphs: MetricGraph[] = [];
  private scenario: Scenario | null | undefined = undefined;
  private screen: Rect | null = null;
  private ui = 1;
  private motion = true;
  private statusText = '';
  private dirty = false;
  private nextGraph = 0;
  private sweepTween: Phaser.Tweens.Tween | null = null;

  constructor(private readonly scene: Phaser.Scene) {
    this.header = scene.add.graphics().setDepth(DEPTH.screen);
    this.heading = addLabel(scene, DEPTH.screenText, { size: 10, color: INK.muted, bold: true });
    this.status = addLabel(scene, DEPTH.screenText, { size: 9, color: INK.ok, bold: true });
    this.clock = addLabel(scene, DEPTH.screenText, { size: 10, color: INK.normal, mono: true }).setOrigin(1, 0);
    this.idle = addLabel(scene, DEPTH.screenText, { size: 14, color: INK.muted }).setOrigin(0.5, 0.5);
    this.sweep = scene.add
      .image(0, 0, TEXTURES.sweep)
      .setOrigin(1, 0)
      .setDepth(DEPTH.screenFx)
      .setBlendMode(Phaser.BlendModes.ADD)
      .setTint(COLORS.ok)
      .setVisible(false);
    this.wash = scene.add.image(0, 0, TEXTURES.pixel).setOrigin(0, 0).setDepth(DEPTH.screenFx).setTint(COLORS.ok).setVisible(false);
  }

  /** Shows a scenario's metrics (or the idle screen for null); rebuilds the graphs. */
  setScenario(scenario: Scenario | null): void {
    if (scenario === this.scenario) return;
    this.scenario = scenario;
    for (const g of this.graphs) g.destroy();
    const count = scenario ? scenario.metrics.length : IDLE_PANELS;
    this.graphs = Array.from({ length: count }, (_, i) => {
      const graph = new MetricGraph(this.scene);
      graph.setMetric(scenario?.metrics[i] ?? null);
      graph.setMotion(this.motion);
      return graph;
    });
    this.heading.setText(scenario ? 'PRODUCTION · LIVE' : 'PRODUCTION');
    const idle = scenario ? (scenario.metrics.length === 0 ? 'No dashboards for this incident' : '') : 'Waiting for the incident';
    this.idle.setText(idle).setVisible(idle !== '');
    this.clock.setText(scenario ? '' : '--:--');
    this.statusText = '';
    this.status.setText('');
    if (this.screen) this.layout(this.screen, this.ui);
  }

  layout(screen: Rect, ui: number): void {
    this.screen = screen;
    this.ui = ui;
    const headerH = Math.round(DASHBOARD_HEADER * ui);
    const pad = Math.round(8 * ui);
    panelHeader(this.header, screen, headerH, 0x0d131c, COLORS.panelEdge);
    applyStyle(this.heading, { size: 9.5 * ui, color: INK.muted, bold: true });
    applyStyle(this.clock, { size: 10.5 * ui, color: INK.normal, mono: true });
    applyStyle(this.idle, { size: 14 * ui, color: INK.normal, background: '#0a0e15', padX: Math.round(14 * ui), padY: Math.round(7 * ui) });
    const textY = screen.y + Math.round((headerH - 12 * ui) / 2);
    this.heading.setPosition(screen.x + pad, textY);
    this.clock.setPosition(screen.x + screen.w - pad, textY - 1);
    this.status.setPosition(this.heading.x + this.heading.width + Math.round(10 * ui), textY);
    this.restyleStatus();
    this.idle.setPosition(screen.x + screen.w / 2, screen.y + headerH + (screen.h - headerH) / 2);

    const rects = graphRects(screen, ui, this.graphs.length);
    this.graphs.forEach((graph, i) => graph.layout(rects[i]!, ui));
    this.sweep.setDisplaySize(Math.round(screen.w * 0.35), screen.h - headerH).setPosition(screen.x, screen.y + headerH);
    this.wash.setDisplaySize(screen.w, screen.h - headerH).setPosition(screen.x, screen.y + headerH);
  }

  /** Brings every graph up to date; each one redraws only if its data changed. */
  update(state: EngineState): void {
    const scenario = this.scenario;
    if (!scenario) return;
    const deploys = deployMarks(scenario.deploys, state.shipped);
    let alerting = 0;
    scenario.metrics.forEach((metric, i) => {
      const samples = state.metrics[metric.id]?.samples ?? [];
      const health = metric.service ? state.services[metric.service] : undefined;
      if (this.graphs[i]?.update({ scenario, samples, now: state.time, health, deploys })) this.dirty = true;
      if (currentLevel(metric, samples.at(-1) ?? metric.baseline, health) === 'alarm') alerting++;
    });
    this.clock.setText(`${scenario.clock.weekday.slice(0, 3).toUpperCase()} ${wallClock(scenario.clock, state.time, false)}`);
    const status = alerting > 0 ? `● ${alerting} ALERTING` : '● ALL NORMAL';
    if (status !== this.statusText) {
      this.statusText = status;
      this.status.setText(status);
      this.restyleStatus();
    }
  }

  /** Whether some graph has new data still to draw (then `tick` needs more frames). */
  get pending(): boolean {
    return this.dirty;
  }

  /**
   * Redraws at most `budget` graphs with new data per frame, round-robin. All six redrawing in one
   * frame costs ~15 ms of main thread on a slow machine; spread out, a new sample costs a frame
   * nothing, but each of those frames is drawn whole, which in software WebGL costs more CPU than
   * the redraws: the world passes a budget of three (two frames a tick for six graphs).
   */
  tick(budget = 1): void {
    if (!this.dirty) return;
    const n = this.graphs.length;
    let drawn = 0;
    for (let k = 0; k < n && drawn < budget; k++) {
      const i = (this.nextGraph + k) % n;
      const graph = this.graphs[i]!;
      if (!graph.dirty) continue;
      graph.flush();
      drawn++;
      this.nextGraph = (i + 1) % n;
    }
    this.dirty = this.graphs.some((g) => g.dirty);
  }

  /** Flashes the frames of metrics whose alarm just went off. */
  flashAlarms(metricIds: readonly string[]): void {
    const metrics = this.scenario?.metrics ?? [];
    for (const id of metricIds) {
      const i = metrics.findIndex((m) => m.id === id);
      if (i >= 0) this.graphs[i]?.flashAlarm(this.motion);
    }
  }

  /** A green band sweeping across the screen: things got better. Without motion, a brief green tint. */
  greenSweep(): void {
    const screen = this.screen;
    if (!screen) return;
    this.sweepTween = stopTween(this.sweepTween);
    this.scene.tweens.killTweensOf(this.wash);
    if (!this.motion) {
      this.wash.setVisible(true).setAlpha(0.1);
      this.scene.tweens.add({ targets: this.wash, alpha: 0, delay: 900, duration: 1, onComplete: () => this.wash.setVisible(false) });
      return;
    }
    const band = this.sweep.displayWidth;
    const frameW = this.sweep.frame.realWidth;
    const left = screen.x;
    const right = screen.x + screen.w;
    const scale = this.sweep.scaleX;
    const progress = { x: left };
    this.sweep.setVisible(true).setAlpha(0.45);
    this.sweepTween = this.scene.tweens.add({
      targets: progress,
      x: right + band,
      duration: 1500,
      ease: 'Sine.easeInOut',
      onUpdate: () => {
        // Crop the band to the screen so it never spills onto the bezel and wall.
        const bandLeft = progress.x - band;
        const from = Math.max(left, bandLeft);
        const to = Math.min(right, progress.x);
        if (to <= from) return void this.sweep.setVisible(false);
        this.sweep.setVisible(true).setX(progress.x);
        this.sweep.setCrop((from - bandLeft) / scale, 0, Math.min(frameW, (to - from) / scale), this.sweep.frame.realHeight);
      },
      onComplete: () => this.sweep.setVisible(false),
    });
  }

  setMotion(motion: boolean): void {
    this.motion = motion;
    for (const g of this.graphs) g.setMotion(motion);
  }

  private restyleStatus(): void {
    const alarm = this.statusText.includes('ALERTING');
    applyStyle(this.status, {
      size: 8.5 * this.ui,
      color: alarm ? '#1a0a0c' : INK.ok,
      bold: true,
      background: alarm ? INK.alarm : undefined,
      padX: alarm ? Math.round(4 * this.ui) : 0,
      padY: alarm ? 1 : 0,
    });
    this.status.setPosition(this.heading.x + this.heading.width + Math.round(10 * this.ui), this.heading.y + (alarm ? -1 : 0));
  }

  destroy(): void {
    this.sweepTween = stopTween(this.sweepTween);
    this.scene.tweens.killTweensOf(this.wash);
    for (const g of this.graphs) g.destroy();
    this.header.destroy();
    this.heading.destroy();
    this.status.destroy();
    this.clock.destroy();
    this.idle.destroy();
    this.sweep.destroy();
    this.wash.destroy();
  }
}
