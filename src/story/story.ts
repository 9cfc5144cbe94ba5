/**
 * Stories: typed data for the presentation mode. A story is a list of chapters;
 * each chapter sets the camera, the visible layers (and optionally filters and
 * mechanisms), highlights features by id and cites its documents verbatim.
 *
 * `validateStory` checks what can be checked without the data (ids, layer ids,
 * camera ranges, filter values, both languages, no HTML). What needs the data —
 * highlighted features exist, sit in one of the chapter's layers and pass its
 * filters; mechanisms exist; quotes are verbatim — is `scripts/story-check.ts`,
 * run by every build and by `tests/unit/story.test.ts`.
 */
import { LAYER_IDS, type Citation, type LayerId } from '../data/contract.ts';
import { YEAR_MAX, YEAR_MIN, type DirectionFilter, type Filters, type StatusValue } from '../state/app-state.ts';
import { WORLDVIEWS, isWorldview, type Worldview } from '../data/worldviews.ts';

/** The map's zoom range (`minZoom`/`maxZoom` in `src/map/create-map.ts`; a unit test keeps them equal). */
export const MAP_MIN_ZOOM = 0.5;
export const MAP_MAX_ZOOM = 8;

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

export interface Chapter {
  /** Unique within the story; lowercase words joined by hyphens. */
  id: string;
  title: StoryText;
  text: StoryText;
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

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HTML = /<\/?[a-z!][^>]*>|&[a-z]+;|&#\d+;/i;
const HAN = /[\u3400-\u9fff]/;

/**
 * Problems with a story, each naming the chapter and field; empty when valid.
 * @param story - the story to check
 * @returns messages such as `chapter "corridors": layers: unknown layer "roads"`
 */
export function validateStory(story: Story): string[] {
  const problems: string[] = [];
  const at = (ch: string, field: string, msg: string) => problems.push(`${story.id}: chapter "${ch}": ${field}: ${msg}`);
  if (!ID.test(story.id)) problems.push(`${story.id}: id: not lowercase-hyphenated`);
  checkText(story.title, (f, m) => problems.push(`${story.id}: title.${f}: ${m}`));
  if (story.chapters.length === 0) problems.push(`${story.id}: chapters: none`);
  if (story.worldview !== undefined && !isWorldview(story.worldview)) problems.push(`${story.id}: worldview: "${String(story.worldview)}" is not one of ${WORLDVIEWS.join(', ')}`);
  const seen = new Set<string>();
  const known = new Set<string>(LAYER_IDS);
  for (const ch of story.chapters) {
    if (!ID.test(ch.id)) at(ch.id, 'id', 'not lowercase-hyphenated');
    if (seen.has(ch.id)) at(ch.id, 'id', 'duplicate');
    seen.add(ch.id);
    checkText(ch.title, (f, m) => at(ch.id, `title.${f}`, m));
    checkText(ch.text, (f, m) => at(ch.id, `text.${f}`, m));
    const c = ch.camera;
    const [lon, lat] = c.center;
    if (!(Math.abs(lon) <= 180)) at(ch.id, 'camera.center', `longitude ${lon} out of range`);
    if (!(Math.abs(lat) <= 85)) at(ch.id, 'camera.center', `latitude ${lat} out of range`);
    if (!(c.zoom >= MAP_MIN_ZOOM && c.zoom <= MAP_MAX_ZOOM)) at(ch.id, 'camera.zoom', `${c.zoom} out of range ${MAP_MIN_ZOOM}–${MAP_MAX_ZOOM} (the map's)`);
    if (!(Math.abs(c.bearing) <= 180)) at(ch.id, 'camera.bearing', `${c.bearing} out of range`);
    if (!(c.pitch >= 0 && c.pitch <= 60)) at(ch.id, 'camera.pitch', `${c.pitch} out of range 0–60`);
    if (ch.layers.length === 0) at(ch.id, 'layers', 'none');
    for (const l of ch.layers) if (!known.has(l)) at(ch.id, 'layers', `unknown layer "${l}"`);
    if (new Set(ch.layers).size !== ch.layers.length) at(ch.id, 'layers', 'duplicate layer');
    for (const h of ch.highlight) if (!ID.test(h)) at(ch.id, 'highlight', `malformed id "${h}"`);
    for (const m of ch.mechanisms ?? []) if (!ID.test(m)) at(ch.id, 'mechanisms', `malformed id "${m}"`);
    if (ch.mechanisms?.length && !ch.layers.includes('mechanisms')) at(ch.id, 'mechanisms', 'set, but the chapter does not show the mechanisms layer');
    if (ch.filters) for (const msg of filterProblems(ch.filters)) at(ch.id, 'filters', msg);
    if (ch.worldview !== undefined && !isWorldview(ch.worldview)) at(ch.id, 'worldview', `"${String(ch.worldview)}" is not one of ${WORLDVIEWS.join(', ')}`);
    if (ch.sources.length === 0) at(ch.id, 'sources', 'none: every chapter cites a document');
    for (const s of ch.sources) {
      if (!/^[a-z0-9-]+\.(?:en|zh)\.txt$/.test(s.doc)) at(ch.id, 'sources.doc', `malformed file name "${s.doc}"`);
      if (s.quote.trim().length < 8) at(ch.id, 'sources.quote', 'too short to stand as evidence');
    }
  }
  return problems;
}

const DIRECTIONS: Record<DirectionFilter, true> = { all: true, belt: true, maritime: true };
const STATUSES: Record<StatusValue, true> = { planned: true, intended: true, established: true, held: true };
const FILTER_KEYS: Record<keyof Filters, true> = { areas: true, direction: true, statuses: true, country: true, years: true };

/** Problems with a chapter's filters: unknown keys, or values the filter panel could not show. */
function filterProblems(f: Partial<Filters>): string[] {
  const out: string[] = [];
  for (const k of Object.keys(f)) if (!Object.hasOwn(FILTER_KEYS, k)) out.push(`unknown filter "${k}"`);
  if (f.direction !== undefined && !Object.hasOwn(DIRECTIONS, f.direction)) out.push(`direction "${String(f.direction)}" is not one of ${Object.keys(DIRECTIONS).join(', ')}`);
  for (const a of f.areas ?? []) if (!(Number.isInteger(a) && a >= 1 && a <= 8)) out.push(`area ${a} is not one of the plan's areas 1–8`);
  for (const st of f.statuses ?? []) if (!Object.hasOwn(STATUSES, st)) out.push(`status "${String(st)}" is not one of ${Object.keys(STATUSES).join(', ')}`);
  if (f.country !== undefined && f.country !== null && !/^[A-Z]{2}$/.test(f.country)) out.push(`country "${f.country}" is not an ISO 3166-1 alpha-2 code`);
  if (f.years !== undefined && f.years !== null) {
    const [a, b] = f.years;
    if (!(Number.isInteger(a) && Number.isInteger(b) && YEAR_MIN <= a && a <= b && b <= YEAR_MAX)) out.push(`years ${a}–${b} are not a range within ${YEAR_MIN}–${YEAR_MAX}`);
  }
  return out;
}

function checkText(t: StoryText, report: (field: 'en' | 'zh', msg: string) => void) {
  for (const lang of ['en', 'zh'] as const) {
    const s = t[lang];
    if (!s || !s.trim()) report(lang, 'missing');
    else if (HTML.test(s)) report(lang, 'contains HTML; chapters are plain text');
  }
  if (t.zh && !HAN.test(t.zh)) report('zh', 'has no Chinese characters');
}

/** The chapter index clamped into the story (a stale link to chapter 99 opens the last). */
export function clampChapter(story: Story, index: number): number {
  return Math.min(Math.max(0, Math.trunc(index) || 0), story.chapters.length - 1);
}
