/**
 * The build patches two places of luma.gl where the map would wait for the GPU
 * for nothing (scripts/luma-waits-plugin.ts). These checks read the installed
 * luma.gl: each patch finds its text exactly once and leaves a module that
 * parses, and what the first patch relies on still holds (a layout is read
 * from the program and the model's props, and nothing changes it once made).
 * That the map then asks less of the GPU: `tests/browser/first-load.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'acorn';
import { applyPatches, LUMA_PATCHES, lumaWaitsPlugin } from '../../scripts/luma-waits-plugin.ts';

const RESOURCES = 'node_modules/@luma.gl/webgl/dist/adapter/resources';
const PIPELINE = `${RESOURCES}/webgl-render-pipeline.js`;
const SHARED = `${RESOURCES}/webgl-shared-render-pipeline.js`;
const INTROSPECTION = 'node_modules/@luma.gl/webgl/dist/adapter/helpers/get-shader-layout-from-glsl.js';

const parses = (code: string) => parse(code, { ecmaVersion: 'latest', sourceType: 'module' });

describe('luma.gl without waits the map does not need', () => {
  it('patches the two installed modules, each text once, and they still parse', () => {
    const files = [PIPELINE, SHARED];
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      const out = applyPatches(code, `/x/${file}`);
      expect(out, file).not.toBeNull();
      expect(out).not.toBe(code);
      expect(() => parses(out!)).not.toThrow();
    }
    // Every patch is for one of them.
    expect(LUMA_PATCHES.map((p) => files.filter((f) => p.module.test(`/x/${f}`)).length)).toEqual([1, 1]);
    // The plugin applies them (with a query string, as Vite passes ids).
    const transform = lumaWaitsPlugin().transform as (code: string, id: string) => { code: string } | null;
    expect(transform(readFileSync(SHARED, 'utf8'), `/x/${SHARED}?v=1`)?.code).not.toContain('validateProgram');
    expect(transform(readFileSync(INTROSPECTION, 'utf8'), `/x/${INTROSPECTION}`)).toBeNull();
  });

  it('fails the build, saying which patch, when luma.gl no longer has the text', () => {
    const code = readFileSync(SHARED, 'utf8').replace('gl.validateProgram(this.handle);', 'gl.validateProgram(this.handle, 0);');
    expect(() => applyPatches(code, `/x/${SHARED}`)).toThrow(/validateProgram.*exactly once/);
    const twice = readFileSync(SHARED, 'utf8') + '\n' + LUMA_PATCHES[1]!.find;
    expect(() => applyPatches(twice, `/x/${SHARED}`)).toThrow(/exactly once/);
  });

  it('links without validating and still checks the link', () => {
    const out = applyPatches(readFileSync(SHARED, 'utf8'), `/x/${SHARED}`)!;
    expect(out).not.toMatch(/validateProgram|35715/);
    // LINK_STATUS (35714) is still read and a failed link still reported.
    expect(out).toMatch(/getProgramParameter\(this\.handle, 35714\)/);
    expect(out).toMatch(/return 'link-error'/);
  });

  it('reads a layout from the GPU once per program and props, and nothing changes it once read', () => {
    const code = readFileSync(PIPELINE, 'utf8');
    const out = applyPatches(code, `/x/${PIPELINE}`)!;
    // Read once, then reused for the same shared program and the same two props (compared as objects).
    expect(out.match(/getShaderLayoutFromGLSL\(/g)).toHaveLength(code.match(/getShaderLayoutFromGLSL\(/g)!.length);
    expect(out).toMatch(/knownLayouts\.get\(layoutKey\) \|\| getShaderLayoutFromGLSL/);
    // Keyed by the two props' JSON, as luma.gl's own cache of pipelines compares them (so the same key means the same layout).
    expect(out).toMatch(/layoutKey = JSON\.stringify\(\[props\._uniformBlockLayouts, props\.shaderLayout\]\)/);
    const factory = readFileSync('node_modules/@luma.gl/core/dist/factories/pipeline-factory.js', 'utf8');
    expect(factory).toMatch(/this\._getHash\(JSON\.stringify\(props\.shaderLayout\)\)/);
    expect(factory).toMatch(/this\._getHash\(JSON\.stringify\(props\._uniformBlockLayouts\)\)/);
    // The layout depends on nothing but the program and these two props: the call passes no other input.
    const call = /getShaderLayoutFromGLSL\(this\.device\.gl, this\.handle, \{\s*uniformBlockLayouts: props\._uniformBlockLayouts,\s*shaderLayout: props\.shaderLayout\s*\}\)/;
    expect(out).toMatch(call);
    // Nothing writes into a layout once made: the wrapper merges overrides into a copy,
    const merge = code.slice(code.indexOf('function mergeShaderLayout'));
    expect(merge).toMatch(/attributes: baseLayout\.attributes\.map\(attribute => \(\{ \.\.\.attribute \}\)\)/);
    expect(merge).toMatch(/bindings: baseLayout\.bindings\.map\(binding => \(\{ \.\.\.binding \}\)\)/);
    // and only the reader itself fills the object it returns.
    expect(code.match(/introspectedLayout/g)).toHaveLength(4);
    const reader = readFileSync(INTROSPECTION, 'utf8');
    expect(reader).toMatch(/export function getShaderLayoutFromGLSL\(gl, program, options = \{\}\) \{\s*const shaderLayout = \{/);
  });
});
