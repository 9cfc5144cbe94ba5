/**
 * Stories: the validator rejects bad chapters, and every shipped story is valid
 * against the real data — its layers exist, its highlighted features are in
 * `public/data/`, and its quotes are verbatim in `seeds/documents/`.
 */
import { describe, expect, it } from 'vitest';
import { shippedStories, shippedStory } from '../../scripts/story-files.ts';
import { DEFAULT_STORY_ID } from '../../src/story/story-events.ts';
import { MAP_MAX_ZOOM, MAP_MIN_ZOOM, clampChapter, validateStory, type Story } from '../../src/story/story.ts';
import { chapterCamera, chapterPatch } from '../../src/story/chapter-view.ts';
import { geometryBounds } from '../../src/data/bounds.ts';
import { MAP_LIMITS } from '../../src/map/limits.ts';
import { storyProblems } from '../../scripts/story-check.ts';
import { type BaseProps } from '../../src/data/contract.ts';
import { LAYER_IDS } from '../../src/layers/registry.ts';
import { feat } from '../helpers/features.ts';

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
  return { ...good, chapters: [{ ...good.chapters[0]!, ...patch }] };
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
    ["a zoom beyond the map's closest", { camera: { center: [0, 0], zoom: 9, bearing: 0, pitch: 0 } }, 'camera.zoom: 9 out of range 0.5–8'],
    ["a zoom below the map's widest", { camera: { center: [0, 0], zoom: 0.3, bearing: 0, pitch: 0 } }, 'camera.zoom: 0.3 out of range 0.5–8'],
    ['a pitch out of range', { camera: { center: [0, 0], zoom: 3, bearing: 0, pitch: 80 } }, 'camera.pitch'],
    ['no sources', { sources: [] }, 'sources: none'],
    ['a bad document name', { sources: [{ doc: '../etc/passwd', quote: 'a quote long enough' }] }, 'sources.doc: malformed'],
    ['a one-word quote', { sources: [{ doc: 'communique-2017.en.txt', quote: 'health' }] }, 'sources.quote: too short'],
    ['a malformed highlight id', { highlight: ['Project 1'] }, 'highlight: malformed id'],
    ['a malformed mechanism id', { layers: ['mechanisms'], mechanisms: ['SCO!'] }, 'mechanisms: malformed id "SCO!"'],
    ['mechanisms without their layer', { mechanisms: ['mech-sco'] }, 'mechanisms: set, but the chapter does not show the mechanisms layer'],
    ['an unknown direction', { filters: { direction: 'north' } }, 'filters: direction "north" is not one of all, belt, maritime'],
    ['an area the plan does not have', { filters: { areas: [9] } }, "filters: area 9 is not one of the plan's areas 1–8"],
    ['a fractional area', { filters: { areas: [2.5] } }, 'filters: area 2.5'],
    ['an unknown status', { filters: { statuses: ['done'] } }, 'filters: status "done" is not one of planned, intended, established, held'],
    ['a lowercase country', { filters: { country: 'cz' } }, 'filters: country "cz" is not an ISO 3166-1 alpha-2 code'],
    ['years the wrong way round', { filters: { years: [2020, 2015] } }, 'filters: years 2020–2015'],
    ['years outside the data', { filters: { years: [1900, 2015] } }, 'filters: years 1900–2015'],
    ['an unknown filter', { filters: { colour: 'red' } }, 'filters: unknown filter "colour"'],
  ])('rejects %s, naming the chapter and field', (_, patch, message) => {
    const problems = validateStory(withChapter(patch));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain('chapter "one"');
    expect(problems.join('\n')).toContain(message);
  });

  it('accepts good filters and mechanisms', () => {
    expect(
      validateStory(
        withChapter({ layers: ['projects', 'mechanisms'], mechanisms: ['mech-sco'], filters: { direction: 'belt', areas: [1, 8], statuses: ['planned'], country: 'CZ', years: [2015, 2017] } }),
      ),
    ).toEqual([]);
  });

  it('allows the zoom range of the map itself, and no more', () => {
    // The map is created with MAP_LIMITS (the basemap browser test reads them back from MapLibre).
    expect([MAP_MIN_ZOOM, MAP_MAX_ZOOM]).toEqual([MAP_LIMITS.minZoom, MAP_LIMITS.maxZoom]);
    expect(validateStory(withChapter({ camera: { center: [0, 0], zoom: MAP_MIN_ZOOM, bearing: 0, pitch: 0 } }))).toEqual([]);
    expect(validateStory(withChapter({ camera: { center: [0, 0], zoom: MAP_MAX_ZOOM, bearing: 0, pitch: 0 } }))).toEqual([]);
    expect(validateStory(withChapter({ camera: { center: [0, 0], zoom: MAP_MAX_ZOOM + 0.1, bearing: 0, pitch: 0 } })).join('\n')).toContain('camera.zoom');
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
    const story = shippedStory('.', DEFAULT_STORY_ID);
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
    expect(shippedStories('.').length).toBeGreaterThan(0);
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

  describe('highlights the map would hide', () => {
    // A small data set: the check reads feature properties only.
    const features = new Map<string, BaseProps>(
      [
        feat('projects', 'project-01', { type: 'Point', coordinates: [87, 43] }, { area: 2, status: 'planned' }),
        feat('directions', 'direction-belt', { type: 'Point', coordinates: [80, 40] }, { direction: 'belt' }),
        feat('mechanisms', 'mech-sco', { type: 'Point', coordinates: [80, 45] }),
        feat('mechanisms', 'mech-gms', { type: 'Point', coordinates: [100, 15] }),
      ].map((f) => [f.properties.id, f.properties]),
    );
    const quote = { doc: 'communique-2017.en.txt', quote: 'forging a Health Silk Road will provide new opportunities' };
    const check = (patch: Record<string, unknown>) => storyProblems('.', [withChapter({ sources: [quote], ...patch })], features).join('\n');

    it('accepts a highlight that is shown', () => {
      expect(check({})).toBe('');
      expect(check({ layers: ['projects', 'mechanisms'], mechanisms: ['mech-sco'], highlight: ['project-01', 'mech-sco'], filters: { areas: [2] } })).toBe('');
    });

    it.each([
      ['in a layer the chapter does not show', { layers: ['directions'] }, 'highlight: "project-01" is in layer "projects", which the chapter does not show'],
      ['filtered out by area', { filters: { areas: [3] } }, 'highlight: "project-01" does not pass the chapter\'s filters'],
      ['filtered out by status', { filters: { statuses: ['intended'] } }, 'highlight: "project-01" does not pass the chapter\'s filters'],
      ['filtered out by direction', { layers: ['directions'], highlight: ['direction-belt'], filters: { direction: 'maritime' } }, 'highlight: "direction-belt" does not pass'],
      ['a mechanism the chapter does not list', { layers: ['mechanisms'], mechanisms: ['mech-gms'], highlight: ['mech-sco'] }, 'highlight: "mech-sco" is a mechanism the chapter does not list'],
      ['a mechanism that does not exist', { layers: ['mechanisms', 'projects'], mechanisms: ['mech-apec'] }, 'mechanisms: no mechanism "mech-apec"'],
      ['a "mechanism" that is another layer\'s feature', { layers: ['mechanisms', 'projects'], mechanisms: ['project-01'] }, 'mechanisms: no mechanism "project-01"'],
    ])('rejects a highlight %s', (_, patch, message) => {
      expect(check(patch)).toContain(`chapter "one": ${message}`);
    });
  });

  it('show only layers of the data contract', () => {
    for (const { story } of shippedStories('.')) for (const c of story!.chapters) for (const l of c.layers) expect(LAYER_IDS).toContain(l);
  });
});

describe('chapter view', () => {
  it('frames the highlighted features, zoomed in no closer than the chapter', () => {
    const ch = { ...good.chapters[0]!, camera: { center: [10, 10] as [number, number], zoom: 3, bearing: 0, pitch: 0 } };
    // Nothing loaded: the chapter's own camera.
    const full = { width: 1920, height: 1080 };
    const pad = { top: 60, right: 60, bottom: 60, left: 700 };
    expect(chapterCamera(ch, null, full, pad).camera).toEqual({ lon: 10, lat: 10, zoom: 3, bearing: 0, pitch: 0 });
    // One point: centred on it at the chapter's zoom.
    const one = chapterCamera(ch, geometryBounds({ type: 'Point', coordinates: [100, 30] }), full, pad).camera;
    expect(one.lon).toBeCloseTo(100, 6);
    expect(one.lat).toBeCloseTo(30, 6);
    expect(one.zoom).toBe(3);
    // A wide spread: zoomed out to fit, with the caption's padding.
    const wide = chapterCamera(
      ch,
      geometryBounds({
        type: 'MultiPoint',
        coordinates: [
          [0, 0],
          [140, 50],
        ],
      }),
      { width: 1280, height: 720 },
      pad,
    );
    expect(wide.camera.zoom).toBeLessThan(3);
    expect(wide.padding).toEqual(pad);
  });

  it('sets the chapter layers and filters, and clears selection, reader and camera', () => {
    const ch = shippedStory('.', DEFAULT_STORY_ID)!.chapters.find((c) => c.id === 'economic-belt')!;
    const patch = chapterPatch(ch);
    expect(patch.layers).toEqual(ch.layers);
    expect(patch.filters?.direction).toBe('belt');
    expect(patch.mechanisms).toEqual(['mech-china-ceec', 'mech-sco']);
    expect(patch).toMatchObject({ selected: null, camera: null, reader: null, view: 'map' });
    // A copy: the app may not change the story's own arrays.
    expect(patch.layers).not.toBe(ch.layers);
  });
});
