/**
 * The data the site works with, once loaded: features by layer, and lookups.
 * Pure; `load-data.ts` fills it from `data/*.geojson`.
 */
import type { Feature, Geometry } from 'geojson';
import type { BaseProps, Manifest } from './contract.ts';
import { type LayerId, LAYER_IDS } from '../layers/registry.ts';
import { DEFAULT_WORLDVIEW, type Worldview } from './worldviews.ts';
import type { LevelOfDetail } from './data-files.ts';
import { field } from '../i18n/i18n.ts';
import type { Lang } from './vocabulary.ts';
export type { LevelOfDetail } from './data-files.ts';

export type MapFeature = Feature<Geometry, BaseProps> & { id: string };

/** One drawable point of a point feature (a MultiPoint gives several). */
export interface PointDatum {
  position: [number, number];
  feature: MapFeature;
}

export interface Dataset {
  manifest: Manifest;
  /** The worldview whose outlines these are (the country-shaped layers and the base map). */
  worldview: Worldview;
  /** Every loaded feature, with the most detailed geometry loaded so far. */
  layers: Record<LayerId, MapFeature[]>;
  byId: Map<string, MapFeature>;
  /** Point features expanded to one datum per position. */
  points: Record<LayerId, PointDatum[]>;
  /**
   * Polygon layers whose overview outlines are loaded (`overview/*.geojson`: same
   * features, simplified for the world view). A layer here but not in `detailed`
   * has only its overview: `layers` then holds those features too.
   */
  overview: Partial<Record<LayerId, MapFeature[]>>;
  /** Layers whose detailed file is loaded. */
  detailed: ReadonlySet<LayerId>;
  /**
   * Layers whose records are still brief (`brief.ts`): drawn, but without their
   * summaries, quotes and figures (empty here) until the whole records load.
   */
  brief: ReadonlySet<LayerId>;
}

/**
 * The features to draw for a layer at a level of detail: the overview outlines
 * when asked for and loaded, else the most detailed loaded.
 */
export function drawnFeatures(d: Dataset, layer: LayerId, lod: LevelOfDetail): MapFeature[] {
  return (lod === 'overview' && d.overview[layer]) || d.layers[layer];
}

export interface DatasetParts {
  /** Features from detailed files (or from layers that have no overview). */
  detailed?: Partial<Record<LayerId, MapFeature[]>>;
  /** Features from overview files. */
  overview?: Partial<Record<LayerId, MapFeature[]>>;
  /** Layers whose features (in `detailed` or `overview`) are brief records. */
  brief?: ReadonlySet<LayerId>;
}

/** A dataset from the parts loaded so far: detailed features win over overview ones. */
export function makeLodDataset(manifest: Manifest, parts: DatasetParts, worldview: Worldview = DEFAULT_WORLDVIEW): Dataset {
  const detailed = parts.detailed ?? {};
  const overview = parts.overview ?? {};
  const layers: Partial<Record<LayerId, MapFeature[]>> = {};
  for (const id of LAYER_IDS) {
    const f = detailed[id] ?? overview[id];
    if (f) layers[id] = f;
  }
  const d = makeDataset(manifest, layers, worldview);
  return { ...d, overview, detailed: new Set(LAYER_IDS.filter((id) => detailed[id] && !parts.brief?.has(id))), brief: new Set(parts.brief ?? []) };
}

export function makeDataset(manifest: Manifest, layers: Partial<Record<LayerId, MapFeature[]>>, worldview: Worldview = DEFAULT_WORLDVIEW): Dataset {
  const full = Object.fromEntries(LAYER_IDS.map((id) => [id, layers[id] ?? []])) as Record<LayerId, MapFeature[]>;
  const byId = new Map<string, MapFeature>();
  for (const id of LAYER_IDS) for (const f of full[id]) byId.set(f.properties.id, f);
  const points = Object.fromEntries(
    LAYER_IDS.map((id) => [
      id,
      full[id].flatMap((f): PointDatum[] => {
        const g = f.geometry;
        if (g.type === 'Point') return [{ position: g.coordinates as [number, number], feature: f }];
        if (g.type === 'MultiPoint') return g.coordinates.map((c) => ({ position: c as [number, number], feature: f }));
        return [];
      }),
    ]),
  ) as Record<LayerId, PointDatum[]>;
  return { manifest, worldview, layers: full, byId, points, overview: {}, detailed: new Set(LAYER_IDS.filter((id) => layers[id])), brief: new Set() };
}

export function allFeatures(d: Dataset): MapFeature[] {
  return LAYER_IDS.flatMap((id) => d.layers[id]);
}

/** A source document's title in `lang`, from the manifest; the file name when the manifest does not list it (or has not loaded). */
export function documentTitle(data: Pick<Dataset, 'manifest'> | null | undefined, lang: Lang, file: string): string {
  const d = data?.manifest.documents.find((x) => x.file === file);
  return d ? field(lang, d, 'title') : file;
}
