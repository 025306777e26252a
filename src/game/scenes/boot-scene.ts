/** Boot scene: generates the world's few textures in code (no image files), then starts the world. */
import Phaser from 'phaser';
import { TEXTURES } from '../assets';

/** The boot scene's key. */
export const BOOT_SCENE = 'boot';

/** Makes every texture in TEXTURES once per game, then hands over to the world scene. */
export class BootScene extends Phaser.Scene {
  constructor(private readonly next: string) {
    super(BOOT_SCENE);
  }

  create(): void {
    // Canvas textures, not Graphics.generateTexture: the latter draws through the Canvas API
    // without gradients, and every texture here is a gradient.
    this.canvasTexture(TEXTURES.glow, 128, 128, (ctx, w, h) => {
      const g = ctx.createRadialGradient(w / 2, h / 2, 0, w / 2, h / 2, w / 2);
      g.addColorStop(0, 'rgba(255,255,255,1)');
      g.addColorStop(0.25, 'rgba(255,255,255,0.55)');
      g.addColorStop(0.6, 'rgba(255,255,255,0.14)');
      g.addColorStop(1, 'rgba(255,255,255,0)');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, w, h);
    });
    this.canvasTexture(TEXTURES.sweep, 128, 4, (ctx, w, h) => {
      const g = ctx.createLinearGradient(0, 0, w, 0);
      g.addColorStop(0, 'rgba(255,255,255,0)');
      g.addColorStop(0.8, 'rgba(255,255,255,0.7)');
      g.addColorStop(0.95, 'rgba(255,255,255,1)');
      g.addColorStop(1, 'rgba(255,255,255,0)');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, w, h);
    });
    this.canvasTexture(TEXTURES.ecg, 96, 32, (ctx, w, h) => {
      const mid = h * 0.62;
      const beat: [number, number][] = [
        [0, 0],
        [0.3, 0],
        [0.34, -0.08],
        [0.38, 0],
        [0.44, 0],
        [0.47, 0.12],
        [0.5, -0.85],
        [0.53, 0.3],
        [0.56, 0],
        [0.66, 0],
        [0.72, -0.16],
        [0.78, 0],
        [1, 0],
      ];
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 1.6;
      ctx.lineJoin = 'round';
      ctx.beginPath();
      beat.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x * w, mid + y * h * 0.55) : ctx.lineTo(x * w, mid + y * h * 0.55)));
      ctx.stroke();
    });
    this.canvasTexture(TEXTURES.pixel, 4, 4, (ctx, w, h) => {
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, w, h);
    });
    this.scene.start(this.next);
  }

  private canvasTexture(key: string, w: number, h: number, paint: (ctx: CanvasRenderingContext2D, w: number, h: number) => void): void {
    if (this.textures.exists(key)) return;
    const texture = this.textures.createCanvas(key, w, h);
    if (!texture) return;
    paint(texture.getContext(), w, h);
    texture.refresh();
    // These are drawn scaled, so they keep linear filtering even where the game default is nearest.
    texture.setFilter(Phaser.Textures.FilterMode.LINEAR);
  }
}
