/**
 * The bench's baseline: Phaser and one empty scene, nothing else. `window.__ready` is the
 * `performance.now()` of the scene's `create()`. `?w=&h=` set the canvas size (default 1280×720).
 */
import Phaser from 'phaser';

const params = new URLSearchParams(location.search);
const width = Number(params.get('w')) || 1280;
const height = Number(params.get('h')) || 720;

class EmptyScene extends Phaser.Scene {
  constructor() {
    super('empty');
  }

  create(): void {
    (window as Window & { __ready?: number }).__ready = performance.now();
  }
}

new Phaser.Game({ type: Phaser.AUTO, parent: 'game', width, height, backgroundColor: '#101418', banner: false, scene: [EmptyScene] });
