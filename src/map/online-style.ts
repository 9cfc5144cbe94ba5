/**
 * The opt-in detailed base map: a MapLibre style served from elsewhere (for
 * example OpenFreeMap's `https://tiles.openfreemap.org/styles/liberty`), set at
 * build time with `VITE_ONLINE_STYLE_URL`. Off by default: the site then makes
 * no request outside its own origin. When set, the layer panel offers it and a
 * visitor opts in (`base=online` in the link); the build adds the style's
 * origin (and `VITE_ONLINE_STYLE_ORIGINS`, for tiles, glyphs and sprites hosted
 * elsewhere) to the page's Content-Security-Policy — see `onlineStyleCsp`.
 */

/** Parses a configured style URL: an absolute https URL, or null. */
export function parseStyleUrl(value: string | undefined): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The origins a style needs: its own and the extra ones listed (space- or comma-separated), https only. */
export function styleOrigins(styleUrl: string | undefined, extra: string | undefined): string[] {
  const origins = new Set<string>();
  const main = parseStyleUrl(styleUrl);
  if (!main) return [];
  origins.add(main.origin);
  for (const part of (extra ?? '').split(/[\s,]+/)) {
    const u = parseStyleUrl(part);
    if (u) origins.add(u.origin);
  }
  return [...origins].sort();
}

/**
 * The page's CSP with `origins` allowed for fetching (style, tiles, glyphs,
 * sprites) and images; unchanged when there are none.
 */
export function onlineStyleCsp(csp: string, origins: readonly string[]): string {
  if (origins.length === 0) return csp;
  const extra = origins.join(' ');
  return csp.replace(/(connect-src [^;]*)/, `$1 ${extra}`).replace(/(img-src [^;]*)/, `$1 ${extra}`);
}

/** The style URL this build offers, or null (the default: offline only). */
// `?.`: this module is also imported by vite.config.ts, in Node, where there is no `import.meta.env`.
export const ONLINE_STYLE_URL: string | null = parseStyleUrl(import.meta.env?.VITE_ONLINE_STYLE_URL as string | undefined)?.href ?? null;
