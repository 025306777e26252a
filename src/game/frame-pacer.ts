/**
 * Keeps Phaser's loop asleep while nothing in the world changes. Without a GPU every drawn frame
 * costs milliseconds of CPU in the renderer and GPU processes even when it shows the same picture,
 * so the world draws a frame only when it is asked to (new data, a resize, a motion setting), keeps
 * drawing while an effect runs (a flash, a sweep, a shake), and draws ambient loops (the alarm
 * pulse, a blinking LED, traffic dots) at a low rate of their own, sleeping in between.
 */
import type Phaser from 'phaser';

/** Wakes and sleeps a game loop. */
export class FramePacer {
  private frameRequest = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  /** `ambientMs`: the time between two frames while only ambient loops move. */
  constructor(
    private readonly loop: Phaser.Core.TimeStep,
    private readonly ambientMs: number,
  ) {}

  /** Whether the loop is running (drawing frames) now. */
  get awake(): boolean {
    return this.loop.running;
  }

  /** Draws a frame on the next animation frame, and keeps drawing until `settle` lets the loop sleep. */
  wake(): void {
    if (this.disposed || this.frameRequest) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.loop.running) return;
    // From an animation frame, so a burst of store updates costs one frame, drawn when the page draws.
    this.frameRequest = requestAnimationFrame(() => {
      this.frameRequest = 0;
      if (!this.disposed) this.loop.wake();
    });
  }

  /**
   * Called after every drawn frame: stays awake while `busy`; otherwise sleeps, and if `ambient`
   * loops are running, wakes again for their next frame after `ambientMs`.
   */
  settle(busy: boolean, ambient: boolean): void {
    if (this.disposed || busy) return;
    this.loop.sleep();
    if (ambient && this.timer === undefined)
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.wake();
      }, this.ambientMs);
  }

  /** Stops pacing and leaves the loop running (Phaser tears a game down on its next step). */
  dispose(): void {
    this.disposed = true;
    if (this.frameRequest) cancelAnimationFrame(this.frameRequest);
    this.frameRequest = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.loop.wake();
  }
}
