/** Tween helpers: stopping a tween that may already have finished (Phaser destroys finished tweens). */
import type Phaser from 'phaser';

/** Stops a tween if it is still alive; always returns null so callers can clear their reference. */
export function stopTween(tween: Phaser.Tweens.BaseTween | null | undefined): null {
  if (tween && !tween.isDestroyed()) tween.stop();
  return null;
}
