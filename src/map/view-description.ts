/**
 * What the map shows, in a sentence for screen readers, said once the camera
 * rests: how many features of each point layer are in view, and where most of
 * them are — "38 key projects, 7 Chinese medicine centres and 12 forums,
 * meetings and signings in view; 40 in China (Guangxi, Beijing, Yinchuan), 9
 * in Czech Republic." Pure: the map element says which points are in view.
 */
import type { PointDatum } from '../data/dataset.ts';
import type { Lang } from '../state/app-state.ts';
import { LAYERS, type LayerId } from '../layers/registry.ts';
import { field, hasKey, joinList, t } from '../i18n/i18n.ts';

/** Countries named (most features first), and places named in each. */
const COUNTRIES = 3;
const PLACES = 3;

/** "a, b and c" / "a、b和c". */
function list(lang: Lang, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return t(lang, 'map.view.and', { list: joinList(lang, items.slice(0, -1)), last: items[items.length - 1]! });
}

/** How many of a point layer's features, as a phrase: "38 key projects", "38个重点项目". */
export function countPhrase(lang: Lang, layer: LayerId, n: number): string {
  const key = `map.count.${layer}.${n === 1 ? 'one' : 'other'}`;
  return hasKey(key) ? t(lang, key, { n }) : String(n);
}

/** The place a position stands for: the feature's place there (a province at its capital), or none (a country's interior point). */
function placeAt(d: PointDatum): { country: string; name_en: string; name_zh: string; precision: string } | undefined {
  let best: PointDatum['feature']['properties']['places'][number] | undefined;
  let bestD = Infinity;
  for (const p of d.feature.properties.places) {
    const dist = Math.hypot(p.coordinates[0] - d.position[0], p.coordinates[1] - d.position[1]);
    if (dist < bestD) {
      bestD = dist;
      best = p;
    }
  }
  return best && bestD < 0.01 ? best : undefined;
}

/**
 * The sentence for the points in view (one datum per position; a feature with
 * several positions in view counts once, in each country it is in).
 */
export function describeView(inView: readonly PointDatum[], lang: Lang, countryName: (iso2: string) => string): string {
  if (inView.length === 0) return t(lang, 'map.view.none');
  const perLayer = new Map<string, Set<string>>();
  const perCountry = new Map<string, { features: Set<string>; places: Map<string, { name: string; features: Set<string> }> }>();
  for (const d of inView) {
    const p = d.feature.properties;
    let ids = perLayer.get(p.layer);
    if (!ids) perLayer.set(p.layer, (ids = new Set()));
    ids.add(p.id);
    const place = placeAt(d);
    const country = place?.country ?? (p.countries.length === 1 ? p.countries[0]! : undefined);
    if (!country) continue;
    let c = perCountry.get(country);
    if (!c) perCountry.set(country, (c = { features: new Set(), places: new Map() }));
    c.features.add(p.id);
    if (place && place.precision !== 'country') {
      const name = field(lang, place, 'name');
      let pl = c.places.get(name);
      if (!pl) c.places.set(name, (pl = { name, features: new Set() }));
      pl.features.add(p.id);
    }
  }
  const counts = LAYERS.filter((l) => perLayer.has(l.id))
    .sort((a, b) => a.searchRank - b.searchRank)
    .map((l) => countPhrase(lang, l.id, perLayer.get(l.id)!.size));
  const countries = [...perCountry.entries()].sort((a, b) => b[1].features.size - a[1].features.size || a[0].localeCompare(b[0])).slice(0, COUNTRIES);
  const where = countries.map(([iso2, c], i) => {
    const places = [...c.places.values()]
      .sort((a, b) => b.features.size - a.features.size || a.name.localeCompare(b.name))
      .slice(0, PLACES)
      .map((pl) => pl.name);
    // The first country names its busiest places (a country with one place needs no list).
    return i === 0 && places.length > 1
      ? t(lang, 'map.view.places', { count: c.features.size, country: countryName(iso2), places: list(lang, places) })
      : t(lang, 'map.view.where', { count: c.features.size, country: countryName(iso2) });
  });
  const all = list(lang, counts);
  return where.length ? t(lang, 'map.view.countsWhere', { counts: all, where: joinList(lang, where) }) : t(lang, 'map.view.counts', { counts: all });
}
