/**
 * Country names in English and Chinese from `i18n-iso-countries`: the one name
 * every layer uses for a country (the build fails when two layers differ).
 * English uses the package's short alias where it has one ("Russia" rather than
 * "Russian Federation"); Chinese uses the package's name. The map's records
 * date from 2015–2020: countries renamed since are named as they were then, and
 * today's name is kept as an alias that search finds.
 */
import type { Lang } from '../src/data/vocabulary.ts';
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import zh from 'i18n-iso-countries/langs/zh.json' with { type: 'json' };

countries.registerLocale(en);
countries.registerLocale(zh);

/** Names the package lacks or words in a way the documents do not (the documents' usage wins). */
const OVERRIDES: Record<string, { en?: string; zh?: string }> = {
  // Kosovo has no ISO 3166-1 code; XK is the widely used user-assigned code.
  XK: { en: 'Kosovo', zh: '科索沃' },
  // The 2020 joint statement writes "Lao People's Democratic Republic"; keep the common short form on the map.
  LA: { en: 'Laos' },
  VN: { en: 'Viet Nam' },
  CZ: { en: 'Czech Republic' },
  TW: { en: 'Taiwan, China', zh: '中国台湾' },
  HK: { en: 'Hong Kong, China', zh: '中国香港' },
  MO: { en: 'Macao, China', zh: '中国澳门' },
  KR: { en: 'Republic of Korea' },
  // Named as in 2015–2020 (“Türkiye” from 2022, an alias below).
  TR: { en: 'Turkey', zh: '土耳其' },
  // Named as in 2015–2017, when China and the China–CEEC cooperation said “Macedonia” (马其顿); “North Macedonia” from 2019.
  MK: { en: 'Macedonia', zh: '马其顿' },
  // 蒙古 alone reads as Inner Mongolia in Chinese; the state is 蒙古国 (as in the 2020 statement's list).
  MN: { zh: '蒙古国' },
  // The full name, as the plan writes it (印度尼西亚); 印尼 is the short form, an alias.
  ID: { zh: '印度尼西亚' },
  GB: { en: 'United Kingdom' },
  MD: { en: 'Moldova' },
  SY: { en: 'Syria' },
  BN: { en: 'Brunei' },
};

/**
 * Other names search should find a country by: today's name for a country
 * renamed since the records' time, the formal name the documents use, a short form.
 */
const ALIASES: Record<string, { en?: string[]; zh?: string[] }> = {
  MK: { en: ['North Macedonia', 'the former Yugoslav Republic of Macedonia'], zh: ['北马其顿', '前南斯拉夫的马其顿共和国'] },
  TR: { en: ['Türkiye'] },
  CZ: { en: ['Czechia'] },
  ID: { zh: ['印尼'] },
  LA: { en: ["Lao People's Democratic Republic"] },
  VN: { en: ['Vietnam'] },
};

/** A country's aliases in both languages (empty lists when it has none). */
export function countryAliases(iso2: string): { en: string[]; zh: string[] } {
  const a = ALIASES[iso2];
  return { en: [...(a?.en ?? [])], zh: [...(a?.zh ?? [])] };
}

/**
 * Every way a document may name the country: the map's names and aliases and
 * the package's English and Chinese names ("Lao People's Democratic Republic",
 * "Republic of Korea"). Used to tell whether a quote names a country itself.
 */
export function countryTerms(iso2: string): string[] {
  const all = [countryName(iso2, 'en'), countryName(iso2, 'zh'), ...countryAliases(iso2).en, ...countryAliases(iso2).zh];
  const en = countries.getName(iso2, 'en', { select: 'all' }) as string[] | undefined;
  const zh = countries.getName(iso2, 'zh', { select: 'all' }) as string[] | undefined;
  all.push(...(en ?? []), ...(zh ?? []));
  return [...new Set(all.filter((x): x is string => !!x && x.length >= 2))];
}

/** The display name of a country, or undefined when the code is unknown. */
export function countryName(iso2: string, lang: Lang): string | undefined {
  const o = OVERRIDES[iso2]?.[lang];
  if (o) return o;
  if (lang === 'en') {
    const names = countries.getName(iso2, 'en', { select: 'all' }) as string[] | undefined;
    if (!names || names.length === 0) return undefined;
    // Prefer a short alias when the official name is long ("Russian Federation" → "Russia").
    const short = names.slice(1).find((n) => n.length < names[0]!.length && !/,/.test(n) && !/^[A-Z.]+$/.test(n));
    return short ?? names[0];
  }
  return countries.getName(iso2, 'zh') ?? undefined;
}

/** ISO 3166-1 numeric (as in Natural Earth / world-atlas ids) → alpha-2. */
export function numericToAlpha2(numeric: string | number): string | undefined {
  return countries.numericToAlpha2(String(numeric).padStart(3, '0')) ?? undefined;
}
