/**
 * Overlapping disease zones stay apart: the data build hatches zones that
 * overlap in different directions and writes each zone's area; the site draws
 * the larger first, so a smaller zone lies over them (and a click inside it
 * finds it), each in its own direction.
 */
import { readFileSync } from 'node:fs';
import { area } from '@turf/area';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { withHatchAngles } from '../../geo/layers/areas.ts';
import type { LayerFeature } from '../../geo/layers/context.ts';
import * as polyclip from '../../geo/clip.ts';
import type { DataIssue } from '../../geo/errors.ts';
import { HATCH_ANGLES } from '../../src/data/vocabulary.ts';
import { buildLayers, visibleFeatures } from '../../src/layers/build-layers.ts';
import { makeDataset } from '../../src/data/dataset.ts';
import { defaultState } from '../../src/state/app-state.ts';
import { EMPTY_MANIFEST, feat } from '../helpers/features.ts';

/** A square zone `size` degrees wide with its south-west corner at [x, y]. */
function square(id: string, x: number, y: number, size: number): LayerFeature {
  const ring: Position[] = [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
  return feat('disease-zones', id, { type: 'Polygon', coordinates: [ring] }) as LayerFeature;
}

const angleOf = (zones: LayerFeature[], id: string) => zones.find((z) => z.id === id)!.properties.hatch_angle;

describe('hatch directions of overlapping zones (data build)', () => {
  it('gives overlapping zones different directions, the largest first, and the same result whatever the table order', () => {
    const zones = () => [square('zone-d', 40, 0, 2), square('zone-b', 2, 2, 4), square('zone-a', 0, 0, 10), square('zone-c', 5, 5, 8)];
    const issues: DataIssue[] = [];
    const out = withHatchAngles({ issues }, zones());
    expect(issues).toEqual([]);
    // a is the largest: the first direction; b lies in a; c overlaps a and b; d touches none.
    expect(angleOf(out, 'zone-a')).toBe(HATCH_ANGLES[0]);
    expect(angleOf(out, 'zone-c')).toBe(HATCH_ANGLES[1]);
    expect(angleOf(out, 'zone-b')).toBe(HATCH_ANGLES[2]);
    expect(angleOf(out, 'zone-d')).toBe(HATCH_ANGLES[0]);
    const reversed = withHatchAngles({ issues }, zones().reverse());
    for (const z of out) expect(angleOf(reversed, z.id), z.id).toBe(z.properties.hatch_angle);
    // Each zone carries its area (km²), as the site orders them by.
    const a = out.find((z) => z.id === 'zone-a')!;
    expect(a.properties.area_km2).toBe(Math.round(area(a.geometry as Polygon) / 1e6));
  });

  it('refuses a zone that overlaps zones in every direction (a bad fixture)', () => {
    // Five squares sharing one corner region: the fifth has no direction left.
    const issues: DataIssue[] = [];
    withHatchAngles(
      { issues },
      [10, 9, 8, 7, 6].map((s, i) => square(`zone-${i}`, 0, 0, s)),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ table: 'disease-zones', record: 'zone-4' });
    expect(issues[0]!.message).toMatch(/hatch directions/);
  });
});

describe('the shipped zones', () => {
  type Zone = Feature<Polygon | MultiPolygon, { id: string; hatch_angle?: number; area_km2?: number }>;
  const read = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { features: Zone[] }).features;
  const intl = read('public/data/disease-zones.geojson');
  const cn = read('public/data/cn/disease-zones.geojson');
  const polygons = (g: Polygon | MultiPolygon): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

  it.each([
    ['intl', intl],
    ['cn', cn],
  ])('never hatch two overlapping zones alike (%s)', (_wv, zones) => {
    expect(zones.length).toBeGreaterThan(3);
    for (const [i, a] of zones.entries()) {
      for (const b of zones.slice(i + 1)) {
        const shared = polyclip.intersection(polygons(a.geometry), polygons(b.geometry));
        const sharedKm2 = shared.length ? area({ type: 'MultiPolygon', coordinates: shared }) / 1e6 : 0;
        if (sharedKm2 > 0.01 * Math.min(a.properties.area_km2!, b.properties.area_km2!)) {
          expect(a.properties.hatch_angle, `${a.properties.id} and ${b.properties.id} overlap by ${Math.round(sharedKm2)} km²`).not.toBe(b.properties.hatch_angle);
        }
      }
    }
  });

  it('hatch each zone in the same direction in both worldviews', () => {
    const byId = new Map(cn.map((z) => [z.properties.id, z.properties.hatch_angle]));
    for (const z of intl) expect(byId.get(z.properties.id), z.properties.id).toBe(z.properties.hatch_angle);
  });

  it('keep the artemisinin zone apart from the Mekong surveillance zone it lies in', () => {
    const angle = (id: string) => intl.find((z) => z.properties.id === id)!.properties.hatch_angle;
    expect(angle('zone-artemisinin-resistance')).not.toBe(angle('zone-mekong-surveillance'));
  });
});

describe('hatched zones on the map (site)', () => {
  it('draws the larger zones first, each feature in its own hatch direction', () => {
    const ring = (s: number): Position[][] => [
      [
        [0, 0],
        [s, 0],
        [s, s],
        [0, s],
        [0, 0],
      ],
    ];
    const d = makeDataset(EMPTY_MANIFEST, {
      'disease-zones': [
        feat('disease-zones', 'zone-small', { type: 'Polygon', coordinates: ring(1) }, { disease_group: 'vector-borne', hatch_angle: 90, area_km2: 12_000 }),
        feat('disease-zones', 'zone-large', { type: 'Polygon', coordinates: ring(5) }, { disease_group: 'hiv-tb-respiratory', hatch_angle: 135, area_km2: 300_000 }),
      ],
    });
    const state = { ...defaultState(), layers: ['disease-zones' as const] };
    expect(visibleFeatures(d, 'disease-zones', state).map((f) => f.properties.id)).toEqual(['zone-large', 'zone-small']);
    const layer = buildLayers(state, d).find((l) => l.props.id === 'disease-zones')!;
    const props = layer.props as unknown as { data: { properties: { id: string } }[]; getFillPattern: (f: unknown) => string; fillPatternMapping: Record<string, { angle: number }> };
    expect(props.data.map((f) => props.getFillPattern(f))).toEqual(['hatch-135', 'hatch-90']);
    for (const a of HATCH_ANGLES) expect(props.fillPatternMapping[`hatch-${a}`]?.angle).toBe(a);
  });
});
