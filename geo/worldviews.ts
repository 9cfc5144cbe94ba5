/**
 * The worldviews as data: which disputed areas the build cuts out of Natural
 * Earth's de facto countries (`world-atlas`), and whose they are in each
 * worldview — a country's, or nobody's (drawn in a neutral hatch).
 *
 * `worldviewTopology` returns the world-atlas countries topology with the
 * worldview applied, before any simplification, so the base map, its overview
 * and the thematic country shapes all come from one topology per worldview
 * and share their outlines exactly. Each geometry carries
 * `{ name, iso2, admin, disputed }`:
 * - a country: `iso2` its code (TW, HK and MO stay separate units, so their
 *   boundaries and labels exist; `sovereignty.ts` merges them into China);
 * - a disputed area: `iso2` '' (or XK / EH for the world-atlas units Kosovo and
 *   Western Sahara), `disputed` its id here, `admin` who administers it.
 *
 * Areas come from Natural Earth's disputed-areas layer (`geo/vendor/`), cut out
 * of the country that administers them (so the line of control is the de facto
 * border world-atlas already has, and the claim line is the area's other edge);
 * islands the 1:50m countries do not have (the Spratly and Paracel Islands,
 * Scarborough Shoal, the Diaoyu Islands) are added whole.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { simplify } from '@turf/simplify';
import { buffer } from '@turf/buffer';
import { area } from '@turf/area';
import * as polyclip from './clip.ts';
import type { Bilingual } from '../src/data/contract.ts';
import type { Worldview } from '../src/data/worldviews.ts';
import { numericToAlpha2 } from './country-names.ts';

const VENDOR = new URL('./vendor/', import.meta.url);

/** Properties of every geometry of a worldview topology. */
export interface UnitProps {
  /** world-atlas's name, or the disputed area's English name. */
  name: string;
  /** ISO 3166-1 alpha-2 ('XK' Kosovo), '' for a disputed area or a unit without a code. */
  iso2: string;
  /** Who administers the unit: its own code for a country. */
  admin: string;
  /** The disputed area's id (`DISPUTED_AREAS`), '' for a country. */
  disputed: string;
}

export type UnitsTopology = Topology<{ countries: GeometryCollection<UnitProps> }>;
type AtlasTopology = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** Whose an area is in a worldview: a country's code, or nobody's (`'disputed'`). */
export type Disposition = string;

export interface DisputedArea {
  id: string;
  names: Bilingual;
  /** The outline: Natural Earth's `BRK_A3` in the disputed-areas file, or a world-atlas unit's name. */
  source: { ne: string } | { atlas: string };
  /** Who administers it (Natural Earth's `NOTE_BRK`): the country it is cut out of. */
  admin: string;
  view: Record<Worldview, Disposition>;
  /** Island groups too small to see at the map's scales: their label where a worldview gives them to a country. */
  islands?: Bilingual;
}

const CN_CLAIM: Record<Worldview, Disposition> = { intl: 'disputed', cn: 'CN' };
const BOTH: Record<Worldview, Disposition> = { intl: 'disputed', cn: 'disputed' };

/**
 * The disputed areas drawn. Natural Earth's layer also has overlays (the Korean
 * DMZ, the UNDOF zone), leases (Baikonur, Guantánamo), dependencies that are
 * units of their own on the base map (Falklands, Gibraltar, Mayotte…) and claims
 * on all or most of a state (Belize, Essequibo): not drawn as disputed areas.
 * Nagorno-Karabakh is left out (its dispute ended in 2023), and so is Shebaa Farms, too
 * small beside the Golan Heights at 1:50m.
 *
 * China's worldview: the areas China claims are China's (NOTE_BRK "Claimed by
 * China", and the South China Sea islands); every other dispute is drawn as in
 * the international worldview (Chinese maps too show Kashmir as undetermined).
 */
export const DISPUTED_AREAS: readonly DisputedArea[] = [
  { id: 'arunachal-pradesh', names: { en: 'Arunachal Pradesh (Zangnan)', zh: '藏南地区（阿鲁纳恰尔邦）' }, source: { ne: 'B00' }, admin: 'IN', view: CN_CLAIM },
  { id: 'tirpani-valleys', names: { en: 'Tirpani Valleys', zh: '中印边界中段争议地区（蒂尔帕尼河谷）' }, source: { ne: 'B01' }, admin: 'IN', view: CN_CLAIM },
  { id: 'bara-hoti', names: { en: 'Bara Hoti Valleys', zh: '中印边界中段争议地区（巴拉霍蒂）' }, source: { ne: 'B02' }, admin: 'IN', view: CN_CLAIM },
  { id: 'demchok', names: { en: 'Demchok', zh: '典角' }, source: { ne: 'B03' }, admin: 'IN', view: CN_CLAIM },
  { id: 'samdu-valleys', names: { en: 'Samdu Valleys', zh: '中印边界中段争议地区（桑杜河谷）' }, source: { ne: 'B04' }, admin: 'IN', view: CN_CLAIM },
  { id: 'jammu-and-kashmir', names: { en: 'Jammu and Kashmir', zh: '查谟和克什米尔' }, source: { ne: 'B05' }, admin: 'IN', view: BOTH },
  { id: 'shaksgam', names: { en: 'Shaksgam Valley', zh: '克勒青河谷（沙克斯干）' }, source: { ne: 'B06' }, admin: 'CN', view: CN_CLAIM },
  { id: 'aksai-chin', names: { en: 'Aksai Chin', zh: '阿克赛钦' }, source: { ne: 'B07' }, admin: 'CN', view: CN_CLAIM },
  { id: 'gilgit-baltistan', names: { en: 'Gilgit-Baltistan', zh: '吉尔吉特-巴尔蒂斯坦' }, source: { ne: 'B08' }, admin: 'PK', view: BOTH },
  { id: 'azad-kashmir', names: { en: 'Azad Kashmir', zh: '阿扎德克什米尔' }, source: { ne: 'B09' }, admin: 'PK', view: BOTH },
  { id: 'siachen-glacier', names: { en: 'Siachen Glacier', zh: '锡亚琴冰川' }, source: { atlas: 'Siachen Glacier' }, admin: '', view: BOTH },
  { id: 'kalapani', names: { en: 'Kalapani', zh: '卡拉帕尼地区' }, source: { ne: 'B88' }, admin: 'IN', view: BOTH },
  { id: 'bhutan-northwest', names: { en: 'Northwest Bhutan valleys', zh: '中不边界争议地区（西北部）' }, source: { ne: 'B75' }, admin: 'BT', view: CN_CLAIM },
  { id: 'bhutan-chumbi', names: { en: 'Chumbi salient (Bhutan)', zh: '中不边界争议地区（洞朗附近）' }, source: { ne: 'B76' }, admin: 'BT', view: CN_CLAIM },
  { id: 'paracel-islands', names: { en: 'Paracel Islands (Xisha)', zh: '西沙群岛' }, source: { ne: 'B47' }, admin: 'CN', view: CN_CLAIM, islands: { en: 'Xisha Islands', zh: '西沙群岛' } },
  { id: 'spratly-islands', names: { en: 'Spratly Islands (Nansha)', zh: '南沙群岛' }, source: { ne: 'B46' }, admin: '', view: CN_CLAIM, islands: { en: 'Nansha Islands', zh: '南沙群岛' } },
  { id: 'scarborough-shoal', names: { en: 'Scarborough Shoal (Huangyan Island)', zh: '黄岩岛' }, source: { ne: 'B70' }, admin: '', view: CN_CLAIM, islands: { en: 'Huangyan Island', zh: '黄岩岛' } },
  { id: 'diaoyu-islands', names: { en: 'Senkaku / Diaoyu Islands', zh: '钓鱼岛及其附属岛屿' }, source: { ne: 'B18' }, admin: 'JP', view: CN_CLAIM, islands: { en: 'Diaoyu Island', zh: '钓鱼岛' } },
  { id: 'southern-kuril-islands', names: { en: 'Southern Kuril Islands', zh: '南千岛群岛（北方四岛）' }, source: { ne: 'B29' }, admin: 'RU', view: BOTH },
  { id: 'dokdo', names: { en: 'Dokdo / Takeshima', zh: '独岛（竹岛）' }, source: { ne: 'B39' }, admin: 'KR', view: BOTH },
  { id: 'crimea', names: { en: 'Crimea', zh: '克里米亚' }, source: { ne: 'B89' }, admin: 'RU', view: BOTH },
  { id: 'donbas', names: { en: 'Donbas (parts)', zh: '顿巴斯部分地区' }, source: { ne: 'B90' }, admin: 'UA', view: BOTH },
  { id: 'transnistria', names: { en: 'Transnistria', zh: '德涅斯特河沿岸地区' }, source: { ne: 'B36' }, admin: 'MD', view: BOTH },
  { id: 'abkhazia', names: { en: 'Abkhazia', zh: '阿布哈兹' }, source: { ne: 'B35' }, admin: 'GE', view: BOTH },
  { id: 'south-ossetia', names: { en: 'South Ossetia', zh: '南奥塞梯' }, source: { ne: 'B37' }, admin: 'GE', view: BOTH },
  { id: 'kosovo', names: { en: 'Kosovo (UNSCR 1244)', zh: '科索沃（联合国安理会第1244号决议）' }, source: { atlas: 'Kosovo' }, admin: 'XK', view: BOTH },
  { id: 'northern-cyprus', names: { en: 'N. Cyprus', zh: '塞浦路斯北部' }, source: { atlas: 'N. Cyprus' }, admin: '', view: BOTH },
  { id: 'golan-heights', names: { en: 'Golan Heights', zh: '戈兰高地' }, source: { ne: 'B16' }, admin: 'IL', view: BOTH },
  { id: 'western-sahara', names: { en: 'Western Sahara', zh: '西撒哈拉' }, source: { atlas: 'W. Sahara' }, admin: 'EH', view: BOTH },
  { id: 'somaliland', names: { en: 'Somaliland', zh: '索马里兰地区' }, source: { atlas: 'Somaliland' }, admin: '', view: BOTH },
  { id: 'abyei', names: { en: 'Abyei', zh: '阿卜耶伊地区' }, source: { ne: 'B13' }, admin: 'SD', view: BOTH },
  { id: 'ilemi-triangle', names: { en: 'Ilemi Triangle', zh: '伊莱米三角区' }, source: { ne: 'B17' }, admin: 'KE', view: BOTH },
];

/** Natural Earth units without an ISO 3166-1 numeric code, but with a well-established code. */
const NAME_TO_ISO2: Readonly<Record<string, string>> = { Kosovo: 'XK' };

/**
 * Douglas–Peucker tolerance (degrees) applied to the 1:10m disputed outlines
 * before they are cut into the 1:50m countries: about the 50m source's own
 * vertex spacing, so the cut edges carry no detail the rest of the map lacks.
 */
const AREA_TOLERANCE = 0.005;
/** world-atlas's own quantization: untouched outlines keep their coordinates exactly. */
const QUANTIZATION = 1e5;

type Geom = Position[][][];

const polygonsOf = (g: Polygon | MultiPolygon): Geom => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
const isEmpty = (g: Geom) => g.length === 0;

type Box = [number, number, number, number];
const boxes = new WeakMap<Position[][], Box>();
function polyBox(poly: Position[][]): Box {
  let b = boxes.get(poly);
  if (!b) {
    b = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of poly[0]!) {
      b[0] = Math.min(b[0], x!);
      b[1] = Math.min(b[1], y!);
      b[2] = Math.max(b[2], x!);
      b[3] = Math.max(b[3], y!);
    }
    boxes.set(poly, b);
  }
  return b;
}
function bboxOf(g: Geom): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of g) {
    const p = polyBox(poly);
    b[0] = Math.min(b[0], p[0]);
    b[1] = Math.min(b[1], p[1]);
    b[2] = Math.max(b[2], p[2]);
    b[3] = Math.max(b[3], p[3]);
  }
  return b;
}
const overlaps = (a: number[], b: number[]) => a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;

let vendorAreas: Map<string, Feature<Polygon | MultiPolygon>> | undefined;
/** Natural Earth's disputed areas by `BRK_A3`. */
function neAreas(): Map<string, Feature<Polygon | MultiPolygon>> {
  if (vendorAreas) return vendorAreas;
  const fc = JSON.parse(readFileSync(new URL('ne_10m_admin_0_disputed_areas.geojson', VENDOR), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { BRK_A3: string }>;
  vendorAreas = new Map(fc.features.map((f) => [f.properties.BRK_A3, f]));
  return vendorAreas;
}

/** The dashes of China's South China Sea line (Natural Earth's maritime indicator, China's point of view). */
export function southChinaSeaLine(): LineString[] {
  const fc = JSON.parse(readFileSync(new URL('ne_10m_admin_0_boundary_lines_maritime_indicator_chn.geojson', VENDOR), 'utf8')) as FeatureCollection<LineString>;
  return fc.features.map((f) => f.geometry);
}

/** An area's outline from Natural Earth, simplified to the 1:50m countries' detail. */
function areaOutline(brk: string): Geom {
  const f = neAreas().get(brk);
  if (!f) throw new Error(`disputed area ${brk} is not in geo/vendor/ne_10m_admin_0_disputed_areas.geojson`);
  const s = simplify(f, { tolerance: AREA_TOLERANCE, highQuality: true, mutate: false });
  return polyclip.union(polygonsOf(s.geometry));
}

/**
 * Polygon operations on a country's parts near the area only (polyclip's cost
 * grows with every vertex it sweeps; a country's far islands cannot change).
 * A part whose ring jumps across the antimeridian (Russia's mainland, in
 * world-atlas) is planar nonsense to a clipper: it is only touched when the
 * area really lies in it.
 */
function nearAndFar(g: Geom, other: Geom): { near: Geom; far: Geom } {
  const b = bboxOf(other);
  const near: Geom = [];
  const far: Geom = [];
  for (const poly of g) (overlaps(polyBox(poly), b) && (!crossesAntimeridian(poly) || !isEmpty(polyclip.intersection([poly], other))) ? near : far).push(poly);
  return { near, far };
}
function crossesAntimeridian(poly: Position[][]): boolean {
  const ring = poly[0]!;
  for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i]![0]! - ring[i - 1]![0]!) > 180) return true;
  return false;
}
function intersect(g: Geom, area: Geom): Geom {
  const { near } = nearAndFar(g, area);
  return near.length ? polyclip.intersection(near, area) : [];
}
function subtract(g: Geom, area: Geom): Geom {
  const { near, far } = nearAndFar(g, area);
  return near.length ? [...(polyclip.difference(near, area) as Geom), ...far] : g;
}
function add(g: Geom, area: Geom): Geom {
  const { near, far } = nearAndFar(g, area);
  return [...(polyclip.union(near, area) as Geom), ...far];
}

/**
 * The 1:10m outline and the 1:50m border of the country it is cut from do not
 * quite coincide: where the outline runs along that border (a line of control,
 * a coast), cutting it out would leave slivers of the country a kilometre or two
 * wide. So within `SNAP_KM` of the country's border the cut takes in what lies
 * within `SNAP_KM` of the outline; elsewhere (the claim line, inside the
 * country) it follows the outline exactly.
 */
const SNAP_KM = 3;
function snapToBorder(cut: Geom, outline: Geom, country: Geom): Geom {
  const [w, s, e, n] = bboxOf(outline);
  const m = 0.2; // degrees: the border segments near the area
  const box: Box = [w - m, s - m, e + m, n + m];
  const inBox = (p: Position) => p[0]! >= box[0] && p[0]! <= box[2] && p[1]! >= box[1] && p[1]! <= box[3];
  const lines: Position[][] = [];
  for (const poly of nearAndFar(country, outline).near) {
    for (const ring of poly) {
      let run: Position[] = [];
      for (let i = 1; i < ring.length; i++) {
        if (inBox(ring[i - 1]!) || inBox(ring[i]!)) {
          if (run.length === 0) run.push(ring[i - 1]!);
          run.push(ring[i]!);
        } else if (run.length) {
          lines.push(run);
          run = [];
        }
      }
      if (run.length) lines.push(run);
    }
  }
  if (lines.length === 0) return cut;
  const band = buffer({ type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: lines } }, SNAP_KM, { units: 'kilometers', steps: 4 });
  const grown = buffer({ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: outline } }, SNAP_KM, { units: 'kilometers', steps: 4 });
  if (!band || !grown) return cut;
  const alongBorder = polyclip.intersection(polygonsOf(grown.geometry), polygonsOf(band.geometry));
  const extra = intersect(country, alongBorder);
  return isEmpty(extra) ? cut : polyclip.union(cut, extra);
}

/** A country's parts after a cut: each part the cut split keeps its largest piece; the other pieces are slivers. */
function withoutSlivers(country: Geom, cut: Geom): { kept: Geom; slivers: Geom } {
  const { near, far } = nearAndFar(country, cut);
  if (near.length < 2) return { kept: country, slivers: [] };
  // Pieces touching the cut (sharing a vertex with it), except the largest, are slivers it split off.
  const cutVertices = new Set(cut.flat(2).map((p) => `${p[0]},${p[1]}`));
  const touches = (poly: Position[][]) => poly[0]!.some((p) => cutVertices.has(`${p[0]},${p[1]}`));
  const areas = near.map((poly) => area({ type: 'Polygon', coordinates: poly }));
  const largest = areas.indexOf(Math.max(...areas));
  const kept: Geom = [...far];
  const slivers: Geom = [];
  near.forEach((poly, i) => (i !== largest && touches(poly) && areas[i]! < SLIVER_MAX_KM2 * 1e6 ? slivers : kept).push(poly));
  return { kept, slivers };
}
/** Larger pieces are kept as the country's even when the cut split them off (none is, with today's data). */
const SLIVER_MAX_KM2 = 2000;

interface Unit {
  props: UnitProps;
  geom: Geom;
}

/**
 * The world-atlas topology with a worldview applied (see the module comment).
 * Pure: `atlas` is not modified; the same input gives the same output.
 */
export function worldviewTopology(atlas: AtlasTopology, worldview: Worldview): UnitsTopology {
  const fc = feature(atlas, atlas.objects.countries) as FeatureCollection<Polygon | MultiPolygon | null, { name: string }>;
  const units: Unit[] = [];
  for (const f of fc.features) {
    if (!f.geometry) continue;
    const name = f.properties?.name ?? '';
    const iso2 = (f.id !== undefined && f.id !== null ? numericToAlpha2(f.id) : NAME_TO_ISO2[name]) ?? '';
    units.push({ props: { name, iso2, admin: iso2, disputed: '' }, geom: polygonsOf(f.geometry) });
  }
  const byIso = (iso2: string) => units.find((u) => u.props.iso2 === iso2 && !u.props.disputed);

  for (const area of DISPUTED_AREAS) {
    const whose = area.view[worldview];
    if ('atlas' in area.source) {
      const name = area.source.atlas;
      const unit = units.find((u) => u.props.name === name);
      if (!unit) throw new Error(`disputed area ${area.id}: no world-atlas unit "${name}"`);
      if (whose !== 'disputed') throw new Error(`disputed area ${area.id}: world-atlas units can only be drawn as disputed`);
      Object.assign(unit.props, { name: area.names.en, disputed: area.id, admin: area.admin });
      continue;
    }
    const outline = areaOutline(area.source.ne);
    const admin = area.admin ? byIso(area.admin) : undefined;
    // Part by part: inside the administering country, only what lies in it (the de facto
    // border stays where world-atlas has it); islands the 1:50m land lacks, whole.
    const parts: Geom = [];
    for (const poly of outline) {
      const inAdmin = admin ? intersect(admin.geom, [poly]) : [];
      if (!isEmpty(inAdmin)) parts.push(...inAdmin);
      else if (!units.some((u) => !isEmpty(intersect(u.geom, [poly])))) parts.push(poly);
    }
    if (parts.length === 0) throw new Error(`disputed area ${area.id}: nothing of it lies in ${area.admin || 'the sea'}`);
    let cut = polyclip.union(parts) as Geom;
    if (admin) {
      cut = snapToBorder(cut, outline, admin.geom);
      admin.geom = subtract(admin.geom, cut);
      // Slivers the cut left apart from the rest of the country go with the area.
      const { kept, slivers } = withoutSlivers(admin.geom, cut);
      admin.geom = kept;
      if (slivers.length) cut = polyclip.union(cut, slivers);
    }
    if (whose === 'disputed') units.push({ props: { name: area.names.en, iso2: '', admin: area.admin, disputed: area.id }, geom: cut });
    else {
      const owner = byIso(whose);
      if (!owner) throw new Error(`disputed area ${area.id}: no country ${whose}`);
      owner.geom = add(owner.geom, cut);
    }
  }

  const features: Feature<MultiPolygon, UnitProps>[] = units
    .filter((u) => !isEmpty(u.geom))
    .map((u) => ({ type: 'Feature', properties: u.props, geometry: { type: 'MultiPolygon', coordinates: u.geom } }));
  return topology({ countries: { type: 'FeatureCollection', features } as FeatureCollection }, QUANTIZATION) as unknown as UnitsTopology;
}

const topologies = new Map<Worldview, UnitsTopology>();
/** A worldview's topology on world-atlas 50m, made once per process (a second or two each). */
export function loadWorldviewTopology(worldview: Worldview): UnitsTopology {
  let t = topologies.get(worldview);
  if (!t) topologies.set(worldview, (t = worldviewTopology(createRequire(import.meta.url)('world-atlas/countries-50m.json') as AtlasTopology, worldview)));
  return t;
}

/** The disputed area with this id. */
export function disputedArea(id: string): DisputedArea | undefined {
  return DISPUTED_AREAS.find((a) => a.id === id);
}

/** The labels of the island groups a worldview gives to a country, at the middle of their extent. */
export function islandLabels(worldview: Worldview): { names: Bilingual; at: [number, number] }[] {
  return DISPUTED_AREAS.filter((a) => a.islands && a.view[worldview] !== 'disputed' && 'ne' in a.source).map((a) => {
    const [w, s, e, n] = bboxOf(areaOutline((a.source as { ne: string }).ne));
    return { names: a.islands!, at: [(w + e) / 2, (s + n) / 2] };
  });
}
