import { readFileSync } from 'node:fs';
import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { countryBounds, geometryBounds, isPointBounds, lonInterval } from '../../src/map/feature-bounds.ts';

/** A shipped feature, as the site loads it. */
function shipped(layer: string, id: string): Geometry {
  const fc = JSON.parse(readFileSync(`public/data/${layer}.geojson`, 'utf8')) as { features: { id: string; geometry: Geometry }[] };
  const f = fc.features.find((x) => x.id === id);
  if (!f) throw new Error(`${id} not in ${layer}`);
  return f.geometry;
}

describe('feature bounds', () => {
  it('frames Fiji, split at ±180° in the data, around the antimeridian rather than around the world', () => {
    const fiji = shipped('priority-countries', 'priority-maritime-fj');
    // The data really is split: a plain min/max would span the whole world.
    const lons = JSON.stringify(fiji).match(/-?\d+(\.\d+)?(?=,-?\d)/g)!.map(Number);
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
    const g: Geometry = { type: 'LineString', coordinates: [[-9, 38], [30, 50], [121, 31]] };
    expect(geometryBounds(g)).toEqual([[-9, 31], [121, 50]]);
  });

  it.each([
    [[170, -170], [170, 190]],
    [[-170, 170, 175], [170, 190]],
    [[10, 20, 30], [10, 30]],
    [[180, -180], [-180, -180]],
    [[-179, 179], [179, 181]],
    [[0], [0, 0]],
  ])('the shortest longitude interval of %j is %j', (lons, expected) => {
    expect(lonInterval(lons)).toEqual(expected);
  });

  it('is null without positions, and a point is a point', () => {
    expect(geometryBounds({ type: 'MultiPoint', coordinates: [] })).toBeNull();
    const p = geometryBounds({ type: 'Point', coordinates: [14.4, 50.1] })!;
    expect(isPointBounds(p)).toBe(true);
  });

  it('frames a country by its main parts: a far small island does not widen the box', () => {
    const square = (x: number, y: number, d: number) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
    const france: Geometry = { type: 'MultiPolygon', coordinates: [square(-4, 43, 10), square(55, -21, 0.5)] };
    expect(countryBounds(france)).toEqual([[-4, 43], [6, 53]]);
    // Fiji's parts stay together across 180°.
    const b = countryBounds(shipped('priority-countries', 'priority-maritime-fj'))!;
    expect(b[1][0] - b[0][0]).toBeLessThan(8);
  });
});
