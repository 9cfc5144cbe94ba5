/**
 * The base map as a MapLibre style: a pure function of the language and of where
 * the data files are. Everything comes from the site's own origin — GeoJSON
 * sources under `data/basemap/`, no tile server, no sprite, no `glyphs` URL.
 *
 * Labels without a glyph server. Since GL JS 5.11 the style root's `glyphs` may be
 * omitted ("omit to use local fonts" in the style spec's `glyphs` entry): every
 * glyph is then rasterised in the browser with TinySDF, drawing each character
 * with the CSS font-family list built from the layer's `text-font` (names joined,
 * `sans-serif` appended; MapLibre 6.17 `src/render/glyph_manager.ts`,
 * `_getAndCacheGlyphsPromise` and `_createTinySDF`). No request is made, and the
 * style spec (v26) no longer requires `glyphs` when a layer has `text-field`.
 * The map option `localIdeographFontFamily` only applies to the spec's default
 * font stack, so with our own `text-font` it plays no part: the CJK fonts are
 * named in the stack itself. The look therefore depends on the fonts installed;
 * the stacks below name the usual system fonts of Windows, macOS/iOS, Android
 * and Linux before falling back to `sans-serif`. (`font-faces` with self-hosted
 * WOFF2 subsets would give an identical look everywhere at the cost of ~100 kB.)
 * Set the map container's `lang` (the language's tag) so TinySDF picks Simplified Chinese
 * glyph forms when it falls back to a font covering several CJK locales.
 */
import type { ExpressionSpecification, LayerSpecification, LineLayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { LevelOfDetail } from '../data/dataset.ts';
import type { Lang } from '../data/vocabulary.ts';
import { DEFAULT_WORLDVIEW, type Worldview } from '../data/worldviews.ts';

/**
 * The base map's label languages: the site's (`data/vocabulary.ts`). Its
 * per-language facts (label fonts and spacing, the boundary disclaimer) are
 * kept here rather than in the site's locale tables, so that the base map loads
 * without the UI strings (the bench's baseline page draws it alone).
 */
export type BasemapLang = Lang;
/** `light`: the site's; `dark`: the projector's (presentation mode), with larger labels. */
export type BasemapTheme = 'light' | 'dark';

/** The files of `public/data/basemap/` (written by `geo/basemap.ts`). */
export const BASEMAP_DATA = ['countries', 'graticule', 'coastlines', 'borders', 'labels'] as const;
export type BasemapDataName = (typeof BASEMAP_DATA)[number];

/**
 * The files this style loads. Coastlines are drawn from the country polygons'
 * own outlines, as a line layer *under* the land fill: where two countries meet,
 * the fills on both sides cover the line, so only its sea-side half shows, along
 * the coast. That shares every vertex with the fill, keeps dashed boundaries
 * clean, hides the seams where a ring is closed along ±180° or the pole
 * (Antarctica) or split at 180° (Fiji), and saves downloading the coast arcs a
 * second time (~120 kB gzip); `coastlines.geojson` stays available for other
 * consumers (print, export).
 */
export const STYLE_DATA = ['countries', 'graticule', 'borders', 'labels'] as const satisfies readonly BasemapDataName[];

/** The files that also come as overview outlines (`basemap/overview/<name>.geojson`, loaded first; see src/map/lod.ts). */
export const BASEMAP_OVERVIEW_DATA = ['countries', 'borders'] as const satisfies readonly BasemapDataName[];

export interface BasemapStyleOptions {
  lang: BasemapLang;
  /**
   * URL of a data file (from the manifest, `data/data-files.ts`), so the site works
   * from any sub-path; `lod` asks for the overview outlines. Absent, or undefined
   * for a file, the source starts empty (the map is made before the manifest is in;
   * `setBasemapData` fills it).
   */
  dataUrl?: (name: BasemapDataName, lod?: LevelOfDetail) => string | undefined;
  /** Whose boundaries (recorded in the style's metadata; the files are `dataUrl`'s). */
  worldview?: Worldview;
  theme?: BasemapTheme;
  /** Overview outlines (the map's first paint) or the detailed ones (default; exports). */
  lod?: LevelOfDetail;
}

/** Source ids, one per data file the style loads. */
export const BASEMAP_SOURCE_IDS = {
  countries: 'basemap-countries',
  graticule: 'basemap-graticule',
  borders: 'basemap-borders',
  labels: 'basemap-labels',
} as const satisfies Record<(typeof STYLE_DATA)[number], string>;

/** Layer ids, bottom to top. */
export const BASEMAP_LAYER_IDS = {
  ocean: 'basemap-ocean',
  graticule: 'basemap-graticule',
  coastline: 'basemap-coastline',
  land: 'basemap-land',
  disputed: 'basemap-disputed',
  bordersSar: 'basemap-borders-sar',
  bordersClaim: 'basemap-borders-claim',
  bordersControl: 'basemap-borders-control',
  borders: 'basemap-borders',
  bordersMaritime: 'basemap-borders-maritime',
  countryLabels: 'basemap-country-labels',
} as const;
export type BasemapLayerId = (typeof BASEMAP_LAYER_IDS)[keyof typeof BASEMAP_LAYER_IDS];

/** The first label layer: insert thematic (deck.gl) layers before it with `beforeId`, so labels stay on top. */
export const FIRST_LABEL_LAYER_ID: BasemapLayerId = BASEMAP_LAYER_IDS.countryLabels;
/** The first boundary layer: thematic area fills inserted before it keep the borders drawn over them. */
export const FIRST_BOUNDARY_LAYER_ID: BasemapLayerId = BASEMAP_LAYER_IDS.bordersSar;

/**
 * The layers of a style to insert thematic layers before (`toDeckLayers`): our
 * labels and borders where the style has them (the built-in base map), none otherwise.
 */
export function basemapSlots(hasLayer: (id: string) => boolean): { labels?: string; borders?: string } {
  return {
    ...(hasLayer(FIRST_LABEL_LAYER_ID) ? { labels: FIRST_LABEL_LAYER_ID } : {}),
    ...(hasLayer(FIRST_BOUNDARY_LAYER_ID) ? { borders: FIRST_BOUNDARY_LAYER_ID } : {}),
  };
}

/** Calm, neutral colours that leave the saturated range to the thematic layers. */
export const BASEMAP_PALETTES = {
  light: {
    ocean: '#d9e4eb',
    graticule: '#c5d3dd',
    land: '#f7f5f0',
    antarctica: '#fbfaf7',
    coastline: '#9fb4c4',
    border: '#a3a099',
    borderMinor: '#bfbcb5',
    label: '#45443f',
    labelMinor: '#64625c',
    labelHalo: 'rgba(247, 245, 240, 0.9)',
  },
  /** A projector: dark sea and land, so the thematic colours carry in a lit hall, and light labels. */
  dark: {
    ocean: '#0f1722',
    graticule: '#1c2736',
    land: '#2a3038',
    antarctica: '#2e343c',
    coastline: '#3e5266',
    border: '#6d737c',
    borderMinor: '#535963',
    label: '#eef1f5',
    labelMinor: '#c3c9d2',
    labelHalo: 'rgba(20, 26, 34, 0.92)',
  },
} as const satisfies Record<BasemapTheme, Record<string, string>>;
export type BasemapPalette = (typeof BASEMAP_PALETTES)[BasemapTheme];
/** Labels on a projector: larger, read from the back of a hall. */
export const LABEL_SCALE: Record<BasemapTheme, number> = { light: 1, dark: 1.45 };

/** The image `fill-pattern` of disputed areas (`map/hatch.ts` adds it to a map). */
export const HATCH_IMAGE = 'hsr-hatch';

/**
 * The boundary disclaimer, per worldview: the international one in the words of
 * the UN and WHO maps; China's says it is not a reviewed standard map (审图号).
 */
export const BASEMAP_DISCLAIMER: Record<Worldview, Record<BasemapLang, string>> = {
  intl: {
    en: 'Boundaries: Natural Earth. The boundaries and names shown and the designations used on this map do not imply the expression of any opinion whatsoever concerning the legal status of any country, territory, city or area or of its authorities, or concerning the delimitation of its frontiers or boundaries. Dotted and dashed lines represent approximate border lines for which there may not yet be full agreement; hatched areas are disputed',
    zh: '边界：Natural Earth。本地图所示边界和名称及所用名称，并不意味着对任何国家、领土、城市或地区或其当局的法律地位，或对其边界或界线的划定表示任何意见。点线和虚线表示可能尚未完全达成一致的大致边界线；斜线区域为争议地区',
  },
  cn: {
    en: "Boundaries: Natural Earth, drawn in China's worldview. Schematic map, not a reviewed standard map (not approved by the map review authority); for publication in China, use an approved standard base map",
    zh: '边界：Natural Earth，按中国视角绘制。示意图，未经审图，非标准地图；在中国境内公开使用请采用经审核的标准底图',
  },
};

/** The attribution control's boundary text in a language and worldview. */
export function basemapAttribution(lang: BasemapLang, worldview: Worldview = DEFAULT_WORLDVIEW): string {
  return BASEMAP_DISCLAIMER[worldview][lang];
}

/**
 * Local font stacks (see the module comment). Chinese: PingFang SC (macOS, iOS),
 * Microsoft YaHei (Windows), Noto Sans CJK SC / Source Han Sans SC (Android,
 * Linux), Hiragino Sans GB and WenQuanYi as older fallbacks. English: the same
 * humanist sans families where they exist, with the CJK fonts last so stray
 * characters still draw. No name carries a weight word: MapLibre sniffs the
 * weight out of the first name.
 */
export const LABEL_FONTS: Record<BasemapLang, string[]> = {
  zh: ['PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans SC', 'Hiragino Sans GB', 'WenQuanYi Micro Hei'],
  en: ['Noto Sans', 'Segoe UI', 'Helvetica Neue', 'Arial', 'Liberation Sans', 'DejaVu Sans', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC'],
};

/** How labels wrap and are spaced in each language: Chinese names wrap sooner and are spaced wider. */
const LABEL_SPACING: Record<BasemapLang, { maxWidth: number; letterSpacing: number }> = {
  zh: { maxWidth: 6, letterSpacing: 0.05 },
  en: { maxWidth: 7, letterSpacing: 0.02 },
};

/** The data is Natural Earth 1:50m: tiles beyond this zoom are overzoomed. */
const SOURCE_MAXZOOM = 8;

/**
 * The language-dependent layout properties of the label layer. Switching language
 * on a live map: `map.setStyle(basemapStyle({ ...options, lang }))` (diffed by
 * MapLibre; also switches the attribution), or apply these with
 * `map.setLayoutProperty(FIRST_LABEL_LAYER_ID, key, value)`.
 */
export function labelLayout(lang: BasemapLang) {
  return {
    'text-field': ['get', `name_${lang}`] as ExpressionSpecification,
    'text-font': LABEL_FONTS[lang],
    'text-max-width': LABEL_SPACING[lang].maxWidth,
    'text-letter-spacing': LABEL_SPACING[lang].letterSpacing,
  };
}

const bySize = (values: [number, number, number, number]): ExpressionSpecification => ['match', ['get', 'scalerank'], 0, values[0], 1, values[1], 2, values[2], values[3]];

const empty = (): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: [] });

function sources(o: BasemapStyleOptions): Record<string, SourceSpecification> {
  // No source attribution: the attribution control carries the worldview's disclaimer
  // (`setAttribution` in create-map.ts), which a worldview switch changes and a source's could not.
  const geojson = (name: BasemapDataName): SourceSpecification => ({
    type: 'geojson',
    data: o.dataUrl?.(name, o.lod ?? 'detailed') ?? empty(),
    maxzoom: SOURCE_MAXZOOM,
  });
  return {
    [BASEMAP_SOURCE_IDS.countries]: geojson('countries'),
    [BASEMAP_SOURCE_IDS.graticule]: geojson('graticule'),
    [BASEMAP_SOURCE_IDS.borders]: geojson('borders'),
    [BASEMAP_SOURCE_IDS.labels]: geojson('labels'),
  };
}

/** One kind of the borders source's lines (`kind`: country, claim, control, sar…), drawn from `minzoom` on. */
function borderLine(id: string, kind: string, paint: LineLayerSpecification['paint'], minzoom?: number): LineLayerSpecification {
  return { id, type: 'line', source: BASEMAP_SOURCE_IDS.borders, ...(minzoom === undefined ? {} : { minzoom }), filter: ['==', ['get', 'kind'], kind], layout: { 'line-join': 'round' }, paint };
}

function layers(o: BasemapStyleOptions, p: BasemapPalette): LayerSpecification[] {
  const L = BASEMAP_LAYER_IDS;
  const S = BASEMAP_SOURCE_IDS;
  const k = LABEL_SCALE[o.theme ?? 'light'];
  const sizes = (v: [number, number, number, number]) => v.map((x) => Math.round(x * k * 10) / 10) as [number, number, number, number];
  const borderWidth: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 1, 0.55 * k, 4, 0.9 * k, 8, 1.6 * k];
  return [
    { id: L.ocean, type: 'background', paint: { 'background-color': p.ocean } },
    {
      id: L.graticule,
      type: 'line',
      source: S.graticule,
      paint: {
        'line-color': p.graticule,
        'line-width': ['case', ['get', 'major'], 0.9, 0.5],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 1, 0.7, 6, 0.35],
      },
    },
    {
      // Under the land fill, which covers its inner half: only the sea side shows
      // (so the visible width is half of this), and land borders stay hidden.
      id: L.coastline,
      type: 'line',
      source: S.countries,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': p.coastline, 'line-width': ['interpolate', ['linear'], ['zoom'], 1, 1, 4, 1.5, 8, 2.4] },
    },
    {
      id: L.land,
      type: 'fill',
      source: S.countries,
      paint: {
        'fill-color': ['match', ['get', 'iso2'], 'AQ', p.antarctica, p.land],
        'fill-antialias': true,
      },
    },
    {
      // Disputed areas, in no country's fill: a neutral hatch over the land.
      id: L.disputed,
      type: 'fill',
      source: S.countries,
      filter: ['==', ['get', 'disputed'], true],
      paint: { 'fill-pattern': HATCH_IMAGE },
    },
    borderLine(L.bordersSar, 'sar', { 'line-color': p.borderMinor, 'line-width': 0.6, 'line-dasharray': [1, 2] }, 4),
    // Claim lines: dotted.
    borderLine(L.bordersClaim, 'claim', { 'line-color': p.border, 'line-width': borderWidth, 'line-dasharray': [1, 1.6] }),
    // Lines of control and other boundaries of disputed areas: dashed.
    borderLine(L.bordersControl, 'control', { 'line-color': p.border, 'line-width': borderWidth, 'line-dasharray': [3, 2] }),
    { ...borderLine(L.borders, 'country', { 'line-color': p.border, 'line-width': borderWidth }), layout: { 'line-join': 'round', 'line-cap': 'round' } },
    {
      // China's South China Sea line: its dashes are the data's own lines (China's worldview only).
      id: L.bordersMaritime,
      type: 'line',
      source: S.borders,
      filter: ['==', ['get', 'kind'], 'maritime'],
      layout: { 'line-cap': 'butt' },
      paint: { 'line-color': p.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.9, 4, 1.4, 8, 2.2] },
    },
    {
      id: L.countryLabels,
      type: 'symbol',
      source: S.labels,
      // Larger countries first: scalerank ≤ 1 below zoom 2, one more rank per zoom level.
      // (Zoom in a filter is evaluated per tile, at integer zooms.)
      filter: ['<=', ['get', 'scalerank'], ['step', ['zoom'], 1, 2, 2, 3, 3, 4, 4, 5, 5]],
      layout: {
        ...labelLayout(o.lang),
        'text-size': ['interpolate', ['linear'], ['zoom'], 1, bySize(sizes([12, 11, 10.5, 10])), 4, bySize(sizes([16, 14, 13, 12])), 8, bySize(sizes([20, 18, 16, 15]))],
        'text-line-height': 1.15,
        'text-padding': 3,
        // Beside its point when the thematic symbols leave no room on it (`map/symbol-obstacles.ts`).
        'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
        'text-radial-offset': 0.7,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: {
        'text-color': ['step', ['get', 'scalerank'], p.label, 2, p.labelMinor],
        'text-halo-color': p.labelHalo,
        'text-halo-width': 1.3,
        'text-halo-blur': 0.3,
      },
    },
  ];
}

/**
 * The base map style.
 *
 * @param options - `lang` picks the label field, fonts and attribution; `dataUrl`
 *   maps a data file name to its URL, relative to the page
 * @returns a complete MapLibre style with no external URL
 * @example
 * new maplibregl.Map({ container, style: basemapStyle({ lang: 'zh', dataUrl: (n) => `data/basemap/${n}.geojson` }) });
 */
export function basemapStyle(options: BasemapStyleOptions): StyleSpecification {
  const palette = BASEMAP_PALETTES[options.theme ?? 'light'];
  return {
    version: 8,
    name: `Health Silk Road base map (${options.lang})`,
    metadata: { 'hsrm:lang': options.lang, 'hsrm:worldview': options.worldview ?? DEFAULT_WORLDVIEW },
    sources: sources(options),
    layers: layers(options, palette),
  };
}
