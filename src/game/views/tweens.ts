/**
 * Tween helpers: stopping a tween that may already have finished (Phaser destroys finished tweens),
 * and telling the world's ambient loops (a breathing glow, a blinking LED, the alarm pulse) from
 * one-off effects, so the frame pacer can draw the loops at a low rate and the effects smoothly.
 */
import type Phaser from 'phaser';

const ambient = new WeakSet<Phaser.Tweens.BaseTween>();

/** Stops a tween if it is still alive; always returns null so callers can clear their reference. */
export function stopTween(tween: Phaser.Tweens.BaseTween | null | undefined): null {
  if (tween && !tween.isDestroyed()) tween.stop();
  return null;
}

/**
 * Adds a tween that may run for a long time (a loop, a slow count): the world draws it at its
 * ambient rate, a few frames a second, instead of keeping the loop awake for it.
 */
export function addAmbientTween(scene: Phaser.Scene, config: Phaser.Types.Tweens.TweenBuilderConfig): Phaser.Tweens.Tween {
  const tween = scene.tweens.add(config);
  ambient.add(tween);
  return tween;
}

/** Whether `tweens` runs anything but ambient tweens (then the world draws every frame until it ends). */
export function runsEffects(tweens: Phaser.Tweens.TweenManager): boolean {
  return tweens.getTweens().some((t) => !ambient.has(t) && !t.isDestroyed());
}

/** Whether `tweens` runs any ambient tween. */
export function runsAmbient(tweens: Phaser.Tweens.TweenManager): boolean {
  return tweens.getTweens().some((t) => ambient.has(t) && !t.isDestroyed());
}
