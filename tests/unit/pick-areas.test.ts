import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { clickChoice, containsPoint } from '../../src/map/pick-areas.ts';
import { feat } from '../helpers/features.ts';

const square = (x: number, y: number, size: number): Position[][] => [
  [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ],
];

// As drawn: the larger zone first, the smaller over it (`visibleFeatures`).
const large = feat('disease-zones', 'zone-large', { type: 'Polygon', coordinates: square(0, 0, 10) });
const small = feat('disease-zones', 'zone-small', { type: 'MultiPolygon', coordinates: [square(2, 2, 3), square(20, 20, 1)] });
const apart = feat('disease-zones', 'zone-apart', { type: 'Polygon', coordinates: square(40, 0, 5) });
const country = feat('priority-countries', 'priority-kz', { type: 'Polygon', coordinates: square(0, 0, 10) });
const route = feat('directions', 'direction-belt', {
  type: 'LineString',
  coordinates: [
    [0, 0],
    [10, 10],
  ],
});
const drawn = [large, small, apart];

describe('a click on overlapping zones', () => {
  it('tells whether a polygon or multipolygon contains a point, holes and all', () => {
    expect(containsPoint(large, [5, 5])).toBe(true);
    expect(containsPoint(large, [11, 5])).toBe(false);
    expect(containsPoint(small, [20.5, 20.5])).toBe(true);
    const holed = feat('disease-zones', 'zone-holed', { type: 'Polygon', coordinates: [...square(0, 0, 10), ...square(4, 4, 2)] });
    expect(containsPoint(holed, [5, 5])).toBe(false);
    expect(containsPoint(holed, [1, 1])).toBe(true);
    expect(containsPoint(route, [5, 5])).toBe(false);
  });

  it('offers every zone at the point in the menu, the one on top first', () => {
    expect(clickChoice(small, drawn, [3, 3])).toEqual({ kind: 'menu', features: [small, large] });
    expect(clickChoice(large, drawn, [3, 3])).toEqual({ kind: 'menu', features: [large, small] });
  });

  it('selects a zone alone at the point, and anything that is not a zone, at once', () => {
    expect(clickChoice(large, drawn, [8, 8])).toEqual({ kind: 'select', id: 'zone-large' });
    expect(clickChoice(route, drawn, [3, 3])).toEqual({ kind: 'select', id: 'direction-belt' });
    expect(clickChoice(country, drawn, [3, 3])).toEqual({ kind: 'select', id: 'priority-kz' });
    expect(clickChoice(undefined, drawn, [3, 3])).toEqual({ kind: 'select', id: null });
  });
});
