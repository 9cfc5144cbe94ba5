/**
 * What the layer builders share: the atlas, the resolved gazetteer and the
 * issue list. Builders report problems as issues and keep going, so one build
 * lists every problem.
 */
import type { Feature, Geometry } from 'geojson';
import type { Atlas } from '../atlas.ts';
import type { DataIssue } from '../errors.ts';
import type { ResolvedPlace } from '../gazetteer.ts';
import type { BaseProps, PlaceRef } from '../../src/data/contract.ts';
import { type LayerId } from '../../src/layers/registry.ts';
import { PRECISIONS, type Precision } from '../../src/data/vocabulary.ts';
import type { Source, ExternalSource } from '../schema.ts';
import { normaliseCountries } from '../sovereignty.ts';

export interface BuildContext {
  atlas: Atlas;
  places: Map<string, ResolvedPlace>;
  issues: DataIssue[];
  /** Point records drawn at country interior points because they name no place (listed in the build log). */
  countryPlaced?: CountryPlaced[];
}

/** A point record the build drew at its countries' interior points. */
export interface CountryPlaced {
  layer: string;
  id: string;
  /** The countries whose interior points it is drawn at. */
  drawnAt: string[];
}

export type LayerFeature = Feature<Geometry, BaseProps> & { id: string };

/** Fields shared by the curated record types. */
export interface RecordBase {
  id: string;
  name_en: string;
  name_zh: string;
  summary_en: string;
  summary_zh: string;
  sources: Source[];
  external_sources?: ExternalSource[] | undefined;
  countries?: string[] | undefined;
  places?: string[] | undefined;
  years?: { start: number; end: number } | undefined;
  related?: string[] | undefined;
  identification_note?: { en: string; zh: string } | undefined;
  /** Declared precision of a point record (see `pointBase` in schema.ts). */
  precision?: 'city' | 'district' | 'province' | 'country' | undefined;
}

const PRECISION_ORDER: readonly Precision[] = PRECISIONS;

/** The coarsest of several precisions. */
export function coarsest(ps: readonly Precision[]): Precision {
  return ps.reduce<Precision>((a, b) => (PRECISION_ORDER.indexOf(b) > PRECISION_ORDER.indexOf(a) ? b : a), 'city');
}

/** Looks up place ids, reporting unknown ones. */
export function placeRefs(ctx: BuildContext, table: string, r: RecordBase): PlaceRef[] {
  const out: PlaceRef[] = [];
  (r.places ?? []).forEach((pid, i) => {
    const p = ctx.places.get(pid);
    if (!p) ctx.issues.push({ table, record: r.id, field: `places[${i}]`, message: `unknown place id "${pid}" (not in seeds/tables/places*.json)` });
    else out.push({ id: p.id, name_en: p.name_en, name_zh: p.name_zh, country: p.country, precision: p.precision, coordinates: p.coordinates });
  });
  return out;
}

/** The properties every feature starts with, in a fixed key order. */
export function baseProps(layer: LayerId, r: RecordBase, places: PlaceRef[], precision: Precision): BaseProps {
  const props: BaseProps = {
    id: r.id,
    layer,
    name_en: r.name_en,
    name_zh: r.name_zh,
    summary_en: r.summary_en,
    summary_zh: r.summary_zh,
    precision,
    sources: r.sources.map((s) => ({ doc: s.doc, quote: s.quote })),
    // Taiwan, Hong Kong and Macao count as China (sovereignty.ts).
    countries: normaliseCountries(r.countries ?? []),
    places,
    related: [...(r.related ?? [])],
  };
  if (r.external_sources?.length) props.external_sources = r.external_sources.map((e) => ({ ...e }));
  if (r.identification_note) props.identification_note = { en: r.identification_note.en, zh: r.identification_note.zh };
  if (r.years) {
    props.year_start = r.years.start;
    props.year_end = r.years.end;
  }
  return props;
}

export function feature(geometry: Geometry, props: BaseProps): LayerFeature {
  return { type: 'Feature', id: props.id, geometry, properties: props };
}
