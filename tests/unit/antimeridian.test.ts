import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { closeAroundPole, linesOf, maxLonStep, signedArea, unwrapAntimeridian, unwrapLines, unwrapLongitudes } from '../../geo/antimeridian.ts';

const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const maxStep = (g: Parameters<typeof linesOf>[0]) => Math.max(0, ...linesOf(g).map(maxLonStep));
const lons = (g: Parameters<typeof linesOf>[0]) =>
  linesOf(g)
    .flat()
    .map((p) => p[0]!);

describe('unwrapLongitudes', () => {
  it.each([
    [
      'no crossing',
      [
        [10, 0],
        [20, 0],
        [30, 0],
      ],
      [
        [10, 0],
        [20, 0],
        [30, 0],
      ],
    ],
    [
      'east across 180',
      [
        [179, 0],
        [-179, 0],
        [-178, 1],
      ],
      [
        [179, 0],
        [181, 0],
        [182, 1],
      ],
    ],
    [
      'west across 180',
      [
        [-179, 0],
        [179, 0],
        [178, 1],
      ],
      [
        [-179, 0],
        [-181, 0],
        [-182, 1],
      ],
    ],
    [
      'there and back',
      [
        [179, 0],
        [-179, 0],
        [179, 1],
      ],
      [
        [179, 0],
        [181, 0],
        [179, 1],
      ],
    ],
    [
      'seam vertices at ±180',
      [
        [179.9, 0],
        [180, 0],
        [-180, 0.5],
        [-179.9, 1],
      ],
      [
        [179.9, 0],
        [180, 0],
        [180, 0.5],
        [180.1, 1],
      ],
    ],
  ] as [string, Position[], Position[]][])('%s', (_, input, expected) => {
    const out = unwrapLongitudes(input);
    out.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(expected[i]![0]!, 9);
      expect(p[1]).toBe(expected[i]![1]);
    });
  });

  it('does not modify its input', () => {
    const input: Position[] = [
      [179, 0],
      [-179, 0],
    ];
    unwrapLongitudes(input);
    expect(input).toEqual([
      [179, 0],
      [-179, 0],
    ]);
  });
});

describe('unwrapAntimeridian', () => {
  it('leaves a polygon that does not cross alone (apart from RFC 7946 winding)', () => {
    const ring = square(10, 10, 20, 20);
    const out = unwrapAntimeridian<Polygon>({ type: 'Polygon', coordinates: [[...ring].reverse()] });
    expect(out.coordinates[0]).toEqual(ring); // counter-clockwise
    expect(signedArea(out.coordinates[0]!)).toBeGreaterThan(0);
  });

  it('makes a ring that crosses 180° continuous, keeping its type and centring it in [-180, 180]', () => {
    const g: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [178, -16],
          [-179, -16],
          [-179, -17],
          [178, -17],
          [178, -16],
        ],
      ],
    };
    const before = structuredClone(g);
    const out = unwrapAntimeridian(g);
    expect(g).toEqual(before);
    expect(out.type).toBe('Polygon');
    expect(maxStep(out)).toBeLessThanOrEqual(180);
    expect(Math.min(...lons(out))).toBe(178);
    expect(Math.max(...lons(out))).toBe(181);
  });

  it('places a crossing part across +180° even when its ring starts on the western side', () => {
    // Unwrapping from the first vertex gives -182…-178.5.
    const g: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [-180, 71],
          [-178.5, 71],
          [-178.5, 72],
          [179, 72],
          [178, 71.5],
          [-180, 71],
        ],
      ],
    };
    const out = unwrapAntimeridian(g);
    expect(maxStep(out)).toBeLessThanOrEqual(180);
    expect(Math.min(...lons(out))).toBeCloseTo(178, 9);
    expect(Math.max(...lons(out))).toBeCloseTo(181.5, 9);
  });

  it('keeps a hole next to its exterior and winds it clockwise', () => {
    const exterior: Position[] = [
      [170, -10],
      [-170, -10],
      [-170, 10],
      [170, 10],
      [170, -10],
    ];
    const hole: Position[] = [
      [-179, -1],
      [179, -1],
      [179, 1],
      [-179, 1],
      [-179, -1],
    ];
    const out = unwrapAntimeridian<Polygon>({ type: 'Polygon', coordinates: [exterior, hole] });
    expect(maxStep(out)).toBeLessThanOrEqual(180);
    const h = out.coordinates[1]!;
    expect(Math.min(...h.map((p) => p[0]!))).toBeCloseTo(179, 9);
    expect(Math.max(...h.map((p) => p[0]!))).toBeCloseTo(181, 9);
    expect(signedArea(out.coordinates[0]!)).toBeGreaterThan(0);
    expect(signedArea(h)).toBeLessThan(0);
  });

  it('closes a ring around the South Pole along ±180° and -90, and drops the pole cap ring', () => {
    // world-atlas style: a "pole cap" ring along -89.999, then the coast circling the pole.
    const cap: Position[] = [
      [-180, -89.999],
      [90, -89.999],
      [0, -89.999],
      [-90, -89.999],
      [-180, -89.999],
    ];
    const coast: Position[] = [
      [-180, -78],
      [-90, -72],
      [0, -70],
      [90, -66],
      [179, -77],
      [-180, -78],
    ];
    const out = unwrapAntimeridian<MultiPolygon>({ type: 'MultiPolygon', coordinates: [[cap, coast], [square(-60, -64, -58, -62)]] });
    expect(out.coordinates).toHaveLength(2);
    const ring = out.coordinates[0]![0]!;
    expect(out.coordinates[0]).toHaveLength(1);
    expect(maxStep(out)).toBeLessThanOrEqual(180);
    expect(Math.min(...ring.map((p) => p[0]!))).toBe(-180);
    expect(Math.max(...ring.map((p) => p[0]!))).toBe(180);
    expect(ring).toContainEqual([180, -90]);
    expect(ring).toContainEqual([-180, -90]);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(signedArea(ring)).toBeGreaterThan(0);
  });

  it('interpolates where a polar ring crosses the antimeridian between two vertices', () => {
    const coast: Position[] = [
      [-170, -80],
      [-90, -72],
      [0, -70],
      [90, -66],
      [170, -70],
      [-170, -80],
    ];
    const ring = closeAroundPole(coast);
    expect(maxLonStep(ring)).toBeLessThanOrEqual(180);
    // Halfway from (170, -70) to (190, -80): -75 at 180°.
    expect(ring).toContainEqual([-180, -75]);
    expect(ring).toContainEqual([180, -75]);
  });

  it('drops a polygon that is only a pole cap', () => {
    const cap: Position[] = [
      [-180, -89.999],
      [90, -89.999],
      [0, -89.999],
      [-90, -89.999],
      [-180, -89.999],
    ];
    expect(unwrapAntimeridian<MultiPolygon>({ type: 'MultiPolygon', coordinates: [[cap]] }).coordinates).toEqual([]);
  });
});

describe('unwrapLines', () => {
  it('makes lines continuous and drops pole-cap lines', () => {
    const out = unwrapLines({
      type: 'MultiLineString',
      coordinates: [
        [
          [178, 60],
          [-178, 62],
          [-175, 65],
        ],
        [
          [-180, -89.999],
          [0, -89.999],
          [180, -89.999],
        ],
        [
          [10, 10],
          [20, 20],
        ],
      ],
    });
    expect(out.coordinates).toHaveLength(2);
    expect(out.coordinates[0]).toEqual([
      [178, 60],
      [182, 62],
      [185, 65],
    ]);
    expect(maxStep(out)).toBeLessThanOrEqual(180);
  });
});

describe('on Natural Earth 50m (world-atlas)', () => {
  const require = createRequire(import.meta.url);
  const topo = require('world-atlas/countries-50m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const byName = (name: string) => {
    const g = topo.objects.countries.geometries.find((x) => (x.properties as { name?: string } | undefined)?.name === name)!;
    return (feature(topo, g) as Feature<Polygon | MultiPolygon>).geometry;
  };

  it.each(['Fiji', 'Russia', 'Antarctica'])('%s: the source jumps across ±180°, the result does not', (name) => {
    const source = byName(name);
    expect(maxStep(source)).toBeGreaterThan(180);
    const out = unwrapAntimeridian(source);
    expect(maxStep(out)).toBeLessThanOrEqual(180);
    for (const poly of out.type === 'Polygon' ? [out.coordinates] : out.coordinates) {
      expect(signedArea(poly[0]!)).toBeGreaterThan(0);
      for (const ring of poly) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
      }
    }
  });

  it('Antarctica is closed via the South Pole and spans the whole width', () => {
    const out = unwrapAntimeridian(byName('Antarctica'));
    const all = linesOf(out).flat();
    expect(Math.min(...all.map((p) => p[1]!))).toBe(-90);
    expect(Math.min(...all.map((p) => p[0]!))).toBe(-180);
    expect(Math.max(...all.map((p) => p[0]!))).toBe(180);
  });

  it('Russia continues past 180° into Chukotka rather than jumping back', () => {
    const lonsRu = lons(unwrapAntimeridian(byName('Russia')));
    expect(Math.max(...lonsRu)).toBeGreaterThan(185);
    expect(Math.min(...lonsRu)).toBeGreaterThanOrEqual(-180);
  });
});
