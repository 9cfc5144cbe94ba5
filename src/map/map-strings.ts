/**
 * The words of reading the map itself — the list a badge opens, the keyboard's
 * focus, the description of the view for screen readers — in English and
 * Chinese. Kept beside the map (the panels' strings are in `i18n/strings.ts`).
 */
import type { Lang } from '../state/app-state.ts';
import type { LayerId } from '../layers/registry.ts';

const EN = {
  'menu.label': '{count} features here',
  'menu.zoom': 'Zoom in to draw them apart',
  'badge.tooltip': '{count} features here:',
  'badge.more': '… and {count} more',
  'focus.one': '{name} — {layer}. Press Enter to open it.',
  'focus.many': '{count} features here: {names}. Press Enter to list them.',
  'keys.hint': 'Map: arrow keys move between the features in view, Enter opens one, + and − zoom.',
  'view.none': 'No point features in view.',
  'view.counts': '{counts} in view',
  'view.where': '{count} in {country}',
  'view.places': '{count} in {country} ({places})',
  'view.and': ' and ',
  'view.sep': ', ',
  'view.end': '.',
  'year.label': 'Year shown',
} as const;

type Key = keyof typeof EN;

const ZH: Record<Key, string> = {
  'menu.label': '此处有 {count} 个要素',
  'menu.zoom': '放大以分开显示',
  'badge.tooltip': '此处有 {count} 个要素：',
  'badge.more': '……另有 {count} 个',
  'focus.one': '{name}（{layer}）。按回车键打开。',
  'focus.many': '此处有 {count} 个要素：{names}。按回车键列出。',
  'keys.hint': '地图：方向键在视图中的要素间移动，回车键打开，+ 和 − 缩放。',
  'view.none': '视图中没有点状要素。',
  'view.counts': '视图中有{counts}',
  'view.where': '{count}个在{country}',
  'view.places': '{count}个在{country}（{places}）',
  'view.and': '和',
  'view.sep': '、',
  'view.end': '。',
  'year.label': '显示年份',
};

export function mapT(lang: Lang, key: Key, params?: Record<string, string | number>): string {
  const s = lang === 'zh' ? ZH[key] : EN[key];
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

/** How many of a point layer's features, as a phrase: "38 key projects", "38个重点项目". */
export const COUNT_NOUNS: Partial<Record<LayerId, { en: [string, string]; zh: string }>> = {
  projects: { en: ['key project', 'key projects'], zh: '{n}个重点项目' },
  'tcm-centres': { en: ['Chinese medicine centre', 'Chinese medicine centres'], zh: '{n}个中医药中心' },
  hospitals: { en: ['hospital or medical centre', 'hospitals and medical centres'], zh: '{n}家医院与医疗中心' },
  training: { en: ['training programme or base', 'training programmes and bases'], zh: '{n}个人才培养项目与基地' },
  events: { en: ['forum, meeting or signing', 'forums, meetings and signings'], zh: '{n}场论坛、会议与签约' },
  organisations: { en: ['organisation or mechanism', 'organisations and mechanisms'], zh: '{n}个组织与合作机制' },
};

export function countPhrase(lang: Lang, layer: LayerId, n: number): string {
  const c = COUNT_NOUNS[layer];
  if (!c) return String(n);
  return lang === 'zh' ? c.zh.replace('{n}', String(n)) : `${n} ${c.en[n === 1 ? 0 : 1]}`;
}
