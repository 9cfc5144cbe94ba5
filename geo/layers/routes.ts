/**
 * Line layers: the two directions (land and sea routes), the six economic
 * corridors and the cataract-surgery missions (origin → destination arcs).
 */
import type { Position } from 'geojson';
import type { Corridor, Direction, Mission, Project } from '../schema.ts';
import { flowArc, landRoute, seaRoute } from '../routes.ts';
import { baseProps, feature, placeRefs, type BuildContext, type LayerFeature } from './context.ts';

function waypointCoords(ctx: BuildContext, table: string, id: string, field: string, ids: readonly string[]): [number, number][] | undefined {
  const out: [number, number][] = [];
  ids.forEach((pid, i) => {
    const p = ctx.places.get(pid);
    if (!p) ctx.issues.push({ table, record: id, field: `${field}[${i}]`, message: `unknown place id "${pid}"` });
    else out.push(p.coordinates);
  });
  return out.length === ids.length ? out : undefined;
}

export function directionsLayer(ctx: BuildContext, rows: readonly Direction[]): LayerFeature[] {
  const out: LayerFeature[] = [];
  for (const r of rows) {
    const lines: Position[][] = [];
    r.routes.forEach((route, i) => {
      const pts = waypointCoords(ctx, 'directions', r.id, `routes[${i}].waypoints`, route.waypoints);
      if (pts) lines.push(route.mode === 'sea' ? seaRoute(pts) : landRoute(pts));
    });
    const props = Object.assign(baseProps('directions', r, placeRefs(ctx, 'directions', r), 'schematic'), {
      direction: r.direction,
      focus_regions: r.focus_regions,
      priority_countries: r.priority_countries,
      mechanisms: r.mechanisms,
      routes: r.routes.map((x) => ({ name: x.name, mode: x.mode, waypoints: x.waypoints })),
    });
    out.push(feature({ type: 'MultiLineString', coordinates: lines }, props));
  }
  return out;
}

export function corridorsLayer(ctx: BuildContext, rows: readonly Corridor[]): LayerFeature[] {
  const out: LayerFeature[] = [];
  for (const r of rows) {
    const pts = waypointCoords(ctx, 'corridors', r.id, 'waypoints', r.waypoints);
    if (!pts) continue;
    const props = Object.assign(baseProps('corridors', r, placeRefs(ctx, 'corridors', r), 'schematic'), {
      direction: r.direction,
      ...(r.abbr ? { abbr: r.abbr } : {}),
      named_in_documents: r.named_in_documents,
      waypoints: r.waypoints,
    });
    out.push(feature({ type: 'LineString', coordinates: landRoute(pts) }, props));
  }
  return out;
}

export function missionsLayer(ctx: BuildContext, rows: readonly Mission[], projects: readonly Project[]): LayerFeature[] {
  const out: LayerFeature[] = [];
  for (const r of rows) {
    const origin = ctx.places.get(r.origin);
    if (!origin) {
      ctx.issues.push({ table: 'cataract-missions', record: r.id, field: 'origin', message: `unknown place id "${r.origin}"` });
      continue;
    }
    let dest: [number, number] | undefined;
    let precision: 'city' | 'district' | 'province' | 'country';
    if ('place' in r.destination) {
      const p = ctx.places.get(r.destination.place);
      dest = p?.coordinates;
      precision = p?.precision === 'province' || p?.precision === 'district' ? p.precision : 'city';
      if (!p) ctx.issues.push({ table: 'cataract-missions', record: r.id, field: 'destination.place', message: `unknown place id "${r.destination.place}"` });
    } else {
      dest = ctx.atlas.anchor(r.destination.country);
      precision = 'country';
      if (!dest) ctx.issues.push({ table: 'cataract-missions', record: r.id, field: 'destination.country', message: `country ${r.destination.country} is not in the atlas` });
    }
    if (!dest) continue;
    const project = r.project_no === undefined ? undefined : projects.find((p) => p.project_no === r.project_no);
    const props = Object.assign(baseProps('cataract-missions', r, placeRefs(ctx, 'cataract-missions', r), precision), {
      origin: r.origin,
      origin_coordinates: origin.coordinates,
      destination_coordinates: dest,
      status: r.status,
      ...(r.project_no !== undefined ? { project_no: r.project_no, area: project?.area } : {}),
      figures: r.figures,
    });
    out.push(feature({ type: 'LineString', coordinates: flowArc(origin.coordinates, dest) }, props));
  }
  return out;
}
