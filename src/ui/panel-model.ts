/**
 * Pure helpers behind the layer panel and the filters: what to list, in which
 * order, with which counts and names, and the state patches that controls ask
 * for. No DOM and no Lit, so the unit tests run in Node.
 */
import { type LayerId, LAYER_IDS, LAYERS, layerSpec, styleContextOf, type LayerSpec } from '../layers/registry.ts';
import { allFeatures, type Dataset } from '../data/dataset.ts';
import { collator, pick } from '../i18n/i18n.ts';
import { visibleFeatures } from '../layers/build-layers.ts';
import { rgbaToHex } from '../layers/palette.ts';
import { countryLabel, countryNames } from '../data/search-index.ts';
import type { AppState, Lang } from '../state/app-state.ts';
import { yearExtent } from '../state/filters.ts';

// ---------------------------------------------------------------- layers

export type LayerGroup = LayerSpec['group'];

/** Groups in the order the panel shows them: the Belt and Road as context first, then the health content, then cooperation. */
export const GROUP_ORDER: readonly LayerGroup[] = ['belt-and-road', 'health', 'cooperation'];

/**
 * The registry grouped for the panel. Within a group, layers are listed
 * top-most first (the reverse of the drawing order), as in kepler.gl or QGIS:
 * what you see on top of the map is on top of the list.
 */
export function layerGroups(layers: readonly LayerSpec[] = LAYERS): { group: LayerGroup; layers: LayerSpec[] }[] {
  return GROUP_ORDER.map((group) => ({ group, layers: layers.filter((l) => l.group === group).reverse() })).filter((g) => g.layers.length > 0);
}

export interface LayerCount {
  /** Features that pass the filters (and, for mechanisms, the mechanism choice). */
  shown: number;
  total: number;
}

/** Visible-under-the-filters and total feature counts of every layer. */
export function layerCounts(d: Dataset, state: Pick<AppState, 'filters' | 'mechanisms'>): Record<LayerId, LayerCount> {
  return Object.fromEntries(LAYER_IDS.map((id) => [id, { shown: visibleFeatures(d, id, state).length, total: d.layers[id].length }])) as Record<LayerId, LayerCount>;
}

/** The visible layers with `id` switched on or off, kept in registry (drawing) order so the URL is stable. */
export function toggleLayer(layers: readonly LayerId[], id: LayerId, on: boolean): LayerId[] {
  const set = new Set(layers);
  if (on) set.add(id);
  else set.delete(id);
  return LAYER_IDS.filter((l) => set.has(l));
}

// ---------------------------------------------------------------- mechanisms

export interface MechanismOption {
  id: string;
  name: string;
  /** The colour the map outlines it in (the registry's, for this dataset). */
  color: string;
}

/** The mechanisms of the dataset, in data order (which fixes their colours). */
export function mechanismOptions(d: Dataset, lang: Lang): MechanismOption[] {
  const spec = layerSpec('mechanisms');
  const ctx = styleContextOf(d);
  return d.layers.mechanisms.map((f) => ({ id: f.properties.id, name: pick(lang, { en: f.properties.name_en, zh: f.properties.name_zh }), color: rgbaToHex(spec.lineColor(f.properties, ctx)) }));
}

/**
 * The mechanism choice after (un)checking one. `state.mechanisms` empty means
 * "all", so the result is normalised: every mechanism checked → `[]`. Unchecking
 * the last one would otherwise read as "all" again, so it hides the layer
 * instead (`hideLayer`) and resets the choice.
 */
export function toggleMechanism(all: readonly string[], current: readonly string[], id: string, on: boolean): { mechanisms: string[]; hideLayer: boolean } {
  const chosen = new Set(current.length ? current.filter((m) => all.includes(m)) : all);
  if (on) chosen.add(id);
  else chosen.delete(id);
  if (chosen.size === 0) return { mechanisms: [], hideLayer: true };
  if (all.every((m) => chosen.has(m))) return { mechanisms: [], hideLayer: false };
  return { mechanisms: all.filter((m) => chosen.has(m)), hideLayer: false };
}

// ---------------------------------------------------------------- filters

/** `list` with `value` added or removed, sorted (ascending, or by `order` when given), without duplicates. */
export function toggleValue<T extends string | number>(list: readonly T[], value: T, on: boolean, order?: readonly T[]): T[] {
  const set = new Set(list);
  if (on) set.add(value);
  else set.delete(value);
  const out = [...set];
  return order ? order.filter((v) => set.has(v)) : out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface CountryOption {
  /** ISO 3166-1 alpha-2. */
  code: string;
  name: string;
}

/**
 * Every country code that appears in any feature's `countries`, named in
 * `lang` as search and the detail panel name it (`countryLabel`: the data's
 * own names first, then the site's preferred names, then `Intl.DisplayNames`,
 * else the code) and sorted by the displayed name (pinyin order in Chinese).
 */
export function countryOptions(d: Dataset, lang: Lang): CountryOption[] {
  const names = countryNames(allFeatures(d), d.manifest.countries);
  const codes = new Set<string>();
  for (const f of allFeatures(d)) for (const c of f.properties.countries) codes.add(c);
  const sorter = collator(lang);
  return [...codes].map((code) => ({ code, name: countryLabel(names, code, lang) })).sort((a, b) => sorter.compare(a.name, b.name) || (a.code < b.code ? -1 : 1));
}

/** Statuses, in their order, that some feature of the dataset has: a filter option nothing matches is not offered. */
export function statusOptions<S extends string>(d: Dataset, order: readonly S[]): S[] {
  const present = new Set<string>();
  for (const f of allFeatures(d)) if (f.properties.status !== undefined) present.add(f.properties.status);
  return order.filter((s) => present.has(s));
}

/** Years in which at least one feature starts: the years worth a frame when playing. */
export function startYears(d: Dataset): Set<number> {
  return new Set(allFeatures(d).flatMap((f) => (f.properties.year_start === undefined ? [] : [f.properties.year_start])));
}

/** Years covered by all features of the dataset, or null when none is dated. */
export function datasetYears(d: Dataset): [number, number] | null {
  return yearExtent(allFeatures(d).map((f) => f.properties));
}

/**
 * The year filter for a chosen range: ends swapped if reversed and clamped to
 * the data's extent; the whole extent means "all years" (`null`), so choosing
 * it does not count as filtering.
 */
export function yearsFilter(from: number, to: number, extent: readonly [number, number]): [number, number] | null {
  const clamp = (y: number) => Math.min(extent[1], Math.max(extent[0], Math.round(y)));
  const lo = clamp(Math.min(from, to));
  const hi = clamp(Math.max(from, to));
  return lo === extent[0] && hi === extent[1] ? null : [lo, hi];
}

/**
 * The upper years the Play button steps through, from `extent[0]` to
 * `extent[1]`: every year (only the `eventful` ones when given), or — when
 * `maxFrames` is smaller than that — at most `maxFrames` evenly spaced years
 * that still end on the last.
 */
export function playSteps(extent: readonly [number, number], maxFrames = Infinity, eventful?: ReadonlySet<number>): number[] {
  const [lo, hi] = extent;
  if (!(hi >= lo)) return [];
  // Years in which nothing starts add nothing to watch: skip them (the last year always stays).
  if (eventful) {
    const years = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i).filter((y) => eventful.has(y) || y === hi);
    if (years.length <= maxFrames) return years;
  }
  const n = hi - lo + 1;
  if (n <= maxFrames) return Array.from({ length: n }, (_, i) => lo + i);
  const frames = Math.max(1, Math.floor(maxFrames));
  if (frames === 1) return [hi];
  const out = Array.from({ length: frames }, (_, i) => Math.round(lo + ((hi - lo) * i) / (frames - 1)));
  return [...new Set(out)];
}

/**
 * Where Play starts in `steps`: after the current upper year when a range is
 * already set and not at the end (so Pause then Play resumes), else at the start.
 */
export function playStartIndex(steps: readonly number[], currentUpper: number | null): number {
  if (currentUpper === null || steps.length === 0 || currentUpper >= steps[steps.length - 1]!) return 0;
  const i = steps.findIndex((y) => y > currentUpper);
  return i < 0 ? 0 : i;
}
