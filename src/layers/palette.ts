/**
 * Every colour of the map, in one place. Categorical colours come from the
 * Okabe–Ito palette (safe for the common forms of colour-blindness), mapped
 * with d3-scale so the legend and the layers read the same scale.
 */
import { scaleOrdinal } from 'd3-scale';

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

export function rgbaToCss([r, g, b, a]: RGBA): string {
  return `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 100) / 100})`;
}

/** The eight areas of the implementation plan (§三). */
export const AREA_IDS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export const areaColor = scaleOrdinal<number, string>()
  .domain([...AREA_IDS])
  .range([OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.yellow, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.reddishPurple, '#555555']);

export const DIRECTION_IDS = ['belt', 'maritime'] as const;
/** Lines of the two directions: earth for the land belt, sea blue for the maritime road. */
export const directionColor = scaleOrdinal<string, string>().domain([...DIRECTION_IDS]).range(['#A0522D', '#0072B2']);
/** Fills of priority countries, light versions of the direction colours. */
export const directionFill = scaleOrdinal<string, string>().domain([...DIRECTION_IDS]).range(['#F3C79A', '#9CCAE8']);

export const DISEASE_GROUPS = ['vector-borne', 'zoonoses', 'hiv-tb-respiratory', 'parasitic', 'vaccine-preventable', 'emergencies'] as const;
export const diseaseColor = scaleOrdinal<string, string>()
  .domain([...DISEASE_GROUPS])
  .range([OKABE_ITO.vermillion, '#8C510A', OKABE_ITO.reddishPurple, OKABE_ITO.bluishGreen, OKABE_ITO.blue, OKABE_ITO.orange]);

/** Mechanisms get the palette in the order they are listed (stable for a given list). */
export const mechanismColor = scaleOrdinal<string, string>().range([OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.orange, OKABE_ITO.skyBlue, '#555555', '#8C510A']);

/** Colours of layers that are not coloured by a category. */
export const LAYER_COLOR = {
  corridors: '#6B6B6B',
  statement: OKABE_ITO.reddishPurple,
  missions: OKABE_ITO.reddishPurple,
  events: '#333333',
  organisations: '#4B4B8F',
  neutralPoint: '#555555',
  highlight: '#111111',
  selection: '#FFD400',
} as const;
