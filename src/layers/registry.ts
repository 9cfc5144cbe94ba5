/**
 * The one registry of thematic layers: every fact about a layer is in its
 * entry — its id (`LAYER_IDS`, in drawing order), titles and geometry (the data
 * build writes them into the manifest), group, whether it is on by default, how
 * it is drawn (kind, symbol and size, colours, outline, dash), its legend, where
 * search and the list put it, and what is special about it (features the
 * visitor chooses one by one, features that are each one country).
 *
 * It drives the map, the layer panel, the legend, the list, search, the detail
 * panel, the export and the data build's manifest. Styles read the palette;
 * nothing else names a colour. Adding a layer: an entry here (and its id in
 * `LAYER_IDS`), and on the data side a table schema and a builder (README).
 */
import type { BaseProps, Bilingual } from '../data/contract.ts';
import { LAYER_COLOR, areaColor, diseaseColor, directionColor, directionFill, hexToRgba, luminance, mechanismColor, mechanismColors, rgbaToHex, type RGBA } from './palette.ts';
import { AREA_IDS, DIRECTIONS, DISEASE_GROUPS, HATCH_ANGLES, type HatchAngle, type Status } from '../data/vocabulary.ts';
import type { SymbolKind } from './symbols.ts';
import { BASEMAP_PALETTES } from '../map/basemap-style.ts';

/** The thematic layers, in drawing order (bottom to top). */
export const LAYER_IDS = [
  'mechanisms',
  'priority-countries',
  'statement-2020',
  'disease-zones',
  'corridors',
  'directions',
  'cataract-missions',
  'organisations',
  'events',
  'training',
  'hospitals',
  'tcm-centres',
  'projects',
] as const;
export type LayerId = (typeof LAYER_IDS)[number];

/** The geometry of a layer's features, as the manifest names it. */
export type LayerGeometry = 'Point' | 'LineString' | 'Polygon';

export type DrawKind = 'point' | 'route' | 'line' | 'arc' | 'area';

/**
 * How an area layer shows its places, so that overlapping layers stay apart:
 * `fill` — the one translucent fill (at most one layer has it, so no place is
 * ever covered by two tints blending into a colour the legend does not have);
 * `hatch` — diagonal lines in the layer's colour and its edge; `outline` — the
 * edge alone; `dashed-edge` — the edge alone, dashed.
 */
export type AreaRole = 'fill' | 'hatch' | 'outline' | 'dashed-edge';

/** A dash pattern for deck.gl's PathStyleExtension: dash and gap, in line widths. `[0, 0]` is solid. */
export type Dash = readonly [number, number];
export const SOLID: Dash = [0, 0];
export const isDashed = (d: Dash | undefined): boolean => !!d && d[0] > 0 && d[1] > 0;

/**
 * What a colour may depend on besides the feature itself: the dataset's
 * mechanisms in their order (each mechanism's colour follows its position).
 */
export interface StyleContext {
  mechanisms: readonly string[];
}
export const NO_STYLE_CONTEXT: StyleContext = { mechanisms: [] };

export interface LegendItem {
  key: string;
  label: Bilingual;
  /** The colour the layer draws for `sample`: an area's fill, a line's stroke, a symbol's colour (`#RRGGBB`). */
  color: string;
  /** How the swatch is drawn (derived from the layer's own style functions, so it matches the map). */
  swatch:
    | { kind: 'symbol'; symbol: SymbolKind; hollow?: boolean; /** A dark edge, for colours too light for the land. */ outline?: string }
    | { kind: 'line'; dashed?: boolean; dash?: Dash; width?: number }
    | {
        kind: 'fill';
        outline?: string;
        dashed?: boolean;
        dash?: Dash;
        /** Fill opacity as drawn, 0–1 (0: no fill, the edge alone). */ opacity?: number;
        width?: number;
        /** Diagonal lines in the outline's colour over the fill (disputed areas, a `hatch` layer). */ hatch?: boolean;
      }
    /** A mark of the map itself rather than of a layer: several features at one place (a count), or the ring of the selection. */
    | { kind: 'cluster' }
    | { kind: 'ring' };
  /**
   * The properties of the features the item stands for (each key must match).
   * Absent only where one item stands for a layer drawn in per-feature colours
   * (mechanisms, whose colours the panel lists with their names).
   */
  sample?: Partial<BaseProps>;
}

export interface LayerSpec {
  id: LayerId;
  title: Bilingual;
  /** The geometry of its features (the manifest says it; polygon layers also ship overview outlines). */
  geometry: LayerGeometry;
  description: Bilingual;
  group: 'belt-and-road' | 'cooperation' | 'health';
  draw: DrawKind;
  /** Symbol of point layers. */
  symbol?: SymbolKind;
  /** Points: the symbol's size in CSS pixels. */
  size: number;
  /** Shown when a link names no layers. */
  defaultVisible: boolean;
  /** Search: when all else is equal, results of lower ranks come first (concrete things before context). */
  searchRank: number;
  /** The list: how its items are ordered (a number, then text; then by name). Default: by name. */
  listKey?: (p: BaseProps) => [number, string];
  /** Its features are shown as the visitor chooses them, one by one (`state.mechanisms`), each in its own colour. */
  choosable?: boolean;
  /** Every feature is one country (its fill is that country): the detail panel and search name the country. */
  oneCountry?: boolean;
  /** Fill (areas), stroke (lines) or symbol colour of a feature. */
  color: (p: BaseProps, ctx?: StyleContext) => RGBA;
  /** Areas: how the layer shows its places (`AreaRole`); the legend's swatch follows it. */
  role?: AreaRole;
  /** Outline colour of an area. */
  lineColor: (p: BaseProps, ctx?: StyleContext) => RGBA;
  /** Width in pixels of a line or of an area's outline. */
  lineWidth: (p: BaseProps) => number;
  /** Dash pattern of a line or outline; absent when the layer is never dashed. */
  dash?: (p: BaseProps) => Dash;
  /** A `hatch` layer: the direction of a feature's lines (default 45°, as the legend draws them). */
  hatchAngle?: (p: BaseProps) => HatchAngle;
  /** Points: hollow (only intended) rather than filled. */
  hollow: (p: BaseProps) => boolean;
  /**
   * Areas: who draws the outline. `stroke` (default): deck.gl, in `lineColor`.
   * `borders`: the area is whole countries, so the base map's country borders,
   * drawn over the fill, are its outline (where the base map has them: see
   * `buildLayers`). Outlines are deck.gl's costliest primitive on software
   * WebGL (every segment a shaded instance), so this is measured, not cosmetic.
   */
  outline: 'stroke' | 'borders';
  legend: LegendItem[];
}

export const AREA_NAMES: Record<number, Bilingual> = {
  1: { en: 'Cooperation mechanisms', zh: '合作机制建设' },
  2: { en: 'Infectious disease control', zh: '传染病防控' },
  3: { en: 'Capacity building and training', zh: '能力建设与人才培养' },
  4: { en: 'Health emergencies and medical aid', zh: '卫生应急和紧急医疗援助' },
  5: { en: 'Traditional medicine', zh: '传统医药' },
  6: { en: 'Health systems and policy', zh: '卫生体制和政策' },
  7: { en: 'Health development aid', zh: '卫生发展援助' },
  8: { en: 'Health industry', zh: '健康产业发展' },
};

export const DISEASE_GROUP_NAMES: Record<(typeof DISEASE_GROUPS)[number], Bilingual> = {
  'vector-borne': { en: 'Vector-borne (malaria, dengue)', zh: '虫媒传染病（疟疾、登革热）' },
  zoonoses: { en: 'Zoonoses (echinococcosis, plague)', zh: '人畜共患病（包虫病、鼠疫）' },
  'hiv-tb-respiratory': { en: 'HIV, TB and influenza surveillance', zh: '艾滋病、结核病与流感监测' },
  parasitic: { en: 'Parasitic (schistosomiasis)', zh: '寄生虫病（血吸虫病）' },
  'vaccine-preventable': { en: 'Vaccine-preventable (polio)', zh: '疫苗可预防疾病（脊灰）' },
  emergencies: { en: 'Disasters and emergencies', zh: '灾害与突发事件' },
};

export const DIRECTION_NAMES: Record<(typeof DIRECTIONS)[number], Bilingual> = {
  belt: { en: 'Silk Road Economic Belt', zh: '丝绸之路经济带' },
  maritime: { en: '21st-Century Maritime Silk Road', zh: '21世纪海上丝绸之路' },
};

export const STATUS_NAMES: Record<Status, Bilingual> = {
  planned: { en: 'Planned', zh: '计划实施' },
  intended: { en: 'Intended (意向实施)', zh: '意向实施' },
  established: { en: 'Established', zh: '已建立' },
  held: { en: 'Held', zh: '已举办' },
};

const byArea = (p: BaseProps): RGBA => hexToRgba(p.area !== undefined ? areaColor(p.area) : LAYER_COLOR.neutralPoint);
const darken = ([r, g, b]: RGBA, k = 0.65, a = 255): RGBA => [Math.round(r * k), Math.round(g * k), Math.round(b * k), a];
const intended = (p: BaseProps) => p.status === 'intended';

/**
 * Outlines of the six disease groups: each its own dash (or weight), so the
 * groups stay apart in greyscale print and for colour-blind readers.
 */
export const DISEASE_DASH: Record<(typeof DISEASE_GROUPS)[number], Dash> = {
  'vector-borne': SOLID,
  zoonoses: [6, 2.5],
  'hiv-tb-respiratory': [2.5, 2],
  parasitic: [1, 1.5],
  'vaccine-preventable': [3, 5],
  emergencies: SOLID,
};
const DISEASE_WIDTH: Partial<Record<(typeof DISEASE_GROUPS)[number], number>> = { emergencies: 3.5 };

/** A legend item before its colours and swatch are derived from the layer's style. */
interface ItemDef {
  key: string;
  label: Bilingual;
  sample?: Partial<BaseProps>;
  /** The colour of an item without a sample. */
  color?: string;
}

type SpecDef = Omit<LayerSpec, 'id' | 'legend' | 'lineColor' | 'lineWidth' | 'hollow' | 'outline' | 'size' | 'defaultVisible'> &
  Partial<Pick<LayerSpec, 'lineColor' | 'lineWidth' | 'hollow' | 'outline' | 'size' | 'defaultVisible'>> & { legend: ItemDef[] };

const areaItems: ItemDef[] = [
  ...AREA_IDS.map((a) => ({ key: `area-${a}`, label: AREA_NAMES[a]!, sample: { area: a } })),
  { key: 'intended', label: { en: 'Hollow: intended (意向实施)', zh: '空心：意向实施' }, sample: { status: 'intended' as const } },
];

const SPECS: Record<LayerId, SpecDef> = {
  directions: {
    title: { en: 'Belt and Road directions', zh: '“一带一路”合作走向' },
    geometry: 'LineString',
    searchRank: 13,
    defaultVisible: true,
    group: 'belt-and-road',
    draw: 'route',
    description: {
      en: 'The two directions of health cooperation (plan §2.1), drawn schematically; the sea route follows shipping lanes.',
      zh: '卫生合作的两个走向（实施方案第二部分），示意绘制；海上路线沿航运通道。',
    },
    color: (p) => hexToRgba(directionColor(String(p.direction))),
    lineWidth: () => 4.5,
    // Solid for the land belt, dashed for the sea road: tells them apart in greyscale too.
    dash: (p) => (p.direction === 'maritime' ? [3, 1.6] : SOLID),
    legend: DIRECTIONS.map((d) => ({ key: d, label: DIRECTION_NAMES[d], sample: { direction: d } })),
  },
  corridors: {
    title: { en: 'Economic corridors', zh: '经济走廊' },
    geometry: 'LineString',
    searchRank: 12,
    defaultVisible: true,
    group: 'belt-and-road',
    draw: 'line',
    description: {
      en: 'The six economic corridors; CPEC and BCIM are named in the plan, the other four come from the public record.',
      zh: '六大经济走廊；中巴、孟中印缅经济走廊见于实施方案，其余四条取自公开资料。',
    },
    color: () => hexToRgba(LAYER_COLOR.corridors),
    lineWidth: () => 2.5,
    dash: () => [1, 2],
    legend: [{ key: 'corridor', label: { en: 'Economic corridor', zh: '经济走廊' }, sample: {} }],
  },
  'priority-countries': {
    title: { en: 'Priority countries', zh: '重点国家' },
    geometry: 'Polygon',
    searchRank: 10,
    defaultVisible: true,
    oneCountry: true,
    group: 'belt-and-road',
    draw: 'area',
    description: {
      en: 'Priority countries (重点国家) of each direction in the 2015–2017 plan; the progress report’s “fulcrum” (支点) countries are another word.',
      zh: '2015—2017年实施方案各走向的重点国家（进展报告所称“支点国家”是另一用语）。',
    },
    color: (p) => hexToRgba(directionFill(String(p.direction)), 170),
    // The map's one translucent fill: every other area layer is drawn as lines over it.
    role: 'fill',
    outline: 'borders',
    legend: DIRECTIONS.map((d) => ({ key: d, label: DIRECTION_NAMES[d], sample: { direction: d } })),
  },
  mechanisms: {
    title: { en: 'Multilateral mechanisms', zh: '多边合作机制' },
    geometry: 'Polygon',
    searchRank: 8,
    choosable: true,
    group: 'cooperation',
    draw: 'area',
    description: { en: 'Multilateral mechanisms named in the documents, with their member countries at the time.', zh: '文件提及的多边合作机制及当时的成员国。' },
    // One colour per mechanism, in the order of the dataset's mechanisms: an edge, dashed, so that
    // mechanisms sharing members (GMS, Lancang–Mekong) show both colours along the same border.
    role: 'dashed-edge',
    color: (p, ctx = NO_STYLE_CONTEXT) => hexToRgba(mechanismColors(ctx.mechanisms)(p.id)),
    lineColor: (p, ctx = NO_STYLE_CONTEXT) => hexToRgba(mechanismColors(ctx.mechanisms)(p.id)),
    lineWidth: () => 2.5,
    dash: () => [3, 2],
    legend: [{ key: 'mechanism', label: { en: 'Member countries, one colour per mechanism (listed below)', zh: '成员国，每个机制一种颜色（见下方列表）' }, color: mechanismColor.range()[0] }],
  },
  'disease-zones': {
    title: { en: 'Cross-border disease control', zh: '跨境传染病联防联控' },
    geometry: 'Polygon',
    searchRank: 7,
    defaultVisible: true,
    group: 'health',
    draw: 'area',
    description: {
      en: 'Cross-border disease-control zones: bands along China’s borders and partner countries, computed from Natural Earth. Where zones overlap, their hatches run in different directions.',
      zh: '跨境传染病联防联控区域：依据自然地球数据计算的中国边境带及合作国家。区域重叠处，各区域的斜线方向不同。',
    },
    // Hatched in the group's colour, edged in its dash: zones lie over priority countries and each other.
    role: 'hatch',
    color: (p) => hexToRgba(diseaseColor(String(p.disease_group)), 210),
    lineColor: (p) => hexToRgba(diseaseColor(String(p.disease_group))),
    lineWidth: (p) => DISEASE_WIDTH[p.disease_group as keyof typeof DISEASE_WIDTH] ?? 2,
    dash: (p) => DISEASE_DASH[p.disease_group as keyof typeof DISEASE_DASH] ?? SOLID,
    // Overlapping zones are hatched in different directions (the data build chooses them), so neither hides the other.
    hatchAngle: (p) => p.hatch_angle ?? HATCH_ANGLES[0],
    legend: DISEASE_GROUPS.map((g) => ({ key: g, label: DISEASE_GROUP_NAMES[g], sample: { disease_group: g } })),
  },
  projects: {
    title: { en: 'Key projects 2015–2017', zh: '重点项目（2015—2017）' },
    geometry: 'Point',
    searchRank: 0,
    size: 17,
    defaultVisible: true,
    // By the plan's number.
    listKey: (p) => [p.project_no ?? 999, ''],
    group: 'health',
    draw: 'point',
    symbol: 'circle',
    description: { en: 'The 38 key projects of the 2015–2017 plan, coloured by area; hollow when only intended.', zh: '2015—2017年实施方案的38个重点项目，按领域着色；空心表示意向实施。' },
    color: byArea,
    legend: areaItems,
  },
  'tcm-centres': {
    title: { en: 'Chinese medicine centres', zh: '中医药中心' },
    geometry: 'Point',
    searchRank: 1,
    size: 19,
    defaultVisible: true,
    group: 'health',
    draw: 'point',
    symbol: 'diamond',
    description: { en: 'Chinese and traditional medicine centres abroad, and the hubs in China that serve them.', zh: '海外中医药中心及其国内依托机构。' },
    color: () => hexToRgba(areaColor(5)),
    legend: [
      { key: 'tcm', label: { en: 'Chinese medicine centre', zh: '中医药中心' }, sample: {} },
      { key: 'tcm-intended', label: { en: 'Hollow: intended', zh: '空心：意向实施' }, sample: { status: 'intended' } },
    ],
  },
  hospitals: {
    title: { en: 'Hospitals and medical centres', zh: '医院与医疗中心' },
    geometry: 'Point',
    searchRank: 2,
    size: 15,
    group: 'health',
    draw: 'point',
    symbol: 'square',
    description: {
      en: 'Hospitals and medical service centres named in the documents, coloured by the area of their key project; hollow when only intended.',
      zh: '文件提及的医院与医疗服务中心，按所属重点项目的领域着色；空心表示意向实施。',
    },
    color: byArea,
    legend: areaItems,
  },
  training: {
    title: { en: 'Training programmes and bases', zh: '人才培养项目与基地' },
    geometry: 'Point',
    searchRank: 3,
    size: 17,
    group: 'health',
    draw: 'point',
    symbol: 'triangle',
    description: { en: 'Training programmes, networks and training bases.', zh: '人才培养项目、合作网络与培养基地。' },
    color: () => hexToRgba(areaColor(3)),
    legend: [{ key: 'training', label: { en: 'Training programme or base', zh: '培训项目或基地' }, sample: {} }],
  },
  events: {
    title: { en: 'Forums, meetings and signings', zh: '论坛、会议与签约' },
    geometry: 'Point',
    searchRank: 4,
    size: 19,
    defaultVisible: true,
    // By date.
    listKey: (p) => {
      const when: unknown = p.date ?? p.year_start;
      return [0, typeof when === 'string' || typeof when === 'number' ? String(when) : ''];
    },
    group: 'cooperation',
    draw: 'point',
    symbol: 'star',
    description: { en: 'Forums, meetings and signings, with their dates.', zh: '论坛、会议与签约及其日期。' },
    color: () => hexToRgba(LAYER_COLOR.events),
    legend: [{ key: 'event', label: { en: 'Forum, meeting or signing', zh: '论坛、会议或签约' }, sample: {} }],
  },
  'cataract-missions': {
    title: { en: 'Free cataract surgery missions', zh: '“光明行”白内障义诊' },
    geometry: 'LineString',
    searchRank: 6,
    group: 'health',
    draw: 'arc',
    description: { en: '“Brightness Journey” free cataract surgery missions, from the sending province to the host country.', zh: '“光明行”白内障复明义诊，自派出省份至受援国。' },
    color: () => hexToRgba(LAYER_COLOR.missions),
    lineWidth: () => 2.5,
    legend: [{ key: 'mission', label: { en: 'Mission (origin → host)', zh: '义诊（派出地 → 受援地）' }, sample: {} }],
  },
  organisations: {
    title: { en: 'Organisations and mechanisms', zh: '组织与合作机制' },
    geometry: 'Point',
    searchRank: 5,
    size: 16,
    group: 'cooperation',
    draw: 'point',
    symbol: 'hexagon',
    description: {
      en: 'International organisations named in the documents, at their headquarters; networks, alliances and aid programmes at their seat; bilateral mechanisms and cooperation at the partner country.',
      zh: '文件提及的国际组织（标于总部所在地），合作网络、联盟和援助项目（标于所在地），双边机制与合作（标于合作国）。',
    },
    color: () => hexToRgba(LAYER_COLOR.organisations),
    legend: [{ key: 'org', label: { en: 'Organisation, network or mechanism', zh: '组织、网络或机制' }, sample: {} }],
  },
  'statement-2020': {
    title: { en: '2020 joint statement countries', zh: '2020年联合声明国家' },
    geometry: 'Polygon',
    searchRank: 11,
    oneCountry: true,
    group: 'cooperation',
    draw: 'area',
    description: { en: 'Countries of the June 2020 joint statement on combating COVID-19 (Russia by written statement).', zh: '2020年6月抗击新冠肺炎疫情联合声明的参与国（俄罗斯为书面发言）。' },
    // An edge: participants solid, a written statement dashed.
    role: 'outline',
    color: () => hexToRgba(LAYER_COLOR.statement),
    lineColor: () => hexToRgba(LAYER_COLOR.statement),
    lineWidth: (p) => (p.role === 'written-statement' ? 2.5 : 2),
    dash: (p) => (p.role === 'written-statement' ? [4, 3] : SOLID),
    legend: [
      { key: 'participant', label: { en: 'Represented at the conference', zh: '与会国家' }, sample: { role: 'participant' } },
      { key: 'written', label: { en: 'Written statement (dashed outline)', zh: '书面发言（虚线轮廓）' }, sample: { role: 'written-statement' } },
    ],
  },
};

/** A symbol whose colour is too light to read on pale land gets a dark edge instead of the white halo. */
export function isLightColor(c: RGBA): boolean {
  return luminance(c) > 0.5;
}

/** The halo under a point symbol: its colour, and whether it is a ring (for a hollow light symbol). */
export function symbolHalo(spec: LayerSpec, p: BaseProps, ctx?: StyleContext): { color: RGBA; hollow: boolean } {
  const light = isLightColor(spec.color(p, ctx));
  return { color: light ? hexToRgba(LAYER_COLOR.lightEdge) : hexToRgba(LAYER_COLOR.halo, 235), hollow: light && spec.hollow(p) };
}

/** A minimal feature with the sample's properties, for deriving what the layer draws for it. */
function sampleProps(id: LayerId, sample: Partial<BaseProps>): BaseProps {
  return { id: `legend-${id}`, layer: id, name_en: '', name_zh: '', summary_en: '', summary_zh: '', precision: 'city', sources: [], countries: [], places: [], related: [], ...sample };
}

/** The legend item as the layer draws it: colour, outline, dash and hollowness come from the style functions. */
function legendItem(spec: Omit<LayerSpec, 'legend'>, def: ItemDef): LegendItem {
  const p = sampleProps(spec.id, def.sample ?? {});
  const fill = def.color ? hexToRgba(def.color, spec.color(p)[3]) : spec.color(p);
  const color = rgbaToHex(fill);
  const dash = spec.dash?.(p);
  const base = { key: def.key, label: def.label, color, ...(def.sample ? { sample: def.sample } : {}) };
  switch (spec.draw) {
    case 'point':
      return { ...base, swatch: { kind: 'symbol', symbol: spec.symbol ?? 'circle', hollow: spec.hollow(p), ...(isLightColor(fill) ? { outline: LAYER_COLOR.lightEdge } : {}) } };
    case 'area': {
      // Outlined by the base map's borders: the swatch's edge is a border.
      const outline = def.color ? def.color : spec.outline === 'borders' ? BASEMAP_PALETTES.light.border : rgbaToHex(spec.lineColor(p));
      const role = spec.role ?? 'fill';
      // Only a `fill` layer tints its places; the others are lines (a hatch's lines are in the outline's colour).
      const opacity = role === 'fill' ? Math.round((fill[3] / 255) * 100) / 100 : 0;
      return {
        ...base,
        swatch: { kind: 'fill', outline, dashed: isDashed(dash), ...(dash && isDashed(dash) ? { dash } : {}), opacity, width: spec.lineWidth(p), ...(role === 'hatch' ? { hatch: true } : {}) },
      };
    }
    default:
      return { ...base, swatch: { kind: 'line', dashed: isDashed(dash), ...(dash && isDashed(dash) ? { dash } : {}), width: spec.lineWidth(p) } };
  }
}

function makeSpec(id: LayerId): LayerSpec {
  const { legend, ...def } = SPECS[id];
  const spec: Omit<LayerSpec, 'legend'> = {
    id,
    defaultVisible: false,
    size: 16,
    lineColor: (p, ctx) => darken(def.color(p, ctx)),
    lineWidth: () => 1,
    hollow: def.draw === 'point' ? intended : () => false,
    outline: 'stroke',
    ...def,
  };
  return { ...spec, legend: legend.map((item) => legendItem(spec, item)) };
}

/** Whether a feature is one of those a legend item stands for. */
export function matchesSample(p: BaseProps, item: LegendItem): boolean {
  return !!item.sample && Object.entries(item.sample).every(([k, v]) => p[k] === v);
}

/** The legend items some feature of the layer answers to (all of them while there is no data). */
export function legendInUse(spec: LayerSpec, features: readonly { properties: BaseProps }[] | null): LegendItem[] {
  if (!features || features.length === 0) return spec.legend;
  return spec.legend.filter((item) => !item.sample || features.some((f) => matchesSample(f.properties, item)));
}

const contexts = new WeakMap<object, StyleContext>();
/** The style context of a dataset (memoised per dataset). */
export function styleContextOf(d: { layers: { mechanisms: readonly { properties: BaseProps }[] } }): StyleContext {
  let c = contexts.get(d);
  if (!c) contexts.set(d, (c = { mechanisms: d.layers.mechanisms.map((f) => f.properties.id) }));
  return c;
}

/**
 * The legend of the map's own marks: several features at one place (drawn
 * together as a badge with their number: `cluster.ts`), and the ring of the
 * selected or highlighted feature (drawn in that feature's colour).
 */
export const MARK_LEGEND = {
  cluster: { key: 'cluster', label: { en: 'Several features at one place (how many)', zh: '同一地点的多个要素（数量）' }, color: LAYER_COLOR.cluster, swatch: { kind: 'cluster' } },
  ring: { key: 'ring', label: { en: 'Selected or highlighted (ringed in its own colour)', zh: '选中或突出显示（以其本身颜色圈出）' }, color: LAYER_COLOR.highlight, swatch: { kind: 'ring' } },
} as const satisfies Record<string, LegendItem>;

/** The registry, in drawing order (bottom to top). */
export const LAYERS: readonly LayerSpec[] = LAYER_IDS.map(makeSpec);

/** The layers a link without `layers=` shows. */
export const DEFAULT_LAYERS: readonly LayerId[] = LAYERS.filter((l) => l.defaultVisible).map((l) => l.id);

const BY_ID = new Map<string, LayerSpec>(LAYERS.map((l) => [l.id, l]));

/** The spec of a layer; undefined for an id that is not a layer (a malformed record). */
export function layerSpec(id: LayerId): LayerSpec;
export function layerSpec(id: string): LayerSpec | undefined;
export function layerSpec(id: string): LayerSpec | undefined {
  return BY_ID.get(id);
}
