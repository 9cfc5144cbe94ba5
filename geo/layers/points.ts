/**
 * Point layers: key projects, Chinese medicine centres, hospitals, training,
 * events and organisations. A record is drawn at its places (cities, or
 * provinces at their capitals); without places, and only when it declares
 * precision "country", at its countries' interior points (China left out when
 * other countries are named, since "China" says nothing about where in China).
 */
import type { Geometry } from 'geojson';
import { type LayerId } from '../../src/layers/registry.ts';
import type { Precision } from '../../src/data/vocabulary.ts';
import type { EventRecord, Hospital, Organisation, Project, TcmCentre, Training } from '../schema.ts';
import { baseProps, coarsest, feature, placeRefs, type BuildContext, type LayerFeature, type RecordBase } from './context.ts';

/**
 * A record with no place is drawn at the interior points of the countries it
 * names abroad; one naming more than this many (a whole mechanism's
 * membership: APEC, the Arab League…) must give places instead, since dots
 * over every member would claim activity in each. The ten ASEAN members fit.
 */
export const MAX_COUNTRY_POINTS = 10;

/**
 * The geometry and precision of a point record, or undefined (with an issue) when it cannot be placed.
 *
 * With places: at the places, precision the coarsest of theirs. Without: at
 * the interior points of its countries other than China (China's only when
 * China is all it names) — never at China's centre for activity abroad — and
 * only when the record declares `"precision": "country"`, so the fallback is
 * explicit in the seeds; such records are listed in `ctx.countryPlaced`.
 */
export function pointGeometry(ctx: BuildContext, table: string, r: RecordBase): { geometry: Geometry; precision: Precision; places: ReturnType<typeof placeRefs> } | undefined {
  const places = placeRefs(ctx, table, r);
  let coords: [number, number][];
  let precision: Precision;
  if ((r.places ?? []).length) {
    if (!places.length) return undefined; // unknown place ids, already reported
    coords = places.map((p) => p.coordinates);
    precision = coarsest(places.map((p) => p.precision));
    if (r.precision !== undefined && r.precision !== precision) {
      ctx.issues.push({ table, record: r.id, field: 'precision', message: `declares precision "${r.precision}" but its places give "${precision}"` });
    }
  } else {
    const countries = r.countries ?? [];
    const abroad = countries.filter((c) => c !== 'CN');
    if (countries.length === 0) {
      ctx.issues.push({ table, record: r.id, field: 'places', message: 'cannot be placed: give places or countries' });
      return undefined;
    }
    if (r.precision !== 'country') {
      ctx.issues.push({
        table,
        record: r.id,
        field: 'precision',
        message: `names no place, so it would be drawn at the interior point of ${abroad.length ? abroad.join(', ') : 'CN'}: give places, or declare "precision": "country" to accept that`,
      });
      return undefined;
    }
    if (abroad.length > MAX_COUNTRY_POINTS) {
      ctx.issues.push({
        table,
        record: r.id,
        field: 'places',
        message: `names ${abroad.length} countries abroad and no place: a dot in each would mislead (more than ${MAX_COUNTRY_POINTS}); give places (a venue, a seat, a lead unit)`,
      });
      return undefined;
    }
    const chosen = abroad.length ? abroad : countries;
    coords = [];
    chosen.forEach((c) => {
      const a = ctx.atlas.anchor(c);
      if (a) coords.push(a);
      else ctx.issues.push({ table, record: r.id, field: 'countries', message: `country ${c} is not in the Natural Earth atlas` });
    });
    precision = 'country';
    if (coords.length) ctx.countryPlaced?.push({ layer: table, id: r.id, drawnAt: chosen });
  }
  if (coords.length === 0) {
    ctx.issues.push({ table, record: r.id, field: 'places', message: 'cannot be placed: give places or countries' });
    return undefined;
  }
  const geometry: Geometry = coords.length === 1 ? { type: 'Point', coordinates: coords[0]! } : { type: 'MultiPoint', coordinates: coords };
  return { geometry, precision, places };
}

function pointLayer<R extends RecordBase>(ctx: BuildContext, layer: LayerId, rows: readonly R[], extra: (r: R) => Record<string, unknown>): LayerFeature[] {
  const out: LayerFeature[] = [];
  for (const r of rows) {
    const g = pointGeometry(ctx, layer, r);
    if (!g) continue;
    const props = Object.assign(baseProps(layer, r, g.places, g.precision), extra(r));
    out.push(feature(g.geometry, props));
  }
  return out;
}

/** The area of a key project, looked up for records that point at one. */
function areaOf(projects: readonly Project[], no: number | undefined): number | undefined {
  return no === undefined ? undefined : projects.find((p) => p.project_no === no)?.area;
}

export function projectsLayer(ctx: BuildContext, rows: readonly Project[]): LayerFeature[] {
  return pointLayer(ctx, 'projects', rows, (r) => ({
    project_no: r.project_no,
    area: r.area,
    status: r.status,
    lead_units: r.lead_units,
    participating_units: r.participating_units,
    figures: r.figures,
    ...(r.drawn_in_china ? { drawn_in_china: r.drawn_in_china } : {}),
  }));
}

export function tcmLayer(ctx: BuildContext, rows: readonly TcmCentre[], projects: readonly Project[]): LayerFeature[] {
  return pointLayer(ctx, 'tcm-centres', rows, (r) => ({
    host_institution: r.host_institution,
    status: r.status,
    overseas: r.overseas,
    ...(r.project_no !== undefined ? { project_no: r.project_no, area: areaOf(projects, r.project_no) } : {}),
  }));
}

export function hospitalsLayer(ctx: BuildContext, rows: readonly Hospital[], projects: readonly Project[]): LayerFeature[] {
  return pointLayer(ctx, 'hospitals', rows, (r) => ({
    status: r.status,
    ...(r.project_no !== undefined ? { project_no: r.project_no, area: areaOf(projects, r.project_no) } : {}),
    figures: r.figures,
  }));
}

export function trainingLayer(ctx: BuildContext, rows: readonly Training[], projects: readonly Project[]): LayerFeature[] {
  return pointLayer(ctx, 'training', rows, (r) => ({
    kind: r.kind,
    ...(r.project_no !== undefined ? { project_no: r.project_no, area: areaOf(projects, r.project_no) } : {}),
    figures: r.figures,
  }));
}

export function eventsLayer(ctx: BuildContext, rows: readonly EventRecord[], projects: readonly Project[]): LayerFeature[] {
  return pointLayer(ctx, 'events', rows, (r) => {
    const year = Number(r.date.slice(0, 4));
    return {
      kind: r.kind,
      date: r.date,
      ...(r.project_no !== undefined ? { project_no: r.project_no, area: areaOf(projects, r.project_no) } : {}),
      // An event always has a year: its date.
      year_start: r.years?.start ?? year,
      year_end: r.years?.end ?? year,
    };
  });
}

export function organisationsLayer(ctx: BuildContext, rows: readonly Organisation[]): LayerFeature[] {
  return pointLayer(ctx, 'organisations', rows, (r) => ({ ...(r.abbr ? { abbr: r.abbr } : {}), ...(r.kind ? { kind: r.kind } : {}) }));
}
