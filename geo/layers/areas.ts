/**
 * Polygon layers built from Natural Earth: priority countries by direction,
 * multilateral mechanisms as merged country groups, the countries of the 2020
 * joint statement, and the cross-border disease-control zones.
 *
 * Every shape is the atlas's worldview's (`ctx.atlas`): a country's outline
 * leaves out what that worldview draws as disputed, China's takes in Taiwan,
 * Hong Kong and Macao.
 *
 * Disease zones are computed, not drawn by hand:
 * - `border-band`: China's land border with the named neighbours (extracted
 *   from the shared arcs of the topology), buffered by `width_km` on each side;
 * - `countries`: the partner countries merged into one outline, united with
 *   such a band wherever a partner (or each of `band_neighbours`) borders
 *   China, so the Chinese border provinces' side of the border is covered too —
 *   only when the zone names China or Chinese provinces.
 * Either is clipped to China and the named countries: a band never spills into
 * a third country (India at the China–Myanmar–India junction), a disputed area
 * or the sea.
 *
 * Zones overlap (the Mekong zones cover the same countries), and each is drawn
 * as a hatch: zones that overlap get hatches in different directions
 * (`hatch_angle`), and each carries its area (`area_km2`): the site draws the
 * larger first, so a smaller zone lies over them and a click inside it finds it.
 */
import { area } from '@turf/area';
import { buffer } from '@turf/buffer';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { HATCH_ANGLES, type HatchAngle } from '../../src/data/vocabulary.ts';
import * as polyclip from '../clip.ts';
import type { Direction, DiseaseZone, Group, Mechanism, StatementCountry } from '../schema.ts';
import { countryName } from '../country-names.ts';
import { ECONOMY_NAMES, normaliseCountries } from '../sovereignty.ts';
import { baseProps, feature, placeRefs, type BuildContext, type LayerFeature } from './context.ts';

/**
 * Priority countries (重点国家) of each direction. The plan names some as a
 * group ("东盟", "中亚"): a member of a direction's `priority_groups` says so
 * in its summary and cites the group's membership source (groups.json), since
 * the plan's sentence names only the group.
 */
export function priorityCountriesLayer(ctx: BuildContext, directions: readonly Direction[], groups: readonly Group[] = []): LayerFeature[] {
  const out: LayerFeature[] = [];
  for (const d of directions) {
    const dGroups = (d.priority_groups ?? []).flatMap((gid, i) => {
      const g = groups.find((x) => x.id === gid);
      if (!g) ctx.issues.push({ table: 'directions', record: d.id, field: `priority_groups[${i}]`, message: `unknown group "${gid}" (not in groups.json)` });
      else
        for (const m of g.members)
          if (!d.priority_countries.includes(m))
            ctx.issues.push({ table: 'directions', record: d.id, field: 'priority_countries', message: `${m}, a member of ${g.name_en} (a priority group), is missing` });
      return g ? [g] : [];
    });
    for (const iso of d.priority_countries) {
      const geom = ctx.atlas.country(iso);
      const en = countryName(iso, 'en');
      const zh = countryName(iso, 'zh');
      if (!geom || !en || !zh) {
        ctx.issues.push({ table: 'directions', record: d.id, field: 'priority_countries', message: `country ${iso} has no geometry or name` });
        continue;
      }
      const g = dGroups.find((x) => x.members.includes(iso));
      const id = `priority-${d.direction}-${iso.toLowerCase()}`;
      const props = baseProps(
        'priority-countries',
        {
          id,
          name_en: en,
          name_zh: zh,
          summary_en: `${en} is a priority country (重点国家) of the ${d.name_en} direction of the 2015–2017 implementation plan${g ? `, as ${g.member_of.en}: the plan names “${g.name_zh}” (${g.name_en}), not each country` : ''}.`,
          summary_zh: `${zh}${g ? `作为${g.member_of.zh}（实施方案称“${g.name_zh}”，未逐一列出国家）` : ''}，是2015—2017年实施方案中“${d.name_zh}”方向的重点国家。`,
          sources: d.sources.slice(-1),
          ...(g ? { external_sources: g.external_sources } : {}),
          countries: [iso],
          related: [d.id],
        },
        [],
        'country',
      );
      Object.assign(props, { direction: d.direction, ...(g ? { group: { en: g.name_en, zh: g.name_zh } } : {}) });
      out.push(feature(geom, props));
    }
  }
  return out;
}

export function mechanismsLayer(ctx: BuildContext, rows: readonly Mechanism[]): LayerFeature[] {
  return rows.map((r) => {
    // Members that are regions of China (APEC's economies) are drawn as China.
    const countries = normaliseCountries(r.members);
    const missing = countries.filter((m) => !ctx.atlas.country(m));
    if (missing.length) ctx.issues.push({ table: 'mechanisms', record: r.id, field: 'members', message: `not in the atlas: ${missing.join(', ')}` });
    const geom = ctx.atlas.merged(countries.filter((m) => !missing.includes(m)));
    const props = Object.assign(baseProps('mechanisms', r, placeRefs(ctx, 'mechanisms', r), 'country'), {
      direction: r.direction,
      abbr_en: r.abbr_en,
      abbr_zh: r.abbr_zh,
      members: r.members,
      // A grouping that lists Taiwan, Hong Kong or Macao counts economies (APEC): named as such.
      member_names: r.members.map((m) => ({ iso2: m, en: ECONOMY_NAMES[m]?.en ?? countryName(m, 'en') ?? m, zh: ECONOMY_NAMES[m]?.zh ?? countryName(m, 'zh') ?? m })),
      members_as_of: r.members_as_of,
    });
    return feature(geom, props);
  });
}

export function statementLayer(ctx: BuildContext, rows: readonly StatementCountry[]): LayerFeature[] {
  const out: LayerFeature[] = [];
  for (const r of rows) {
    const iso = r.countries?.[0];
    const geom = iso ? ctx.atlas.country(iso) : undefined;
    if (!iso || r.countries!.length !== 1 || !geom) {
      ctx.issues.push({ table: 'statement-2020', record: r.id, field: 'countries', message: 'must name exactly one country present in the atlas' });
      continue;
    }
    const props = Object.assign(baseProps('statement-2020', r, [], 'country'), { role: r.role, year_start: 2020, year_end: 2020 });
    out.push(feature(geom, props));
  }
  return out;
}

const coordsOf = (g: Polygon | MultiPolygon): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** A band `widthKm` either side of China's border with `neighbours`, or undefined if they do not touch. */
function borderBand(ctx: BuildContext, neighbours: readonly string[], widthKm: number): Polygon | MultiPolygon | undefined {
  const line = ctx.atlas.border('CN', neighbours);
  if (!line) return undefined;
  const b = buffer({ type: 'Feature', properties: {}, geometry: line }, widthKm, { units: 'kilometers', steps: 4 });
  return b?.geometry;
}

/** `g` clipped to China and `countries` (in the atlas's worldview); undefined when nothing is left. */
function clipToCountries(ctx: BuildContext, g: Polygon | MultiPolygon, countries: readonly string[]): MultiPolygon | undefined {
  const within = ctx.atlas.merged(['CN', ...countries]);
  const clipped = polyclip.intersection(coordsOf(g), within.coordinates) as Position[][][];
  return clipped.length ? { type: 'MultiPolygon', coordinates: clipped } : undefined;
}

export function diseaseZonesLayer(ctx: BuildContext, rows: readonly DiseaseZone[]): LayerFeature[] {
  const out: LayerFeature[] = [];
  for (const r of rows) {
    let geom: Polygon | MultiPolygon | undefined;
    if (r.method.kind === 'border-band') {
      const band = borderBand(ctx, r.method.neighbours, r.method.width_km);
      geom = band && clipToCountries(ctx, band, r.method.neighbours);
      if (!geom) ctx.issues.push({ table: 'disease-zones', record: r.id, field: 'method.neighbours', message: 'these countries share no border with China' });
    } else {
      const merged = ctx.atlas.merged(r.partner_countries);
      // China's side is covered only for a zone that names China or its provinces
      // (the Mekong schistosomiasis zone names neither); `band_neighbours` narrows
      // the band to the borders the documents support.
      const namesChina = r.china_provinces.length > 0 || (r.countries ?? []).includes('CN');
      const band = namesChina ? borderBand(ctx, r.method.band_neighbours ?? r.partner_countries, r.method.width_km) : undefined;
      const clipped = band && clipToCountries(ctx, band, r.partner_countries);
      geom = clipped ? { type: 'MultiPolygon', coordinates: polyclip.union(merged.coordinates, clipped.coordinates) } : merged;
    }
    if (!geom) continue;
    const props = Object.assign(baseProps('disease-zones', r, placeRefs(ctx, 'disease-zones', r), 'region'), {
      diseases: r.diseases,
      disease_group: r.disease_group,
      china_provinces: r.china_provinces.map((p) => {
        const pl = ctx.places.get(p);
        return { id: p, name_en: pl?.name_en ?? p, name_zh: pl?.name_zh ?? p };
      }),
      partner_countries: r.partner_countries,
      mechanism: r.mechanism,
      project_nos: r.project_nos,
      method: r.method,
    });
    out.push(feature(geom, props));
  }
  return withHatchAngles(ctx, out);
}

/** Two zones overlap when they share more than this part of the smaller one's area. */
const OVERLAP_SHARE = 0.01;

const areaOf = (p: Position[][][]): number => (p.length ? area({ type: 'MultiPolygon', coordinates: p }) : 0);

/**
 * Hands each zone the first hatch direction (`HATCH_ANGLES`, in order) that no
 * zone it overlaps already has, the largest zones first (ties by id, so the
 * result never depends on the table's order), and writes each zone's area.
 */
export function withHatchAngles(ctx: Pick<BuildContext, 'issues'>, zones: LayerFeature[]): LayerFeature[] {
  const shapes = zones.map((f) => {
    const polygons = coordsOf(f.geometry as Polygon | MultiPolygon);
    return { f, polygons, area: areaOf(polygons) };
  });
  shapes.sort((a, b) => b.area - a.area || a.f.properties.id.localeCompare(b.f.properties.id));
  const angles: HatchAngle[] = [];
  shapes.forEach((z, i) => {
    const taken = new Set<HatchAngle>();
    for (let j = 0; j < i; j++) {
      const other = shapes[j]!;
      const shared = areaOf(polyclip.intersection(z.polygons, other.polygons));
      if (shared > OVERLAP_SHARE * Math.min(z.area, other.area)) taken.add(angles[j]!);
    }
    const angle = HATCH_ANGLES.find((a) => !taken.has(a));
    if (angle === undefined) {
      ctx.issues.push({
        table: 'disease-zones',
        record: z.f.properties.id,
        field: 'method',
        message: `overlaps zones in all ${HATCH_ANGLES.length} hatch directions: no direction is left to tell it apart`,
      });
    }
    angles.push(angle ?? HATCH_ANGLES[0]);
    z.f.properties.hatch_angle = angles[i];
    z.f.properties.area_km2 = Math.round(z.area / 1e6);
  });
  return zones;
}
