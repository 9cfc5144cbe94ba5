/**
 * Every custom event of the app, typed in one map (`HsrEvents`: name → detail).
 * Panels ask the app for changes with `hsr-change` (a patch of the state); the
 * app, the single owner of state, applies it, updates the URL and passes the
 * new state down. Panels never change state themselves. All events bubble and
 * cross shadow roots (`composed`), so the app hears them from any depth.
 */
import type { AppState, Filters } from '../state/app-state.ts';
import type { MapStatus } from '../map/hsr-map.ts';
import type { StoryRequest, TalkRequest } from '../story/story-events.ts';
import type { EditorRequest } from '../ui/hsr-story-editor.ts';
import type { Citation } from '../data/contract.ts';

export interface StatePatch extends Partial<Omit<AppState, 'filters'>> {
  /** Merged into the current filters. */
  filters?: Partial<Filters>;
  /** With `selected`: also move the camera to the feature; with `filters.country`: fit the map to the country. */
  focus?: boolean;
  /** With `selected` (chosen on the map): move the map only as far as it takes to keep the feature clear of the detail panel. */
  reveal?: boolean;
  /**
   * Replace the current history entry instead of adding one: the later steps
   * of one gesture (dragging a slider, Play) are one entry, not one per step.
   * Camera-only patches always replace.
   */
  replace?: boolean;
}

/** Event name → detail (`undefined`: the event carries nothing). */
export interface HsrEvents {
  /** A panel or the map asks for a state change. */
  'hsr-change': StatePatch;
  /** The presenter asks for a state change, a camera flight and highlights (`story/story-events.ts`). */
  'hsr-story': StoryRequest;
  /** The map's status changed; `error` says why it could not be created. */
  'hsr-map-status': { status: MapStatus; error?: string };
  /** Files of the built-in base map that did not load (their names, e.g. `countries.geojson`). */
  'hsr-basemap-missing': { files: string[] };
  /** The map nears the zoom where detailed outlines are drawn. */
  'hsr-detail-wanted': undefined;
  /** Once: the first frame with the thematic layers drawn. */
  'hsr-map-drawn': undefined;
  /** Open the export dialog (the presenter's caption has its own Export button). */
  'hsr-export-open': undefined;
  /** The export dialog closed. */
  'hsr-export-close': undefined;
  /** The presenter's controls ask the talk for something besides a state change (`story/story-events.ts`). */
  'hsr-talk': TalkRequest;
  /** The story editor asks to close, or to rehearse a stored story. */
  'hsr-editor': EditorRequest;
  /** A passage picked in the reader, for the chapter the editor has open. */
  'hsr-quote-pick': Citation;
  /** Play (year by year) started or stopped: the map dims what is outside the years while it runs. */
  'hsr-play': { playing: boolean };
}

export type HsrEventName = keyof HsrEvents;
export type HsrEvent<K extends HsrEventName> = CustomEvent<HsrEvents[K]>;
type HsrEventMap = { [K in HsrEventName]: HsrEvent<K> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: adds the app's events to every element
  interface HTMLElementEventMap extends HsrEventMap {}
}

/** Creates one of the app's events, typed by its name. */
export function hsrEvent<K extends HsrEventName>(type: K, ...detail: HsrEvents[K] extends undefined ? [] : [HsrEvents[K]]): HsrEvent<K> {
  return new CustomEvent(type, { detail: detail[0] as HsrEvents[K], bubbles: true, composed: true });
}

export type ChangeEvent = HsrEvent<'hsr-change'>;

/** The event a panel dispatches to request a state change. */
export function changeEvent(patch: StatePatch): ChangeEvent {
  return hsrEvent('hsr-change', patch);
}
