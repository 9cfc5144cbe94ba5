/**
 * Polygon boolean operations for the data build: `polygon-clipping` (floating
 * point, fast), falling back to `polyclip-ts` (its successor with exact
 * arithmetic: robust, ten times slower) on the rare input the former cannot
 * close a ring of. Both are deterministic, so the build stays reproducible.
 */
import pc, { type Geom } from 'polygon-clipping';
import * as exact from 'polyclip-ts';
import type { Position } from 'geojson';

export type Polygons = Position[][][];

function run(op: 'union' | 'intersection' | 'difference', a: Polygons, b: Polygons[]): Polygons {
  try {
    return pc[op](a as Geom, ...(b as Geom[]));
  } catch {
    return exact[op](a as exact.Geom, ...(b as exact.Geom[]));
  }
}

export const union = (a: Polygons, ...b: Polygons[]): Polygons => run('union', a, b);
export const intersection = (a: Polygons, ...b: Polygons[]): Polygons => run('intersection', a, b);
export const difference = (a: Polygons, ...b: Polygons[]): Polygons => run('difference', a, b);
