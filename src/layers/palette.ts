/**
 * Every colour of the map, in one place. Categorical colours come from the
 * Okabe–Ito palette (safe for the common forms of colour-blindness), mapped
 * with d3-scale so the legend and the layers read the same scale. Every scale
 * has a fixed domain and an `unknown` colour: a value the data should not
 * carry (area 9, a new direction) gets the neutral grey instead of silently
 * joining the domain and taking the next colour in the range.
 */
import { scaleOrdinal } from 'd3-scale';
import { AREA_IDS, DIRECTIONS, DISEASE_GROUPS } from '../data/vocabulary.ts';

export type RGBA = [number, number, number, number];

/** Okabe & Ito (2008), "Color Universal Design". */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

export function hexToRgba(hex: string, alpha = 255): RGBA {
  const n = parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, alpha];
}

/** Colour of a value outside a scale's domain. */
export const UNKNOWN_COLOR = '#8A8A8A';

export const areaColor = scaleOrdinal<number, string>()
  .domain([...AREA_IDS])
  .range([OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.yellow, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.reddishPurple, '#555555'])
  .unknown(UNKNOWN_COLOR);

/** Lines of the two directions: earth for the land belt, sea blue for the maritime road. */
export const directionColor = scaleOrdinal<string, string>()
  .domain([...DIRECTIONS])
  .range(['#A0522D', '#0072B2'])
  .unknown(UNKNOWN_COLOR);
/** Fills of priority countries, light versions of the direction colours. */
export const directionFill = scaleOrdinal<string, string>()
  .domain([...DIRECTIONS])
  .range(['#F3C79A', '#9CCAE8'])
  .unknown('#DDDDDD');

export const diseaseColor = scaleOrdinal<string, string>()
  .domain([...DISEASE_GROUPS])
  .range([OKABE_ITO.vermillion, '#8C510A', OKABE_ITO.reddishPurple, OKABE_ITO.bluishGreen, OKABE_ITO.blue, OKABE_ITO.orange])
  .unknown(UNKNOWN_COLOR);

/** Mechanisms get the palette in the order they are listed (stable for a given list). */
export const mechanismColor = scaleOrdinal<string, string>()
  .range([OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.orange, OKABE_ITO.skyBlue, '#555555', '#8C510A', '#6A3D9A'])
  .unknown(UNKNOWN_COLOR);

const mechanismScales = new Map<string, (id: string) => string>();
/** The mechanism scale for a dataset's mechanisms, in their order (one scale per order, reused). */
export function mechanismColors(order: readonly string[]): (id: string) => string {
  const key = order.join('\n');
  let scale = mechanismScales.get(key);
  if (!scale) mechanismScales.set(key, (scale = mechanismColor.copy().domain(order)));
  return scale;
}

/** Relative luminance (WCAG) of a colour, 0 (black) to 1 (white). */
export function luminance([r, g, b]: readonly number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}

export function rgbaToHex([r, g, b]: readonly number[]): string {
  return `#${[r!, g!, b!]
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()}`;
}

/** Colours of layers that are not coloured by a category. */
export const LAYER_COLOR = {
  corridors: '#6B6B6B',
  statement: OKABE_ITO.reddishPurple,
  missions: OKABE_ITO.reddishPurple,
  events: '#333333',
  organisations: '#4B4B8F',
  neutralPoint: '#555555',
  highlight: '#111111',
  /** Several features at one place: a dark badge with their number, neutral among the layers' colours. */
  cluster: '#2B3140',
  selection: '#FFD400',
  /** The edge of symbols too light to stand out on pale land by themselves (area 4's yellow). */
  lightEdge: '#3D3A1A',
  halo: '#FFFFFF',
} as const;
