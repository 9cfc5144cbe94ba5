/**
 * Dataset → the files of `public/data/` (path → content), all deterministic:
 * one GeoJSON per layer, the manifest, two CSVs for researchers, the headline
 * figures, the source documents (for the in-site reader) and the base map.
 *
 * Worldviews: the base worldview's files have no prefix; another worldview's
 * files, where its outlines differ (the layers made of countries, the base map),
 * are under `<worldview>/` (`cn/priority-countries.geojson`,
 * `cn/basemap/overview/countries.geojson`). The manifest is the one place that
 * says which file serves which worldview and level of detail.
 */
import { type Manifest, type ManifestBasemapFile, type ManifestFile, type ManifestLayer, OVERVIEW_MAX_ZOOM, type CountryName } from '../src/data/contract.ts';
import { BASE_WORLDVIEW, WORLDVIEW_NAMES, WORLDVIEWS, worldviewPath } from '../src/data/worldviews.ts';
import { DEFAULT_LAYERS, LAYER_IDS, layerSpec, type LayerId } from '../src/layers/registry.ts';
import { buildDataset, WORLDVIEW_LAYERS, type Dataset } from './dataset.ts';
import { DataError } from './errors.ts';
import { checkGeometry } from './validate.ts';
import { serializeJson, serializeLayer, sha256, shippedBBoxes, toCsv } from './output.ts';
import { BASEMAP_OVERVIEW_LAYERS, basemapFiles, OVERVIEW_BASEMAP_OPTIONS } from './basemap.ts';
import { overviewLayer } from './overview.ts';
import { briefProps } from '../src/data/brief.ts';
import type { CountryPlaced, LayerFeature } from './layers/context.ts';
import { countryAliases, countryName } from './country-names.ts';

/**
 * Every country the features mention, as the data names it (geo/country-names.ts,
 * one name per country across layers), with the aliases search finds it by.
 */
function countryTable(d: Dataset): CountryName[] {
  const codes = new Set<string>();
  const add = (v: unknown) => {
    if (Array.isArray(v)) for (const c of v) if (typeof c === 'string' && /^[A-Z]{2}$/.test(c)) codes.add(c);
  };
  for (const f of Object.values(d.layers).flat()) {
    const p = f.properties;
    add(p.countries);
    add(p.partner_countries);
    add(p.priority_countries);
    add(p.members);
    add((p.method as { neighbours?: unknown } | undefined)?.neighbours);
  }
  return [...codes].sort().flatMap((iso2) => {
    const name_en = countryName(iso2, 'en');
    const name_zh = countryName(iso2, 'zh');
    if (!name_en || !name_zh) return [];
    const a = countryAliases(iso2);
    return [{ iso2, name_en, name_zh, ...(a.en.length ? { aliases_en: a.en } : {}), ...(a.zh.length ? { aliases_zh: a.zh } : {}) }];
  });
}

/** What a build reports besides its files (filled in by `buildOutputs`). */
export interface BuildLog {
  countryPlaced?: CountryPlaced[];
}

function firstCoordinate(f: LayerFeature): [number, number] | undefined {
  let c: unknown = (f.geometry as { coordinates?: unknown }).coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' ? [c[0], c[1] as number] : undefined;
}

/**
 * Every record, one row each: the mapped features of every layer, then the
 * headline figures (layer "headlines": not drawn, so no precision or position;
 * `measure`, `value`, `unit_en`, `unit_zh` and `period` are theirs).
 */
export function recordsCsv(d: Dataset): string {
  const header = [
    'layer',
    'id',
    'name_en',
    'name_zh',
    'summary_en',
    'summary_zh',
    'precision',
    'countries',
    'places',
    'year_start',
    'year_end',
    'project_no',
    'area',
    'status',
    'lon',
    'lat',
    'sources',
    'measure',
    'value',
    'unit_en',
    'unit_zh',
    'period',
  ];
  const sources = (ss: readonly { doc: string; quote: string }[]) => ss.map((s) => `${s.doc}: ${s.quote}`).join('\n');
  const rows: (string | number | undefined)[][] = LAYER_IDS.flatMap((layer) =>
    [...d.layers[layer]]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((f) => {
        const p = f.properties;
        const anchor = f.geometry.type === 'Point' || f.geometry.type === 'MultiPoint' ? firstCoordinate(f) : undefined;
        return [
          layer,
          p.id,
          p.name_en,
          p.name_zh,
          p.summary_en,
          p.summary_zh,
          p.precision,
          p.countries.join(' '),
          p.places.map((x) => x.id).join(' '),
          p.year_start,
          p.year_end,
          p.project_no,
          p.area,
          p.status,
          anchor?.[0],
          anchor?.[1],
          sources(p.sources),
        ];
      }),
  );
  for (const h of [...d.seeds.tables.headlines].sort((a, b) => a.id.localeCompare(b.id))) {
    rows.push([
      'headlines',
      h.id,
      h.label.en,
      h.label.zh,
      h.note?.en,
      h.note?.zh,
      undefined,
      (h.countries ?? []).join(' '),
      (h.places ?? []).join(' '),
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      sources(h.sources),
      h.measure,
      h.value,
      h.unit.en,
      h.unit.zh,
      h.period,
    ]);
  }
  return toCsv(header, rows);
}

function citationsCsv(d: Dataset): string {
  const header = ['layer', 'id', 'field', 'doc', 'quote'];
  const rows: (string | number | undefined)[][] = [];
  for (const layer of LAYER_IDS) {
    for (const f of [...d.layers[layer]].sort((a, b) => a.id.localeCompare(b.id))) {
      f.properties.sources.forEach((s, i) => rows.push([layer, f.id, `sources[${i}]`, s.doc, s.quote]));
      (f.properties.figures ?? []).forEach((fig, i) => rows.push([layer, f.id, `figures[${i}]`, fig.source.doc, fig.source.quote]));
      (f.properties.external_sources ?? []).forEach((e, i) => rows.push([layer, f.id, `external_sources[${i}]`, `${e.title} (${e.publisher}, ${e.date})`, e.note ?? '']));
    }
  }
  for (const h of [...d.seeds.tables.headlines].sort((a, b) => a.id.localeCompare(b.id))) {
    h.sources.forEach((s, i) => rows.push(['headlines', h.id, `sources[${i}]`, s.doc, s.quote]));
  }
  return toCsv(header, rows);
}

/** Builds every output file. Throws `DataError` listing all problems when the seeds do not validate. */
export function buildOutputs(root = 'seeds', log: BuildLog = {}): Map<string, string> {
  const d = buildDataset(root);
  if (d.issues.length) throw new DataError(d.issues);
  log.countryPlaced = d.countryPlaced;
  const files = new Map<string, string>();

  /**
   * Writes a layer's features as `file` (and its overview, for polygons, and its brief first file
   * when `brief`): its manifest entry.
   */
  const writeLayer = (features: LayerFeature[], file: string, brief: boolean): ManifestFile & { bytes: number } => {
    const text = serializeLayer(features);
    files.set(file, text);
    const entry: ManifestFile & { bytes: number } = { file, bytes: Buffer.byteLength(text) };
    // Polygon layers also get a light version for the world view, loaded first (overview.ts).
    const overview = overviewLayer(features);
    if (overview) {
      const problems = checkGeometry(overview);
      if (problems.length) throw new DataError(problems.map((p) => ({ ...p, field: `overview ${p.field}` })));
      const otext = serializeLayer(overview, shippedBBoxes(features));
      const ofile = file.replace(/[^/]+$/, (name) => `overview/${name}`);
      files.set(ofile, otext);
      entry.overview = { file: ofile, bytes: Buffer.byteLength(otext), max_zoom: OVERVIEW_MAX_ZOOM };
    }
    if (!brief) return entry;
    // The first file again (the overview where there is one), its records brief: what the first frame loads (src/data/brief.ts).
    const first = overview ?? features;
    const btext = serializeLayer(
      first.map((f) => ({ ...f, properties: briefProps(f.properties) })),
      shippedBBoxes(features),
    );
    const bfile = (entry.overview?.file ?? file).replace(/[^/]+$/, (name) => `brief/${name}`);
    files.set(bfile, btext);
    entry.brief = { file: bfile, bytes: Buffer.byteLength(btext) };
    return entry;
  };
  const layers: ManifestLayer[] = LAYER_IDS.map((id: LayerId) => {
    const spec = layerSpec(id);
    // Brief first files for the points and lines, and for the outlines the default view draws: an outline
    // layer's brief file repeats its geometry, worth it only where the first frame of most visits needs it.
    const brief = spec.geometry !== 'Polygon' || DEFAULT_LAYERS.includes(id);
    const base = writeLayer(d.layers[id], `${id}.geojson`, brief);
    const entry: ManifestLayer = {
      id,
      file: base.file,
      title_en: spec.title.en,
      title_zh: spec.title.zh,
      geometry: spec.geometry,
      count: d.layers[id].length,
      bytes: base.bytes,
      ...(base.overview ? { overview: base.overview } : {}),
      ...(base.brief ? { brief: base.brief } : {}),
    };
    if ((WORLDVIEW_LAYERS as readonly string[]).includes(id)) {
      const wvs: Record<string, ManifestFile> = {};
      for (const wv of WORLDVIEWS) if (wv !== BASE_WORLDVIEW) wvs[wv] = writeLayer(d.worldviews[wv][id as (typeof WORLDVIEW_LAYERS)[number]], worldviewPath(`${id}.geojson`, wv), brief);
      entry.worldviews = wvs;
    }
    return entry;
  });

  const documents = [...d.seeds.documentMeta]
    .sort((a, b) => a.file.localeCompare(b.file))
    .map((m) => {
      const text = d.seeds.documents.get(m.file)!;
      files.set(`documents/${m.file}`, text);
      return { file: m.file, title_en: m.title_en, title_zh: m.title_zh, date: m.date, language: m.language, sha256: sha256(text) };
    });
  files.set('documents.json', serializeJson(d.seeds.documentMeta));
  files.set('headlines.json', serializeJson([...d.seeds.tables.headlines].sort((a, b) => a.id.localeCompare(b.id))));
  files.set('places.json', serializeJson([...d.places].sort((a, b) => a.id.localeCompare(b.id))));
  files.set('records.csv', recordsCsv(d));
  files.set('citations.csv', citationsCsv(d));

  // The base map of each worldview; the overview one (loaded first; the detailed one from
  // OVERVIEW_MAX_ZOOM) differs only in its outlines. Files the same in every worldview (the graticule) are written once.
  const basemap = new Map<string, ManifestBasemapFile>();
  for (const wv of WORLDVIEWS) {
    const detailed = basemapFiles(wv);
    const overview = basemapFiles(wv, OVERVIEW_BASEMAP_OPTIONS);
    for (const [name, text] of detailed) {
      const base = basemap.get(name);
      const own: ManifestFile = { file: worldviewPath(`basemap/${name}.geojson`, wv) };
      if ((BASEMAP_OVERVIEW_LAYERS as readonly string[]).includes(name)) own.overview = { file: worldviewPath(`basemap/overview/${name}.geojson`, wv), max_zoom: OVERVIEW_MAX_ZOOM };
      if (base && files.get(base.file) === text && (!own.overview || files.get(base.overview!.file) === overview.get(name))) continue;
      files.set(own.file, text);
      if (own.overview) files.set(own.overview.file, overview.get(name)!);
      if (!base) basemap.set(name, { id: name, ...own });
      else base.worldviews = { ...base.worldviews, [wv]: own };
    }
  }

  const hashed = [...files.keys()].sort();
  const content_hash = sha256(hashed.map((f) => `${f}\0${sha256(files.get(f)!)}`).join('\n'));
  const manifest: Manifest = {
    version: 1,
    content_hash,
    layers,
    documents,
    worldviews: WORLDVIEWS.map((id) => ({ id, title_en: WORLDVIEW_NAMES[id].en, title_zh: WORLDVIEW_NAMES[id].zh })),
    basemap: [...basemap.values()],
    extras: [
      {
        id: 'records',
        file: 'records.csv',
        description: 'Every record, one row each, with its sources: the features of every layer, then the headline figures (layer "headlines", with measure, value, unit and period) (UTF-8 CSV).',
      },
      { id: 'citations', file: 'citations.csv', description: 'Every citation, one row each: layer, record, field, document, verbatim quote.' },
      { id: 'headlines', file: 'headlines.json', description: 'Headline figures; where documents disagree, each value with its own source.' },
      { id: 'places', file: 'places.json', description: 'The gazetteer: GeoNames id, coordinates and precision of every named place.' },
      { id: 'documents', file: 'documents.json', description: 'The five source documents: title, date, publisher, language.' },
    ],
    countries: countryTable(d),
  };
  files.set('manifest.json', serializeJson(manifest));
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
