/**
 * The world scene: builds the room, the dashboards, the service map, the composure meter and the
 * pager, and keeps them in step with the store. It only reads the store; heavy drawing happens
 * when the data changes. A frame is drawn only when something changed: a store update that alters
 * what the world shows, a resize, an effect running; ambient loops move at a low rate of their own,
 * and in between Phaser's loop sleeps (see FramePacer).
 */
import Phaser from 'phaser';
import { hourOfDay, wallClock, type EngineState, type TimelineEvent } from '../../engine';
import type { Scenario } from '../../format';
import { composure, severity, type GameStore } from '../../store';
import { FramePacer } from '../frame-pacer';
import { computeLayout, type WorldLayout } from '../layout';
import { describeWorld } from '../model/describe-world';
import { reactionsTo, isQuiet, type Reactions } from '../model/reactions';
import { worldKey } from '../model/world-key';
import type { MotionPreference } from '../motion';
import { COLORS } from '../palette';
import { AlarmOverlay } from '../views/alarm-overlay';
import { Ambience } from '../views/ambience';
import { ComposureMeter } from '../views/composure-meter';
import { Dashboard } from '../views/dashboard';
import { Pager } from '../views/pager';
import { ServiceMap } from '../views/service-map';
import { runsAmbient, runsEffects } from '../views/tweens';

/** The world scene's key. */
export const WORLD_SCENE = 'world';

/** The hour the idle room is lit for: the flagship's late afternoon. */
const IDLE_HOUR = 15.9;
/** Graphs redrawn per frame when new samples arrive: each extra frame a tick costs more than a redraw. */
const GRAPHS_PER_FRAME = 3;
/** Events kept for the next frame's animations; a stalled tab must not hoard an unbounded backlog. */
const MAX_PENDING_EVENTS = 500;

/** What the world scene is given: the store it reads, the motion preference, where to send its description. */
export interface WorldDeps {
  store: GameStore;
  motion: MotionPreference;
  /** Receives the canvas's accessible description whenever it changes (at most once per world tick). */
  onDescribe: (text: string) => void;
  /** Frames a second for ambient loops (the alarm pulse, traffic dots) while nothing else moves. */
  ambientFps: number;
}

interface Views {
  ambience: Ambience;
  dashboard: Dashboard;
  map: ServiceMap;
  meter: ComposureMeter;
  pager: Pager;
  overlay: AlarmOverlay;
}

/** The incident world: views kept in step with the store. */
export class WorldScene extends Phaser.Scene {
  private views: Views | null = null;
  private unsubscribe: (() => void) | null = null;
  private dirty = true;
  private motion = true;
  /** undefined until the first sync, so the idle screen (null) is drawn too. */
  private scenario: Scenario | null | undefined = undefined;
  private state: EngineState | null = null;
  /** Events from store updates since the last frame: several updates can land between two frames. */
  private pending: TimelineEvent[] = [];
  private describedKey = '';
  private pacer: FramePacer | null = null;
  /** The world key of the last store update that asked for a frame. */
  private shownKey = '';
  /** Counts scenarios seen, so a new one always changes the key. */
  private scenarioGeneration = 0;
  private keyScenario: Scenario | null = null;
  /** Composure and severity of `shown.state`, so a sync does not score the same state twice. */
  private shown: { state: EngineState | null; calm: number; severity: number } = { state: null, calm: 100, severity: 0 };

  constructor(private readonly deps: WorldDeps) {
    super(WORLD_SCENE);
  }

  create(): void {
    this.motion = !this.deps.motion.reduced;
    const views: Views = {
      ambience: new Ambience(this),
      dashboard: new Dashboard(this),
      map: new ServiceMap(this),
      meter: new ComposureMeter(this),
      pager: new Pager(this),
      overlay: new AlarmOverlay(this),
    };
    this.views = views;
    this.applyMotion();
    this.layoutAll(computeLayout(this.scale.width, this.scale.height));
    this.scale.on(Phaser.Scale.Events.RESIZE, this.onResize, this);

    this.pacer = new FramePacer(this.game.loop, 1000 / this.deps.ambientFps);
    this.game.events.on(Phaser.Core.Events.POST_RENDER, this.afterFrame, this);

    // Whatever batch is in the store at mount has already happened; only animate what comes after.
    // Store updates arrive up to ten times a second, most of them moving only the game clock's
    // seconds, which the world does not show: only one that changes what it shows asks for a frame.
    this.unsubscribe = this.deps.store.subscribe((next, prev) => {
      let react = false;
      if (next.recent.serial !== prev.recent.serial) {
        for (const e of next.recent.events) this.pending.push(e);
        if (this.pending.length > MAX_PENDING_EVENTS) this.pending.splice(0, this.pending.length - MAX_PENDING_EVENTS);
        react = !isQuiet(reactionsTo(next.recent.events));
      }
      if (next.run === prev.run && !react) return;
      const key = this.keyOf(next.run);
      if (key === this.shownKey && !react) return;
      this.shownKey = key;
      this.wake();
    });
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, this.detach, this);
    this.events.once(Phaser.Scenes.Events.DESTROY, this.detach, this);
    this.shownKey = this.keyOf(this.deps.store.getState().run);
    this.sync();
  }

  /** Something the world shows changed (the store, its size, the motion setting): draw it. */
  wake(): void {
    this.dirty = true;
    this.pacer?.wake();
  }

  private keyOf(run: ReturnType<GameStore['getState']>['run']): string {
    if (!run) return 'idle';
    const { calm, severity } = this.measure(run.scenario, run.state);
    if (run.scenario !== this.keyScenario) {
      this.keyScenario = run.scenario;
      this.scenarioGeneration++;
    }
    return `${this.scenarioGeneration}|${worldKey(run.scenario, run.state, calm, severity)}`;
  }

  private measure(scenario: Scenario, state: EngineState): { calm: number; severity: number } {
    if (this.shown.state !== state) this.shown = { state, calm: composure(scenario, state), severity: severity(state) };
    return this.shown;
  }

  /** After each drawn frame: keep drawing while something moves, else let the loop sleep. */
  private afterFrame(): void {
    const v = this.views;
    if (!v || !this.pacer) return;
    const busy =
      this.dirty ||
      v.dashboard.pending ||
      runsEffects(this.tweens) ||
      this.cameras.main.shakeEffect.isRunning ||
      this.deps.motion.reduced === this.motion;
    const ambient = this.motion && (v.map.moving || v.meter.moving || runsAmbient(this.tweens));
    this.pacer.settle(busy, ambient);
  }

  override update(_time: number, delta: number): void {
    const views = this.views;
    if (!views) return;
    if (this.deps.motion.reduced === this.motion) {
      this.motion = !this.deps.motion.reduced;
      this.applyMotion();
    }
    // Store updates that change the picture are folded into at most one sync per frame.
    if (this.dirty) this.sync();
    views.dashboard.tick(GRAPHS_PER_FRAME);
    views.map.tick(delta);
    views.meter.tick(delta);
  }

  /** Stops listening to the store and the scale manager; safe to call more than once. */
  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.game?.events.off(Phaser.Core.Events.POST_RENDER, this.afterFrame, this);
    this.pacer?.dispose();
    this.pacer = null;
    this.scale?.off(Phaser.Scale.Events.RESIZE, this.onResize, this);
    if (this.views) {
      for (const v of Object.values(this.views)) v.destroy();
      this.views = null;
    }
  }

  private onResize(size: Phaser.Structs.Size): void {
    this.cameras.resize(size.width, size.height);
    this.layoutAll(computeLayout(size.width, size.height));
  }

  private layoutAll(L: WorldLayout): void {
    const v = this.views;
    if (!v) return;
    v.ambience.layout(L);
    v.dashboard.layout(L.dashboard, L.ui);
    v.map.layout(L.map, L.ui);
    v.meter.layout(L.composure, L.ui);
    v.pager.layout(L.pager, L.ui);
    v.overlay.layout(L);
    // Views drop their drawn state on layout; feed them the current data again.
    this.state = null;
    this.wake();
  }

  private applyMotion(): void {
    const v = this.views;
    if (!v) return;
    v.dashboard.setMotion(this.motion);
    v.map.setMotion(this.motion);
    v.meter.setMotion(this.motion);
    v.pager.setMotion(this.motion);
    v.overlay.setMotion(this.motion);
  }

  private sync(): void {
    const v = this.views;
    if (!v) return;
    this.dirty = false;
    const { run } = this.deps.store.getState();
    const scenario = run?.scenario ?? null;
    if (scenario !== this.scenario) {
      this.scenario = scenario;
      this.state = null;
      v.dashboard.setScenario(scenario);
      v.map.setScenario(scenario);
      v.meter.setValue(null);
      v.overlay.setEnding(null);
      v.ambience.setRelief(false);
      v.pager.setDown([], '');
    }

    if (!run) {
      v.ambience.setHour(IDLE_HOUR);
      v.ambience.setSeverity(0);
      v.overlay.setSeverity(0);
      this.describe('idle', null, null, null);
      this.pending = [];
      return;
    }

    const state = run.state;
    if (state !== this.state) {
      this.state = state;
      const { severity: sev, calm } = this.measure(run.scenario, state);
      v.dashboard.update(state);
      v.map.update(state.services);
      v.ambience.setHour(hourOfDay(run.scenario.clock, state.time));
      v.ambience.setSeverity(sev);
      v.overlay.setSeverity(sev);
      v.overlay.setEnding(state.ending?.kind ?? null);
      v.ambience.setRelief(state.ending?.kind === 'resolved');
      const down = Object.keys(state.services).filter((id) => state.services[id] === 'down');
      v.pager.setDown(down, wallClock(run.scenario.clock, state.time, false));
      v.meter.setValue(calm);
      const worldTick = Math.floor(state.time / run.scenario.clock.tickSeconds);
      this.describe(`${worldTick}|${state.ending?.id ?? ''}`, run.scenario, state, calm);
    }

    if (this.pending.length > 0) {
      const events = this.pending;
      this.pending = [];
      this.react(reactionsTo(events), run.scenario, state);
    }
  }

  private describe(key: string, scenario: Scenario | null, state: EngineState | null, calm: number | null): void {
    if (key === this.describedKey) return;
    this.describedKey = key;
    this.deps.onDescribe(describeWorld(scenario, state, calm));
  }

  private react(r: Reactions, scenario: Scenario, state: EngineState): void {
    const v = this.views;
    if (!v) return;
    if (r.messagePulse > 0) v.ambience.pulseMonitor(r.messagePulse as 1 | 2, this.motion);
    if (r.alarmsOn.length > 0) v.dashboard.flashAlarms(r.alarmsOn);
    if (r.misstep) {
      v.overlay.flash(COLORS.alarm, 0.2);
      if (this.motion) this.cameras.main.shake(180, 0.0035);
    }
    if (r.relapse) v.overlay.flash(COLORS.alarm, 0.45);
    if (r.page) v.pager.page(r.page.what, r.page.event, wallClock(scenario.clock, state.time, false));
    if (r.recovery && !r.relapse) v.dashboard.greenSweep();
  }
}
