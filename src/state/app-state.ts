/**
 * The application state: everything a view is made of. One owner (`<hsr-app>`)
 * holds it; the URL mirrors it (see `url-state.ts`); panels receive parts of it
 * as properties and ask for changes with events.
 */
import { DEFAULT_LAYERS, type LayerId } from '../layers/registry.ts';
import type { DirectionFilter, Lang, Status } from '../data/vocabulary.ts';
import type { StoryPosition } from '../story/story-src.ts';
import { DEFAULT_WORLDVIEW, type Worldview } from '../data/worldviews.ts';

export type { StoryPosition };

export type { Lang };

export interface Camera {
  /** Longitude, latitude of the centre. */
  lon: number;
  lat: number;
  zoom: number;
  bearing: number;
  pitch: number;
}

export interface Filters {
  /** Key-project areas 1–8; empty = all. */
  areas: number[];
  direction: DirectionFilter;
  /** Empty = all. */
  statuses: Status[];
  /** ISO 3166-1 alpha-2, or null for all. */
  country: string | null;
  /** Inclusive year range, or null for all years. */
  years: [number, number] | null;
}

export interface AppState {
  lang: Lang;
  /** null = the default view (fitted to the viewport). */
  camera: Camera | null;
  /** Visible layers. */
  layers: LayerId[];
  /** Mechanism ids shown by the mechanisms layer (empty = all). */
  mechanisms: string[];
  filters: Filters;
  /** Selected feature id. */
  selected: string | null;
  /** Which panel shows the content: the map alone, or the accessible list beside it. */
  view: 'map' | 'list';
  /** Source document open in the reader, and the quote to highlight. */
  reader: { doc: string; quote: string | null } | null;
  /** The story presented (`#story=` a shipped one, `#story-src=` a file or a stored one) and its chapter. */
  story: StoryPosition | null;
  /** This window is the speaker's presenter view (`&presenter`), in step with the audience window. */
  presenter: boolean;
  /** Kiosk mode: seconds per story chapter (5–600), advancing and looping; null = off. */
  kiosk: number | null;
  /** Minimal chrome, for other sites' iframes. */
  embed: boolean;
  /** The base map: the built-in offline one, or the opt-in online style (only in builds that configure one). */
  basemap: 'offline' | 'online';
  /** Whose boundaries the map draws (`data/worldviews.ts`): base map, country fills, disease bands, exports. */
  worldview: Worldview;
}

export const EMPTY_FILTERS: Filters = { areas: [], direction: 'all', statuses: [], country: null, years: null };

export function defaultState(lang: Lang = 'en', worldview: Worldview = DEFAULT_WORLDVIEW): AppState {
  return {
    lang,
    camera: null,
    layers: [...DEFAULT_LAYERS],
    mechanisms: [],
    filters: { ...EMPTY_FILTERS, areas: [], statuses: [] },
    selected: null,
    view: 'map',
    reader: null,
    story: null,
    presenter: false,
    kiosk: null,
    embed: false,
    basemap: 'offline',
    worldview,
  };
}

/** Data limits used to validate URL values. */
export const YEAR_MIN = 1963;
export const YEAR_MAX = 2030;
/** Kiosk seconds per chapter: long enough to read, short enough to loop at a booth. */
export const KIOSK_MIN = 5;
export const KIOSK_MAX = 600;
