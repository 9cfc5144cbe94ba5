/**
 * Search over everything on the map: feature names in both languages, their
 * places, abbreviations, diseases and key-project numbers ("23", "项目23",
 * "No. 23"), the words of their summaries in both languages ("白内障",
 * "cataract": ranked after every other kind of match), and the countries the
 * features concern (choosing a country filters the map by it).
 *
 * Text is compared after `normaliseForSearch`: NFKD (which also folds
 * full-width forms to half-width), diacritics dropped, lower case,
 * punctuation as spaces, and no spaces next to Chinese characters — so
 * "Hradec Kralove" finds "Hradec Králové", "ＡＳＥＡＮ" finds "ASEAN" and
 * "中国东盟" finds "中国—东盟". Chinese matches anywhere in a name.
 *
 * Pure: builds from features, no DOM.
 */
import type { BaseProps, Bilingual, CountryName } from './contract.ts';
import { layerSpec, type LayerId } from '../layers/registry.ts';
import type { Lang } from '../state/app-state.ts';
import { field, format, formatDate, htmlLang, joinList, pick, punctuation, t } from '../i18n/i18n.ts';

/** Folds case, accents, width and punctuation, so that spelling variants compare equal. */
export function normaliseForSearch(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[łøđħßæœıþ]/g, (c) => FOLD[c] ?? c)
    .replace(/['’ʼ‘`´]/g, '')
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, ' ')
    .replace(/(?<=\p{Script=Han}) | (?=\p{Script=Han})/gu, '')
    .trim();
}

/** Letters NFKD does not decompose. */
const FOLD: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th' };

// ---------------------------------------------------------------------------
// Country names

/**
 * Names the site prefers for these regions (the data build uses the same), in
 * case `Intl.DisplayNames` is the only source.
 */
const COUNTRY_OVERRIDES: Record<string, Bilingual> = {
  TW: { en: 'Taiwan, China', zh: '中国台湾' },
  HK: { en: 'Hong Kong, China', zh: '中国香港' },
  MO: { en: 'Macao, China', zh: '中国澳门' },
  XK: { en: 'Kosovo', zh: '科索沃' },
};

type Props = { properties: BaseProps };

/**
 * Display names of every country the features mention. Names carried by the
 * data win: the manifest's country table (`countries`, one name per country
 * across layers, as the build checks), then the country features
 * (priority countries, 2020 statement) and mechanisms' member names;
 * `Intl.DisplayNames` fills the rest.
 */
export function countryNames(features: Iterable<Props>, table: readonly CountryName[] = []): Map<string, Bilingual> {
  const fromTable = new Map(table.map((c) => [c.iso2, { en: c.name_en, zh: c.name_zh }]));
  const fromCountryFeatures = new Map<string, Bilingual>();
  const fromMembers = new Map<string, Bilingual>();
  const codes = new Set<string>();
  for (const { properties: p } of features) {
    for (const c of p.countries) codes.add(c);
    if (layerSpec(p.layer)?.oneCountry && p.countries.length === 1) {
      const c = p.countries[0]!;
      if (!fromCountryFeatures.has(c)) fromCountryFeatures.set(c, { en: p.name_en, zh: p.name_zh });
    }
    const members = p.member_names;
    if (Array.isArray(members)) {
      for (const m of members as { iso2?: unknown; en?: unknown; zh?: unknown }[]) {
        if (typeof m.iso2 === 'string' && typeof m.en === 'string' && typeof m.zh === 'string' && !fromMembers.has(m.iso2)) {
          fromMembers.set(m.iso2, { en: m.en, zh: m.zh });
        }
      }
    }
  }
  const out = new Map<string, Bilingual>();
  for (const c of [...codes].sort()) {
    const name = fromTable.get(c) ?? fromCountryFeatures.get(c) ?? fromMembers.get(c) ?? COUNTRY_OVERRIDES[c] ?? intlName(c);
    if (name) out.set(c, name);
  }
  return out;
}

let displayNames: Record<keyof Bilingual, Intl.DisplayNames> | null | undefined;

/** A country's name from the platform's CLDR data, or undefined. */
export function intlName(iso2: string): Bilingual | undefined {
  if (displayNames === undefined) {
    try {
      displayNames = {
        en: new Intl.DisplayNames([htmlLang('en')], { type: 'region', fallback: 'none' }),
        zh: new Intl.DisplayNames([htmlLang('zh')], { type: 'region', fallback: 'none' }),
      };
    } catch {
      displayNames = null;
    }
  }
  if (!displayNames || !/^[A-Z]{2}$/.test(iso2)) return undefined;
  try {
    const en = displayNames.en.of(iso2);
    const zh = displayNames.zh.of(iso2);
    return en && zh && en !== iso2 ? { en, zh } : undefined;
  } catch {
    return undefined;
  }
}

/** A country's name in `lang`, falling back to its code. */
export function countryLabel(names: ReadonlyMap<string, Bilingual>, iso2: string, lang: Lang): string {
  const n = names.get(iso2) ?? COUNTRY_OVERRIDES[iso2] ?? intlName(iso2);
  return n ? n[lang] : iso2;
}

// ---------------------------------------------------------------------------
// Index

/** What a key is: a name ranks above an abbreviation or number, which rank above a place, then anything else, then a summary's words. */
type KeyField = 'name' | 'abbr' | 'number' | 'place' | 'other' | 'summary';
const FIELD_RANK: Record<KeyField, number> = { name: 0, abbr: 1, number: 1, place: 2, other: 3, summary: 4 };

interface Key {
  norm: string;
  /** Language of the text; null for numbers and codes (both languages). */
  lang: Lang | null;
  field: KeyField;
  /** How the key reads, for a place shown on the secondary line. */
  label?: Bilingual;
}

interface Entry {
  kind: 'feature' | 'country';
  /** Feature id, or the ISO code of a country. */
  key: string;
  layer: LayerId | 'country';
  name: Bilingual;
  keys: Key[];
  /** Feature: first place, project number; country: number of features concerning it. */
  place?: Bilingual;
  projectNo?: number;
  count?: number;
  /** Stable tie-break. */
  order: number;
}

export interface SearchIndex {
  entries: Entry[];
}

export interface SearchResult {
  /** Feature id, or `country:XX` for a country. */
  id: string;
  kind: 'feature' | 'country';
  /** ISO 3166-1 alpha-2 code of a country result. */
  country?: string;
  /** Name in the current language. */
  name: string;
  layer: LayerId | 'country';
  /** Context line in the current language: layer or project number, and place. */
  secondary: string;
}

/** Where a country result ranks among the layers' (`searchRank` in the registry): after the mechanisms, before the layers of countries. */
const COUNTRY_RANK = 9;
const rankOf = (layer: LayerId | 'country') => (layer === 'country' ? COUNTRY_RANK : layerSpec(layer).searchRank);

function bilingualKeys(keys: Key[], value: unknown, field: KeyField, label = false): void {
  if (!value || typeof value !== 'object') return;
  const v = value as Partial<Bilingual>;
  const bl = typeof v.en === 'string' && typeof v.zh === 'string' ? (v as Bilingual) : undefined;
  for (const lang of ['en', 'zh'] as const) {
    const text = v[lang];
    if (typeof text === 'string' && text.trim()) keys.push({ norm: normaliseForSearch(text), lang, field, ...(label && bl ? { label: bl } : {}) });
  }
}

function numberKeys(keys: Key[], n: number, field: KeyField): void {
  for (const text of [`${n}`, `项目${n}`, `第${n}项`, `第${n}号`, `${n}号项目`, `project ${n}`, `no ${n}`]) keys.push({ norm: normaliseForSearch(text), lang: null, field });
}

/**
 * Builds the index over all features (pass every layer's features, not only the
 * visible ones) and the manifest's country table, whose aliases (today's name
 * of a country renamed since, a formal or short form) find the country too.
 */
export function buildSearchIndex(features: readonly Props[], countries: readonly CountryName[] = []): SearchIndex {
  const entries: Entry[] = [];
  const counts = new Map<string, number>();
  features.forEach(({ properties: p }, order) => {
    for (const c of p.countries) counts.set(c, (counts.get(c) ?? 0) + 1);
    const keys: Key[] = [];
    bilingualKeys(keys, { en: p.name_en, zh: p.name_zh }, 'name');
    for (const k of ['abbr', 'abbr_en', 'abbr_zh'] as const) {
      const a = p[k];
      if (typeof a === 'string' && a.trim()) keys.push({ norm: normaliseForSearch(a), lang: null, field: 'abbr' });
    }
    if (typeof p.project_no === 'number') numberKeys(keys, p.project_no, 'number');
    if (Array.isArray(p.project_nos)) for (const n of p.project_nos) if (typeof n === 'number' && n !== p.project_no) numberKeys(keys, n, 'other');
    for (const pl of [...p.places, ...(Array.isArray(p.china_provinces) ? (p.china_provinces as BaseProps['places']) : [])]) {
      bilingualKeys(keys, { en: pl.name_en, zh: pl.name_zh }, 'place', true);
    }
    bilingualKeys(keys, p.mechanism, 'other');
    bilingualKeys(keys, p.host_institution, 'other');
    if (Array.isArray(p.diseases)) for (const d of p.diseases) bilingualKeys(keys, d, 'other');
    // Summaries: what a record is about, in words a name may not use ("白内障" in the cataract missions' summaries).
    bilingualKeys(keys, { en: p.summary_en, zh: p.summary_zh }, 'summary');
    const first = p.places[0];
    entries.push({
      kind: 'feature',
      key: p.id,
      layer: p.layer,
      name: { en: p.name_en, zh: p.name_zh },
      keys: dedupe(keys),
      ...(first ? { place: { en: first.name_en, zh: first.name_zh } } : {}),
      ...(typeof p.project_no === 'number' ? { projectNo: p.project_no } : {}),
      order,
    });
  });
  const names = countryNames(features, countries);
  const aliases = new Map(countries.map((c) => [c.iso2, c]));
  let order = features.length;
  for (const [iso2, name] of names) {
    const keys: Key[] = [];
    bilingualKeys(keys, name, 'name');
    const a = aliases.get(iso2);
    for (const text of a?.aliases_en ?? []) keys.push({ norm: normaliseForSearch(text), lang: 'en', field: 'name' });
    for (const text of a?.aliases_zh ?? []) keys.push({ norm: normaliseForSearch(text), lang: 'zh', field: 'name' });
    const alt = intlName(iso2);
    if (alt) bilingualKeys(keys, alt, 'abbr');
    entries.push({ kind: 'country', key: iso2, layer: 'country', name, keys: dedupe(keys), count: counts.get(iso2) ?? 0, order: order++ });
  }
  return { entries };
}

function dedupe(keys: Key[]): Key[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = `${k.norm}|${k.lang}|${k.field}`;
    if (!k.norm || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** 0 exact, 1 prefix, 2 word prefix, 3 substring; -1 no match. */
function tierOf(key: string, q: string, latinSingle: boolean, field: KeyField): number {
  // A summary is running text: only its words count (a query that starts it is no better than one inside it).
  if (field === 'summary') return !latinSingle && (key.startsWith(q) || key.includes(` ${q}`) || (/\p{Script=Han}/u.test(q[0]!) && key.includes(q))) ? 2 : -1;
  if (key === q) return 0;
  if (key.startsWith(q)) return 1;
  // Numbers only match whole or from their start: "3" must not find "23".
  if (field === 'number') return -1;
  if (key.includes(` ${q}`)) return 2;
  if (latinSingle || !key.includes(q)) return -1;
  // Chinese has no word boundaries: any position is as good as a word start.
  return /\p{Script=Han}/u.test(q[0]!) ? 2 : 3;
}

/** Every word of `q` starts some word of the entry's keys in one language (any order): "czech centre". */
function allWordsMatch(entry: Entry, words: string[]): Lang | null {
  for (const lang of ['en', 'zh'] as const) {
    const own = entry.keys.filter((k) => k.lang === lang || k.lang === null).flatMap((k) => k.norm.split(' '));
    if (words.every((w) => own.some((x) => x.startsWith(w)))) return lang;
  }
  return null;
}

interface Scored {
  entry: Entry;
  tier: number;
  field: number;
  langPenalty: number;
  place?: Bilingual;
}

/**
 * Ranked results for `query`: exact name, then prefix, then word prefix, then
 * substring, then all words in any order; within a tier, names before
 * abbreviations and numbers before places, and keys in the current language
 * before the other. Ties break by layer, then shorter name, then data order,
 * so results are stable. Empty for a blank query.
 */
export function search(index: SearchIndex, query: string, lang: Lang, limit = 8): SearchResult[] {
  const q = normaliseForSearch(query);
  if (!q || limit <= 0) return [];
  const latinSingle = q.length === 1 && !/\p{Script=Han}/u.test(q);
  const words = q.split(' ').filter(Boolean);
  const scored: Scored[] = [];
  for (const entry of index.entries) {
    let best: Scored | null = null;
    for (const k of entry.keys) {
      const tier = tierOf(k.norm, q, latinSingle, k.field);
      if (tier < 0) continue;
      const s: Scored = { entry, tier, field: FIELD_RANK[k.field], langPenalty: k.lang === null || k.lang === lang ? 0 : 1, ...(k.label ? { place: k.label } : {}) };
      if (!best || compare(s, best) < 0) best = s;
    }
    if (!best && words.length > 1) {
      const l = allWordsMatch(entry, words);
      if (l) best = { entry, tier: 4, field: 0, langPenalty: l === lang ? 0 : 1 };
    }
    if (best) scored.push(best);
  }
  scored.sort(compare);
  return scored.slice(0, limit).map((s) => toResult(s, lang));
}

function compare(a: Scored, b: Scored): number {
  return (
    a.tier - b.tier ||
    a.field - b.field ||
    a.langPenalty - b.langPenalty ||
    rankOf(a.entry.layer) - rankOf(b.entry.layer) ||
    (a.entry.projectNo ?? 0) - (b.entry.projectNo ?? 0) ||
    a.entry.name.en.length - b.entry.name.en.length ||
    a.entry.order - b.entry.order
  );
}

function toResult(s: Scored, lang: Lang): SearchResult {
  const e = s.entry;
  if (e.kind === 'country') {
    return { id: `country:${e.key}`, kind: 'country', country: e.key, name: e.name[lang], layer: 'country', secondary: t(lang, 'search.countryHint', { count: e.count ?? 0 }) };
  }
  const layer = e.layer as LayerId;
  // A key project says its number; other layers say what they are.
  const head = layer === 'projects' && e.projectNo !== undefined ? t(lang, 'detail.project', { no: e.projectNo }) : pick(lang, layerSpec(layer).title);
  const place = s.place ?? e.place;
  const secondary = place ? `${head} · ${place[lang]}` : head;
  return { id: e.key, kind: 'feature', name: e.name[lang], layer, secondary };
}

// ---------------------------------------------------------------------------
// Short descriptions of a feature, shared by the list and the panels

/** The years of a feature: its date for an event, else "2015" or "2015–2017" (Chinese "2015—2017"); '' without years. */
export function yearsLabel(p: BaseProps, lang: Lang): string {
  if (typeof p.date === 'string' && p.date) return formatDate(p.date, lang);
  if (p.year_start === undefined) return '';
  const end = p.year_end ?? p.year_start;
  return end === p.year_start ? String(p.year_start) : `${p.year_start}${punctuation(lang).range}${end}`;
}

/**
 * One line of context for a feature in a list: where (its places, or else
 * its countries), when, and its key-project number — e.g.
 * "Prague · 2015 · Key project no. 3".
 */
export function featureContext(p: BaseProps, lang: Lang, names: ReadonlyMap<string, Bilingual>): string {
  const parts: string[] = [];
  if (p.places.length) {
    const list = joinList(
      lang,
      p.places.slice(0, 2).map((pl) => field(lang, pl, 'name')),
    );
    parts.push(p.places.length > 2 ? format(lang, 'morePlaces', { list }) : list);
  } else if (p.countries.length && !layerSpec(p.layer)?.oneCountry) {
    const list = joinList(
      lang,
      p.countries.slice(0, 3).map((c) => countryLabel(names, c, lang)),
    );
    parts.push(p.countries.length > 3 ? format(lang, 'moreCountries', { list, more: p.countries.length - 3, total: p.countries.length }) : list);
  }
  const years = yearsLabel(p, lang);
  if (years) parts.push(years);
  if (p.project_no !== undefined) parts.push(t(lang, 'detail.project', { no: p.project_no }));
  return parts.join(' · ');
}
