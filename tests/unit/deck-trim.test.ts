/**
 * The build leaves out deck.gl's WebGPU-only attribute packing, the WGSL
 * shader sources of deck.gl and luma.gl, and deck.gl's TextLayer
 * (scripts/deck-trim-plugin.ts). That is safe only while the map can never
 * reach them: these checks read the installed packages and the map's layers,
 * so an upgrade that uses them on WebGL, or moves them, fails here rather than
 * on a map.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'acorn';
import { blankWgsl, deckTrimPlugin, TEXT_LAYER_MODULE, TEXT_LAYER_STUB, WEBGPU_ONLY_MODULE, WEBGPU_ONLY_STUB, WGSL_PACKAGES } from '../../scripts/deck-trim-plugin.ts';

const CORE = 'node_modules/@deck.gl/core/dist';
const MODULE = join(CORE, 'lib/attribute/attribute-buffer-groups.js');

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsFiles(path) : name.endsWith('.js') && !name.startsWith('dist') ? [path] : [];
  });
}

/** Files under `dir` whose names match. */
function jsFilesOf(dir: string, name: RegExp): string[] {
  return readdirSync(dir).flatMap((n) => {
    const path = join(dir, n);
    return statSync(path).isDirectory() ? jsFilesOf(path, name) : name.test(n) ? [path] : [];
  });
}

/** Every installed deck.gl and luma.gl package (the plugin blanks them all). */
const PACKAGES = ['@deck.gl', '@luma.gl'].flatMap((scope) =>
  readdirSync(join('node_modules', scope))
    .map((name) => `${scope}/${name}`)
    .filter((p) => statSync(join('node_modules', p, 'dist'), { throwIfNoEntry: false })?.isDirectory()),
);
/** Their ES modules (`dist`, without the prebuilt bundles). */
const packageFiles = () => PACKAGES.flatMap((p) => jsFiles(join('node_modules', p, 'dist')));
/** GLSL, which a literal marked wgsl must not be if anything compiles it. */
const GLSL = /\bvoid main\s*\(|#version\b|layout\s*\(\s*std140|^\s*uniform\s+\w+\s*\{|\b(in|out|attribute|varying)\s+(vec[234]|float|mat[234])\s+\w+\s*;/m;

/** The names a module exports. */
function exportNames(code: string): string[] {
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as {
    body: { type: string; declaration?: { declarations?: { id: { name: string } }[]; id?: { name: string } }; specifiers?: { exported: { name: string } }[] }[];
  };
  return ast.body
    .filter((n) => n.type === 'ExportNamedDeclaration')
    .flatMap((n) => [...(n.declaration?.declarations?.map((d) => d.id.name) ?? []), ...(n.declaration?.id ? [n.declaration.id.name] : []), ...(n.specifiers?.map((x) => x.exported.name) ?? [])])
    .sort();
}

describe('deck.gl without its WebGPU attribute packing', () => {
  it('replaces the module deck.gl has, and nothing else', () => {
    expect(statSync(MODULE).isFile()).toBe(true);
    expect(WEBGPU_ONLY_MODULE.test(`/work/x/node_modules/@deck.gl/core/dist/lib/attribute/attribute-buffer-groups.js`)).toBe(true);
    const load = deckTrimPlugin().load as (id: string) => string | null;
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

describe('deck.gl and luma.gl without their WGSL shader sources', () => {
  it('blanks the marked templates only, a template nested in one going with it', () => {
    const code = [
      'const n = 3;',
      'export const glsl = /* glsl */ `void main() {}`;',
      'export const wgsl = /* wgsl */ `fn f() -> f32 { return ${n}.0; } ${n > 1 ? `a${n}` : `b`}`;',
      'export const module = { name: "m", vs: `x`, source: /*wgsl*/`@vertex fn v() {}`, other: `kept` };',
    ].join('\n');
    const out = blankWgsl(code)!;
    expect(out.blanked).toHaveLength(2);
    expect(out.code).toContain("export const wgsl = /* wgsl */ '';");
    expect(out.code).toContain("source: /*wgsl*/''");
    expect(out.code).toContain('/* glsl */ `void main() {}`');
    expect(out.code).toContain('other: `kept`');
    expect(blankWgsl('export const a = `x`;')).toBeNull();
  });

  it('applies to the deck.gl and luma.gl modules only', () => {
    const transform = deckTrimPlugin().transform as (code: string, id: string) => { code: string } | null;
    const wgsl = 'export const s = /* wgsl */ `fn f() {}`;';
    expect(transform(wgsl, '/x/node_modules/@deck.gl/layers/dist/path-layer/path-layer.wgsl.js?v=2')?.code).toContain("''");
    expect(transform(wgsl, '/x/node_modules/@luma.gl/shadertools/dist/modules/math/fp64/fp64-arithmetic-wgsl.js')?.code).toContain("''");
    expect(transform(wgsl, '/x/src/layers/my-layer.ts')).toBeNull();
    expect(WGSL_PACKAGES.test('/x/node_modules/maplibre-gl/dist/maplibre-gl.js')).toBe(false);
  });

  it('leaves every module of the packages valid, with the same exports, and blanks the shader text the map loads', () => {
    let blanked = 0;
    const files = packageFiles();
    expect(PACKAGES).toEqual(expect.arrayContaining(['@deck.gl/core', '@deck.gl/layers', '@luma.gl/shadertools', '@luma.gl/webgl']));
    /** Exported names of blanked literals that read as GLSL: nothing may import them (GLSL compiles on WebGL). */
    const glslNamed: { name: string; file: string }[] = [];
    const ours = ['path-layer.wgsl.js', 'scatterplot-layer.wgsl.js', 'icon-layer.wgsl.js', 'solid-polygon-layer.wgsl.js', 'project.wgsl.js'];
    const seen = new Set<string>();
    for (const f of files) {
      const code = readFileSync(f, 'utf8');
      const out = blankWgsl(code, f);
      if (!out) continue;
      blanked += out.blanked.length;
      for (const { start, end } of out.blanked) {
        if (!GLSL.test(code.slice(start, end))) continue;
        const name = /export const (\w+) = \/\*\s*wgsl\s*\*\/\s*$/.exec(code.slice(Math.max(0, start - 120), start))?.[1];
        expect(name, `GLSL marked wgsl, not an export of its own, in ${f}`).toBeDefined();
        glslNamed.push({ name: name!, file: f });
      }
      seen.add(f.split('/').pop()!);
      expect(exportNames(out.code), f).toEqual(exportNames(code));
      expect(out.code, f).not.toMatch(/\/\*\s*wgsl\s*\*\/\s*`/);
    }
    expect(blanked).toBeGreaterThan(20);
    for (const f of ours) expect(seen, f).toContain(f);
    for (const { name, file } of glslNamed) {
      // Imported or re-exported by name (a word inside shader text, such as a uniform block's name, is not a use).
      const users = files.filter((f) => f !== file && new RegExp(`(import|export)\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`).test(readFileSync(f, 'utf8')));
      expect(users, `${name} (GLSL marked wgsl in ${file}) is used`).toEqual([]);
    }
  });

  it('holds luma.gl to read WGSL only on a WebGPU device', () => {
    const model = readFileSync('node_modules/@luma.gl/engine/dist/model/model.js', 'utf8');
    // The one place a model takes its WGSL: behind the device check; elsewhere the (empty, so falsy) source gives way to the GLSL pair.
    expect(model.match(/this\.props\.source\b/g)).toHaveLength(1);
    expect(model).toMatch(/if \(isWebGPU && this\.props\.source\)/);
    expect(model).toMatch(/const isWebGPU = this\.device\.type === 'webgpu';/);
    expect(model.match(/source: this\.source \|\| this\.(vs|fs)/g)).toHaveLength(2);
    const layout = readFileSync('node_modules/@luma.gl/shadertools/dist/lib/shader-module/shader-module-uniform-layout.js', 'utf8');
    expect(layout).toMatch(/stage === 'wgsl' \? module\.source :/);
    // The GLSL assembler takes each module's vs or fs, never its source.
    const assemble = readFileSync('node_modules/@luma.gl/shadertools/dist/lib/shader-assembly/assemble-shaders.js', 'utf8');
    const from = assemble.indexOf('function assembleShaderGLSL(');
    const glsl = assemble.slice(from, assemble.indexOf('\nexport function', from));
    expect(glsl).toMatch(/getShaderModuleSource\(module, stage, log\)/);
    expect(glsl).not.toMatch(/\.source\b/);
    expect(assemble).toMatch(/case 'vertex':\s*moduleSource = module\.vs \|\| '';/);
  });
});

describe('deck.gl without its TextLayer', () => {
  const LAYERS = 'node_modules/@deck.gl/layers/dist';
  const TEXT = join(LAYERS, 'text-layer/text-layer.js');

  it('replaces the module deck.gl has, and nothing else', () => {
    expect(statSync(TEXT).isFile()).toBe(true);
    const load = deckTrimPlugin().load as (id: string) => string | null;
    expect(load(`/x/${TEXT}?v=3`)).toBe(TEXT_LAYER_STUB);
    expect(TEXT_LAYER_MODULE.test(`/x/${join(LAYERS, 'text-layer/multi-icon-layer/multi-icon-layer.js')}`)).toBe(false);
    expect(load(`/x/${join(LAYERS, 'geojson-layer/geojson-layer.js')}`)).toBeNull();
  });

  it('holds GeoJsonLayer to make one only for points drawn as text, which no layer of the map asks for', () => {
    const importers = jsFiles(LAYERS)
      .filter((f) => f !== TEXT && /from "\.{1,2}\/(text-layer\/)?text-layer\.js"/.test(readFileSync(f, 'utf8')))
      .map((f) => f.slice(LAYERS.length + 1));
    expect(importers.sort()).toEqual(['geojson-layer/sub-layer-map.js', 'index.js']);
    const map = readFileSync(join(LAYERS, 'geojson-layer/sub-layer-map.js'), 'utf8');
    expect(map.match(/type: TextLayer/g)).toHaveLength(1);
    expect(map).toMatch(/text: \{\s*type: TextLayer/);
    const layer = readFileSync(join(LAYERS, 'geojson-layer/geojson-layer.js'), 'utf8');
    expect(layer).toMatch(/pointType: 'circle'/);
    expect(layer).toMatch(/const types = new Set\(pointType\.split\('\+'\)\)/);
    // The map's own code never sets a point type, so every GeoJsonLayer keeps 'circle'.
    const src = jsFilesOf('src', /\.ts$/).filter((f) => /pointType/.test(readFileSync(f, 'utf8')));
    expect(src).toEqual([]);
  });

  it('says why, should a page ever make one', async () => {
    const url = `data:text/javascript,${encodeURIComponent(TEXT_LAYER_STUB)}`;
    const { default: Stub } = (await import(/* @vite-ignore */ url)) as { default: (new () => unknown) & { defaultProps: object; layerName: string } };
    expect(Stub.layerName).toBe('TextLayer');
    expect(Stub.defaultProps).toEqual({});
    expect(() => new Stub()).toThrow(/TextLayer.*MapLibre/);
  });
});
