/**
 * Loads `data/manifest.json` and the layer files it lists. Each feature is
 * checked on arrival: a malformed record is skipped and counted (the rest of
 * its layer still shows), and a layer that fails to load is reported by name
 * while the others still load. A record that claims another layer than its
 * file's is skipped too. A malformed manifest fails the load with a message
 * naming the field. The schemas are in `schemas.ts`.
 */
import type { Manifest } from './contract.ts';
import { type LayerId, LAYER_IDS } from '../layers/registry.ts';
import { makeDataset, type Dataset, type MapFeature } from './dataset.ts';
import { BriefFeatureSchema, FeatureSchema, ManifestSchema, issuesText } from './schemas.ts';
import { completeBrief } from './brief.ts';
import { dataFile } from './data-files.ts';
import { DEFAULT_WORLDVIEW, type Worldview } from './worldviews.ts';

export interface LoadReport {
  /** Layers that could not be loaded, with the reason. */
  failedLayers: { id: LayerId; reason: string }[];
  /** Records skipped because they were malformed. */
  skipped: { layer: LayerId; index: number; reason: string }[];
}

export type FetchLike = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'json' | 'text'>>;

/**
 * Keeps the valid features of a parsed layer file, and says which were skipped
 * and why. A brief file's records (`brief.ts`) are checked without the fields
 * they leave out, and completed with empty ones.
 */
export function validateFeatures(layer: LayerId, json: unknown, report: LoadReport, brief = false): MapFeature[] {
  const features = (json as { features?: unknown })?.features;
  if (!Array.isArray(features)) {
    report.failedLayers.push({ id: layer, reason: 'not a GeoJSON FeatureCollection' });
    return [];
  }
  const out: MapFeature[] = [];
  features.forEach((f, index) => {
    const r = (brief ? BriefFeatureSchema : FeatureSchema).safeParse(f);
    if (!r.success) report.skipped.push({ layer, index, reason: issuesText(r.error.issues) });
    else if (r.data.properties.layer !== layer) report.skipped.push({ layer, index, reason: `properties.layer: "${r.data.properties.layer}" in the ${layer} file` });
    else {
      if (brief) completeBrief((f as MapFeature).properties);
      out.push(f as MapFeature);
    }
  });
  return out;
}

export function emptyReport(): LoadReport {
  return { failedLayers: [], skipped: [] };
}

/** Loads `manifest.json` from `base` (a URL ending in `data/`). */
export async function loadManifest(base: URL, fetchFn: FetchLike = (u) => fetch(u)): Promise<Manifest> {
  const res = await fetchFn(new URL('manifest.json', base).href);
  if (!res.ok) throw new Error(`manifest.json: HTTP ${res.status}`);
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new Error('manifest.json: not valid JSON');
  }
  const r = ManifestSchema.safeParse(json);
  if (!r.success) throw new Error(`manifest.json: ${issuesText(r.error.issues)}`);
  return r.data as unknown as Manifest;
}

/**
 * Loads the given layers (in parallel); failures and skipped records go to `report`.
 * With `variant: 'overview'`, layers that have an overview file (polygon layers,
 * `manifest.layers[].overview`) load it instead of the detailed one; the result
 * then says which files were overviews.
 */
export async function loadLayers(
  base: URL,
  manifest: Manifest,
  ids: readonly LayerId[],
  report: LoadReport,
  fetchFn: FetchLike = (u) => fetch(u),
  variant: 'overview' | 'detailed' = 'detailed',
  worldview: Worldview = DEFAULT_WORLDVIEW,
): Promise<Partial<Record<LayerId, MapFeature[]>>> {
  const entries = await Promise.all(
    ids.map(async (id) => {
      const entry = manifest.layers.find((l) => l.id === id);
      if (!entry) {
        report.failedLayers.push({ id, reason: 'not in the manifest' });
        return [id, []] as const;
      }
      try {
        const r = await fetchFn(new URL(dataFile(entry, worldview, variant), base).href);
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return [id, validateFeatures(id, await r.json(), report)] as const;
      } catch (e) {
        report.failedLayers.push({ id, reason: (e as Error).message });
        return [id, []] as const;
      }
    }),
  );
  return Object.fromEntries(entries) as Partial<Record<LayerId, MapFeature[]>>;
}

/** Loads the whole dataset of a worldview from `base` (a URL ending in `data/`). */
export async function loadDataset(base: URL, fetchFn: FetchLike = (u) => fetch(u), worldview: Worldview = DEFAULT_WORLDVIEW): Promise<{ dataset: Dataset; report: LoadReport }> {
  const manifest = await loadManifest(base, fetchFn);
  const report = emptyReport();
  const layers = await loadLayers(base, manifest, LAYER_IDS, report, fetchFn, 'detailed', worldview);
  return { dataset: makeDataset(manifest, layers, worldview), report };
}
