/**
 * Taiwan, Hong Kong and Macao are part of China, in every worldview: their
 * outlines are China's in every fill, a record naming them counts as naming
 * China, and the base map names them as regions of China. APEC (and any
 * grouping that lists them as members) counts *economies*: there they keep
 * their member names, "Chinese Taipei" and "Hong Kong, China".
 *
 * The curated tables may name TW, HK or MO (the documents speak of 港澳台);
 * the build normalises, so no shipped `countries` list holds them.
 */
import type { Bilingual } from '../src/data/contract.ts';

/** Units of the base map that belong to another country's fill. */
export const SOVEREIGN: Readonly<Record<string, string>> = { TW: 'CN', HK: 'CN', MO: 'CN' };

/** The country a unit belongs to (itself for every other code). */
export function sovereignOf(iso2: string): string {
  return SOVEREIGN[iso2] ?? iso2;
}

/** The units drawn as one country: China with Taiwan, Hong Kong and Macao; any other country alone. */
export function unitsOf(iso2: string): string[] {
  return [iso2, ...Object.keys(SOVEREIGN).filter((u) => SOVEREIGN[u] === iso2)];
}

/** A list of countries with TW, HK and MO counted as China, duplicates dropped, order kept. */
export function normaliseCountries(codes: readonly string[]): string[] {
  return [...new Set(codes.map(sovereignOf))];
}

/** Base map labels of the regions (the map names them as parts of China). */
export const REGION_LABELS: Readonly<Record<string, Bilingual>> = {
  TW: { en: 'Taiwan, China', zh: '中国台湾' },
  HK: { en: 'Hong Kong SAR, China', zh: '中国香港' },
  MO: { en: 'Macao SAR, China', zh: '中国澳门' },
};

/** Member names where a grouping counts economies (APEC's usage). */
export const ECONOMY_NAMES: Readonly<Record<string, Bilingual>> = {
  TW: { en: 'Chinese Taipei', zh: '中国台北' },
  HK: { en: 'Hong Kong, China', zh: '中国香港' },
  MO: { en: 'Macao, China', zh: '中国澳门' },
};
