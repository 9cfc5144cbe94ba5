import { readFileSync } from 'node:fs';
import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { countryBounds, featureBounds, fromBBox, geometryBounds, isPointBounds, lonInterval, toBBox, unionBounds } from '../../src/data/bounds.ts';

interface ShippedFeature {
  id: string;
  bbox?: number[];
  geometry: Geometry;
}

/** A shipped feature, as the site loads it. */
function shippedFeature(file: string, id: string): ShippedFeature {
  const fc = JSON.parse(readFileSync(`public/data/${file}`, 'utf8')) as { features: ShippedFeature[] };
  const f = fc.features.find((x) => x.id === id);
  if (!f) throw new Error(`${id} not in ${file}`);
  return f;
}
const shipped = (layer: string, id: string): Geometry => shippedFeature(`${layer}.geojson`, id).geometry;

const polygon = (ring: [number, number][]): Geometry => ({ type: 'Polygon', coordinates: [ring] });

describe('feature bounds', () => {
  it('frames Fiji, split at ±180° in the data, around the antimeridian rather than around the world', () => {
    const fiji = shipped('priority-countries', 'priority-maritime-fj');
    // The data really is split: a plain min/max would span the whole world.
    const lons = JSON.stringify(fiji)
      .match(/-?\d+(\.\d+)?(?=,-?\d)/g)!
      .map(Number);
    expect(Math.min(...lons)).toBe(-180);
    const b = geometryBounds(fiji)!;
    const [[w, s], [e, n]] = b;
    expect(e - w, `width ${w}…${e}`).toBeLessThan(8);
    expect(w).toBeGreaterThan(170);
    expect(w).toBeLessThan(180);
    expect(e).toBeGreaterThanOrEqual(180);
    expect(s).toBeGreaterThan(-22);
    expect(n).toBeLessThan(-12);
  });

  it('keeps a plain west–east box for a feature that does not come near the antimeridian', () => {
    const g: Geometry = {
      type: 'LineString',
      coordinates: [
        [-9, 38],
        [30, 50],
        [121, 31],
      ],
    };
    expect(geometryBounds(g)).toEqual([
      [-9, 31],
      [121, 50],
    ]);
    expect(
      geometryBounds({
        type: 'MultiPoint',
        coordinates: [
          [15, 50],
          [108, 23],
          [13, 49],
        ],
      }),
    ).toEqual([
      [13, 23],
      [108, 50],
    ]);
  });

  it('keeps a shape already unwrapped past 180° (Chukotka at 190°) in one piece', () => {
    const russia = polygon([
      [20, 45],
      [190, 45],
      [190, 80],
      [20, 80],
      [20, 45],
    ]);
    const b = unionBounds([geometryBounds(russia), geometryBounds({ type: 'Point', coordinates: [15, 50] })])!;
    expect(b[0][0]).toBe(15);
    expect(b[1][0]).toBeCloseTo(190, 9);
  });

  it.each([
    [
      [170, -170],
      [170, 190],
    ],
    [
      [-170, 170, 175],
      [170, 190],
    ],
    [
      [10, 20, 30],
      [10, 30],
    ],
    [
      [180, -180],
      [-180, -180],
    ],
    [
      [-179, 179],
      [179, 181],
    ],
    [[0], [0, 0]],
  ])('the shortest longitude interval of %j is %j', (lons, expected) => {
    expect(lonInterval(lons)).toEqual(expected);
  });

  it('is null without positions, and a point is a point', () => {
    expect(geometryBounds({ type: 'MultiPoint', coordinates: [] })).toBeNull();
    expect(geometryBounds({ type: 'GeometryCollection', geometries: [] })).toBeNull();
    expect(unionBounds([])).toBeNull();
    expect(unionBounds([null, undefined])).toBeNull();
    const p = geometryBounds({ type: 'Point', coordinates: [14.4, 50.1] })!;
    expect(isPointBounds(p)).toBe(true);
  });

  it('frames a country by its main parts: a far small island does not widen the box', () => {
    const square = (x: number, y: number, d: number) => [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ];
    const france: Geometry = { type: 'MultiPolygon', coordinates: [square(-4, 43, 10), square(55, -21, 0.5)] };
    expect(countryBounds(france)).toEqual([
      [-4, 43],
      [6, 53],
    ]);
    // Fiji's parts stay together across 180°.
    const b = countryBounds(shipped('priority-countries', 'priority-maritime-fj'))!;
    expect(b[1][0] - b[0][0]).toBeLessThan(8);
  });
});

describe('unionBounds', () => {
  it('unites boxes the short way round, across ±180° too', () => {
    expect(
      unionBounds([
        [
          [10, 0],
          [20, 5],
        ],
        [
          [-30, -5],
          [-20, 1],
        ],
      ]),
    ).toEqual([
      [-30, -5],
      [20, 5],
    ]);
    // Fiji [177, 182] and Samoa [-172.8, -171.4]: across the antimeridian, not round the world.
    const u = unionBounds([
      [
        [177, -18],
        [182, -16],
      ],
      [
        [-172.8, -14],
        [-171.4, -13.4],
      ],
    ])!;
    expect(u[0][0]).toBe(177);
    expect(u[1][0]).toBeCloseTo(188.6, 9);
  });

  it('never cuts a box wider than the gaps between the others', () => {
    // One box from 0° to 300°: its inside is wider than the gap outside it, which a union of corners alone would take.
    const u = unionBounds([
      [
        [0, 0],
        [300, 10],
      ],
    ])!;
    expect(u[0][0]).toBe(0);
    expect(u[1][0]).toBe(300);
  });
});

describe('bbox (RFC 7946)', () => {
  it('round-trips bounds, east below west across the antimeridian', () => {
    expect(
      toBBox([
        [177.1234567, -18],
        [182, -16],
      ]),
    ).toEqual([177.1235, -18, -178, -16]);
    expect(fromBBox([177.1235, -18, -178, -16])).toEqual([
      [177.1235, -18],
      [182, -16],
    ]);
    expect(
      fromBBox(
        toBBox([
          [-9, 31],
          [121, 50],
        ]),
      ),
    ).toEqual([
      [-9, 31],
      [121, 50],
    ]);
    expect(
      Object.is(
        toBBox([
          [-0.00001, 0],
          [1, 1],
        ])[0],
        0,
      ),
    ).toBe(true);
  });

  it('every shipped feature carries the bounds of its detailed geometry, in its overview file too', () => {
    const manifest = JSON.parse(readFileSync('public/data/manifest.json', 'utf8')) as { layers: { file: string; overview?: { file: string } }[] };
    let checked = 0;
    for (const l of manifest.layers) {
      const detailed = JSON.parse(readFileSync(`public/data/${l.file}`, 'utf8')) as { features: ShippedFeature[] };
      const byId = new Map(detailed.features.map((f) => [f.id, f]));
      for (const f of detailed.features) {
        expect(f.bbox, `${l.file}: ${f.id}`).toEqual(toBBox(geometryBounds(f.geometry)!));
        checked++;
      }
      if (!l.overview) continue;
      const overview = JSON.parse(readFileSync(`public/data/${l.overview.file}`, 'utf8')) as { features: ShippedFeature[] };
      for (const f of overview.features) {
        expect(f.bbox, `${l.overview.file}: ${f.id}`).toEqual(byId.get(f.id)!.bbox);
        // …which is what the site frames by, whichever outlines are loaded.
        expect(featureBounds(f)).toEqual(featureBounds(byId.get(f.id)!));
      }
    }
    expect(checked).toBeGreaterThan(150);
  });
});
