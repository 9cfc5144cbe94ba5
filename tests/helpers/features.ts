/** Hand-made features for tests of the site's pure modules. */
import type { Geometry } from 'geojson';
import type { BaseProps, Manifest } from '../../src/data/contract.ts';
import { type LayerId } from '../../src/layers/registry.ts';
import { makeDataset, type Dataset, type MapFeature } from '../../src/data/dataset.ts';
import type { LayerDescriptor } from '../../src/layers/build-layers.ts';

export function feat(layer: LayerId, id: string, geometry: Geometry, p: Partial<BaseProps> = {}): MapFeature {
  return {
    type: 'Feature',
    id,
    geometry,
    properties: {
      id,
      layer,
      name_en: id,
      name_zh: `要素${id}`,
      summary_en: `About ${id}`,
      summary_zh: `关于${id}`,
      precision: 'city',
      sources: [{ doc: 'communique-2017.en.txt', quote: 'a quote long enough to count' }],
      countries: [],
      places: [],
      related: [],
      ...p,
    },
  };
}

export const EMPTY_MANIFEST: Manifest = { version: 1, content_hash: 'x', layers: [], documents: [], basemap: [], extras: [] };

export function sampleDataset(): Dataset {
  return makeDataset(EMPTY_MANIFEST, {
    projects: [
      feat('projects', 'project-01', { type: 'Point', coordinates: [87.6, 43.8] }, { project_no: 1, area: 1, status: 'planned', countries: ['CN'], year_start: 2015, year_end: 2017 }),
      feat(
        'projects',
        'project-24',
        {
          type: 'MultiPoint',
          coordinates: [
            [118.6, 24.9],
            [103.8, 1.3],
          ],
        },
        { project_no: 24, area: 5, status: 'intended', countries: ['CN', 'SG'] },
      ),
    ],
    directions: [
      feat(
        'directions',
        'direction-belt',
        {
          type: 'MultiLineString',
          coordinates: [
            [
              [108, 34],
              [87, 43],
            ],
            [
              [116, 40],
              [37, 55],
            ],
          ],
        },
        { direction: 'belt', precision: 'schematic' },
      ),
      feat(
        'directions',
        'direction-maritime',
        {
          type: 'MultiLineString',
          coordinates: [
            [
              [118, 24],
              [100, 5],
            ],
          ],
        },
        { direction: 'maritime', precision: 'schematic' },
      ),
    ],
    mechanisms: [
      feat(
        'mechanisms',
        'mech-sco',
        {
          type: 'Polygon',
          coordinates: [
            [
              [60, 40],
              [90, 40],
              [90, 55],
              [60, 55],
              [60, 40],
            ],
          ],
        },
        { precision: 'country' },
      ),
      feat(
        'mechanisms',
        'mech-gms',
        {
          type: 'Polygon',
          coordinates: [
            [
              [95, 10],
              [110, 10],
              [110, 25],
              [95, 25],
              [95, 10],
            ],
          ],
        },
        { precision: 'country' },
      ),
    ],
    'cataract-missions': [
      feat(
        'cataract-missions',
        'mission-sudan',
        {
          type: 'LineString',
          coordinates: [
            [108.9, 34.3],
            [30, 15],
          ],
        },
        { origin_coordinates: [108.9, 34.3], destination_coordinates: [30, 15], area: 7, status: 'planned', year_start: 2016, year_end: 2016 },
      ),
    ],
  });
}

/** A layer descriptor read loosely: tests look its accessors and flags up by name. */
export interface LooseDescriptor {
  type: string;
  dashed?: boolean;
  symbols?: boolean;
  hatched?: boolean;
  badges?: boolean;
  slot?: string;
  props: Record<string, unknown> & { id: string };
}

/** The descriptor with this id, read loosely (undefined when there is none). */
export function descriptor(ls: readonly LayerDescriptor[], id: string): LooseDescriptor | undefined {
  return ls.find((l) => l.props.id === id);
}
