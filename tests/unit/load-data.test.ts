import { describe, expect, it } from 'vitest';
import { emptyReport, loadDataset, validateFeatures, type FetchLike } from '../../src/data/load-data.ts';
import { feat } from '../helpers/features.ts';
import type { Manifest } from '../../src/data/contract.ts';

const good = feat('projects', 'project-01', { type: 'Point', coordinates: [87.6, 43.8] }, { project_no: 1 });

describe('loading data', () => {
  it('keeps valid features and skips malformed ones, saying which and why', () => {
    const report = emptyReport();
    const broken = [
      { ...good, id: 'x1', geometry: { type: 'Point', coordinates: ['a', 1] } },
      { ...good, id: 'x2', properties: { ...good.properties, sources: [] } },
      { ...good, id: 'x3', properties: { ...good.properties, name_zh: '' } },
      'not a feature',
    ];
    const out = validateFeatures('projects', { type: 'FeatureCollection', features: [good, ...broken] }, report);
    expect(out.map((f) => f.id)).toEqual(['project-01']);
    expect(report.skipped.map((s) => s.index)).toEqual([1, 2, 3, 4]);
    expect(report.skipped[0]!.reason).toMatch(/geometry/);
    expect(report.skipped[1]!.reason).toMatch(/sources/);
  });

  it('reports a file that is not a FeatureCollection', () => {
    const report = emptyReport();
    expect(validateFeatures('events', { hello: 'world' }, report)).toEqual([]);
    expect(report.failedLayers).toEqual([{ id: 'events', reason: 'not a GeoJSON FeatureCollection' }]);
  });

  it('loads every layer it can, and names the ones it cannot', async () => {
    const manifest: Manifest = {
      version: 1, content_hash: 'h', documents: [], basemap: [], extras: [],
      layers: [
        { id: 'projects', file: 'projects.geojson', title_en: 'P', title_zh: '项', geometry: 'Point', count: 1, bytes: 1 },
        { id: 'events', file: 'events.geojson', title_en: 'E', title_zh: '事', geometry: 'Point', count: 1, bytes: 1 },
      ],
    };
    const files: Record<string, unknown> = { 'manifest.json': manifest, 'projects.geojson': { type: 'FeatureCollection', features: [good] } };
    const fetchFn: FetchLike = async (url) => {
      const name = url.split('/').pop()!;
      const body = files[name];
      return { ok: body !== undefined, status: body === undefined ? 404 : 200, json: async () => body, text: async () => JSON.stringify(body) };
    };
    const { dataset, report } = await loadDataset(new URL('http://x/data/'), fetchFn);
    expect(dataset.layers.projects.map((f) => f.id)).toEqual(['project-01']);
    expect(dataset.byId.get('project-01')).toBeDefined();
    expect(report.failedLayers.find((l) => l.id === 'events')!.reason).toBe('HTTP 404');
    // Layers missing from the manifest are reported too, not silently empty.
    expect(report.failedLayers.find((l) => l.id === 'mechanisms')!.reason).toBe('not in the manifest');
  });

  it('fails clearly when the manifest itself is missing', async () => {
    const fetchFn: FetchLike = async () => ({ ok: false, status: 500, json: async () => ({}), text: async () => '' });
    await expect(loadDataset(new URL('http://x/data/'), fetchFn)).rejects.toThrow('manifest.json: HTTP 500');
  });
});
