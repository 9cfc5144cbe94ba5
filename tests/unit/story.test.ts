/**
 * Stories: the validator rejects bad chapters, and every shipped story is valid
 * against the real data — its layers exist, its highlighted features are in
 * `public/data/`, and its quotes are verbatim in `seeds/documents/`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STORIES, getStory } from '../../src/story/index.ts';
import { DEFAULT_STORY_ID } from '../../src/story/story-events.ts';
import { clampChapter, validateStory, type Story } from '../../src/story/story.ts';
import { captionBox, chapterPadding, chapterPatch } from '../../src/story/chapter-view.ts';
import { findQuote } from '../../src/data/quote-match.ts';
import { LAYER_IDS } from '../../src/data/contract.ts';

const good: Story = {
  id: 'demo',
  title: { en: 'Demo', zh: '示例' },
  chapters: [
    {
      id: 'one',
      title: { en: 'One', zh: '第一' },
      text: { en: 'Text', zh: '正文' },
      camera: { center: [100, 30], zoom: 3, bearing: 0, pitch: 0 },
      layers: ['projects'],
      highlight: ['project-01'],
      sources: [{ doc: 'communique-2017.en.txt', quote: 'a quote long enough' }],
    },
  ],
};

function withChapter(patch: Record<string, unknown>): Story {
  return { ...good, chapters: [{ ...good.chapters[0]!, ...patch } as Story['chapters'][number]] };
}

describe('validateStory', () => {
  it('accepts a well-formed story', () => {
    expect(validateStory(good)).toEqual([]);
  });

  it.each([
    ['an unknown layer', { layers: ['roads'] }, 'layers: unknown layer "roads"'],
    ['no layers', { layers: [] }, 'layers: none'],
    ['a missing Chinese title', { title: { en: 'One', zh: '' } }, 'title.zh: missing'],
    ['a Chinese text without Chinese', { text: { en: 'Text', zh: 'Text' } }, 'text.zh: has no Chinese characters'],
    ['HTML in the text', { text: { en: 'a <b>bold</b> move', zh: '正文' } }, 'text.en: contains HTML'],
    ['a latitude off the map', { camera: { center: [0, 91], zoom: 3, bearing: 0, pitch: 0 } }, 'camera.center: latitude 91'],
    ['a zoom out of range', { camera: { center: [0, 0], zoom: 30, bearing: 0, pitch: 0 } }, 'camera.zoom'],
    ['a pitch out of range', { camera: { center: [0, 0], zoom: 3, bearing: 0, pitch: 80 } }, 'camera.pitch'],
    ['no sources', { sources: [] }, 'sources: none'],
    ['a bad document name', { sources: [{ doc: '../etc/passwd', quote: 'a quote long enough' }] }, 'sources.doc: malformed'],
    ['a one-word quote', { sources: [{ doc: 'communique-2017.en.txt', quote: 'health' }] }, 'sources.quote: too short'],
    ['a malformed highlight id', { highlight: ['Project 1'] }, 'highlight: malformed id'],
  ])('rejects %s, naming the chapter and field', (_, patch, message) => {
    const problems = validateStory(withChapter(patch));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain('chapter "one"');
    expect(problems.join('\n')).toContain(message);
  });

  it('rejects duplicate chapter ids and an empty story', () => {
    expect(validateStory({ ...good, chapters: [good.chapters[0]!, good.chapters[0]!] }).join('\n')).toContain('id: duplicate');
    expect(validateStory({ ...good, chapters: [] }).join('\n')).toContain('chapters: none');
  });
});

describe('clampChapter', () => {
  it('keeps a stale or hostile chapter inside the story', () => {
    const three = { ...good, chapters: [good.chapters[0]!, { ...good.chapters[0]!, id: 'two' }, { ...good.chapters[0]!, id: 'three' }] };
    expect(clampChapter(three, 99)).toBe(2);
    expect(clampChapter(three, -4)).toBe(0);
    expect(clampChapter(three, Number.NaN)).toBe(0);
    expect(clampChapter(three, 1)).toBe(1);
  });
});

describe('the shipped stories', () => {
  const manifest = JSON.parse(readFileSync('public/data/manifest.json', 'utf8')) as { layers: { id: string; file: string }[] };
  const featureIds = new Set<string>();
  for (const l of manifest.layers) {
    const fc = JSON.parse(readFileSync(`public/data/${l.file}`, 'utf8')) as { features: { id: string }[] };
    for (const f of fc.features) featureIds.add(f.id);
  }
  const docs = new Map<string, string>();
  const doc = (file: string) => {
    if (!docs.has(file)) docs.set(file, readFileSync(`seeds/documents/${file}`, 'utf8'));
    return docs.get(file)!;
  };

  it('include the default story, which walks the Health Silk Road in ten chapters', () => {
    const story = getStory(DEFAULT_STORY_ID);
    expect(story).toBeDefined();
    expect(story!.chapters.map((c) => c.id)).toEqual([
      'overview',
      'economic-belt',
      'maritime-silk-road',
      'corridors',
      'mekong',
      'central-asia',
      'chinese-medicine',
      'training-and-aid',
      'beijing-communique',
      'joint-statement-2020',
    ]);
  });

  it('have unique ids', () => {
    expect(new Set(STORIES.map((s) => s.id)).size).toBe(STORIES.length);
  });

  for (const story of STORIES) {
    describe(story.id, () => {
      it('validates', () => {
        expect(validateStory(story)).toEqual([]);
      });

      it('highlights only features that are in the data', () => {
        const missing = story.chapters.flatMap((c) => c.highlight.filter((id) => !featureIds.has(id)).map((id) => `${c.id}: ${id}`));
        expect(missing).toEqual([]);
      });

      it('shows only layers of the data contract', () => {
        for (const c of story.chapters) for (const l of c.layers) expect(LAYER_IDS).toContain(l);
      });

      it('quotes its documents verbatim', () => {
        const notFound = story.chapters.flatMap((c) =>
          c.sources.filter((s) => findQuote(doc(s.doc), s.quote).length === 0).map((s) => `${c.id}: ${s.doc}: ${s.quote.slice(0, 40)}…`),
        );
        expect(notFound).toEqual([]);
      });
    });
  }
});

describe('chapter view', () => {
  it('puts the caption at the side on a projector and at the bottom on a phone', () => {
    expect(captionBox(1920, 1080)).toEqual({ side: 'left', size: 653 });
    expect(captionBox(390, 844).side).toBe('bottom');
  });

  it('pads the camera so the subject stays clear of the caption', () => {
    const p = chapterPadding(1920, 1080);
    expect(p.left).toBeGreaterThan(captionBox(1920, 1080).size);
    expect(p.right).toBeLessThan(p.left);
    const phone = chapterPadding(390, 844);
    expect(phone.bottom).toBeGreaterThan(captionBox(390, 844).size);
  });

  it('sets the chapter layers and filters, and clears selection, reader and camera', () => {
    const ch = getStory(DEFAULT_STORY_ID)!.chapters.find((c) => c.id === 'economic-belt')!;
    const patch = chapterPatch(ch);
    expect(patch.layers).toEqual(ch.layers);
    expect(patch.filters?.direction).toBe('belt');
    expect(patch.mechanisms).toEqual(['mech-china-ceec', 'mech-sco']);
    expect(patch).toMatchObject({ selected: null, camera: null, reader: null, view: 'map' });
    // A copy: the app may not change the story's own arrays.
    expect(patch.layers).not.toBe(ch.layers);
  });
});
