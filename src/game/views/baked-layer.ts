/** A Graphics drawing baked into a texture, so a detailed picture costs one quad per frame. */
import type Phaser from 'phaser';
import { renderProfile } from '../render-profile';

/**
 * Phaser re-tessellates a Graphics object's whole command list every frame; a 400-point line
 * graph costs milliseconds each time. Baking it into a RenderTexture when the data changes
 * makes the per-frame cost a single textured quad. Drawn at `supersample`× and shown scaled
 * down, since render-texture framebuffers have no multisampling and lines would look jagged.
 */
export class BakedLayer {
  readonly image: Phaser.GameObjects.RenderTexture;
  private readonly pen: Phaser.GameObjects.Graphics;

  private readonly supersample: number;

  constructor(scene: Phaser.Scene, supersample = 2) {
    // A software rasteriser pays per texel sampled: bake one-to-one there (lines are a little less smooth).
    this.supersample = renderProfile.software ? 1 : supersample;
    this.pen = scene.make.graphics({}, false);
    this.image = scene.add.renderTexture(0, 0, 2, 2).setOrigin(0, 0);
  }

  /** Clears and redraws the layer to cover (x, y, w, h); `draw` works in CSS pixels relative to (x, y). */
  redraw(x: number, y: number, w: number, h: number, draw: (pen: Phaser.GameObjects.Graphics) => void): void {
    const s = this.supersample;
    // Even sizes: resize() rounds odd ones up, and a mismatch would recreate the framebuffer every time.
    const tw = Math.max(2, Math.ceil((w * s) / 2) * 2);
    const th = Math.max(2, Math.ceil((h * s) / 2) * 2);
    this.image.setPosition(Math.round(x), Math.round(y));
    if (this.image.width !== tw || this.image.height !== th) this.image.resize(tw, th);
    this.image.setScale(1 / s);
    this.pen.clear();
    this.pen.setScale(s);
    draw(this.pen);
    this.image.clear();
    this.image.draw(this.pen);
    this.image.render();
  }

  setDepth(depth: number): this {
    this.image.setDepth(depth);
    return this;
  }

  destroy(): void {
    this.pen.destroy();
    this.image.destroy();
  }
}
