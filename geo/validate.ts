/**
 * The gate between the seeds and the map. Every check returns issues naming
 * the table, record and field; the build fails when there is any.
 *
 * Checked here: quotes are in their documents; ids are unique and references
 * resolve; names and summaries exist in both languages (and are in the right
 * script); key projects are numbered 1–38 once each; places lie in the country
 * they claim; geometries are valid.
 */
import { ECONOMY_NAMES } from './sovereignty.ts';
import { booleanValid } from '@turf/boolean-valid';
import { kinks } from '@turf/kinks';
import { area } from '@turf/area';
import * as polyclip from 'polyclip-ts';
import type { Geometry, Polygon, Position } from 'geojson';
import type { Atlas } from './atlas.ts';
import type { DataIssue } from './errors.ts';
import type { ResolvedPlace } from './gazetteer.ts';
import type { Seeds } from './load.ts';
import { minQuoteLength, normaliseWhitespace, quoteInDocument } from './quotes.ts';
import { DOC_FILES, type Group, type TableName } from './schema.ts';
import type { LayerFeature } from './layers/context.ts';

/** Number of key projects in implementation plan §四. */
export const PROJECT_COUNT = 38;

/** How far outside its country's Natural Earth 10m outline a city may lie (coastal cities, islands). */
export const POINT_TOLERANCE_KM = 15;

const HAS_CJK = /[\u3400-\u9fff]/;

type AnyRecord = Record<string, unknown> & { id?: string };

/** Visits every `{doc, quote}` object inside a record, with its field path. */
function eachCitation(value: unknown, path: string, visit: (c: { doc: string; quote: string }, path: string) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => eachCitation(v, `${path}[${i}]`, visit));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.doc === 'string' && typeof o.quote === 'string') visit(o as { doc: string; quote: string }, path);
    else for (const [k, v] of Object.entries(o)) eachCitation(v, path ? `${path}.${k}` : k, visit);
  }
}

/** Quotes: present verbatim (whitespace normalised) in their document, and long enough to be evidence. */
export function checkQuotes(seeds: Seeds): DataIssue[] {
  const issues: DataIssue[] = [];
  const normalised = new Map([...seeds.documents].map(([k, v]) => [k, normaliseWhitespace(v)]));
  for (const [table, rows] of Object.entries(seeds.tables) as [TableName, AnyRecord[]][]) {
    rows.forEach((row, i) => {
      const record = row.id ?? `#${i}`;
      eachCitation(row, '', (c, path) => {
        const doc = normalised.get(c.doc as (typeof DOC_FILES)[number]);
        if (doc === undefined) issues.push({ table, record, field: `${path}.doc`, message: `unknown document "${c.doc}"` });
        else if (!quoteInDocument(c.quote, doc))
          issues.push({ table, record, field: `${path}.quote`, message: `quote not found in ${c.doc}: «${c.quote.slice(0, 80)}${c.quote.length > 80 ? '…' : ''}»` });
        else if (normaliseWhitespace(c.quote).length < minQuoteLength(c.quote))
          issues.push({ table, record, field: `${path}.quote`, message: `quote too short to stand as evidence (${normaliseWhitespace(c.quote).length} characters; a clause or sentence is needed)` });
      });
    });
  }
  return issues;
}

/** Ids: unique across all tables (and among places); `related` ids must exist. */
export function checkIds(seeds: Seeds, extraIds: readonly string[] = []): DataIssue[] {
  const issues: DataIssue[] = [];
  const seen = new Map<string, string>();
  for (const [table, rows] of Object.entries(seeds.tables) as [TableName, AnyRecord[]][]) {
    for (const row of rows) {
      if (!row.id) continue;
      const prior = seen.get(row.id);
      if (prior) issues.push({ table, record: row.id, field: 'id', message: `duplicate id (also in ${prior})` });
      else seen.set(row.id, table);
    }
  }
  for (const id of extraIds) if (!seen.has(id)) seen.set(id, 'generated');
  const placeIds = new Set<string>();
  for (const p of seeds.places) {
    if (placeIds.has(p.id)) issues.push({ table: 'places', record: p.id, field: 'id', message: 'duplicate place id' });
    placeIds.add(p.id);
  }
  for (const [table, rows] of Object.entries(seeds.tables) as [TableName, AnyRecord[]][]) {
    for (const row of rows) {
      const related = (row.related as string[] | undefined) ?? [];
      related.forEach((r, i) => {
        if (!seen.has(r)) issues.push({ table, record: row.id ?? '-', field: `related[${i}]`, message: `unknown id "${r}"` });
      });
    }
  }
  return issues;
}

/** Names and summaries: present in both languages, Chinese in Chinese script, English not. */
export function checkNames(seeds: Seeds): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const [table, rows] of Object.entries(seeds.tables) as [TableName, AnyRecord[]][]) {
    if (table === 'headlines') continue; // headlines carry `label`, checked by schema
    for (const row of rows) {
      const record = row.id ?? '-';
      for (const field of ['name_en', 'name_zh', 'summary_en', 'summary_zh']) {
        const v = row[field];
        if (typeof v !== 'string' || v.trim() === '') {
          issues.push({ table, record, field, message: 'missing: every record needs a name and a summary in both English and Chinese' });
          continue;
        }
        if (field.endsWith('_zh') && !HAS_CJK.test(v)) issues.push({ table, record, field, message: 'has no Chinese characters' });
        if (field.endsWith('_en') && (v.match(/[\u3400-\u9fff]/g)?.length ?? 0) > v.length / 4) issues.push({ table, record, field, message: 'is mostly Chinese characters' });
      }
    }
  }
  for (const p of seeds.places) {
    if (!HAS_CJK.test(p.name_zh)) issues.push({ table: 'places', record: p.id, field: 'name_zh', message: 'has no Chinese characters' });
  }
  return issues;
}

/** Key projects: numbered 1–38, each exactly once. */
export function checkProjectNumbers(seeds: Seeds): DataIssue[] {
  const issues: DataIssue[] = [];
  const byNo = new Map<number, string>();
  for (const p of seeds.tables.projects) {
    if (p.project_no < 1 || p.project_no > PROJECT_COUNT) issues.push({ table: 'projects', record: p.id, field: 'project_no', message: `must be between 1 and ${PROJECT_COUNT}` });
    const prior = byNo.get(p.project_no);
    if (prior) issues.push({ table: 'projects', record: p.id, field: 'project_no', message: `duplicate project number ${p.project_no} (also ${prior})` });
    else byNo.set(p.project_no, p.id);
  }
  for (let n = 1; n <= PROJECT_COUNT; n++) {
    if (!byNo.has(n)) issues.push({ table: 'projects', record: `project ${n}`, field: 'project_no', message: `project number ${n} is missing` });
  }
  return issues;
}

/** Places: each lies in (or within tolerance of) the country it claims. */
export function checkPlaces(places: readonly ResolvedPlace[], atlas: Pick<Atlas, 'distanceKm'>): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const p of places) {
    const d = atlas.distanceKm(p.country, p.coordinates);
    if (d === undefined) issues.push({ table: 'places', record: p.id, field: 'country', message: `country ${p.country} is not in the atlas` });
    else if (d > POINT_TOLERANCE_KM)
      issues.push({ table: 'places', record: p.id, field: 'geonameid', message: `point ${p.coordinates.join(',')} lies ${Math.round(d)} km outside ${p.country}, the country it claims` });
  }
  return issues;
}

/** Records: the countries of the places they name are among the countries they list. */
export function checkPlaceCountries(features: readonly LayerFeature[]): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const f of features) {
    const { countries, places, layer, id } = f.properties;
    if (!countries.length) continue;
    places.forEach((p, i) => {
      if (!countries.includes(p.country))
        issues.push({ table: layer, record: id, field: `places[${i}]`, message: `place ${p.id} is in ${p.country}, which the record's countries (${countries.join(', ')}) do not include` });
    });
  }
  return issues;
}

function finiteCoords(g: Geometry): boolean {
  const walk = (c: unknown): boolean =>
    Array.isArray(c) ? (typeof c[0] === 'number' ? c.length >= 2 && c.every((x) => Number.isFinite(x)) && Math.abs(c[1] as number) <= 90 && c[0] >= -180 && c[0] <= 360 : c.every(walk)) : false;
  return g.type === 'GeometryCollection' ? g.geometries.every(finiteCoords) : walk(g.coordinates);
}

/**
 * Why a geometry is invalid, or undefined when it is valid. Polygons follow the
 * OGC simple-features rules: each part passes turf's `booleanValid` (closed
 * rings of 4+ positions, no spikes, holes inside shells) and has no
 * self-intersections (`kinks`), and the parts of a MultiPolygon do not overlap
 * (they may touch at points, as Natural Earth's do — turf alone rejects that).
 */
export function geometryProblem(g: Geometry): string | undefined {
  if (!finiteCoords(g)) return 'coordinates out of range or not numbers';
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    const parts: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    if (parts.length === 0) return `empty ${g.type}`;
    for (const [i, coords] of parts.entries()) {
      const poly: Polygon = { type: 'Polygon', coordinates: coords };
      if (!booleanValid(poly)) return `part ${i}: unclosed ring, too few points, spike or hole outside its shell`;
      if (kinks(poly).features.length) return `part ${i}: ring intersects itself`;
    }
    if (parts.length > 1) {
      const sum = parts.reduce((a, c) => a + area({ type: 'Polygon', coordinates: c }), 0);
      const merged = area({ type: 'MultiPolygon', coordinates: polyclip.union(parts as polyclip.Geom) });
      if (sum - merged > 1e-6 * sum + 1) return 'parts overlap each other';
    }
    return undefined;
  }
  return booleanValid(g) ? undefined : `invalid ${g.type}`;
}

/** Geometries: finite coordinates in range, and valid (see `geometryProblem`). */
export function checkGeometry(features: readonly LayerFeature[]): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const f of features) {
    const table = f.properties.layer;
    const problem = f.geometry ? geometryProblem(f.geometry) : 'missing geometry';
    if (problem) issues.push({ table, record: f.id, field: 'geometry', message: problem });
  }
  return issues;
}

/** Document metadata: one entry per document file. */
export function checkDocumentMeta(seeds: Seeds): DataIssue[] {
  const have = new Set(seeds.documentMeta.map((d) => d.file));
  return DOC_FILES.filter((f) => !have.has(f)).map((f) => ({ table: 'documents', record: f, field: '-', message: 'no entry in seeds/documents.json' }));
}

/** Corridors: every waypoint lies in one of the countries the corridor lists. */
export function checkCorridorCountries(seeds: Seeds, places: ReadonlyMap<string, ResolvedPlace>): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const c of seeds.tables.corridors) {
    c.waypoints.forEach((w, i) => {
      const p = places.get(w);
      if (p && !c.countries.includes(p.country))
        issues.push({
          table: 'corridors',
          record: c.id,
          field: `waypoints[${i}]`,
          message: `waypoint ${w} is in ${p.country}, which the corridor's countries (${c.countries.join(', ')}) do not include`,
        });
    });
  }
  return issues;
}

/** Units that scale the number (万 = 10⁴, 亿 = 10⁸): the value must be stated in whole units, the quote keeps the wording. */
const SCALED_UNIT = /[万亿]/;

/** Figures and headlines: numbers in whole units (money in yuan, not 万元 or 亿元), so values compare across records. */
export function checkFigureUnits(seeds: Seeds): DataIssue[] {
  const issues: DataIssue[] = [];
  const check = (table: string, record: string, field: string, unit: { zh: string; en: string }) => {
    if (SCALED_UNIT.test(unit.zh)) issues.push({ table, record, field, message: `unit "${unit.zh}" scales the value: state it in whole units (e.g. 10亿元 as 1000000000 元人民币, unit CNY)` });
  };
  for (const [table, rows] of Object.entries(seeds.tables) as [TableName, AnyRecord[]][]) {
    for (const row of rows) {
      const figures = (row.figures as { unit: { zh: string; en: string } }[] | undefined) ?? [];
      figures.forEach((f, i) => check(table, row.id ?? '-', `figures[${i}].unit`, f.unit));
      if (table === 'headlines') check(table, row.id ?? '-', 'unit', row.unit as { zh: string; en: string });
    }
  }
  return issues;
}

/**
 * Records that belong to a key project (a centre, hospital, training record or
 * mission; events are dated by their own date) share its years: they have years
 * exactly when the project has, and those lie within the project's.
 */
export function checkLinkedYears(seeds: Seeds): DataIssue[] {
  const issues: DataIssue[] = [];
  const projects = new Map(seeds.tables.projects.map((p) => [p.project_no, p]));
  const linked: [TableName, { id: string; project_no?: number | undefined; years?: { start: number; end: number } | undefined }[]][] = [
    ['tcm-centres', seeds.tables['tcm-centres']],
    ['hospitals', seeds.tables.hospitals],
    ['training', seeds.tables.training],
    ['cataract-missions', seeds.tables['cataract-missions']],
  ];
  for (const [table, rows] of linked) {
    for (const r of rows) {
      if (r.project_no === undefined) continue;
      const p = projects.get(r.project_no);
      if (!p) continue;
      const py = p.years;
      const y = r.years;
      if (y && !py) issues.push({ table, record: r.id, field: 'years', message: `has years ${y.start}–${y.end} but key project ${r.project_no} gives none: the documents date neither` });
      else if (!y && py) issues.push({ table, record: r.id, field: 'years', message: `has no years but key project ${r.project_no} runs ${py.start}–${py.end}` });
      else if (y && py && (y.start < py.start || y.end > py.end))
        issues.push({ table, record: r.id, field: 'years', message: `years ${y.start}–${y.end} fall outside key project ${r.project_no}'s ${py.start}–${py.end}` });
    }
  }
  return issues;
}

/** Directions: the mechanisms they name are mechanisms (or corridors the plan names as mechanisms). */
export function checkDirectionMechanisms(seeds: Seeds): DataIssue[] {
  const known = new Set([...seeds.tables.mechanisms.map((m) => m.id), ...seeds.tables.corridors.map((c) => c.id)]);
  const issues: DataIssue[] = [];
  for (const d of seeds.tables.directions) {
    d.mechanisms.forEach((m, i) => {
      if (!known.has(m)) issues.push({ table: 'directions', record: d.id, field: `mechanisms[${i}]`, message: `"${m}" is neither a mechanism nor a corridor` });
    });
  }
  return issues;
}

/**
 * Key projects whose work is abroad: a project whose `countries` name a
 * country other than China must have a point outside China — a place abroad
 * (a city, district, province, or the country itself as a place of kind
 * "country"), or, with no place, country precision (drawn abroad) — unless it
 * declares `drawn_in_china` (a venue, a base or border provinces in China) to
 * say why its only points are in China. A declaration on a project that has a
 * point abroad is refused too, so the field always means what it says.
 */
export function checkProjectsAbroad(features: readonly LayerFeature[]): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const f of features) {
    const p = f.properties;
    if (p.layer !== 'projects') continue;
    const abroad = p.countries.filter((c) => c !== 'CN');
    const pointAbroad = p.places.length ? p.places.some((pl) => pl.country !== 'CN') : p.precision === 'country' && abroad.length > 0;
    const declared = typeof p.drawn_in_china === 'string';
    if (abroad.length && !pointAbroad && !declared) {
      issues.push({
        table: 'projects',
        record: p.id,
        field: 'places',
        message: `names countries abroad (${abroad.join(', ')}) but every point is in China: give a place where the work is done abroad (a city, or the country as a place of kind "country"; the lead unit's home may stay as a second place), or declare "drawn_in_china" ("venue", "base" or "border") to say why`,
      });
    }
    if (declared && pointAbroad) issues.push({ table: 'projects', record: p.id, field: 'drawn_in_china', message: 'declares it is drawn only in China, but it has a point abroad' });
    if (declared && !abroad.length) issues.push({ table: 'projects', record: p.id, field: 'drawn_in_china', message: 'names no country abroad: nothing to explain' });
  }
  return issues;
}

const CJK = /[\u3400-\u9fff]/;

/** Whether `text` names `term`: anywhere for Chinese, as a word in English (case kept for short abbreviations such as "US"). */
export function textNames(text: string, term: string): boolean {
  if (CJK.test(term)) return text.includes(term);
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, term.length > 3 ? 'iu' : 'u').test(text);
}

/** Every quote a feature rests on: its sources and its figures' sources. */
function quotesOf(p: LayerFeature['properties']): string {
  const figures = Array.isArray(p.figures) ? p.figures : [];
  return [...p.sources.map((s) => s.quote), ...figures.map((x) => x.source.quote)].join('\n');
}

/**
 * Groups' members cited only by the group's name: a country a feature lists
 * that its quotes do not name, but that belongs to a group its quotes do name
 * ("东盟", "中亚", "阿盟"…), is on the map because of the group's membership,
 * which the documents do not give: the feature must cite an external source
 * for the membership of one of those groups (a source whose title or note
 * names the group, or names the country itself).
 */
export function checkGroupMembers(features: readonly LayerFeature[], groups: readonly Group[], countryTerms: (iso2: string) => string[]): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const f of features) {
    const p = f.properties;
    const quotes = quotesOf(p);
    const external = (p.external_sources ?? []).map((e) => `${e.title}\n${e.note ?? ''}`).join('\n');
    const named = groups.filter((g) => g.terms.some((t) => textNames(quotes, t)));
    if (!named.length) continue;
    const cited = new Set(named.filter((g) => [g.name_en, g.name_zh, ...g.terms].some((t) => textNames(external, t))).map((g) => g.id));
    const uncited = new Map<string, string[]>();
    for (const c of p.countries) {
      // Named by a quote, or by an external source (which then cites it): not cited through the group alone.
      if (c === 'CN' || countryTerms(c).some((t) => textNames(quotes, t) || textNames(external, t))) continue;
      const via = named.filter((g) => g.members.includes(c));
      if (via.length && !via.some((g) => cited.has(g.id))) {
        const key = via.map((g) => g.name_en).join(' or ');
        uncited.set(key, [...(uncited.get(key) ?? []), c]);
      }
    }
    for (const [key, cs] of uncited) {
      issues.push({
        table: p.layer,
        record: p.id,
        field: 'external_sources',
        message: `lists ${cs.join(', ')}, which its quotes name only as members of ${key}: cite the source of that membership (an external source whose title or note names the group)`,
      });
    }
  }
  return issues;
}

/**
 * One name per country across layers: the countries of the priority-countries
 * and 2020-statement layers (each feature is a country) and the member lists of
 * mechanisms must name a country the same way in each language — and, given
 * `canonical` (the map's country names, which the base map, the manifest and
 * search use), the way it does.
 */
export function checkCountryNames(features: readonly LayerFeature[], canonical?: (iso2: string, lang: 'en' | 'zh') => string | undefined): DataIssue[] {
  const issues: DataIssue[] = [];
  const seen = new Map<string, { en: string; zh: string; where: string }>();
  const note = (iso: string, en: string, zh: string, layer: string, record: string, field: string) => {
    if (!seen.has(iso) && canonical) {
      const cen = canonical(iso, 'en');
      const czh = canonical(iso, 'zh');
      if (cen && czh) seen.set(iso, { en: cen, zh: czh, where: 'the map’s country names (geo/country-names.ts)' });
    }
    const prior = seen.get(iso);
    if (!prior) {
      seen.set(iso, { en, zh, where: `${layer} ${record}` });
      return;
    }
    for (const lang of ['en', 'zh'] as const) {
      const name = lang === 'en' ? en : zh;
      if (name !== prior[lang])
        issues.push({
          table: layer,
          record,
          field: `${field}${field.endsWith(']') ? '.' : '_'}${lang}`,
          message: `names ${iso} “${name}”, but ${prior.where} names it “${prior[lang]}”: one name per country across layers`,
        });
    }
  };
  for (const f of features) {
    const p = f.properties;
    if ((p.layer === 'priority-countries' || p.layer === 'statement-2020') && p.countries.length === 1) note(p.countries[0]!, p.name_en, p.name_zh, p.layer, p.id, 'name');
    const members = Array.isArray(p.member_names) ? (p.member_names as { iso2: string; en: string; zh: string }[]) : [];
    // A grouping of economies (APEC) names Taiwan and Hong Kong by their member names (`sovereignty.ts`): those are not country names.
    const economy = (m: { iso2: string; en: string; zh: string }) => ECONOMY_NAMES[m.iso2]?.en === m.en && ECONOMY_NAMES[m.iso2]?.zh === m.zh;
    members.forEach((m, i) => {
      if (!economy(m)) note(m.iso2, m.en, m.zh, p.layer, p.id, `member_names[${i}]`);
    });
  }
  return issues;
}
