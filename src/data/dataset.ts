/**
 * The data the site works with, once loaded: features by layer, and lookups.
 * Pure; `load-data.ts` fills it from `data/*.geojson`.
 */
import type { Feature, Geometry } from 'geojson';
import type { BaseProps, LayerId, Manifest } from './contract.ts';
import { LAYER_IDS } from './contract.ts';

export type MapFeature = Feature<Geometry, BaseProps> & { id: string };

/** One drawable point of a point feature (a MultiPoint gives several). */
export interface PointDatum {
  position: [number, number];
  feature: MapFeature;
}

export interface Dataset {
  manifest: Manifest;
  layers: Record<LayerId, MapFeature[]>;
  byId: Map<string, MapFeature>;
  /** Point features expanded to one datum per position. */
  points: Record<LayerId, PointDatum[]>;
}

export function makeDataset(manifest: Manifest, layers: Partial<Record<LayerId, MapFeature[]>>): Dataset {
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
  return { manifest, layers: full, byId, points };
}

export function allFeatures(d: Dataset): MapFeature[] {
  return LAYER_IDS.flatMap((id) => d.layers[id]);
}
