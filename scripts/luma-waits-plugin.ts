/**
 * luma.gl without two waits for the GPU that the map does not need.
 *
 * Asking WebGL about a program (is it linked, what are its attributes) is a
 * round trip: the page's main thread stops until the GPU process has run
 * every command queued before it. On the map's first frame the queue holds
 * MapLibre's draws, so each question costs whatever those draws cost (up to
 * 200 ms on software WebGL). Two of luma.gl 9.4's questions only repeat what
 * is already known:
 *
 * - **The program's layout, read again at its first draw.** deck.gl makes a
 *   model's pipeline when the layer starts, then draws it with other blend and
 *   depth settings; on WebGL those are set per draw, but luma.gl caches
 *   pipelines by them, so the first draw (and the first pick) makes a second
 *   pipeline object on the same linked program and reads its attributes,
 *   uniforms and blocks from the GPU again, in the middle of MapLibre's frame.
 *   The layout depends only on the program and on two props (plain data, which
 *   luma.gl's pipeline cache itself compares as JSON), so it is kept on the
 *   shared program under that JSON and read once per program, however many
 *   models draw with it (the clusters' layers have several) and with
 *   whatever settings.
 * - **`validateProgram` after each link.** It checks the program against the
 *   GL state of that moment, which is not the state it will be drawn with: a
 *   debugging aid, and one more round trip. The link status is still checked.
 *
 * Each patch names the exact text it replaces: a luma.gl upgrade that changes
 * it fails the build here, and `tests/unit/luma-waits.test.ts` reads the
 * installed files. `tests/browser/first-load.test.ts` counts the questions a
 * first frame and a pick ask.
 */
import type { Plugin } from 'vite';
import MagicString from 'magic-string';

export interface SourcePatch {
  /** What the patch is for, in a build error. */
  why: string;
  /** The module patched (its path inside node_modules). */
  module: RegExp;
  find: string;
  replace: string;
}

export const LUMA_PATCHES: readonly SourcePatch[] = [
  {
    why: 'read a program’s layout once per program',
    module: /[\\/]@luma\.gl[\\/]webgl[\\/]dist[\\/]adapter[\\/]resources[\\/]webgl-render-pipeline\.js$/,
    find: `this.introspectedLayout = getShaderLayoutFromGLSL(this.device.gl, this.handle, {
            uniformBlockLayouts: props._uniformBlockLayouts,
            shaderLayout: props.shaderLayout
        });`,
    // Keyed as luma.gl's own pipeline cache keys these two props (their JSON): models of one layer type share it.
    replace: `const layoutKey = JSON.stringify([props._uniformBlockLayouts, props.shaderLayout]);
        const knownLayouts = (webglSharedRenderPipeline.hsrLayouts ??= new Map());
        this.introspectedLayout = knownLayouts.get(layoutKey) || getShaderLayoutFromGLSL(this.device.gl, this.handle, {
            uniformBlockLayouts: props._uniformBlockLayouts,
            shaderLayout: props.shaderLayout
        });
        knownLayouts.set(layoutKey, this.introspectedLayout);`,
  },
  {
    why: 'link without validateProgram',
    module: /[\\/]@luma\.gl[\\/]webgl[\\/]dist[\\/]adapter[\\/]resources[\\/]webgl-shared-render-pipeline\.js$/,
    find: `gl.validateProgram(this.handle);
        const validated = gl.getProgramParameter(this.handle, 35715);`,
    replace: `const validated = true;`,
  },
];

/** `code` with the patches for `file` applied (and its source map); null when none is for it. Throws when a patch's text is not there exactly once. */
export function patchModule(code: string, file: string, patches: readonly SourcePatch[] = LUMA_PATCHES): { code: string; map: ReturnType<MagicString['generateMap']> } | null {
  const mine = patches.filter((p) => p.module.test(file));
  if (mine.length === 0) return null;
  const s = new MagicString(code);
  for (const p of mine) {
    const at = code.indexOf(p.find);
    if (at < 0 || code.indexOf(p.find, at + 1) >= 0) {
      throw new Error(`luma.gl patch “${p.why}”: ${file} does not contain its text exactly once (was luma.gl upgraded? see scripts/luma-waits-plugin.ts)`);
    }
    s.overwrite(at, at + p.find.length, p.replace);
  }
  return { code: s.toString(), map: s.generateMap({ source: file, hires: true }) };
}

/** `code` with the patches for `file` applied; null when none is for it. */
export function applyPatches(code: string, file: string, patches: readonly SourcePatch[] = LUMA_PATCHES): string | null {
  return patchModule(code, file, patches)?.code ?? null;
}

/**
 * The build's transform. (`vite dev` pre-bundles luma.gl, unpatched: the
 * development server pays the waits, the built site does not.)
 */
export function lumaWaitsPlugin(): Plugin {
  return {
    name: 'hsr-luma-waits',
    enforce: 'pre',
    transform(code, id) {
      return patchModule(code, id.split('?')[0]!);
    },
  };
}
