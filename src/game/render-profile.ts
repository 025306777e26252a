/**
 * Whether WebGL is rasterised in software (SwiftShader, llvmpipe, Microsoft Basic Render…), as on
 * machines without a GPU: VMs, remote desktops, old laptops, headless test browsers. There every
 * textured pixel costs CPU time in the GPU process, so the world draws fewer frames, without
 * multisampling, bakes its layers one-to-one and samples them without filtering. Decided once per page, before the first world is made.
 */

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;

let detected: boolean | null = null;

/** Reads the unmasked renderer string from a throwaway WebGL context; true if it names a software rasteriser. */
export function softwareWebGL(): boolean {
  if (detected !== null) return detected;
  detected = false;
  try {
    const probe = document.createElement('canvas');
    const gl = (probe.getContext('webgl') ?? probe.getContext('experimental-webgl')) as WebGLRenderingContext | null;
    if (!gl) return detected;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    detected = SOFTWARE.test(name);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    detected = false;
  }
  return detected;
}

/** What the views adapt to the renderer (set by mountWorld before the game boots). */
export const renderProfile = { software: false };
