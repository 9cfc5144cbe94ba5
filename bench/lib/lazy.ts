/**
 * Checks that code meant to load only when used (export, presentation, reader)
 * is not among the scripts served before the map is interactive. Each feature
 * is recognised by a string that survives minification in any chunk it lands in.
 */

export interface LazyFeature {
  name: string;
  /** Matches the feature's code in a built script. */
  marker: RegExp;
}

const defines = (tag: string) => new RegExp(`customElements\\.define\\(\\s*[\`'"]${tag}[\`'"]`);

export const LAZY_FEATURES: readonly LazyFeature[] = [
  // The export pipeline (src/export/export.ts, render-map.ts) and its dialog.
  { name: 'export', marker: /PNG encoding failed|export timed out waiting for/ },
  { name: 'export dialog', marker: defines('hsr-export-dialog') },
  { name: 'presentation', marker: defines('hsr-presenter') },
  { name: 'reader', marker: defines('hsr-reader') },
];

export interface LazyVerdict {
  name: string;
  /** Scripts served before interactive that hold the feature's code; empty when it is lazy. */
  eagerIn: string[];
}

/**
 * @param scripts - the scripts served before interactive: path and source text
 * @returns one verdict per feature
 */
export function lazyVerdicts(scripts: readonly { path: string; text: string }[], features: readonly LazyFeature[] = LAZY_FEATURES): LazyVerdict[] {
  return features.map((f) => ({ name: f.name, eagerIn: scripts.filter((s) => f.marker.test(s.text)).map((s) => s.path) }));
}
