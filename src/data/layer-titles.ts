/**
 * Titles and geometry kinds of the thematic layers: shared by the data build
 * (manifest) and the site (layer panel, legend, export). Plain data, no DOM.
 */
import type { LayerId } from './contract.ts';

export interface LayerTitle {
  title_en: string;
  title_zh: string;
  geometry: 'Point' | 'LineString' | 'Polygon';
}

export const LAYER_TITLES = {
  directions: { title_en: 'Belt and Road directions', title_zh: '“一带一路”合作走向', geometry: 'LineString' },
  corridors: { title_en: 'Economic corridors', title_zh: '经济走廊', geometry: 'LineString' },
  'priority-countries': { title_en: 'Priority countries', title_zh: '重点国家', geometry: 'Polygon' },
  mechanisms: { title_en: 'Multilateral mechanisms', title_zh: '多边合作机制', geometry: 'Polygon' },
  'disease-zones': { title_en: 'Cross-border disease control', title_zh: '跨境传染病联防联控', geometry: 'Polygon' },
  projects: { title_en: 'Key projects 2015–2017', title_zh: '重点项目（2015—2017）', geometry: 'Point' },
  'tcm-centres': { title_en: 'Chinese medicine centres', title_zh: '中医药中心', geometry: 'Point' },
  hospitals: { title_en: 'Hospitals and medical centres', title_zh: '医院与医疗中心', geometry: 'Point' },
  training: { title_en: 'Training programmes and bases', title_zh: '人才培养项目与基地', geometry: 'Point' },
  events: { title_en: 'Forums, meetings and signings', title_zh: '论坛、会议与签约', geometry: 'Point' },
  'cataract-missions': { title_en: 'Free cataract surgery missions', title_zh: '“光明行”白内障义诊', geometry: 'LineString' },
  organisations: { title_en: 'Organisations and mechanisms', title_zh: '组织与合作机制', geometry: 'Point' },
  'statement-2020': { title_en: '2020 joint statement countries', title_zh: '2020年联合声明国家', geometry: 'Polygon' },
} as const satisfies Record<LayerId, LayerTitle>;
