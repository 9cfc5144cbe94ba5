/**
 * Translation: `t(lang, key, params)` for UI strings, `pick(lang, en, zh)` for
 * data that carries both languages, and the remembered language preference.
 */
import { en, zh, type StringKey } from './strings.ts';
import type { Lang } from '../state/app-state.ts';

const TABLES: Record<Lang, Record<StringKey, string>> = { en, zh };

export function t(lang: Lang, key: StringKey, params?: Record<string, string | number>): string {
  const s = TABLES[lang][key];
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

export function pick(lang: Lang, value: { en: string; zh: string }): string {
  return lang === 'zh' ? value.zh : value.en;
}

/** A feature's own bilingual field (`name_en` / `name_zh`). */
export function field(lang: Lang, props: Record<string, unknown>, name: 'name' | 'summary'): string {
  return String(props[`${name}_${lang}`] ?? props[`${name}_en`] ?? '');
}

const STORAGE_KEY = 'hsr-lang';

/** The language to start in when the URL does not say: remembered choice, else the browser's. */
export function preferredLang(storage: Pick<Storage, 'getItem'> | undefined, languages: readonly string[]): Lang {
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    // Storage can throw (privacy modes, sandboxed iframes): fall through.
  }
  return languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

export function rememberLang(storage: Pick<Storage, 'setItem'> | undefined, lang: Lang): void {
  try {
    storage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembering is acceptable.
  }
}

export const FONT_STACK = {
  en: '"Noto Sans", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
  zh: '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif',
} as const;
