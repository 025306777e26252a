/**
 * Mounts the Phaser world of the incident screen (the war room, live dashboards, service map,
 * alarms, composure and pager) into a DOM element. Phaser is loaded here on demand, so it stays
 * out of the first screen's chunk; nothing in this file imports it statically.
 */
import type { GameStore } from '../store';
import { computeLayout } from './layout';
import { COLORS, css } from './palette';
import { renderProfile, softwareWebGL } from './render-profile';
import { worldTargetAt, type WorldTarget } from './world-targets';

/** The world's frame-rate cap when WebGL is rasterised in software. */
const SOFTWARE_FPS = 20;
/** Frames a second for ambient loops (alarm pulse, blinking LED, traffic dots) while nothing else moves. */
const AMBIENT_FPS = 30;
/** The same in software: each frame there costs milliseconds of CPU whatever it shows. */
const SOFTWARE_AMBIENT_FPS = 6;

/** What mountWorld returns: call destroy() when the incident screen goes away. */
export interface WorldHandle {
  destroy(): void;
}

/** What the page may ask of the world: `onOpen` hears clicks on a graph, the service map or the pager. */
export interface WorldOptions {
  onOpen?: (target: WorldTarget) => void;
}

/**
 * Creates the world inside `parent` (it fills the element and follows its size) and keeps it in
 * step with `store`, which it only reads. Resolves once Phaser has booted into `parent`.
 */
export async function mountWorld(parent: HTMLElement, store: GameStore, options: WorldOptions = {}): Promise<WorldHandle> {
  const [{ default: Phaser }, { BootScene }, { WorldScene, WORLD_SCENE }, { watchMotionPreference }] = await Promise.all([
    import('phaser'),
    import('./scenes/boot-scene'),
    import('./scenes/world-scene'),
    import('./motion'),
  ]);

  let onMotionChange = () => {};
  const motion = watchMotionPreference(() => onMotionChange());
  let canvas: HTMLCanvasElement | null = null;
  let description = 'Dashboards: loading.';
  const describe = (text: string) => {
    description = text;
    if (canvas && canvas.getAttribute('aria-label') !== text) canvas.setAttribute('aria-label', text);
  };
  // Without a GPU every drawn frame costs milliseconds of CPU: draw at most SOFTWARE_FPS frames a
  // second, without multisampling (its resolve alone cost ~8 ms a frame in SwiftShader), and sample
  // textures unfiltered: baked layers are one-to-one there, and the scaled ones opt back into linear.
  const software = softwareWebGL();
  renderProfile.software = software;
  // The DOM panels drop their looping CSS animations too (styles.css): while one runs, such a
  // browser composites the whole window every frame and misses frames.
  document.documentElement.toggleAttribute('data-software-rendering', software);
  const world = new WorldScene({ store, motion, onDescribe: describe, ambientFps: software ? SOFTWARE_AMBIENT_FPS : AMBIENT_FPS });
  onMotionChange = () => world.wake();

  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: css(COLORS.wall),
    banner: false,
    // Sound is howler's job; the world must never steal focus or keys from the DOM panels.
    audio: { noAudio: true },
    autoFocus: false,
    input: { keyboard: false, mouse: false, touch: false, gamepad: false },
    scale: { mode: Phaser.Scale.RESIZE, parent, width: '100%', height: '100%' },
    render: { roundPixels: true, antialias: !software, antialiasGL: !software, powerPreference: 'high-performance' },
    // Deltas unsmoothed: the loop sleeps between changes, and tweens must see the real time that passed.
    fps: software ? { limit: SOFTWARE_FPS, smoothStep: false } : { smoothStep: false },
    scene: [new BootScene(WORLD_SCENE), world],
  });

  await new Promise<void>((resolve) => {
    if (game.isBooted) resolve();
    else game.events.once(Phaser.Core.Events.READY, () => resolve());
  });

  canvas = game.canvas;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', description);
  canvas.style.display = 'block';
  // The loop sleeps while nothing changes, so Phaser no longer polls the parent's size: tell it.
  const resized = new ResizeObserver(() => {
    game.scale.dirty = true;
    world.wake();
  });
  resized.observe(parent);
  const stopClicks = options.onOpen ? listenForTargets(canvas, store, options.onOpen) : () => {};

  let destroyed = false;
  return {
    destroy() {
      if (destroyed) return;
      destroyed = true;
      // Unsubscribe now: Phaser tears the game down on its next step, which a hidden tab may delay.
      resized.disconnect();
      stopClicks();
      world.detach();
      motion.dispose();
      game.destroy(true);
    },
  };
}

/**
 * Clicks on the canvas open what is under them, found from the same layout the scene draws with;
 * DOM listeners, since Phaser's input stays off so the world never takes keys or focus.
 */
function listenForTargets(canvas: HTMLCanvasElement, store: GameStore, onOpen: (target: WorldTarget) => void): () => void {
  const targetAt = (event: MouseEvent) => {
    const box = canvas.getBoundingClientRect();
    const graphs = store.getState().run?.scenario.metrics.length ?? 0;
    return worldTargetAt(computeLayout(box.width, box.height), event.clientX - box.left, event.clientY - box.top, graphs);
  };
  const onClick = (event: MouseEvent) => {
    const target = targetAt(event);
    if (target) onOpen(target);
  };
  const onMove = (event: PointerEvent) => {
    const cursor = targetAt(event) ? 'zoom-in' : '';
    if (canvas.style.cursor !== cursor) canvas.style.cursor = cursor;
  };
  canvas.addEventListener('click', onClick);
  canvas.addEventListener('pointermove', onMove);
  return () => {
    canvas.removeEventListener('click', onClick);
    canvas.removeEventListener('pointermove', onMove);
  };
}
