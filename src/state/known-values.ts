/**
 * URL values that are well-formed but name nothing in the data — a mechanism
 * id, a country, a status, a document or a feature that does not exist (a
 * stale or hostile link). `parseUrlState` can only check their shape; once the
 * data is loaded the app drops them, so the view shows what its controls say.
 * Pure.
 */
import { type LayerId } from '../layers/registry.ts';
import { allFeatures, type Dataset } from '../data/dataset.ts';
import type { StatePatch } from '../app/events.ts';
import type { AppState } from './app-state.ts';

/**
 * The patch that removes what the data does not know from `s`, or null when
 * everything is known. Values that depend on a layer that failed to load are
 * kept: the data cannot tell whether they exist.
 */
export function unknownValuesPatch(s: AppState, d: Dataset, failed: readonly LayerId[] = []): StatePatch | null {
  const patch: StatePatch = {};
  const filters: NonNullable<StatePatch['filters']> = {};
  const complete = failed.length === 0;

  if (s.mechanisms.length && !failed.includes('mechanisms')) {
    const known = new Set(d.layers.mechanisms.map((f) => f.properties.id));
    const kept = s.mechanisms.filter((m) => known.has(m));
    if (kept.length !== s.mechanisms.length) patch.mechanisms = kept;
  }
  if (complete && (s.filters.country || s.filters.statuses.length)) {
    const countries = new Set<string>();
    const statuses = new Set<string>();
    for (const f of allFeatures(d)) {
      for (const c of f.properties.countries) countries.add(c);
      if (f.properties.status) statuses.add(f.properties.status);
    }
    if (s.filters.country && !countries.has(s.filters.country)) filters.country = null;
    const kept = s.filters.statuses.filter((x) => statuses.has(x));
    if (kept.length !== s.filters.statuses.length) filters.statuses = kept;
  }
  if (Object.keys(filters).length) patch.filters = filters;
  if (s.reader && !d.manifest.documents.some((doc) => doc.file === s.reader!.doc)) patch.reader = null;
  if (complete && s.selected && !d.byId.has(s.selected)) patch.selected = null;
  return Object.keys(patch).length ? patch : null;
}
