/**
 * What a locale table holds: everything the site needs to speak one language.
 * One table per language in `locales/`, registered in `i18n.ts`; the English
 * table (`locales/en.ts`) defines the keys, and every other table is typed to
 * have exactly them. Read through `i18n.ts` (`t`, `htmlLang`, `formatNumber`…),
 * never directly.
 */
import type { enStrings } from './locales/en.ts';

/** A UI string's key: `group.name`, grouped by prefix (`detail.`, `exportDialog.`, `problem.`…). */
export type StringKey = keyof typeof enStrings;

export interface Locale<K extends string = StringKey> {
  /** The language's name in itself: on the language switch, the export's choice of language, the story editor's fields. */
  name: string;
  /** Its BCP 47 tag, for HTML `lang`: `:lang()` style rules, and the glyph forms browsers and MapLibre draw (`zh-Hans`: Simplified Chinese). */
  tag: string;
  /** `Intl` locale ids: numbers, dates (`en-GB`: “18 June 2020”) and sorting. */
  intl: { numbers: string; dates: string; collation: string };
  /** CSS `font-family` of text in this language: the page, the panels, and the export's fallback after its own font. */
  font: string;
  punctuation: {
    /** Between the items of a list: `Laos, Myanmar` / `老挝、缅甸`. */
    list: string;
    /** Between names that may themselves hold commas (the layers in an export's subtitle). */
    titles: string;
    /** Before a trailing phrase: `Plan, June 2015`. */
    comma: string;
    /** After a label: `layers: unknown layer`. */
    colon: string;
    /** Between long items (the documents in an export's footer). */
    semicolon: string;
    /** Between two sentences run together. */
    sentenceEnd: string;
    /** What joins words split over lines (a space; nothing in Chinese). */
    space: string;
    /** Between the years of a range: `2015–2017` / `2015—2017`. */
    range: string;
  };
  /** Templates whose words and order differ between languages (filled like strings). */
  formats: {
    /** A list of places cut short: `{list}`. */
    morePlaces: string;
    /** A list of countries cut short: `{list}`, `{more}` not shown, `{total}`. */
    moreCountries: string;
    /** A scale bar true only at one latitude: `{scale}`, `{latitude}`. */
    scaleAt: string;
  };
  /** MapLibre's control strings (keys of its `default_locale`); a key left out stays MapLibre's English. */
  mapControls: Readonly<Record<string, string>>;
  /** The UI strings; `{name}` placeholders are filled by `t()`. */
  strings: Readonly<Record<K, string>>;
}
