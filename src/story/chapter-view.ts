/**
 * What a story chapter does to the page, as pure functions (unit-tested): the
 * state patch it applies, and the camera that frames the chapter's subjects in
 * the part of the map its caption leaves free (the presenter measures the
 * caption and passes the padding: `map/padding.ts`).
 */
import type { StatePatch } from '../app/events.ts';
import type { Padding } from '../map/padding.ts';
import { EMPTY_FILTERS, type Camera } from '../state/app-state.ts';
import { fitBox } from './frame.ts';
import type { Bounds } from '../data/bounds.ts';
import { MAP_MIN_ZOOM, type Chapter, type Story } from './story.ts';

/** Below this width the caption sits at the bottom instead of the side (the presenter's stylesheet). */
export const NARROW = 760;

/**
 * Where the map goes for a chapter: its highlighted features fitted into the
 * area the caption leaves free, zoomed in no closer than the chapter's zoom;
 * the chapter's own camera when it highlights nothing (or none has loaded).
 * @param box - the bounds of the chapter's highlighted features (`unionBounds` of their `featureBounds`), null when none
 * @param padding - what the caption covers, as measured (`paddingAround`)
 */
export function chapterCamera(ch: Chapter, box: Bounds | null, viewport: { width: number; height: number }, padding: Padding): { camera: Camera; padding: Padding } {
  return { camera: frameChapter(ch, box, viewport, padding), padding };
}

/**
 * The chapter's view in any frame (a handout's map, the presenter view's
 * preview): its subjects fitted inside `padding`, as on the projector; its own
 * camera when it highlights nothing.
 */
export function frameChapter(ch: Chapter, box: Bounds | null, viewport: { width: number; height: number }, padding: Padding): Camera {
  const c = ch.camera;
  return box
    ? fitBox(box, viewport, padding, { maxZoom: c.zoom, minZoom: MAP_MIN_ZOOM, bearing: c.bearing, pitch: c.pitch })
    : { lon: c.center[0], lat: c.center[1], zoom: c.zoom, bearing: c.bearing, pitch: c.pitch };
}

/** What a chapter changes in the app state (the worldview too, when the chapter or its story sets one). */
export function chapterPatch(ch: Chapter, story?: Pick<Story, 'worldview'>): StatePatch {
  const worldview = ch.worldview ?? story?.worldview;
  return {
    ...(worldview ? { worldview } : {}),
    layers: [...ch.layers],
    filters: { ...EMPTY_FILTERS, areas: [], statuses: [], ...ch.filters },
    mechanisms: [...(ch.mechanisms ?? [])],
    // The chapter's subjects are ringed (`highlight`), not selected: no detail panel over the map.
    selected: null,
    camera: null,
    reader: null,
    view: 'map',
  };
}
