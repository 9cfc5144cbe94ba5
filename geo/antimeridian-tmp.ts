import type { MultiPolygon, Polygon, Position } from 'geojson';
function ringJumps(r: Position[]): boolean { for (let i = 1; i < r.length; i++) if (Math.abs(r[i]![0]! - r[i - 1]![0]!) > 180) return true; return false; }
function fixPoly(p: Position[][]): Position[][] { return p.some(ringJumps) ? p.map((r) => r.map(([x, y]) => [x! < 0 ? x! + 360 : x!, y!])) : p; }
export function unwrapAntimeridian<T extends Polygon | MultiPolygon>(g: T): T {
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: fixPoly(g.coordinates) } as T;
  return { type: 'MultiPolygon', coordinates: (g as MultiPolygon).coordinates.map(fixPoly) } as T;
}
