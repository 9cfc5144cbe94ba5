/**
 * Point symbols as small SVGs, so each point layer has its own shape (readable
 * in greyscale print and by colour-blind viewers) and status shows as filled
 * (planned / established) or hollow (intended). Used as deck.gl IconLayer
 * masks (tinted by the layer colour) and as legend swatches.
 */
export const SYMBOLS = ['circle', 'diamond', 'square', 'triangle', 'star', 'hexagon'] as const;
export type SymbolKind = (typeof SYMBOLS)[number];

const SIZE = 64;

/** SVG path of each symbol in a 64×64 box. */
const PATHS: Record<SymbolKind, string> = {
  circle: 'M32 6 A26 26 0 1 1 31.99 6 Z',
  diamond: 'M32 3 L61 32 L32 61 L3 32 Z',
  square: 'M8 8 H56 V56 H8 Z',
  triangle: 'M32 4 L61 58 H3 Z',
  star: 'M32 3 L40.5 22.5 L61 24.5 L45.5 38.5 L50 59 L32 48.5 L14 59 L18.5 38.5 L3 24.5 L23.5 22.5 Z',
  hexagon: 'M32 3 L57 17.5 V46.5 L32 61 L7 46.5 V17.5 Z',
};

/** The SVG markup of a symbol; `hollow` draws a thick outline only. */
export function symbolSvg(kind: SymbolKind, hollow = false, color = '#000'): string {
  const path = PATHS[kind];
  const body = hollow
    ? `<path d="${path}" fill="none" stroke="${color}" stroke-width="9" stroke-linejoin="round"/>`
    : `<path d="${path}" fill="${color}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="-2 -2 68 68">${body}</svg>`;
}

export function symbolDataUrl(kind: SymbolKind, hollow = false, color = '#000'): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(symbolSvg(kind, hollow, color))}`;
}

export const ICON_SIZE = SIZE;
