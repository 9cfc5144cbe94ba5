/**
 * deck.gl 9.4 packs attributes into shared vertex buffers on WebGPU only
 * (`lib/attribute/attribute-buffer-groups.js`, created by the attribute
 * manager only when `device.type === 'webgpu'`). Its module imports luma.gl's
 * GPGPU package, which the site — WebGL only — never runs but would download
 * and parse before its first frame (about 20 KB gzip), as no bundler can prove
 * the WebGPU branch dead. This plugin puts a module in its place whose class
 * cannot be made: should a WebGL page ever reach it, it says why instead of
 * drawing wrong. `tests/unit/deck-webgl-only.test.ts` holds the attribute
 * manager to still create it only on WebGPU.
 */
import type { Plugin } from 'vite';

/** The module replaced (a path inside `@deck.gl/core`). */
export const WEBGPU_ONLY_MODULE = /[\\/]@deck\.gl[\\/]core[\\/]dist[\\/]lib[\\/]attribute[\\/]attribute-buffer-groups\.js$/;

export const WEBGPU_ONLY_STUB = `export default class AttributeBufferGroups {
  constructor() {
    throw new Error('deck.gl attribute buffer groups (WebGPU) are not in this build: the site draws with WebGL');
  }
}
`;

export function deckWebglOnlyPlugin(): Plugin {
  return {
    name: 'hsr-deck-webgl-only',
    enforce: 'pre',
    load(id) {
      return WEBGPU_ONLY_MODULE.test(id.split('?')[0]!) ? WEBGPU_ONLY_STUB : null;
    },
  };
}
