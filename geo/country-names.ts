/**
 * Country names in English and Chinese from `i18n-iso-countries`.
 * English uses the package's short alias where it has one ("Russia" rather than
 * "Russian Federation"); Chinese uses the package's name.
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
  TR: { en: 'Türkiye', zh: '土耳其' },
  GB: { en: 'United Kingdom' },
  MD: { en: 'Moldova' },
  SY: { en: 'Syria' },
  BN: { en: 'Brunei' },
};


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

export function isKnownCountry(iso2: string): boolean {
  return iso2 in OVERRIDES || countries.isValid(iso2);
}
