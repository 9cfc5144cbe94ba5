/**
 * Where a story comes from, as links say it: `#story=<id>` (a story shipped in
 * `stories/<id>.json`), or `#story-src=<value>` — a path to a story file on
 * the same site (`talks/forum-2026.json`), or the id of a story the editor
 * stored in this browser (`my-talk`). Pure and strict: a value that could
 * reach another origin or climb out of the site's folder is refused.
 */

/** A story's place in the app state: which story, which chapter (zero-based). */
export type StoryPosition = { chapter: number } & ({ id: string; src?: undefined } | { src: string; id?: undefined });

/** A story, without the chapter. */
export type StoryRef = { id: string; src?: undefined } | { src: string; id?: undefined };

export type StorySource =
  /** A shipped story: `stories/<id>.json`. */
  | { kind: 'shipped'; id: string }
  /** A file on the same site, relative to the site's address. */
  | { kind: 'path'; path: string }
  /** A story the editor stored in this browser. */
  | { kind: 'stored'; id: string };

export const STORY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Relative path segments: letters, digits, `_`, `-`, `.` — never starting with a dot (no `.`, `..`, hidden files). */
const PATH = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\.json$/;
const MAX = 200;

/**
 * What a `story-src` value names, or null when it is refused: too long, an
 * absolute URL or path (`https://…`, `//host/…`, `/x.json`), `..` anywhere,
 * backslashes, percent-escapes, a query or fragment, or not a `.json` file.
 */
export function parseStorySrc(value: string): StorySource | null {
  if (value.length === 0 || value.length > MAX) return null;
  if (STORY_ID.test(value) && value.length <= 80) return { kind: 'stored', id: value };
  if (value.includes('..') || !PATH.test(value)) return null;
  return { kind: 'path', path: value };
}

/** Where a story position's story comes from (null for a `src` that `parseStorySrc` refuses). */
export function storySource(ref: StoryRef): StorySource | null {
  if (ref.src !== undefined) return parseStorySrc(ref.src);
  return STORY_ID.test(ref.id) ? { kind: 'shipped', id: ref.id } : null;
}

/** A string that identifies the story of a position (two positions in the same story have the same key). */
export function storyKey(ref: StoryRef): string {
  return ref.src !== undefined ? `src:${ref.src}` : `id:${ref.id}`;
}

/** The story reference of a position, without its chapter. */
export function storyRef(pos: StoryRef): StoryRef {
  return pos.src !== undefined ? { src: pos.src } : { id: pos.id };
}

/** The same story at chapter `chapter`. */
export function atChapter(ref: StoryRef, chapter: number): StoryPosition {
  return { ...storyRef(ref), chapter };
}
