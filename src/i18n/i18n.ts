/**
 * The site's languages, as data: one locale table per language
 * (`locales/<lang>.ts`: UI strings, `lang` tag, name, Intl ids, punctuation,
 * font), registered below for each language of `LANGS`. Everything that
 * differs between languages is read through these functions; nothing outside
 * `src/i18n/` branches on a language.
 *
 * Data that carries its own text in each language (`{ en, zh }`, `name_en` /
 * `name_zh`) is read with `pick` and `field`.
 */
import { LANGS, type Lang } from '../data/vocabulary.ts';
import type { Locale, StringKey } from './locale.ts';
import { en } from './locales/en.ts';
import { zh } from './locales/zh.ts';

export type { StringKey };

/** The locale tables: exactly one for each language of `LANGS` (`data/vocabulary.ts`). */
const LOCALES: { readonly [L in Lang]: Locale } = { en, zh };

/** The language the site falls back to: the one every table is written from, and what data lacking a language shows. */
const FALLBACK: Lang = 'en';

type Params = Record<string, string | number>;

function fill(s: string, params?: Params): string {
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

/** A UI string in `lang`, its `{name}` placeholders filled from `params`. */
export function t(lang: Lang, key: StringKey, params?: Params): string {
  return fill(LOCALES[lang].strings[key], params);
}

/** Whether `key` is a UI string (for keys built from data, such as `kind.forum`). */
export function hasKey(key: string): key is StringKey {
  return Object.hasOwn(en.strings, key);
}

export function isLang(value: unknown): value is Lang {
  return (LANGS as readonly unknown[]).includes(value);
}

/** The language the language switch goes to (the next in `LANGS`, round). */
export function nextLang(lang: Lang): Lang {
  return LANGS[(LANGS.indexOf(lang) + 1) % LANGS.length]!;
}

/** The HTML `lang` tag of a language: `en`, `zh-Hans`. */
export function htmlLang(lang: Lang): string {
  return LOCALES[lang].tag;
}

/** A language's name in itself: `English`, `中文`. */
export function languageName(lang: Lang): string {
  return LOCALES[lang].name;
}

/** The CSS `font-family` stack of text in `lang`. */
export function fontStack(lang: Lang): string {
  return LOCALES[lang].font;
}

/**
 * CSS giving `selector` the font of its language, for every language: one rule
 * per locale, `selector:lang(<tag>)` (`:host(:lang(<tag>))` for `:host`). The
 * element carries a `lang` attribute (or, for `:host`, inherits the page's).
 * The one source of per-language font rules: shadow roots take it through
 * `ui/shared-styles.ts` (`langFont`), the page's stylesheet through the build
 * (`scripts/lang-fonts-plugin.ts`).
 */
export function fontCss(selector: string): string {
  return LANGS.map((l) => {
    const tag = LOCALES[l].tag;
    const sel = selector === ':host' ? `:host(:lang(${tag}))` : `${selector}:lang(${tag})`;
    return `${sel} {\n  font-family: ${LOCALES[l].font};\n}`;
  }).join('\n');
}

/** The punctuation of `lang` (list separator, colon, sentence end…). */
export function punctuation(lang: Lang): Locale['punctuation'] {
  return LOCALES[lang].punctuation;
}

/** `items` as a list in `lang`: `Laos, Myanmar` / `老挝、缅甸`. */
export function joinList(lang: Lang, items: readonly string[]): string {
  return items.join(LOCALES[lang].punctuation.list);
}

/** One of the language's templates (`formats` of its table), filled. */
export function format(lang: Lang, name: keyof Locale['formats'], params: Params): string {
  return fill(LOCALES[lang].formats[name], params);
}

const numberFormats = new Map<Lang, Intl.NumberFormat>();

/** A number as `lang` writes it: `1,000,000`. */
export function formatNumber(lang: Lang, value: number): string {
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(LOCALES[lang].intl.numbers)));
  return f.format(value);
}

/**
 * A document or event date as written in the data (`2015`, `2015-06`,
 * `2015-06-18`) in `lang`: "2015" / "2015年", "June 2015" / "2015年6月",
 * "18 June 2020" / "2020年6月18日". Anything else is returned as is.
 */
export function formatDate(date: string, lang: Lang): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date.trim());
  if (!m) return date;
  const [, y, mo, d] = m;
  const when = new Date(Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1));
  if (Number.isNaN(when.getTime())) return date;
  const parts: Intl.DateTimeFormatOptions = { year: 'numeric', timeZone: 'UTC', ...(mo ? { month: 'long' } : {}), ...(d ? { day: 'numeric' } : {}) };
  return new Intl.DateTimeFormat(LOCALES[lang].intl.dates, parts).format(when);
}

const collators = new Map<Lang, Intl.Collator>();

/** Sorting in `lang` (pinyin in Chinese; numbers by value: "no. 2" before "no. 10"). */
export function collator(lang: Lang): Intl.Collator {
  let c = collators.get(lang);
  if (!c) collators.set(lang, (c = new Intl.Collator(LOCALES[lang].intl.collation, { numeric: true })));
  return c;
}

/** The map's own interface in `lang`, for `createMap`: the container's `lang` tag and MapLibre's control strings. */
export function mapLocale(lang: Lang): { tag: string; controls: Readonly<Record<string, string>> } {
  return { tag: LOCALES[lang].tag, controls: LOCALES[lang].mapControls };
}

/**
 * Data that carries its text in each of the data's languages (`{ en, zh }`):
 * the text in `lang`, else the English.
 */
export function pick(lang: Lang, value: Readonly<Partial<Record<Lang, string>>> & { readonly en: string }): string {
  return value[lang] ?? value.en;
}

/** A record's own field in `lang` (`name_en` / `name_zh`, `title_en` / `title_zh`), else its English one. */
export function field(lang: Lang, record: object, name: string): string {
  const r = record as Record<string, unknown>;
  return String(r[`${name}_${lang}`] ?? r[`${name}_${FALLBACK}`] ?? '');
}

/** The language of a source document from its file name (`<name>.<lang>.txt`, as in `seeds/documents/`); English when it does not say. */
export function documentLang(file: string): Lang {
  const l = /\.([a-z]+)\.txt$/.exec(file)?.[1];
  return isLang(l) ? l : FALLBACK;
}

const STORAGE_KEY = 'hsr-lang';

/**
 * The language to start in when the URL does not say: the remembered choice,
 * else the first language the browser lists that the site speaks besides
 * English (so a browser set up in English that also lists Chinese opens in
 * Chinese), else English.
 */
export function preferredLang(storage: Pick<Storage, 'getItem'> | undefined, languages: readonly string[]): Lang {
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    // Storage can throw (privacy modes, sandboxed iframes): fall through.
  }
  for (const l of languages) {
    const primary = l.toLowerCase().split('-')[0];
    if (isLang(primary) && primary !== FALLBACK) return primary;
  }
  return FALLBACK;
}

export function rememberLang(storage: Pick<Storage, 'setItem'> | undefined, lang: Lang): void {
  try {
    storage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembering is acceptable.
  }
}
