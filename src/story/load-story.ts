/**
 * The one way a story is read, whatever it comes from — a shipped file
 * (`#story=<id>`), a file on the same site or stored in this browser
 * (`#story-src=`), a file a speaker opens or drops into the editor: the text
 * is parsed as JSON and checked by the one validator (`story.ts`). Whatever is
 * wrong comes back as a value (`StoryError`), worded in either language by
 * `storyErrorText`, naming the chapter and field; nothing throws.
 */
import type { Lang } from '../state/app-state.ts';
import { t, type StringKey } from '../i18n/i18n.ts';
import { checkStory, problemText, type Story, type StoryProblem } from './story.ts';
import { storedStory } from './story-library.ts';
import { storySource, type StoryRef } from './story-src.ts';

/** Larger than any talk needs (the shipped story is 17 kB). */
export const MAX_STORY_BYTES = 1_000_000;

export type StoryError =
  | { kind: 'problems'; problems: StoryProblem[] }
  | { kind: 'not-json'; line: number; column: number }
  | { kind: 'too-large' }
  | { kind: 'not-found'; what: string }
  | { kind: 'refused'; what: string }
  | { kind: 'network'; what: string };

export type StoryLoad = { ok: true; story: Story } | { ok: false; error: StoryError };

/** Parses and checks the text of a story file. */
export function readStoryText(text: string, options: { draft?: boolean } = {}): StoryLoad {
  if (text.length > MAX_STORY_BYTES) return { ok: false, error: { kind: 'too-large' } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: { kind: 'not-json', ...jsonErrorAt(text, e instanceof Error ? e.message : '') } };
  }
  return readStoryValue(value, options);
}

/**
 * Where JSON.parse stopped, as line and column (from 1), read from the engine's
 * message ("… at position 42"; the end of the text when it ran out): the
 * visitor gets a place in the file in their own language, not the engine's English.
 */
export function jsonErrorAt(text: string, message: string): { line: number; column: number } {
  const at = /position (\d+)/.exec(message);
  const offset = at ? Math.min(Number(at[1]), text.length) : /end of JSON/i.test(message) ? text.length : text.search(/\S|$/);
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Checks an already parsed value (a stored story). */
export function readStoryValue(value: unknown, options: { draft?: boolean } = {}): StoryLoad {
  const r = checkStory(value, options);
  return r.story ? { ok: true, story: r.story } : { ok: false, error: { kind: 'problems', problems: r.problems } };
}

export interface LoadEnv {
  /** The site's address (`document.baseURI`): shipped stories and paths are relative to it. */
  base: string;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  fetch?: typeof fetch;
}

/** Loads and checks the story `ref` names. */
export async function loadStory(ref: StoryRef, env: LoadEnv): Promise<StoryLoad> {
  const what = ref.src ?? ref.id;
  const source = storySource(ref);
  if (!source) return { ok: false, error: { kind: 'refused', what } };
  if (source.kind === 'stored') {
    const value = storedStory(env.storage, source.id);
    return value === undefined ? { ok: false, error: { kind: 'not-found', what } } : readStoryValue(value);
  }
  const base = new URL(env.base);
  const url = new URL(source.kind === 'shipped' ? `stories/${source.id}.json` : source.path, base);
  // `parseStorySrc` already refuses anything that could leave the site; this holds even if it were wrong.
  if (url.origin !== base.origin) return { ok: false, error: { kind: 'refused', what } };
  let res: Response;
  try {
    res = await (env.fetch ?? fetch)(url, { credentials: 'same-origin' });
  } catch {
    return { ok: false, error: { kind: 'network', what } };
  }
  if (res.status === 404) return { ok: false, error: { kind: 'not-found', what } };
  if (!res.ok) return { ok: false, error: { kind: 'network', what: `${what} (HTTP ${res.status})` } };
  const size = Number(res.headers.get('content-length') ?? 0);
  if (size > MAX_STORY_BYTES) return { ok: false, error: { kind: 'too-large' } };
  return readStoryText(await res.text());
}

/** The message of each kind of error but `problems` (which lists them). */
const ERROR_KEYS = {
  'not-json': 'storyError.not-json',
  'too-large': 'storyError.too-large',
  'not-found': 'storyError.not-found',
  refused: 'storyError.refused',
  network: 'storyError.network',
} as const satisfies Record<Exclude<StoryError['kind'], 'problems'>, StringKey>;

/** How many problems a message lists (the rest are counted). */
const LISTED = 4;

/** The error as lines for the visitor, in `lang`: a heading and, for problems, one line each naming chapter and field. */
export function storyErrorLines(e: StoryError, lang: Lang): string[] {
  if (e.kind === 'problems') {
    const lines = e.problems.slice(0, LISTED).map((p) => problemText(p, lang));
    if (e.problems.length > LISTED) lines.push(t(lang, 'storyError.more', { n: e.problems.length - LISTED }));
    return [t(lang, 'storyError.problems'), ...lines];
  }
  if (e.kind === 'not-json') return [t(lang, ERROR_KEYS[e.kind], { line: e.line, column: e.column })];
  return [t(lang, ERROR_KEYS[e.kind], { what: 'what' in e ? e.what : '' })];
}

/** The error in one line. */
export function storyErrorText(e: StoryError, lang: Lang): string {
  return storyErrorLines(e, lang).join(' ');
}
