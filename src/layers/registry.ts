/**
 * The one registry of thematic layers. It drives the map (how each layer is
 * drawn), the layer panel (titles, groups, defaults), the legend (items and
 * colours) and the export. Styles read the palette; nothing else names a colour.
 */
import type { BaseProps, Bilingual, LayerId } from '../data/contract.ts';
import { LAYER_IDS } from '../data/contract.ts';
import { LAYER_TITLES } from '../data/layer-titles.ts';
import { AREA_IDS, DISEASE_GROUPS, DIRECTION_IDS, LAYER_COLOR, areaColor, diseaseColor, directionColor, directionFill, hexToRgba, type RGBA } from './palette.ts';
import type { SymbolKind } from './symbols.ts';
import { DEFAULT_LAYERS } from '../state/app-state.ts';

export type DrawKind = 'point' | 'route' | 'line' | 'arc' | 'area';

export interface LegendItem {
  key: string;
  label: Bilingual;
  color: string;
  /** How the swatch is drawn. */
  swatch: { kind: 'symbol'; symbol: SymbolKind; hollow?: boolean } | { kind: 'line'; dashed?: boolean; width?: number } | { kind: 'fill'; outline?: string; dashed?: boolean };
}

export interface LayerSpec {
  id: LayerId;
  title: Bilingual;
  description: Bilingual;
  group: 'belt-and-road' | 'cooperation' | 'health';
  draw: DrawKind;
  /** Symbol of point layers. */
  symbol?: SymbolKind;
  defaultVisible: boolean;
  /** Fill / stroke / icon colour of a feature. */
  color: (p: BaseProps) => RGBA;
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

export const DIRECTION_NAMES: Record<(typeof DIRECTION_IDS)[number], Bilingual> = {
  belt: { en: 'Silk Road Economic Belt', zh: '丝绸之路经济带' },
  maritime: { en: '21st-Century Maritime Silk Road', zh: '21世纪海上丝绸之路' },
};

export const STATUS_NAMES: Record<'planned' | 'intended' | 'established' | 'held', Bilingual> = {
  planned: { en: 'Planned', zh: '计划实施' },
  intended: { en: 'Intended (意向实施)', zh: '意向实施' },
  established: { en: 'Established', zh: '已建立' },
  held: { en: 'Held', zh: '已举办' },
};

const NEUTRAL = hexToRgba(LAYER_COLOR.neutralPoint);
const byArea = (p: BaseProps, fallback: string = LAYER_COLOR.neutralPoint): RGBA => hexToRgba(p.area ? areaColor(p.area) : fallback);

const areaLegend = (symbol: SymbolKind): LegendItem[] => [
  ...AREA_IDS.map((a) => ({ key: `area-${a}`, label: AREA_NAMES[a]!, color: areaColor(a), swatch: { kind: 'symbol' as const, symbol } })),
  { key: 'intended', label: { en: 'Hollow: intended (意向实施)', zh: '空心：意向实施' }, color: LAYER_COLOR.neutralPoint, swatch: { kind: 'symbol', symbol, hollow: true } },
];

const title = (id: LayerId): Bilingual => ({ en: LAYER_TITLES[id].title_en, zh: LAYER_TITLES[id].title_zh });

const SPECS: Record<LayerId, Omit<LayerSpec, 'id' | 'title' | 'defaultVisible'>> = {
  directions: {
    group: 'belt-and-road',
    draw: 'route',
    description: { en: 'The two directions of health cooperation (plan §2.1), drawn schematically; the sea route follows shipping lanes.', zh: '卫生合作的两个走向（实施方案第二部分），示意绘制；海上路线沿航运通道。' },
    color: (p) => hexToRgba(directionColor(String(p.direction))),
    legend: DIRECTION_IDS.map((d) => ({ key: d, label: DIRECTION_NAMES[d], color: directionColor(d), swatch: { kind: 'line', dashed: d === 'maritime', width: 4 } })),
  },
  corridors: {
    group: 'belt-and-road',
    draw: 'line',
    description: { en: 'The six economic corridors; CPEC and BCIM are named in the plan, the other four come from the public record.', zh: '六大经济走廊；中巴、孟中印缅经济走廊见于实施方案，其余四条取自公开资料。' },
    color: () => hexToRgba(LAYER_COLOR.corridors),
    legend: [{ key: 'corridor', label: { en: 'Economic corridor', zh: '经济走廊' }, color: LAYER_COLOR.corridors, swatch: { kind: 'line', width: 2 } }],
  },
  'priority-countries': {
    group: 'belt-and-road',
    draw: 'area',
    description: { en: 'Priority (“fulcrum”) countries of each direction in the 2015–2017 plan.', zh: '2015—2017年实施方案各走向的重点（支点）国家。' },
    color: (p) => hexToRgba(directionFill(String(p.direction)), 170),
    legend: DIRECTION_IDS.map((d) => ({ key: d, label: DIRECTION_NAMES[d], color: directionFill(d), swatch: { kind: 'fill', outline: directionColor(d) } })),
  },
  mechanisms: {
    group: 'cooperation',
    draw: 'area',
    description: { en: 'Multilateral mechanisms named in the documents, with their member countries at the time.', zh: '文件提及的多边合作机制及当时的成员国。' },
    color: () => hexToRgba('#5A5A9E', 40),
    legend: [{ key: 'mechanism', label: { en: 'Member countries (choose mechanisms below)', zh: '成员国（在下方选择机制）' }, color: '#5A5A9E', swatch: { kind: 'fill', outline: '#5A5A9E' } }],
  },
  'disease-zones': {
    group: 'health',
    draw: 'area',
    description: { en: 'Cross-border disease-control zones: bands along China’s borders and partner countries, computed from Natural Earth.', zh: '跨境传染病联防联控区域：依据自然地球数据计算的中国边境带及合作国家。' },
    color: (p) => hexToRgba(diseaseColor(String(p.disease_group)), 70),
    legend: DISEASE_GROUPS.map((g) => ({ key: g, label: DISEASE_GROUP_NAMES[g], color: diseaseColor(g), swatch: { kind: 'fill', outline: diseaseColor(g), dashed: true } })),
  },
  projects: {
    group: 'health',
    draw: 'point',
    symbol: 'circle',
    description: { en: 'The 38 key projects of the 2015–2017 plan, coloured by area; hollow when only intended.', zh: '2015—2017年实施方案的38个重点项目，按领域着色；空心表示意向实施。' },
    color: (p) => byArea(p),
    legend: areaLegend('circle'),
  },
  'tcm-centres': {
    group: 'health',
    draw: 'point',
    symbol: 'diamond',
    description: { en: 'Chinese and traditional medicine centres abroad, and the hubs in China that serve them.', zh: '海外中医药中心及其国内依托机构。' },
    color: () => hexToRgba(areaColor(5)),
    legend: [
      { key: 'tcm', label: { en: 'Chinese medicine centre', zh: '中医药中心' }, color: areaColor(5), swatch: { kind: 'symbol', symbol: 'diamond' } },
      { key: 'tcm-intended', label: { en: 'Intended', zh: '意向实施' }, color: areaColor(5), swatch: { kind: 'symbol', symbol: 'diamond', hollow: true } },
    ],
  },
  hospitals: {
    group: 'health',
    draw: 'point',
    symbol: 'square',
    description: { en: 'Hospitals and medical service centres named in the documents.', zh: '文件提及的医院与医疗服务中心。' },
    color: (p) => byArea(p),
    legend: [{ key: 'hospital', label: { en: 'Hospital or medical centre', zh: '医院或医疗中心' }, color: areaColor(8), swatch: { kind: 'symbol', symbol: 'square' } }],
  },
  training: {
    group: 'health',
    draw: 'point',
    symbol: 'triangle',
    description: { en: 'Training programmes, networks and training bases.', zh: '人才培养项目、合作网络与培养基地。' },
    color: () => hexToRgba(areaColor(3)),
    legend: [{ key: 'training', label: { en: 'Training programme or base', zh: '培训项目或基地' }, color: areaColor(3), swatch: { kind: 'symbol', symbol: 'triangle' } }],
  },
  events: {
    group: 'cooperation',
    draw: 'point',
    symbol: 'star',
    description: { en: 'Forums, meetings and signings, with their dates.', zh: '论坛、会议与签约及其日期。' },
    color: () => hexToRgba(LAYER_COLOR.events),
    legend: [{ key: 'event', label: { en: 'Forum, meeting or signing', zh: '论坛、会议或签约' }, color: LAYER_COLOR.events, swatch: { kind: 'symbol', symbol: 'star' } }],
  },
  'cataract-missions': {
    group: 'health',
    draw: 'arc',
    description: { en: '“Brightness Journey” free cataract surgery missions, from the sending province to the host country.', zh: '“光明行”白内障复明义诊，自派出省份至受援国。' },
    color: () => hexToRgba(LAYER_COLOR.missions),
    legend: [{ key: 'mission', label: { en: 'Mission (origin → host)', zh: '义诊（派出地 → 受援地）' }, color: LAYER_COLOR.missions, swatch: { kind: 'line', width: 2 } }],
  },
  organisations: {
    group: 'cooperation',
    draw: 'point',
    symbol: 'hexagon',
    description: { en: 'International organisations named in the documents, at their headquarters.', zh: '文件提及的国际组织（标于总部所在地）。' },
    color: () => hexToRgba(LAYER_COLOR.organisations),
    legend: [{ key: 'org', label: { en: 'International organisation', zh: '国际组织' }, color: LAYER_COLOR.organisations, swatch: { kind: 'symbol', symbol: 'hexagon' } }],
  },
  'statement-2020': {
    group: 'cooperation',
    draw: 'area',
    description: { en: 'Countries of the June 2020 joint statement on combating COVID-19 (Russia by written statement).', zh: '2020年6月抗击新冠肺炎疫情联合声明的参与国（俄罗斯为书面发言）。' },
    color: () => hexToRgba(LAYER_COLOR.statement, 90),
    legend: [
      { key: 'participant', label: { en: 'Represented at the conference', zh: '与会国家' }, color: LAYER_COLOR.statement, swatch: { kind: 'fill', outline: LAYER_COLOR.statement } },
      { key: 'written', label: { en: 'Written statement', zh: '书面发言' }, color: LAYER_COLOR.statement, swatch: { kind: 'fill', outline: LAYER_COLOR.statement, dashed: true } },
    ],
  },
};

/** The registry, in drawing order (bottom to top). */
export const LAYERS: readonly LayerSpec[] = LAYER_IDS.map((id) => ({ id, title: title(id), defaultVisible: DEFAULT_LAYERS.includes(id), ...SPECS[id] }));

export function layerSpec(id: LayerId): LayerSpec {
  return LAYERS.find((l) => l.id === id)!;
}

export { NEUTRAL };
