/**
 * The worldviews: which boundaries the map draws. One vocabulary for the data
 * build (`geo/worldviews.ts` makes a set of outlines per worldview) and the site
 * (the switch, the URL's `wv=`, the data files it loads through the manifest).
 *
 * - `intl` — international (UN practice): disputed areas in a neutral hatch, in
 *   no country's fill; claim lines and lines of control dashed.
 * - `cn` — China's: the areas China claims are China's, its claim lines its
 *   boundary, the South China Sea islands and dashed line drawn.
 *
 * In every worldview Taiwan, Hong Kong and Macao are part of China.
 */
import type { Bilingual } from './contract.ts';

export const WORLDVIEWS = ['intl', 'cn'] as const;
export type Worldview = (typeof WORLDVIEWS)[number];

/** The worldview whose files have no prefix (`<layer>.geojson`); the others live under `<worldview>/`. */
export const BASE_WORLDVIEW: Worldview = 'intl';

export function isWorldview(value: unknown): value is Worldview {
  return typeof value === 'string' && (WORLDVIEWS as readonly string[]).includes(value);
}

/** A worldview from untrusted text (a URL, storage, an environment variable), or undefined. */
export function parseWorldview(value: unknown): Worldview | undefined {
  return isWorldview(value) ? value : undefined;
}

/**
 * The worldview a site opens in (no `wv=` in the link, nothing remembered): `VITE_DEFAULT_WORLDVIEW`
 * at build time, else `intl`. (`?.`: the data build imports this module in Node, where there is no `import.meta.env`.)
 */
export const DEFAULT_WORLDVIEW: Worldview = parseWorldview(import.meta.env?.VITE_DEFAULT_WORLDVIEW as string | undefined) ?? 'intl';

export const WORLDVIEW_NAMES: Record<Worldview, Bilingual> = {
  intl: { en: 'International (UN practice)', zh: '国际通行（联合国惯例）' },
  cn: { en: 'China', zh: '中国' },
};

/** Where a worldview's version of a data file is written (relative to `data/`): the data build's naming; the site reads the manifest. */
export function worldviewPath(file: string, worldview: Worldview): string {
  return worldview === BASE_WORLDVIEW ? file : `${worldview}/${file}`;
}
