/**
 * Story files: the one validator refuses bad and hostile files naming the
 * chapter and field, in English and Chinese; the one loader reads shipped,
 * same-site and stored stories and refuses what could leave the site; the
 * browser's store keeps drafts; `story-src` values are read strictly.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkStory, problemText, type Story } from '../../src/story/story.ts';
import { loadStory, MAX_STORY_BYTES, readStoryText, storyErrorLines, storyErrorText } from '../../src/story/load-story.ts';
import { putStored, removeStored, storedStories, storedStory } from '../../src/story/story-library.ts';
import { parseStorySrc } from '../../src/story/story-src.ts';
import { STORY_LIMITS } from '../../src/story/story-schema.ts';

const good: Story = {
  id: 'demo',
  title: { en: 'Demo', zh: '示例' },
  chapters: [
    {
      id: 'one',
      title: { en: 'One', zh: '第一' },
      text: { en: 'Text', zh: '正文' },
      notes: { en: 'Say this', zh: '说这个' },
      camera: { center: [100, 30], zoom: 3, bearing: 0, pitch: 0 },
      layers: ['projects'],
      highlight: ['project-01'],
      sources: [{ doc: 'communique-2017.en.txt', quote: 'a quote long enough' }],
    },
    {
      id: 'two',
      title: { en: 'Two', zh: '第二' },
      text: { en: 'Text', zh: '正文' },
      camera: { center: [100, 30], zoom: 3, bearing: 0, pitch: 0 },
      layers: ['events'],
      highlight: [],
      sources: [{ doc: 'communique-2017.en.txt', quote: 'a quote long enough' }],
    },
  ],
};

/** The good story with chapter two's field `key` replaced (or removed, with undefined). */
function withSecond(key: string, value: unknown): unknown {
  const two: Record<string, unknown> = { ...good.chapters[1]! };
  if (value === undefined) delete two[key];
  else two[key] = value;
  return { ...good, chapters: [good.chapters[0], two] };
}

const texts = (value: unknown, lang: 'en' | 'zh' = 'en') => checkStory(value).problems.map((p) => problemText(p, lang));

describe('the story validator', () => {
  it('accepts a good story, notes and all, and returns it', () => {
    const r = checkStory(good);
    expect(r.problems).toEqual([]);
    expect(r.story).toEqual(good);
  });

  it.each([
    ['a chapter field of the wrong type', 'layers', 'projects', 'chapter "two": layers: expected a list'],
    ['a missing title', 'title', undefined, 'chapter "two": title: expected an object'],
    ['a camera given as text', 'camera', 'Beijing', 'chapter "two": camera: expected an object'],
    ['a centre that is not a pair of numbers', 'camera', { center: ['100', 30], zoom: 3, bearing: 0, pitch: 0 }, 'chapter "two": camera.center: expected a number'],
    ['notes in one language only', 'notes', { en: 'x' }, 'chapter "two": notes.zh: expected text'],
    ['an unknown layer', 'layers', ['roads'], 'chapter "two": layers: unknown layer "roads"'],
    ['an empty Chinese text', 'text', { en: 'Text', zh: ' ' }, 'chapter "two": text.zh: missing'],
    ['notes with HTML', 'notes', { en: '<script>alert(1)</script>', zh: '备注' }, 'chapter "two": notes.en: contains HTML'],
    ['a zoom beyond the map', 'camera', { center: [0, 0], zoom: 12, bearing: 0, pitch: 0 }, 'chapter "two": camera.zoom: 12 out of range 0.5–8'],
    ['a document path that climbs out', 'sources', [{ doc: '../../etc/passwd', quote: 'a quote long enough' }], 'chapter "two": sources.doc: malformed file name "../../etc/passwd"'],
    ['no sources', 'sources', [], 'chapter "two": sources: none'],
  ])('refuses %s, naming the chapter and field', (_, key, value, message) => {
    expect(texts(withSecond(key, value)).join('\n')).toContain(message);
  });

  it('names a chapter without a usable id by its place', () => {
    expect(texts(withSecond('id', 42)).join('\n')).toContain('chapter "#2": id: expected text');
  });

  it('words the problems in Chinese too', () => {
    expect(texts(withSecond('layers', ['roads']), 'zh')).toEqual(['第“two”章：layers：未知图层“roads”']);
    expect(texts(withSecond('layers', 'projects'), 'zh')).toEqual(['第“two”章：layers：应为列表']);
  });

  it('refuses hostile shapes without crashing: not an object, huge lists, huge texts', () => {
    for (const v of [null, 42, 'story', [], { __proto__: { id: 'x' } }]) expect(checkStory(v).story).toBeNull();
    const many = { ...good, chapters: Array.from({ length: STORY_LIMITS.chapters + 1 }, () => good.chapters[0]) };
    expect(texts(many)).toContain(`chapters: more than ${STORY_LIMITS.chapters}`);
    expect(texts(withSecond('text', { en: 'x'.repeat(STORY_LIMITS.text + 1), zh: '正文' })).join('\n')).toContain(`chapter "two": text.en: longer than ${STORY_LIMITS.text}`);
    // Thousands of problems are cut to the first few.
    const junk = { ...good, chapters: Array.from({ length: 150 }, () => ({})) };
    expect(checkStory(junk).problems.length).toBeLessThanOrEqual(20);
  });

  it('drops fields it does not know (a newer file), but reports an unknown filter', () => {
    const newer = withSecond('soundtrack', 'anthem.mp3') as Story;
    const r = checkStory(newer);
    expect(r.problems).toEqual([]);
    expect(r.story!.chapters[1]).not.toHaveProperty('soundtrack');
    // A field this build knows is kept, and checked.
    expect(checkStory(withSecond('worldview', 'cn')).story!.chapters[1]!.worldview).toBe('cn');
    expect(texts(withSecond('worldview', 'mars')).join('\n')).toContain('chapter "two": worldview: "mars" is not one of intl, cn');
    expect(texts(withSecond('filters', { colour: 'red' })).join('\n')).toContain('chapter "two": filters: unknown filter "colour"');
  });

  it('in draft mode checks the shape only: a story being written may have empty texts and no chapters', () => {
    const draft = { id: 'my-talk', title: { en: '', zh: '' }, chapters: [] };
    expect(checkStory(draft, { draft: true }).story).toEqual(draft);
    expect(texts(draft)).toEqual(expect.arrayContaining(['title.en: missing', 'chapters: none']));
    expect(checkStory({ id: 'x', chapters: 'none' }, { draft: true }).story).toBeNull();
  });

  it('passes the shipped story file', () => {
    expect(readStoryText(readFileSync('public/stories/health-silk-road.json', 'utf8')).ok).toBe(true);
  });
});

describe('the story loader', () => {
  const base = 'https://example.org/hsr/index.html';
  const file = JSON.stringify(good);
  const served = (files: Record<string, string>) => {
    const asked: string[] = [];
    const fetchFn = (async (url: URL) => {
      asked.push(url.href);
      const body = files[url.href];
      return body === undefined ? new Response('no', { status: 404 }) : new Response(body, { status: 200 });
    }) as unknown as typeof fetch;
    return { asked, fetchFn };
  };

  it('refuses text that is not JSON, or too large, with a message in either language', () => {
    const r = readStoryText('{ "id": ');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('not-json');
      expect(storyErrorText(r.error, 'en')).toBe('This is not a story file: it is not valid JSON at line 1, column 9.');
      // No English from the JSON parser inside the Chinese message.
      expect(storyErrorText(r.error, 'zh')).toBe('这不是故事文件：第 1 行第 9 列处不是有效的 JSON。');
    }
    const wrong = readStoryText('{\n  "id": "x",,\n}');
    expect(!wrong.ok && wrong.error).toEqual({ kind: 'not-json', line: 2, column: 13 });
    const big = readStoryText(' '.repeat(MAX_STORY_BYTES + 1));
    expect(!big.ok && big.error.kind).toBe('too-large');
  });

  it('lists a few problems and counts the rest', () => {
    const r = readStoryText(JSON.stringify({ ...good, chapters: good.chapters.map((c) => ({ ...c, layers: ['a', 'b', 'c'] })) }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const lines = storyErrorLines(r.error, 'en');
      expect(lines[0]).toBe('This story cannot be presented:');
      expect(lines).toHaveLength(6);
      expect(lines.at(-1)).toBe('…and 2 more.');
    }
  });

  it('loads a shipped story from stories/<id>.json under the site, and a same-site file by its path', async () => {
    const { asked, fetchFn } = served({ 'https://example.org/hsr/stories/demo.json': file, 'https://example.org/hsr/talks/forum.json': file });
    expect(await loadStory({ id: 'demo' }, { base, fetch: fetchFn })).toEqual({ ok: true, story: good });
    expect(await loadStory({ src: 'talks/forum.json' }, { base, fetch: fetchFn })).toEqual({ ok: true, story: good });
    expect(asked).toEqual(['https://example.org/hsr/stories/demo.json', 'https://example.org/hsr/talks/forum.json']);
    expect(await loadStory({ src: 'talks/gone.json' }, { base, fetch: fetchFn })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('refuses, without asking the network, a source that could leave the site', async () => {
    const { asked, fetchFn } = served({});
    for (const src of [
      'https://evil.example/s.json',
      '//evil.example/s.json',
      '/abs.json',
      '../up.json',
      'a/../../b.json',
      'a\\b.json',
      'x.json?y',
      'x%2F.json',
      'javascript:alert(1)',
      '.hidden.json',
    ]) {
      expect(await loadStory({ src }, { base, fetch: fetchFn }), src).toMatchObject({ ok: false, error: { kind: 'refused' } });
    }
    expect(asked).toEqual([]);
  });

  it('loads a stored story by its id, checked fully', async () => {
    const storage = new Map<string, string>();
    const store = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) };
    putStored(store, good);
    expect(await loadStory({ src: 'demo' }, { base, storage: store })).toEqual({ ok: true, story: good });
    const draft = { ...good, id: 'draft', chapters: [] };
    putStored(store, draft);
    expect(await loadStory({ src: 'draft' }, { base, storage: store })).toMatchObject({ ok: false, error: { kind: 'problems' } });
    expect(await loadStory({ src: 'missing' }, { base, storage: store })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});

describe('the stories kept in the browser', () => {
  const store = () => {
    const m = new Map<string, string>();
    return { m, getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
  };

  it('keeps drafts, replaces by id, renames in place, removes, and skips entries that are not stories', () => {
    const s = store();
    putStored(s, good);
    putStored(s, { ...good, id: 'other', chapters: [] });
    putStored(s, { ...good, title: { en: 'Renamed', zh: '改名' } });
    expect(storedStories(s).map((x) => [x.id, x.title.en])).toEqual([
      ['demo', 'Renamed'],
      ['other', 'Demo'],
    ]);
    putStored(s, { ...good, id: 'demo-2' }, 'demo');
    expect(storedStories(s).map((x) => x.id)).toEqual(['demo-2', 'other']);
    removeStored(s, 'other');
    expect(storedStories(s).map((x) => x.id)).toEqual(['demo-2']);
    s.m.set('hsr-stories', JSON.stringify({ v: 1, stories: [{ id: 'x', chapters: 5 }, good] }));
    expect(storedStories(s).map((x) => x.id)).toEqual(['demo']);
    expect(storedStory(s, 'x')).toEqual({ id: 'x', chapters: 5 });
    s.m.set('hsr-stories', 'not json');
    expect(storedStories(s)).toEqual([]);
  });

  it('reports a browser that refuses to store', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => putStored(full, good)).toThrow('QuotaExceededError');
  });
});

describe('story-src values', () => {
  it('reads same-site .json paths and stored ids, and nothing else', () => {
    expect(parseStorySrc('stories/health-silk-road.json')).toEqual({ kind: 'path', path: 'stories/health-silk-road.json' });
    expect(parseStorySrc('talks/Forum_2026.v2.json')).toEqual({ kind: 'path', path: 'talks/Forum_2026.v2.json' });
    expect(parseStorySrc('my-talk')).toEqual({ kind: 'stored', id: 'my-talk' });
    for (const bad of [
      '',
      'https://x.org/a.json',
      'http:a.json',
      '//x.org/a.json',
      '/a.json',
      '../a.json',
      'a/../b.json',
      'a..b.json',
      './a.json',
      'a//b.json',
      'a/b',
      'a.JSON.exe',
      'a b.json',
      'a%2e%2e/b.json',
      'My-Talk',
      'x'.repeat(201) + '.json',
    ]) {
      expect(parseStorySrc(bad), bad).toBeNull();
    }
  });
});
