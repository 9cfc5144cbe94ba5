/**
 * Stories: data for the presentation mode. A story is a list of chapters; each
 * chapter sets the camera, the visible layers (and optionally filters and
 * mechanisms), highlights features by id, cites its documents verbatim and may
 * carry speaker notes. Stories are JSON files (`public/stories/<id>.json`, or a
 * speaker's own file: see `load-story.ts`) in the format these types describe.
 *
 * `checkStory` checks what can be checked without the data (shape, ids,
 * layer ids, camera ranges, filter values, both languages, no HTML), each
 * problem naming the chapter and field; `problemText` words it in either
 * language. What needs the data — highlighted features exist, sit in one of the
 * chapter's layers and pass its filters; mechanisms exist; quotes are verbatim —
 * is `scripts/story-check.ts`, run by every build and by `tests/unit/story.test.ts`.
 */
import type { Citation } from '../data/contract.ts';
import { type LayerId, LAYER_IDS } from '../layers/registry.ts';
import { MAP_LIMITS } from '../map/limits.ts';
import { YEAR_MAX, YEAR_MIN, type Filters, type Lang } from '../state/app-state.ts';
import { DIRECTION_FILTERS, STATUSES } from '../data/vocabulary.ts';
import { parseShape } from './story-schema.ts';
import { punctuation, t, type StringKey } from '../i18n/i18n.ts';
import { WORLDVIEWS, isWorldview, type Worldview } from '../data/worldviews.ts';

/** The map's zoom range (`map/limits.ts`). */
export const MAP_MIN_ZOOM = MAP_LIMITS.minZoom;
export const MAP_MAX_ZOOM = MAP_LIMITS.maxZoom;

/** Text in both languages: plain text, no HTML. */
export interface StoryText {
  en: string;
  zh: string;
}

export interface StoryCamera {
  /** [longitude, latitude] */
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

/**
 * A chapter. New optional fields (a worldview, say) are added here, in
 * `story-schema.ts` (its shape) and, if they need checking, in `chapterProblems`;
 * older files without them stay valid, and fields a build does not know are
 * dropped when a file is read.
 */
export interface Chapter {
  /** Unique within the story; lowercase words joined by hyphens. */
  id: string;
  title: StoryText;
  text: StoryText;
  /** What the speaker says or remembers, shown only in the presenter view. */
  notes?: StoryText;
  /**
   * With highlights, the map frames them in the area the caption leaves free and
   * `zoom` is the closest it zooms in (bearing and pitch are kept); without, this view.
   */
  camera: StoryCamera;
  layers: LayerId[];
  filters?: Partial<Filters>;
  /** Mechanism ids shown by the mechanisms layer (empty or absent = all). */
  mechanisms?: string[];
  /** Feature ids of the chapter's subjects: ringed and framed (none is selected, so no detail panel covers the map). */
  highlight: string[];
  /** Verbatim quotes from `seeds/documents/`, shown small under the text. */
  sources: Citation[];
  /** The worldview the chapter is told in (absent: the story's, else the visitor's). */
  worldview?: Worldview;
}

export interface Story {
  id: string;
  title: StoryText;
  chapters: Chapter[];
  /** The worldview the story is told in (absent: the visitor's); a chapter may set its own. */
  worldview?: Worldview;
}

/**
 * One thing wrong with a story: where (the chapter's id, or `#n` when it has
 * none; null for the story itself), which field, and what, as a message key
 * with its values (worded by `problemText` in the reader's language).
 */
export interface StoryProblem {
  chapter: string | null;
  field: string;
  key: ProblemKey;
  values?: Record<string, string | number>;
}

/** What a problem is, as a key of the locale tables' `problem.` messages (English is the build's). */
export type ProblemKey = Exclude<ProblemMessage<StringKey>, `expected.${string}` | 'inChapter'>;
type ProblemMessage<K> = K extends `problem.${infer M}` ? M : never;

/** What a value should have been (`type` problems), as the `problem.expected.` messages name it. */
const EXPECTED = ['string', 'number', 'array', 'object', 'tuple', 'value'] as const;
const expected = (v: unknown): (typeof EXPECTED)[number] => EXPECTED.find((e) => e === v) ?? 'value';

/** The problem's message alone, e.g. `unknown layer "roads"`. */
function problemMessage(p: StoryProblem, lang: Lang): string {
  const values = { ...p.values };
  if (p.key === 'type') values.expected = t(lang, `problem.expected.${expected(values.expected)}`);
  return t(lang, `problem.${p.key}`, values);
}

/**
 * The problem as a line naming chapter and field: `chapter "one": layers: unknown layer "roads"`
 * (the build's form), or `第“one”章：layers：未知图层“roads”`.
 */
export function problemText(p: StoryProblem, lang: Lang): string {
  const where = p.chapter !== null ? t(lang, 'problem.inChapter', { chapter: p.chapter }) : '';
  return `${where}${p.field}${punctuation(lang).colon}${problemMessage(p, lang)}`;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HTML = /<\/?[a-z!][^>]*>|&[a-z]+;|&#\d+;/i;
const HAN = /[\u3400-\u9fff]/;
/** A document of `seeds/documents/` (served at `data/documents/`). */
export const DOC_FILE = /^[a-z0-9-]+\.(?:en|zh)\.txt$/;
/** Shorter than this, a quote is no evidence. */
export const QUOTE_MIN = 8;

/** What a chapter is called in problems: its id when it has a usable one, else its place (`#3`). */
function chapterName(ch: unknown, index: number): string {
  const id = (ch as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.trim() ? id : `#${index + 1}`;
}

/**
 * Reads `value` (a parsed file: anything) as a story. Its shape is checked
 * first (`story-schema.ts`: unknown fields dropped), then — for a well-shaped
 * story — what its values mean. Every problem names the chapter and field.
 * @param options.draft - a story being written in the editor: its shape only (empty texts, no chapters yet are fine)
 * @returns the story when there is no problem, else null and the problems
 */
export function checkStory(value: unknown, options: { draft?: boolean } = {}): { story: Story; problems: [] } | { story: null; problems: StoryProblem[] } {
  const shape = parseShape(value);
  if (!shape.data) {
    const chapters = (value as { chapters?: unknown[] } | null)?.chapters;
    const problems = shape.issues.map(({ path, key, values }): StoryProblem => {
      if (path[0] === 'chapters' && typeof path[1] === 'number') {
        return { chapter: chapterName(Array.isArray(chapters) ? chapters[path[1]] : null, path[1]), field: fieldName(path.slice(2)) || 'chapters', key, ...(values ? { values } : {}) };
      }
      return { chapter: null, field: fieldName(path) || 'story', key, ...(values ? { values } : {}) };
    });
    return { story: null, problems };
  }
  const story = shape.data as Story;
  const problems = options.draft ? [] : contentProblems(story);
  return problems.length ? { story: null, problems } : { story, problems: [] };
}

/** `['camera', 'center', 1]` → `camera.center`; list indices are left out (`sources.doc`), as the build always said. */
function fieldName(path: readonly (string | number)[]): string {
  return path.filter((p) => typeof p === 'string').join('.');
}

/** The checks of a well-shaped story: languages, ids, ranges, filter values. */
function contentProblems(story: Story): StoryProblem[] {
  const problems: StoryProblem[] = [];
  const add = (chapter: string | null, field: string, key: ProblemKey, values?: Record<string, string | number>) => problems.push({ chapter, field, key, ...(values ? { values } : {}) });
  if (!ID.test(story.id)) add(null, 'id', 'notId');
  checkText(story.title, (f, k) => add(null, `title.${f}`, k));
  if (story.chapters.length === 0) add(null, 'chapters', 'none');
  if (story.worldview !== undefined && !isWorldview(story.worldview)) add(null, 'worldview', 'worldview', { value: String(story.worldview), known: WORLDVIEWS.join(', ') });
  const seen = new Set<string>();
  story.chapters.forEach((ch, i) => {
    const name = chapterName(ch, i);
    const at = (field: string, key: ProblemKey, values?: Record<string, string | number>) => add(name, field, key, values);
    if (!ID.test(ch.id)) at('id', 'notId');
    if (seen.has(ch.id)) at('id', 'duplicate');
    seen.add(ch.id);
    checkText(ch.title, (f, k) => at(`title.${f}`, k));
    checkText(ch.text, (f, k) => at(`text.${f}`, k));
    // Notes are optional; when given, in both languages like the rest.
    if (ch.notes) checkText(ch.notes, (f, k) => at(`notes.${f}`, k));
    for (const p of chapterProblems(ch)) at(p.field, p.key, p.values);
  });
  return problems;
}

const known = new Set<string>(LAYER_IDS);

/** A chapter's camera, layers, highlights, mechanisms, filters and sources. */
function chapterProblems(ch: Chapter): Omit<StoryProblem, 'chapter'>[] {
  const out: Omit<StoryProblem, 'chapter'>[] = [];
  const at = (field: string, key: ProblemKey, values?: Record<string, string | number>) => out.push({ field, key, ...(values ? { values } : {}) });
  const c = ch.camera;
  const [lon, lat] = c.center;
  if (!(Math.abs(lon) <= 180)) at('camera.center', 'longitude', { value: lon });
  if (!(Math.abs(lat) <= 85)) at('camera.center', 'latitude', { value: lat });
  if (!(c.zoom >= MAP_MIN_ZOOM && c.zoom <= MAP_MAX_ZOOM)) at('camera.zoom', 'zoom', { value: c.zoom, min: MAP_MIN_ZOOM, max: MAP_MAX_ZOOM });
  if (!(Math.abs(c.bearing) <= 180)) at('camera.bearing', 'bearing', { value: c.bearing });
  if (!(c.pitch >= 0 && c.pitch <= 60)) at('camera.pitch', 'pitch', { value: c.pitch });
  if (ch.layers.length === 0) at('layers', 'none');
  for (const l of ch.layers) if (!known.has(l)) at('layers', 'unknownLayer', { value: l });
  if (new Set(ch.layers).size !== ch.layers.length) at('layers', 'duplicateLayer');
  for (const h of ch.highlight) if (!ID.test(h)) at('highlight', 'malformedId', { value: h });
  for (const m of ch.mechanisms ?? []) if (!ID.test(m)) at('mechanisms', 'malformedId', { value: m });
  if (ch.mechanisms?.length && !ch.layers.includes('mechanisms')) at('mechanisms', 'mechanismsWithoutLayer');
  if (ch.filters) for (const p of filterProblems(ch.filters)) at('filters', p.key, p.values);
  if (ch.sources.length === 0) at('sources', 'noSources');
  if (ch.worldview !== undefined && !isWorldview(ch.worldview)) at('worldview', 'worldview', { value: String(ch.worldview), known: WORLDVIEWS.join(', ') });
  for (const s of ch.sources) {
    if (!DOC_FILE.test(s.doc)) at('sources.doc', 'docName', { value: s.doc });
    if (s.quote.trim().length < QUOTE_MIN) at('sources.quote', 'quoteShort');
  }
  return out;
}

const FILTER_KEYS: Record<keyof Filters, true> = { areas: true, direction: true, statuses: true, country: true, years: true };

/** Problems with a chapter's filters: unknown keys, or values the filter panel could not show. */
function filterProblems(f: Partial<Filters>): { key: ProblemKey; values: Record<string, string | number> }[] {
  const out: { key: ProblemKey; values: Record<string, string | number> }[] = [];
  for (const k of Object.keys(f)) if (!Object.hasOwn(FILTER_KEYS, k)) out.push({ key: 'unknownFilter', values: { value: k } });
  if (f.direction !== undefined && !(DIRECTION_FILTERS as readonly string[]).includes(f.direction)) out.push({ key: 'direction', values: { value: String(f.direction) } });
  for (const a of f.areas ?? []) if (!(Number.isInteger(a) && a >= 1 && a <= 8)) out.push({ key: 'area', values: { value: a } });
  for (const st of f.statuses ?? []) if (!(STATUSES as readonly string[]).includes(st)) out.push({ key: 'status', values: { value: String(st) } });
  if (f.country !== undefined && f.country !== null && !/^[A-Z]{2}$/.test(f.country)) out.push({ key: 'country', values: { value: f.country } });
  if (f.years !== undefined && f.years !== null) {
    const [a, b] = f.years;
    if (!(Number.isInteger(a) && Number.isInteger(b) && YEAR_MIN <= a && a <= b && b <= YEAR_MAX)) out.push({ key: 'years', values: { value: `${a}–${b}`, min: YEAR_MIN, max: YEAR_MAX } });
  }
  return out;
}

function checkText(t: StoryText, report: (field: 'en' | 'zh', key: ProblemKey) => void) {
  for (const lang of ['en', 'zh'] as const) {
    const s = t[lang];
    if (!s || !s.trim()) report(lang, 'missing');
    else if (HTML.test(s)) report(lang, 'html');
  }
  if (t.zh && t.zh.trim() && !HAN.test(t.zh)) report('zh', 'noHan');
}

/**
 * Problems with a story, as the build prints them (`<story>: chapter "<id>": <field>: <message>`); empty when valid.
 * @param story - the story (or any parsed value) to check
 */
export function validateStory(story: unknown): string[] {
  const id = typeof (story as { id?: unknown } | null)?.id === 'string' ? (story as { id: string }).id : 'story';
  return checkStory(story).problems.map((p) => `${id}: ${problemText(p, 'en')}`);
}

/** The chapter index clamped into the story (a stale link to chapter 99 opens the last). */
export function clampChapter(story: Story, index: number): number {
  return Math.min(Math.max(0, Math.trunc(index) || 0), story.chapters.length - 1);
}
