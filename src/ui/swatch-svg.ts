/**
 * Small SVG images of how things are drawn on the map: legend swatches and
 * the glyphs beside features in the list, search, detail and reader. Both are
 * drawn from the registry's style functions (colour, outline, width, dash,
 * hollow), so they show what the map shows. Data URLs, for `<img alt="">`
 * (the CSP allows `img-src data:`; an inline `style` would not be).
 */
import type { BaseProps } from '../data/contract.ts';
import { LAYER_COLOR, rgbaToHex, type RGBA } from '../layers/palette.ts';
import { isDashed, isLightColor, layerSpec, type Dash, type LegendItem, type StyleContext } from '../layers/registry.ts';
import { SYMBOL_PATHS, type SymbolKind } from '../layers/symbols.ts';

export interface SwatchImage {
  src: string;
  width: number;
  height: number;
}

const url = (w: number, h: number, viewBox: string, body: string): SwatchImage => ({
  src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${viewBox}">${body}</svg>`)}`,
  width: w,
  height: h,
});

const round = (x: number) => Math.round(x * 100) / 100;
/** deck.gl dashes are in line widths; SVG's in user units. */
const dashAttr = (dash: Dash | undefined, width: number) => (dash && isDashed(dash) ? ` stroke-dasharray="${round(dash[0] * width)} ${round(dash[1] * width)}"` : '');

export function symbolImage(kind: SymbolKind, color: string, hollow = false, outline?: string): SwatchImage {
  const d = SYMBOL_PATHS[kind];
  let body: string;
  if (hollow) {
    body = `${outline ? `<path d="${d}" fill="none" stroke="${outline}" stroke-width="15" stroke-linejoin="round"/>` : ''}<path d="${d}" fill="none" stroke="${color}" stroke-width="9" stroke-linejoin="round"/>`;
  } else {
    body = `${outline ? `<path d="${d}" fill="${outline}" stroke="${outline}" stroke-width="10" stroke-linejoin="round"/>` : ''}<path d="${d}" fill="${color}"/>`;
  }
  return url(16, 16, '-6 -6 76 76', body);
}

/** An area's swatch: its fill (opacity 0: none, an edge alone), its edge, and a hatch in the edge's colour when it has one. */
export function fillImage(color: string, opacity: number, outline: string, width = 1.5, dash?: Dash, hatch = false): SwatchImage {
  const w = Math.min(3.5, Math.max(1.2, width));
  // Diagonals clipped to the box: the same 45° lines as the map's hatch.
  const lines = hatch
    ? `<clipPath id="c"><rect x="1.75" y="1.75" width="16.5" height="10.5"/></clipPath><path clip-path="url(#c)" d="M-8 14 L6 0 M-2 14 L12 0 M4 14 L18 0 M10 14 L24 0 M16 14 L30 0" stroke="${outline}" stroke-width="1.3"/>`
    : '';
  return url(
    20,
    14,
    '0 0 20 14',
    `<rect x="1.75" y="1.75" width="16.5" height="10.5" rx="1.5" fill="${color}" fill-opacity="${round(opacity)}"/>${lines}<rect x="1.75" y="1.75" width="16.5" height="10.5" rx="1.5" fill="none" stroke="${outline}" stroke-width="${w}"${dashAttr(dash, w)}/>`,
  );
}

/** Several features at one place: the map's badge (a dark disc in a white ring) with a number. */
export function badgeImage(color: string): SwatchImage {
  return url(
    18,
    18,
    '0 0 18 18',
    `<circle cx="9" cy="9" r="8.5" fill="#fff"/><circle cx="9" cy="9" r="7" fill="${color}"/><text x="9" y="12.5" font-size="9.5" font-weight="700" font-family="sans-serif" text-anchor="middle" fill="#fff">3</text>`,
  );
}

/** The ring of the selected feature: its own colour over a white casing (drawn here in the ink's colour). */
export function ringImage(color: string): SwatchImage {
  return url(
    18,
    18,
    '0 0 18 18',
    `<circle cx="9" cy="9" r="6.5" fill="none" stroke="#fff" stroke-width="4"/><circle cx="9" cy="9" r="6.5" fill="none" stroke="${color}" stroke-width="2.2"/><circle cx="9" cy="9" r="3" fill="#888"/>`,
  );
}

export function lineImage(color: string, width = 2, dash?: Dash): SwatchImage {
  const w = Math.min(4.5, Math.max(2, width));
  const cap = dash && isDashed(dash) ? 'butt' : 'round';
  return url(24, 10, '0 0 24 10', `<line x1="2" y1="5" x2="22" y2="5" stroke="${color}" stroke-width="${w}" stroke-linecap="${cap}"${dashAttr(dash, w)}/>`);
}

/** The swatch of a legend item. */
export function swatchImage(item: LegendItem): SwatchImage {
  const s = item.swatch;
  switch (s.kind) {
    case 'symbol':
      return symbolImage(s.symbol, item.color, s.hollow ?? false, s.outline);
    case 'line':
      return lineImage(item.color, s.width, s.dash);
    case 'fill':
      return fillImage(item.color, s.opacity ?? 0.5, s.outline ?? item.color, s.width, s.dash, s.hatch);
    case 'cluster':
      return badgeImage(item.color);
    case 'ring':
      return ringImage(item.color);
  }
}

const hex = (c: RGBA) => rgbaToHex(c);

/**
 * How a feature is drawn, as a small image in its map colour: its layer's
 * symbol (hollow when only intended) for points, its stroke for routes and
 * arcs, its tinted box and outline for areas.
 */
export function featureGlyph(p: BaseProps, ctx?: StyleContext): string {
  const spec = layerSpec(p.layer);
  if (!spec) return symbolImage('circle', LAYER_COLOR.neutralPoint).src;
  const color = spec.color(p, ctx);
  if (spec.draw === 'point') return symbolImage(spec.symbol ?? 'circle', hex(color), spec.hollow(p), isLightColor(color) ? LAYER_COLOR.lightEdge : undefined).src;
  // Pale fills (mechanisms are drawn at 15 %) still need to show in a 14 px glyph: at least 35 %.
  if (spec.draw === 'area') {
    const role = spec.role ?? 'fill';
    return fillImage(hex(color), role === 'fill' ? Math.max(0.35, color[3] / 255) : 0, hex(spec.lineColor(p, ctx)), Math.max(1.5, spec.lineWidth(p)), spec.dash?.(p), role === 'hatch').src;
  }
  return lineImage(hex(color), spec.lineWidth(p), spec.dash?.(p)).src;
}
