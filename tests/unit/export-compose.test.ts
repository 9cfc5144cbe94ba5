import { describe, expect, it } from 'vitest';
import {
  citedDocuments,
  defaultTitles,
  footerTexts,
  formatLatitude,
  highlightIds,
  layoutExport,
  layoutUnit,
  metresPerPixel,
  scaleBar,
  scaleBarMode,
  scaleVariation,
  SCALE_BAR_LIMITS,
  type Box,
} from '../../src/export/compose.ts';
import { PRESETS } from '../../src/export/presets.ts';
import { legendSections } from '../../src/layers/legend-sections.ts';
import { mechanismColors } from '../../src/layers/palette.ts';
import { defaultState, type AppState, type Lang } from '../../src/state/app-state.ts';
import { LAYERS } from '../../src/layers/registry.ts';
import { makeDataset } from '../../src/data/dataset.ts';
import type { Manifest } from '../../src/data/contract.ts';
import { shippedStory } from '../../scripts/story-files.ts';
import { en } from '../../src/i18n/locales/en.ts';
import { zh } from '../../src/i18n/locales/zh.ts';
import { EMPTY_MANIFEST, feat, sampleDataset } from '../helpers/features.ts';

const state = (p: Partial<AppState> = {}): AppState => ({ ...defaultState(), ...p });
const STRINGS = { en: en.strings, zh: zh.strings } as const;
const LANGS: Lang[] = ['en', 'zh'];

describe('legendSections', () => {
  const d = sampleDataset();
  const keys = (s: ReturnType<typeof legendSections>, layer: string) => s.find((x) => x.layer === layer)?.items.map((i) => i.key);

  it('lists the visible layers only, in the registry order, each with the items its visible features answer to', () => {
    const s = legendSections(state({ layers: ['projects', 'directions'] }), d);
    expect(s.map((x) => x.layer)).toEqual(['directions', 'projects']);
    expect(keys(s, 'directions')).toEqual(['belt', 'maritime']);
    // The sample has a planned area-1 project and an intended area-5 one: those areas and "intended", no other area.
    expect(keys(s, 'projects')).toEqual(['area-1', 'area-5', 'intended']);
    for (const sec of s) for (const item of sec.items) expect(LAYERS.find((l) => l.id === sec.layer)!.legend).toContainEqual(item);
  });

  it('follows the filters: a belt-only view has no Maritime route, an area filter keeps its area only', () => {
    const belt = legendSections(state({ layers: ['directions', 'projects'], filters: { ...defaultState().filters, direction: 'belt' } }), d);
    expect(keys(belt, 'directions')).toEqual(['belt']);
    const area5 = legendSections(state({ layers: ['projects'], filters: { ...defaultState().filters, areas: [5] } }), d);
    expect(keys(area5, 'projects')).toEqual(['area-5', 'intended']);
  });

  it('leaves out a layer with nothing visible, and is empty with no layer on', () => {
    expect(legendSections(state({ layers: ['projects'], filters: { ...defaultState().filters, areas: [3] } }), d)).toEqual([]);
    expect(legendSections(state({ layers: ['hospitals'] }), d)).toEqual([]);
    expect(legendSections(state({ layers: [] }), d)).toEqual([]);
  });

  it('names each visible mechanism in its map colour, not the panel hint', () => {
    const s = legendSections(state({ layers: ['mechanisms'], mechanisms: ['mech-gms'] }), d);
    const items = s.find((x) => x.layer === 'mechanisms')!.items;
    expect(items.map((i) => i.label)).toEqual([{ en: 'mech-gms', zh: '要素mech-gms' }]);
    expect(items[0]!.color).toBe(mechanismColors(['mech-sco', 'mech-gms'])('mech-gms'));
    const all = legendSections(state({ layers: ['mechanisms'], mechanisms: [] }), d);
    expect(all[0]!.items.map((i) => i.key)).toEqual(['mech-sco', 'mech-gms']);
    expect(new Set(all[0]!.items.map((i) => i.color)).size).toBe(2);
  });
});

describe('defaultTitles', () => {
  const d = sampleDataset();

  it.each(LANGS)('names the map and the visible layers for a plain view (%s)', (lang) => {
    const t = defaultTitles(state({ layers: ['directions', 'projects'] }), d, lang);
    expect(t.title).toBe(STRINGS[lang]['app.title']);
    const names = ['directions', 'projects'].map((id) => LAYERS.find((l) => l.id === id)!.title[lang]);
    expect(t.subtitle).toBe(names.join(lang === 'zh' ? '、' : ' · '));
  });

  it.each(LANGS)('falls back to the map subtitle with no layer on (%s)', (lang) => {
    expect(defaultTitles(state({ layers: [] }), d, lang).subtitle).toBe(STRINGS[lang]['app.subtitle']);
  });

  it.each(LANGS)('names the selected feature and its layer (%s)', (lang) => {
    const t = defaultTitles(state({ layers: ['projects'], selected: 'project-01' }), d, lang);
    expect(t.title).toBe(lang === 'zh' ? '要素project-01' : 'project-01');
    expect(t.subtitle).toContain(LAYERS.find((l) => l.id === 'projects')!.title[lang]);
  });

  it.each(LANGS)('uses the story chapter and story title in a story, before the selection (%s)', (lang) => {
    const story = shippedStory('.', 'health-silk-road')!;
    const n = story.chapters.length;
    for (const i of [0, n - 1]) {
      const t = defaultTitles(state({ story: { id: story.id, chapter: i }, selected: 'project-01' }), d, lang, story);
      expect(t.title).toBe(story.chapters[i]!.title[lang]);
      expect(t.subtitle).toBe(`${story.title[lang]} · ${i + 1}/${n}`);
    }
  });

  it('ignores a story that is not loaded, or a chapter it does not have', () => {
    const plain = defaultTitles(state(), d, 'en');
    const story = shippedStory('.', 'health-silk-road')!;
    expect(defaultTitles(state({ story: { id: 'no-such-story', chapter: 0 } }), d, 'en', null)).toEqual(plain);
    expect(defaultTitles(state({ story: { id: 'health-silk-road', chapter: 999 } }), d, 'en', story)).toEqual(plain);
  });
});

describe('highlightIds', () => {
  it("rings a chapter's features, nothing outside a story", () => {
    const story = shippedStory('.', 'health-silk-road')!;
    const i = story.chapters.findIndex((c) => c.highlight.length > 0);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(highlightIds(state({ story: { id: story.id, chapter: i } }), story)).toEqual(story.chapters[i]!.highlight);
    expect(highlightIds(state(), story)).toEqual([]);
  });
});

describe('footer: attribution and cited documents', () => {
  const manifest: Manifest = {
    ...EMPTY_MANIFEST,
    documents: [
      { file: 'a.txt', title_en: 'Plan A', title_zh: '方案甲', date: '2015-10', language: 'zh', sha256: 'x' },
      { file: 'b.txt', title_en: 'Communiqué B', title_zh: '公报乙', date: '2017-08', language: 'en', sha256: 'y' },
      { file: 'c.txt', title_en: 'Statement C', title_zh: '声明丙', date: '2020-06', language: 'en', sha256: 'z' },
    ],
  };
  const cite = (doc: string) => ({ sources: [{ doc, quote: 'a quote long enough to count' }] });
  const d = makeDataset(manifest, {
    projects: [feat('projects', 'project-01', { type: 'Point', coordinates: [87, 43] }, { project_no: 1, area: 1, status: 'planned', ...cite('a.txt') })],
    events: [feat('events', 'event-1', { type: 'Point', coordinates: [116, 40] }, cite('b.txt'))],
    'statement-2020': [feat('statement-2020', 'st-1', { type: 'Point', coordinates: [0, 0] }, cite('c.txt'))],
  });

  it('lists only the documents cited by what the map shows, plus the selection, in manifest order', () => {
    expect(citedDocuments(state({ layers: ['events', 'projects'] }), d, 'en').map((x) => x.file)).toEqual(['a.txt', 'b.txt']);
    expect(citedDocuments(state({ layers: ['events'] }), d, 'en').map((x) => x.file)).toEqual(['b.txt']);
    expect(citedDocuments(state({ layers: ['events'], selected: 'st-1' }), d, 'en').map((x) => x.file)).toEqual(['b.txt', 'c.txt']);
    expect(citedDocuments(state({ layers: [] }), d, 'en')).toEqual([]);
  });

  it.each(LANGS)('names Natural Earth, the documents and the date in the chosen language (%s)', (lang) => {
    const f = footerTexts(state({ layers: ['events'] }), d, lang, new Date('2026-03-04T12:00:00Z'));
    expect(f.attribution).toContain('Natural Earth');
    expect(f.sources).toContain(lang === 'zh' ? '公报乙' : 'Communiqué B');
    expect(f.sources).not.toContain(lang === 'zh' ? '方案甲' : 'Plan A');
    expect(f.date).toContain('2026-03-04');
    if (lang === 'zh') expect(f.attribution + f.sources + f.date).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('layoutExport', () => {
  const input = { showTitle: true, showSubtitle: true, legendRows: 12, footerLines: 2 };

  it('scales every box with the output: 3840×2160 is 1920×1080 at twice the size', () => {
    const a = layoutExport({ width: 1920, height: 1080, ...input });
    const b = layoutExport({ width: 3840, height: 2160, ...input });
    expect(b.unit).toBe(2 * a.unit);
    for (const key of ['map', 'title', 'subtitle', 'legend', 'scaleBar', 'northArrow', 'footer'] as const) {
      for (const k of ['x', 'y', 'w', 'h'] as const) expect(b[key]![k], `${key}.${k}`).toBeCloseTo(2 * a[key]![k], 6);
    }
    expect(b.titleFont).toBe(2 * a.titleFont);
  });

  it('prints A4 at 300 dpi at about screen proportions (unit ≈ 2.3)', () => {
    expect(layoutUnit(2480, 3508)).toBeCloseTo(2.296, 2);
  });

  it('puts the key beside a landscape map and below a portrait or square one, never over it, and drops boxes that are switched off', () => {
    const inside = (a: Box, b: Box) => a.x >= b.x - 1e-6 && a.y >= b.y - 1e-6 && a.x + a.w <= b.x + b.w + 1e-6 && a.y + a.h <= b.y + b.h + 1e-6;
    const apart = (a: Box, b: Box) => a.x + a.w <= b.x + 1e-6 || b.x + b.w <= a.x + 1e-6 || a.y + a.h <= b.y + 1e-6 || b.y + b.h <= a.y + 1e-6;
    for (const p of PRESETS) {
      for (const legendRows of [3, 12, 30, 60]) {
        for (const qr of [null, { modules: 41, linkLines: 3 }]) {
          const l = layoutExport({ width: p.width, height: p.height, ...input, legendRows, qr });
          const what = `${p.id}, ${legendRows} rows${qr ? ', QR' : ''}`;
          const page = { x: 0, y: 0, w: p.width, h: p.height };
          const legend = l.legend!;
          expect(inside(legend, page), what).toBe(true);
          expect(apart(legend, l.map), what).toBe(true);
          expect(apart(legend, l.footer) && apart(legend, l.subtitle!), what).toBe(true);
          // Beside (right of) a landscape map; below a portrait or square one.
          if (p.width > p.height * 1.2) expect(legend.x, what).toBeGreaterThanOrEqual(l.map.x + l.map.w);
          else expect(legend.y, what).toBeGreaterThanOrEqual(l.map.y + l.map.h);
          // Every row has a place: the columns hold them all.
          expect(l.legendColumns * l.legendRowsPerColumn, what).toBeGreaterThanOrEqual(legendRows);
          if (l.qr) {
            expect(apart(l.qr.panel, l.map) && apart(l.qr.panel, legend) && inside(l.qr.panel, page), what).toBe(true);
          }
          // The map furniture stays on the map; the map keeps most of the page.
          for (const b of [l.scaleBar, l.northArrow]) expect(inside(b, l.map), what).toBe(true);
          expect(l.map.w * l.map.h, what).toBeGreaterThan(0.45 * p.width * p.height);
        }
      }
    }
    // The presets keep the QR code with a legend of usual length (30 rows).
    for (const p of PRESETS) expect(layoutExport({ width: p.width, height: p.height, ...input, legendRows: 30, qr: { modules: 41, linkLines: 3 } }).qr, p.id).not.toBeNull();
    const bare = layoutExport({ width: 1920, height: 1080, showTitle: false, showSubtitle: false, legendRows: 0, footerLines: 0 });
    expect(bare.title).toBeNull();
    expect(bare.subtitle).toBeNull();
    expect(bare.legend).toBeNull();
    expect(bare.map).toEqual({ x: 0, y: 0, w: 1920, h: 1080 });
  });

  it('splits a long legend into columns beside the map', () => {
    const l = layoutExport({ width: 1920, height: 1080, ...input, legendRows: 80 });
    expect(l.legendColumns).toBeGreaterThan(1);
    expect(l.legend!.h).toBeLessThanOrEqual(l.map.h);
    expect(l.legendColumns * l.legendRowsPerColumn).toBeGreaterThanOrEqual(80);
  });
});

describe('scale', () => {
  it('gives Web Mercator ground resolution (zoom 0, equator, 512-px tiles ≈ 78 km/px)', () => {
    expect(metresPerPixel(0, 0, 1)).toBeCloseTo(78271.5, 0);
    expect(metresPerPixel(60, 3, 2)).toBeCloseTo(78271.5 / 2 / 8 / 2, 0);
  });
  it('picks a round length that fits, labelled in the language', () => {
    const b = scaleBar(10_000, 200, 'en');
    expect(b.metres).toBe(2_000_000);
    expect(b.px).toBe(200);
    expect(b.label).toBe('2,000 km');
    expect(scaleBar(10_000, 150, 'zh').label).toBe('1,000 公里');
    expect(scaleBar(1, 150, 'en').label).toBe('100 m');
  });
  it('says at which latitude the bar holds when asked', () => {
    expect(scaleBar(10_000, 200, 'en', 38.4).label).toBe('2,000 km (at 38° N)');
    expect(scaleBar(10_000, 200, 'zh', -12.6).label).toBe('2,000 公里（南纬13°）');
    expect(formatLatitude(0.2, 'en')).toBe('equator');
    expect(formatLatitude(45, 'zh')).toBe('北纬45°');
  });
});

describe('where a scale bar means something', () => {
  it('measures how much the scale varies across the image (cos latitude)', () => {
    expect(scaleVariation([40, 40, 40, 40])).toBeCloseTo(0, 12);
    // 0° to 60°: cos 0 / cos 60 = 2.
    expect(scaleVariation([0, 60, 0, 60])).toBeCloseTo(1, 6);
    // Across the equator the largest scale is at 0°, not at either edge.
    expect(scaleVariation([-30, 45, -30, 45])).toBeCloseTo(1 / Math.cos(Math.PI / 4) - 1, 6);
    expect(scaleVariation([30, 35])).toBeCloseTo(Math.cos(Math.PI / 6) / Math.cos((35 * Math.PI) / 180) - 1, 6);
    // Web Mercator stops at ±85.05°: a view reaching the pole is finite, and huge.
    expect(scaleVariation([0, 90])).toBeGreaterThan(10);
    expect(Number.isFinite(scaleVariation([0, 90]))).toBe(true);
  });
  it('draws a plain bar on a narrow band, names the latitude on a wider one, hides it on world views and with pitch', () => {
    expect(scaleBarMode(0, 0.05)).toBe('plain');
    expect(scaleBarMode(0, SCALE_BAR_LIMITS.label + 0.01)).toBe('latitude');
    expect(scaleBarMode(0, SCALE_BAR_LIMITS.hide + 0.01)).toBe('hidden');
    expect(scaleBarMode(30, 0)).toBe('hidden');
    expect(scaleBarMode(0, scaleVariation([-53, 70]))).toBe('hidden');
    expect(scaleBarMode(0, scaleVariation([30, 50]))).toBe('latitude');
    expect(scaleBarMode(0, scaleVariation([38, 42]))).toBe('plain');
  });
});
