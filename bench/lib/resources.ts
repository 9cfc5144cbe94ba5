/**
 * Classifies served files by kind, for "bytes transferred, split by kind".
 */

export type ResourceKind = 'js' | 'css' | 'data' | 'other';
export const RESOURCE_KINDS: readonly ResourceKind[] = ['js', 'css', 'data', 'other'];

/** The kind of a URL path by its extension: scripts, stylesheets, data (JSON, GeoJSON, CSV) or other (HTML, images, fonts). */
export function resourceKind(path: string): ResourceKind {
  const p = path.split(/[?#]/)[0]!.toLowerCase();
  if (/\.(m?js)$/.test(p)) return 'js';
  if (p.endsWith('.css')) return 'css';
  if (/\.(geojson|json|csv|pbf)$/.test(p)) return 'data';
  return 'other';
}

/** Sums bytes per kind, plus the total. */
export function bytesByKind(responses: readonly { path: string; bytes: number }[]): Record<ResourceKind | 'total', number> {
  const out = { js: 0, css: 0, data: 0, other: 0, total: 0 };
  for (const r of responses) {
    out[resourceKind(r.path)] += r.bytes;
    out.total += r.bytes;
  }
  return out;
}
