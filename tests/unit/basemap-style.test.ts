import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import { BASEMAP_LAYER_IDS, BASEMAP_SOURCE_IDS, FIRST_BOUNDARY_LAYER_ID, FIRST_LABEL_LAYER_ID, STYLE_DATA, basemapAttribution, basemapStyle, type BasemapLang } from '../../src/map/basemap-style.ts';

const dataUrl = (name: string) => `data/basemap/${name}.geojson`;
const styleFor = (lang: BasemapLang) => basemapStyle({ lang, dataUrl });

/** Every string anywhere in a value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const labelLayer = (style: StyleSpecification) => style.layers.find((l) => l.id === FIRST_LABEL_LAYER_ID)!;

describe.each(['en', 'zh'] as const)('basemapStyle (%s)', (lang) => {
  const style = styleFor(lang);

  it('validates against the MapLibre style spec', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('makes no request outside the origin: relative data URLs only, no glyphs, no sprite', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    const urlLike = strings(style).filter((s) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.startsWith('//') || s.startsWith('/'));
    expect(urlLike).toEqual([]);
    const data = Object.values(style.sources).map((s) => (s as { data?: unknown }).data);
    expect(data.sort()).toEqual(STYLE_DATA.map(dataUrl).sort());
  });

  it('labels countries in its language, with fonts that have its script', () => {
    const layout = labelLayer(style).layout as Record<string, unknown>;
    expect(layout['text-field']).toEqual(['get', lang === 'zh' ? 'name_zh' : 'name_en']);
    const fonts = layout['text-font'] as string[];
    const cjk = /PingFang|YaHei|CJK|Han Sans|Noto Sans SC|Hiragino|WenQuanYi/;
    // Chinese labels: CJK fonts only, a common one first; English: Latin fonts first, CJK as a fallback for stray characters.
    if (lang === 'zh')
      expect(
        fonts.every((f) => cjk.test(f)),
        fonts.join(),
      ).toBe(true);
    else {
      expect(cjk.test(fonts[0]!)).toBe(false);
      expect(fonts.some((f) => cjk.test(f))).toBe(true);
    }
    // MapLibre reads a weight from the first font name: none may carry one.
    expect(fonts.some((f) => /bold|light|medium|regular/i.test(f))).toBe(false);
  });

  it('has the boundary disclaimer of each worldview in its language (for the attribution control): Natural Earth, the UN wording, or not a reviewed standard map', () => {
    // The control carries it, so a worldview switch changes it: no source repeats it.
    expect(Object.values(style.sources).some((x) => (x as { attribution?: string }).attribution)).toBe(false);
    const intl = basemapAttribution(lang, 'intl');
    const cn = basemapAttribution(lang, 'cn');
    for (const a of [intl, cn]) expect(a).toContain('Natural Earth');
    expect(intl).toMatch(lang === 'zh' ? /并不意味着.*表示任何意见.*点线和虚线/ : /do not imply the expression of any opinion whatsoever.*Dotted and dashed lines represent approximate border lines/);
    expect(cn).toMatch(lang === 'zh' ? /未经审图/ : /not a reviewed standard map/);
  });

  it('draws its layers in a sensible order, labels last', () => {
    const ids = style.layers.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(style.layers[0]!.type).toBe('background');
    expect(ids[ids.length - 1]).toBe(FIRST_LABEL_LAYER_ID);
    expect(style.layers.find((l) => l.type === 'symbol')!.id).toBe(FIRST_LABEL_LAYER_ID);
    expect(ids.indexOf(FIRST_BOUNDARY_LAYER_ID)).toBeLessThan(ids.indexOf(FIRST_LABEL_LAYER_ID));
    expect(ids.indexOf(BASEMAP_LAYER_IDS.land)).toBeLessThan(ids.indexOf(FIRST_BOUNDARY_LAYER_ID));
    // The coastline is drawn under the land fill, which hides it along land borders.
    expect(ids.indexOf(BASEMAP_LAYER_IDS.coastline)).toBeLessThan(ids.indexOf(BASEMAP_LAYER_IDS.land));
    for (const l of style.layers) if ('source' in l) expect(Object.values(BASEMAP_SOURCE_IDS)).toContain(l.source);
  });
});

describe('basemapStyle', () => {
  it('switches only what depends on the language', () => {
    const en = styleFor('en');
    const zh = styleFor('zh');
    expect(labelLayer(en).layout).not.toEqual(labelLayer(zh).layout);
    expect(en.layers.filter((l) => l.type !== 'symbol')).toEqual(zh.layers.filter((l) => l.type !== 'symbol'));
  });

  it('uses the URLs it is given, so the site works from any sub-path', () => {
    const style = basemapStyle({ lang: 'en', dataUrl: (n) => `./static/${n}.json` });
    expect(
      Object.values(style.sources)
        .map((s) => (s as { data?: unknown }).data)
        .sort(),
    ).toEqual(STYLE_DATA.map((n) => `./static/${n}.json`).sort());
  });

  it('is a pure function of its options', () => {
    expect(styleFor('zh')).toEqual(styleFor('zh'));
    expect(basemapStyle({ lang: 'en', dataUrl, theme: 'light' })).toEqual(styleFor('en'));
  });
});
