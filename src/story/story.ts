/**
 * Stories: typed data for the presentation mode. A story is a list of chapters;
 * each chapter sets the camera, the visible layers (and optionally filters and
 * mechanisms), highlights features by id and cites its documents verbatim.
 *
 * `validateStory` checks what can be checked without the data (ids, layer ids,
 * camera ranges, both languages, no HTML). That highlighted ids exist in
 * `public/data/*.geojson` and that quotes are verbatim in `seeds/documents/` is
 * proved by `tests/unit/story.test.ts` over the real files.
 */
import { LAYER_IDS, type Citation, type LayerId } from '../data/contract.ts';
import type { Filters } from '../state/app-state.ts';

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
  camera: StoryCamera;
  layers: LayerId[];
  filters?: Partial<Filters>;
  /** Mechanism ids shown by the mechanisms layer (empty or absent = all). */
  mechanisms?: string[];
  /** Feature ids; the first is selected (its selection ring shows). */
  highlight: string[];
  /** Verbatim quotes from `seeds/documents/`, shown small under the text. */
  sources: Citation[];
}

export interface Story {
  id: string;
  title: StoryText;
  chapters: Chapter[];
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
    if (!(c.zoom >= 0 && c.zoom <= 18)) at(ch.id, 'camera.zoom', `${c.zoom} out of range 0–18`);
    if (!(Math.abs(c.bearing) <= 180)) at(ch.id, 'camera.bearing', `${c.bearing} out of range`);
    if (!(c.pitch >= 0 && c.pitch <= 60)) at(ch.id, 'camera.pitch', `${c.pitch} out of range 0–60`);
    if (ch.layers.length === 0) at(ch.id, 'layers', 'none');
    for (const l of ch.layers) if (!known.has(l)) at(ch.id, 'layers', `unknown layer "${l}"`);
    if (new Set(ch.layers).size !== ch.layers.length) at(ch.id, 'layers', 'duplicate layer');
    for (const h of ch.highlight) if (!ID.test(h)) at(ch.id, 'highlight', `malformed id "${h}"`);
    if (ch.sources.length === 0) at(ch.id, 'sources', 'none: every chapter cites a document');
    for (const s of ch.sources) {
      if (!/^[a-z0-9-]+\.(?:en|zh)\.txt$/.test(s.doc)) at(ch.id, 'sources.doc', `malformed file name "${s.doc}"`);
      if (s.quote.trim().length < 8) at(ch.id, 'sources.quote', 'too short to stand as evidence');
    }
  }
  return problems;
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
