/**
 * The shapes the site checks data against on arrival (`load-data.ts`): the
 * manifest, and every feature — its core fields and each optional field the
 * panels read (status, area, direction, years, figures, external sources,
 * member lists…), so a malformed record is skipped with a reason instead of
 * breaking the detail panel later. `zod/mini`, configured `jitless`: the CSP
 * forbids the `new Function` that zod's compiled parsers use.
 */
import * as z from 'zod/mini';
import { LAYER_IDS } from '../layers/registry.ts';
import { DISEASE_GROUPS, FEATURE_DIRECTIONS, HATCH_ANGLES, LANGS, PRECISIONS, STATUSES } from './vocabulary.ts';
import { WORLDVIEWS } from './worldviews.ts';

z.config({ jitless: true });

const Position = z.tuple([z.number(), z.number()]);
export const GeometrySchema = z.union([
  z.object({ type: z.literal('Point'), coordinates: Position }),
  z.object({ type: z.literal('MultiPoint'), coordinates: z.array(Position) }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(Position) }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position)) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
]);

const Text = z.string().check(z.minLength(1));
const Bilingual = z.looseObject({ en: z.string(), zh: z.string() });
const Citation = z.looseObject({ doc: Text, quote: Text });
const Int = (min: number, max: number) => z.number().check(z.int(), z.gte(min), z.lte(max));
const Iso2 = z.string().check(z.regex(/^[A-Z]{2}$/));
/** Years a record of the Belt and Road era can carry (the URL allows a narrower range). */
const Year = Int(1900, 2100);

const propsShape = {
  id: Text,
  layer: z.enum(LAYER_IDS),
  name_en: Text,
  name_zh: Text,
  summary_en: z.string(),
  summary_zh: z.string(),
  precision: z.enum(PRECISIONS),
  sources: z.array(Citation).check(z.minLength(1)),
  countries: z.array(Iso2),
  places: z.array(z.looseObject({ id: z.string(), name_en: z.string(), name_zh: z.string(), country: z.optional(z.string()), coordinates: z.optional(Position) })),
  related: z.array(z.string()),
  // Optional fields, each read by the map, the filters or the detail panel.
  status: z.optional(z.enum(STATUSES)),
  area: z.optional(Int(1, 8)),
  direction: z.optional(z.enum(FEATURE_DIRECTIONS)),
  year_start: z.optional(Year),
  year_end: z.optional(Year),
  project_no: z.optional(Int(1, 999)),
  date: z.optional(z.string().check(z.regex(/^\d{4}(-\d{2}){0,2}$/))),
  figures: z.optional(z.array(z.looseObject({ label: Bilingual, value: z.number(), unit: Bilingual, source: Citation }))),
  external_sources: z.optional(z.array(z.looseObject({ title: Text, publisher: z.string(), date: z.string(), note: z.optional(z.string()) }))),
  disease_group: z.optional(z.enum(DISEASE_GROUPS)),
  hatch_angle: z.optional(z.literal(HATCH_ANGLES)),
  area_km2: z.optional(z.number().check(z.nonnegative())),
  diseases: z.optional(z.array(Bilingual)),
  lead_units: z.optional(z.array(Bilingual)),
  participating_units: z.optional(z.array(Bilingual)),
  host_institution: z.optional(Bilingual),
  mechanism: z.optional(Bilingual),
  member_names: z.optional(z.array(z.looseObject({ iso2: Iso2, en: z.string(), zh: z.string() }))),
  partner_countries: z.optional(z.array(Iso2)),
  china_provinces: z.optional(z.array(z.looseObject({ name_en: z.string(), name_zh: z.string() }))),
  method: z.optional(z.looseObject({ kind: z.optional(z.string()), width_km: z.optional(z.number()), neighbours: z.optional(z.array(Iso2)) })),
  kind: z.optional(z.string()),
  role: z.optional(z.string()),
  identification_note: z.optional(z.looseObject({ en: Text, zh: Text })),
  drawn_in_china: z.optional(z.enum(['venue', 'base', 'border'])),
};
const yearsInOrder = z.refine<{ year_start?: number; year_end?: number }>((p) => p.year_start === undefined || p.year_end === undefined || p.year_end >= p.year_start, {
  message: 'year_end is before year_start',
  path: ['year_end'],
});
const Props = z.looseObject(propsShape).check(yearsInOrder);
/** A brief record (`brief.ts`): the same, without the summaries and quotes. */
const BriefProps = z.looseObject({ ...propsShape, summary_en: z.optional(z.string()), summary_zh: z.optional(z.string()), sources: z.optional(z.array(Citation)) }).check(yearsInOrder);

/** RFC 7946 bbox: west, south, east, north (east < west across the antimeridian). */
const BBox = z.tuple([z.number().check(z.gte(-180), z.lte(180)), z.number().check(z.gte(-90), z.lte(90)), z.number().check(z.gte(-180), z.lte(180)), z.number().check(z.gte(-90), z.lte(90))]);

export const FeatureSchema = z.object({ type: z.literal('Feature'), id: z.string(), bbox: z.optional(BBox), geometry: GeometrySchema, properties: Props });
export const BriefFeatureSchema = z.object({ type: z.literal('Feature'), id: z.string(), bbox: z.optional(BBox), geometry: GeometrySchema, properties: BriefProps });

const SafeFile = z.string().check(
  z.regex(/^[a-z0-9][a-z0-9/._-]*$/),
  z.refine((f) => !f.includes('..'), { message: 'no ".." in a data path' }),
);

/** A file and its overview; a worldview whose outlines differ names its own (`worldviews.cn`). */
const Files = { file: SafeFile, overview: z.optional(z.looseObject({ file: SafeFile })), brief: z.optional(z.looseObject({ file: SafeFile })) };
const WorldviewFiles = z.optional(z.partialRecord(z.enum(WORLDVIEWS), z.looseObject(Files)));

export const ManifestSchema = z.looseObject({
  version: z.literal(1),
  content_hash: z.string(),
  layers: z.array(
    z.looseObject({
      id: z.enum(LAYER_IDS),
      ...Files,
      title_en: Text,
      title_zh: Text,
      geometry: z.enum(['Point', 'LineString', 'Polygon']),
      count: Int(0, 1e6),
      bytes: Int(0, 1e9),
      worldviews: WorldviewFiles,
    }),
  ),
  documents: z.array(z.looseObject({ file: SafeFile, title_en: Text, title_zh: Text, date: z.string(), language: z.enum(LANGS), sha256: z.string() })),
  basemap: z.array(z.looseObject({ id: z.string(), ...Files, worldviews: WorldviewFiles })),
  extras: z.array(z.looseObject({ id: z.string(), file: SafeFile, description: z.string() })),
  countries: z.optional(
    z.array(
      z.looseObject({
        iso2: Iso2,
        name_en: Text,
        name_zh: Text,
        aliases_en: z.optional(z.array(Text)),
        aliases_zh: z.optional(z.array(Text)),
      }),
    ),
  ),
});

/** The issues of a failed parse, one line: `path: message; …`. */
export function issuesText(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}
