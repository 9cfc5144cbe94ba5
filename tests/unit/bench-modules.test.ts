import { describe, expect, it } from 'vitest';
import { groupModules, moduleGroup, type ModuleChunk } from '../../bench/lib/modules.ts';

describe('bench module groups', () => {
  it('names a module by its package or its folder of src/', () => {
    expect(moduleGroup('/w/node_modules/maplibre-gl/dist/maplibre-gl.mjs')).toBe('maplibre-gl');
    expect(moduleGroup('/w/node_modules/@deck.gl/layers/dist/path-layer/path-layer.js')).toBe('@deck.gl/layers');
    expect(moduleGroup('/w/node_modules/.pnpm/x/node_modules/@luma.gl/core/dist/index.js')).toBe('@luma.gl/core');
    expect(moduleGroup('/w/src/map/hsr-map.ts')).toBe('src/map');
    expect(moduleGroup('/w/src/main.ts')).toBe('src');
    expect(moduleGroup('\0vite/preload-helper.js')).toBe('preload-helper.js');
  });

  it('adds up the chunks asked for, largest group first', () => {
    const chunks: ModuleChunk[] = [
      { file: 'a.js', modules: { '/w/node_modules/lit/index.js': 10, '/w/src/ui/x.ts': 30, '/w/src/ui/y.ts': 5 } },
      { file: 'b.js', modules: { '/w/node_modules/lit/other.js': 100 } },
    ];
    expect(groupModules(chunks)).toEqual([
      { group: 'lit', bytes: 110, modules: 2 },
      { group: 'src/ui', bytes: 35, modules: 2 },
    ]);
    expect(groupModules(chunks, new Set(['a.js']))).toEqual([
      { group: 'src/ui', bytes: 35, modules: 2 },
      { group: 'lit', bytes: 10, modules: 1 },
    ]);
  });
});
