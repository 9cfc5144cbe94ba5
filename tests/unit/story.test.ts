/**
 * Stories: the validator rejects bad chapters, and every shipped story is valid
 * against the real data — its layers exist, its highlighted features are in
 * `public/data/`, and its quotes are verbatim in `seeds/documents/`.
 */
import { describe, expect, it } from 'vitest';
import { STORIES, getStory } from '../../src/story/index.ts';
import { DEFAULT_STORY_ID } from '../../src/story/story-events.ts';
import { clampChapter, validateStory, type Story } from '../../src/story/story.ts';
import { captionBox, chapterPadding, chapterPatch } from '../../src/story/chapter-view.ts';
import { storyProblems } from '../../scripts/story-check.ts';
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

  it('are valid against the real data and documents (the check the build runs)', () => {
    expect(STORIES.length).toBeGreaterThan(0);
    expect(storyProblems('.')).toEqual([]);
  });

  it('would be rejected with a feature that is not in the data or a quote that is not in the document', () => {
    const ch = good.chapters[0]!;
    const bad: Story = {
      ...good,
      chapters: [
        { ...ch, highlight: ['project-99'], sources: [{ doc: 'communique-2017.en.txt', quote: 'a sentence that the communiqué never said' }] },
        { ...ch, id: 'two', sources: [{ doc: 'missing-2030.en.txt', quote: 'a quote long enough' }] },
      ],
    };
    const problems = storyProblems('.', [bad, good]).join('\n');
    expect(problems).toContain('chapter "one": highlight: no feature "project-99"');
    expect(problems).toContain('chapter "one": sources.quote: not verbatim in communique-2017.en.txt');
    expect(problems).toContain('chapter "two": sources.doc: no document "missing-2030.en.txt"');
    expect(problems).toContain('demo: id: two stories have it');
  });

  it('show only layers of the data contract', () => {
    for (const story of STORIES) for (const c of story.chapters) for (const l of c.layers) expect(LAYER_IDS).toContain(l);
  });
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
