/**
 * Brief records (src/data/brief.ts): the first file of each layer once more,
 * without the summaries and quotes, for the first frame — the committed files
 * the build writes, and the site's loader, which draws from them and then
 * swaps in the whole records.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { BRIEF_OMITTED } from '../../src/data/brief.ts';
import { DataLoader } from '../../src/data/data-loader.ts';
import { validateFeatures, emptyReport, type FetchLike } from '../../src/data/load-data.ts';
import type { Manifest } from '../../src/data/contract.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { ManifestSchema } from '../../src/data/schemas.ts';
import { DEFAULT_LAYERS } from '../../src/layers/registry.ts';
import { feat } from '../helpers/features.ts';

const DATA = 'public/data/';
const readJson = (file: string) => JSON.parse(readFileSync(DATA + file, 'utf8')) as { features: { id: string; geometry: unknown; properties: Record<string, unknown> }[] };

describe('brief files (committed data)', () => {
  const manifest = JSON.parse(readFileSync(`${DATA}manifest.json`, 'utf8')) as Manifest;

  it('every point and line layer and every outline layer of the default view, in every worldview, has one: its first file, record for record, without the detail fields', () => {
    expect(ManifestSchema.safeParse(manifest).success).toBe(true);
    let checked = 0;
    for (const layer of manifest.layers) {
      for (const own of [layer, ...Object.values(layer.worldviews ?? {})]) {
        // Other outline layers have none (it would repeat their geometry): the page loads their whole overview.
        if (layer.geometry === 'Polygon' && !DEFAULT_LAYERS.includes(layer.id)) {
          expect(own.brief, `${layer.id}: brief`).toBeUndefined();
          continue;
        }
        expect(own.brief, `${layer.id}: brief`).toBeDefined();
        const first = readJson(own.overview?.file ?? own.file);
        const brief = readJson(own.brief!.file);
        expect(brief.features.map((f) => f.id)).toEqual(first.features.map((f) => f.id));
        brief.features.forEach((b, i) => {
          const f = first.features[i]!;
          expect(b.geometry, b.id).toEqual(f.geometry);
          for (const k of BRIEF_OMITTED) expect(b.properties, `${b.id}.${k}`).not.toHaveProperty(k);
          const kept = Object.fromEntries(Object.entries(f.properties).filter(([k]) => !(BRIEF_OMITTED as readonly string[]).includes(k)));
          expect(b.properties).toEqual(kept);
        });
        // The whole records do carry what the brief ones leave out.
        expect(first.features.every((f) => Array.isArray(f.properties.sources) && (f.properties.sources as unknown[]).length > 0)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(manifest.layers.filter((l) => l.geometry !== 'Polygon').length + 2);
  });

  it('are a fraction of the bytes of the point layers the map opens with', () => {
    for (const id of ['projects', 'events']) {
      const layer = manifest.layers.find((l) => l.id === id)!;
      expect(layer.brief!.bytes!).toBeLessThan(layer.bytes / 2);
    }
  });
});

describe('validating brief records', () => {
  it('accepts a record without summaries and quotes only from a brief file, and completes it with empty ones', () => {
    const whole = feat('projects', 'project-01', { type: 'Point', coordinates: [87.6, 43.8] }, { project_no: 1 });
    const brief = JSON.parse(JSON.stringify(whole)) as typeof whole;
    for (const k of BRIEF_OMITTED) delete (brief.properties as Record<string, unknown>)[k];
    const asWhole = emptyReport();
    expect(validateFeatures('projects', { type: 'FeatureCollection', features: [JSON.parse(JSON.stringify(brief))] }, asWhole)).toEqual([]);
    expect(asWhole.skipped[0]?.reason).toMatch(/sources/);
    const report = emptyReport();
    const [f] = validateFeatures('projects', { type: 'FeatureCollection', features: [brief] }, report, true);
    expect(report.skipped).toEqual([]);
    expect(f!.properties).toMatchObject({ summary_en: '', summary_zh: '', sources: [], project_no: 1, name_en: whole.properties.name_en });
  });

  it('still refuses a malformed brief record, with the reason', () => {
    const bad = feat('projects', 'project-02', { type: 'Point', coordinates: [87.6, 43.8] });
    delete (bad.properties as Record<string, unknown>).sources;
    (bad.properties as Record<string, unknown>).year_start = 'soon';
    const report = emptyReport();
    expect(validateFeatures('projects', { type: 'FeatureCollection', features: [bad] }, report, true)).toEqual([]);
    expect(report.skipped[0]?.reason).toMatch(/year_start/);
  });
});

describe('DataLoader with brief files', () => {
  const MANIFEST: Manifest = {
    version: 1,
    content_hash: 'h',
    documents: [],
    basemap: [],
    extras: [],
    layers: [
      {
        id: 'priority-countries',
        file: 'priority-countries.geojson',
        title_en: 'P',
        title_zh: '重',
        geometry: 'Polygon',
        count: 1,
        bytes: 100,
        overview: { file: 'overview/priority-countries.geojson', bytes: 10, max_zoom: 3 },
        brief: { file: 'overview/brief/priority-countries.geojson', bytes: 5 },
      },
      { id: 'projects', file: 'projects.geojson', title_en: 'K', title_zh: '项', geometry: 'Point', count: 1, bytes: 10, brief: { file: 'brief/projects.geojson', bytes: 3 } },
      { id: 'events', file: 'events.geojson', title_en: 'E', title_zh: '会', geometry: 'Point', count: 1, bytes: 10, brief: { file: 'brief/events.geojson', bytes: 3 } },
    ],
  };
  const ring = [
    [60, 40],
    [70, 40],
    [70, 50],
    [60, 40],
  ];
  const whole = {
    'priority-countries': feat('priority-countries', 'priority-belt-kz', { type: 'Polygon', coordinates: [ring] }),
    projects: feat('projects', 'project-01', { type: 'Point', coordinates: [87.6, 43.8] }, { project_no: 1 }),
    events: feat('events', 'event-01', { type: 'Point', coordinates: [116.4, 39.9] }),
  };
  const briefOf = (f: (typeof whole)[keyof typeof whole]) => {
    const b = JSON.parse(JSON.stringify(f)) as typeof f;
    for (const k of BRIEF_OMITTED) delete (b.properties as Record<string, unknown>)[k];
    return b;
  };
  function fakeFetch() {
    const requested: string[] = [];
    const fetchFn: FetchLike = async (url) => {
      const path = new URL(url).pathname.replace(/^\/data\//, '');
      requested.push(path);
      const layer = (Object.keys(whole) as (keyof typeof whole)[]).find((k) => path.endsWith(`${k}.geojson`));
      const body = path === 'manifest.json' ? MANIFEST : { type: 'FeatureCollection', features: [path.includes('brief/') ? briefOf(whole[layer!]) : whole[layer!]] };
      return { ok: true, status: 200, json: async () => JSON.parse(JSON.stringify(body)) as unknown, text: async () => JSON.stringify(body) };
    };
    return { requested, fetchFn };
  }

  it('draws the map from brief files first, then swaps in the whole records; an export waits for them', async () => {
    const { requested, fetchFn } = fakeFetch();
    let last: Dataset | undefined;
    const loader = new DataLoader(new URL('https://example.org/data/'), (d) => (last = d), fetchFn);
    await loader.start(['priority-countries', 'projects']);
    expect(requested).toEqual(['manifest.json', 'overview/brief/priority-countries.geojson', 'brief/projects.geojson']);
    expect([...last!.brief].sort()).toEqual(['priority-countries', 'projects']);
    const brief = last!.byId.get('project-01')!;
    expect(brief.properties).toMatchObject({ sources: [], summary_en: '', project_no: 1 });
    expect(last!.points.projects).toHaveLength(1);
    expect(last!.overview['priority-countries']).toHaveLength(1);
    expect(loader.isDetailed(['projects'])).toBe(false);

    await loader.loadRest();
    expect(requested.slice(3).sort()).toEqual(['events.geojson', 'overview/priority-countries.geojson', 'projects.geojson']);
    expect([...last!.brief]).toEqual([]);
    expect(last!.byId.get('project-01')!.properties.sources).toEqual(whole.projects.properties.sources);
    expect(last!.byId.get('priority-belt-kz')!.properties.summary_en).toBe(whole['priority-countries'].properties.summary_en);
    expect(loader.isDetailed(['projects'])).toBe(true);
    expect(loader.isDetailed(['priority-countries'])).toBe(false);
  });

  it('loads the whole records of the layers on the map alone when a feature is opened early', async () => {
    const { requested, fetchFn } = fakeFetch();
    let last: Dataset | undefined;
    const loader = new DataLoader(new URL('https://example.org/data/'), (d) => (last = d), fetchFn);
    await loader.start(['projects']);
    await loader.loadWhole();
    expect(requested).toEqual(['manifest.json', 'brief/projects.geojson', 'projects.geojson']);
    expect(last!.brief.size).toBe(0);
    expect(last!.byId.get('project-01')!.properties.summary_en).not.toBe('');
  });

  it('falls back to the whole file when a brief one cannot load, and reports nothing', async () => {
    const { requested, fetchFn } = fakeFetch();
    const failing: FetchLike = (url) => (url.endsWith('brief/projects.geojson') ? Promise.resolve({ ok: false, status: 404, json: async () => ({}), text: async () => '' }) : fetchFn(url));
    let last: Dataset | undefined;
    const loader = new DataLoader(new URL('https://example.org/data/'), (d) => (last = d), failing);
    await loader.start(['projects']);
    expect(requested).toEqual(['manifest.json', 'projects.geojson']);
    expect(last!.brief.size).toBe(0);
    expect(last!.byId.get('project-01')!.properties.summary_en).not.toBe('');
    expect(loader.report.failedLayers).toEqual([]);
  });

  it('publishes the whole records asked for at once without waiting for layers not shown yet', async () => {
    const { fetchFn } = fakeFetch();
    let releaseEvents!: () => void;
    const eventsHeld = new Promise<void>((resolve) => (releaseEvents = resolve));
    const slowEvents: FetchLike = async (url) => {
      if (url.endsWith('/events.geojson')) await eventsHeld;
      return fetchFn(url);
    };
    let last: Dataset | undefined;
    const loader = new DataLoader(new URL('https://example.org/data/'), (d) => (last = d), slowEvents);
    await loader.start(['projects']);
    const rest = loader.loadRest();
    await loader.loadWhole();
    // The events file is still on its way: the projects' whole records are published all the same.
    expect(last!.brief.has('projects')).toBe(false);
    expect(last!.byId.get('project-01')!.properties.sources).toEqual(whole.projects.properties.sources);
    expect(last!.byId.has('event-01')).toBe(false);
    releaseEvents();
    await rest;
    expect(last!.byId.has('event-01')).toBe(true);
  });

  it('an export of a point layer loads its whole records (its only outlines)', async () => {
    const { requested, fetchFn } = fakeFetch();
    const loader = new DataLoader(new URL('https://example.org/data/'), () => undefined, fetchFn);
    await loader.start(['projects']);
    await loader.ensureDetailed(['projects']);
    expect(requested.at(-1)).toBe('projects.geojson');
    expect(loader.isDetailed(['projects'])).toBe(true);
  });
});
