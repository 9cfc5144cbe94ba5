/**
 * Point symbols, so each point layer has its own shape (readable in greyscale
 * print and by colour-blind viewers) and status shows as filled (planned /
 * established) or hollow (intended). The same paths draw the legend swatches
 * (as SVG) and the deck.gl icon atlas (a canvas drawn with Path2D at start-up:
 * deck.gl fetches icon URLs, which the CSP's connect-src would refuse for data:
 * URLs). Icons are masks, tinted by each feature's colour.
 */
export const SYMBOLS = ['circle', 'diamond', 'square', 'triangle', 'star', 'hexagon'] as const;
export type SymbolKind = (typeof SYMBOLS)[number];

const SIZE = 64;

/** SVG path of each symbol in a 64×64 box. */
export const SYMBOL_PATHS: Record<SymbolKind, string> = {
  circle: 'M32 6 A26 26 0 1 1 31.99 6 Z',
  diamond: 'M32 3 L61 32 L32 61 L3 32 Z',
  square: 'M8 8 H56 V56 H8 Z',
  triangle: 'M32 4 L61 58 H3 Z',
  star: 'M32 3 L40.5 22.5 L61 24.5 L45.5 38.5 L50 59 L32 48.5 L14 59 L18.5 38.5 L3 24.5 L23.5 22.5 Z',
  hexagon: 'M32 3 L57 17.5 V46.5 L32 61 L7 46.5 V17.5 Z',
};

export const ICON_SIZE = SIZE;

/** Id of a symbol in the icon atlas: shape and fill (`f`) or hollow (`h`). */
export function iconId(kind: SymbolKind, hollow: boolean): string {
  return `${kind}-${hollow ? 'h' : 'f'}`;
}

/** Cells of the icon atlas: every symbol, filled and hollow, in a row of 64 px cells. */
export const ICON_MAPPING: Record<string, { x: number; y: number; width: number; height: number; anchorY: number; mask: true }> = Object.fromEntries(
  SYMBOLS.flatMap((kind, i) => [false, true].map((hollow, j) => [iconId(kind, hollow), { x: (i * 2 + j) * SIZE, y: 0, width: SIZE, height: SIZE, anchorY: SIZE / 2, mask: true as const }])),
);

/** Badges (several features at one place: `cluster.ts`) are drawn with their number for 2 … BADGE_MAX, then "BADGE_MAX+". */
export const BADGE_MAX = 99;
const BADGES_PER_ROW = 16;

/** Id of the badge for `count` features in the badge atlas. */
export function badgeId(count: number): string {
  return count > BADGE_MAX ? `badge-${BADGE_MAX}+` : `badge-${Math.max(2, Math.round(count))}`;
}

/** The text of the badge for `count`. */
export function badgeText(count: number): string {
  return count > BADGE_MAX ? `${BADGE_MAX}+` : String(Math.max(2, Math.round(count)));
}

/** Cells of the badge atlas (drawn in colour, not masks): one per count from 2, rows of 16. */
export const BADGE_MAPPING: Record<string, { x: number; y: number; width: number; height: number; anchorY: number; mask: false }> = Object.fromEntries(
  Array.from({ length: BADGE_MAX }, (_, i) => {
    const count = i + 2;
    const id = count > BADGE_MAX ? `badge-${BADGE_MAX}+` : `badge-${count}`;
    return [id, { x: (i % BADGES_PER_ROW) * SIZE, y: Math.floor(i / BADGES_PER_ROW) * SIZE, width: SIZE, height: SIZE, anchorY: SIZE / 2, mask: false as const }];
  }),
);
export const BADGE_ATLAS_SIZE = { width: BADGES_PER_ROW * SIZE, height: Math.ceil(BADGE_MAX / BADGES_PER_ROW) * SIZE };
