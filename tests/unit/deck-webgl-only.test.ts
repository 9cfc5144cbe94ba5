/**
 * The build leaves out deck.gl's WebGPU-only attribute packing
 * (scripts/deck-webgl-only-plugin.ts). That is safe only while deck.gl makes
 * it on WebGPU alone: these checks read the installed deck.gl, so an upgrade
 * that uses it on WebGL, or moves it, fails here rather than on a map.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deckWebglOnlyPlugin, WEBGPU_ONLY_MODULE, WEBGPU_ONLY_STUB } from '../../scripts/deck-webgl-only-plugin.ts';

const CORE = 'node_modules/@deck.gl/core/dist';
const MODULE = join(CORE, 'lib/attribute/attribute-buffer-groups.js');

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsFiles(path) : name.endsWith('.js') && !name.startsWith('dist') ? [path] : [];
  });
}

describe('deck.gl without its WebGPU attribute packing', () => {
  it('replaces the module deck.gl has, and nothing else', () => {
    expect(statSync(MODULE).isFile()).toBe(true);
    expect(WEBGPU_ONLY_MODULE.test(`/work/x/node_modules/@deck.gl/core/dist/lib/attribute/attribute-buffer-groups.js`)).toBe(true);
    const load = deckWebglOnlyPlugin().load as (id: string) => string | null;
    expect(load(`/x/${MODULE}?v=1`)).toBe(WEBGPU_ONLY_STUB);
    expect(load(`/x/${join(CORE, 'lib/attribute/attribute-manager.js')}`)).toBeNull();
    // It is what pulls luma.gl's GPGPU package in.
    expect(readFileSync(MODULE, 'utf8')).toMatch(/from '@luma\.gl\/gpgpu'/);
  });

  it('holds deck.gl to make it only on a WebGPU device, and only in the attribute manager', () => {
    const importers = jsFiles(join(CORE, 'lib'))
      .filter((f) => f !== MODULE && readFileSync(f, 'utf8').includes('attribute-buffer-groups'))
      .map((f) => f.slice(CORE.length + 1));
    expect(importers).toEqual(['lib/attribute/attribute-manager.js']);
    const manager = readFileSync(join(CORE, 'lib/attribute/attribute-manager.js'), 'utf8');
    const constructions = manager.match(/new AttributeBufferGroups\(/g) ?? [];
    expect(constructions).toHaveLength(1);
    expect(manager).toMatch(/device\.type === 'webgpu'\s*\?\s*new AttributeBufferGroups\(/);
  });

  it('says why, should a page ever make one', async () => {
    const url = `data:text/javascript,${encodeURIComponent(WEBGPU_ONLY_STUB)}`;
    const { default: Stub } = (await import(/* @vite-ignore */ url)) as { default: new () => unknown };
    expect(() => new Stub()).toThrow(/WebGPU.*WebGL/);
  });
});
