/**
 * What a story chapter does to the page, as pure functions (unit-tested): the
 * state patch it applies, where the presenter's caption panel sits, the map
 * padding that leaves that panel's area out, and the camera that frames the
 * chapter's subjects in the rest.
 */
import type { Geometry } from 'geojson';
import type { StatePatch } from '../app/events.ts';
import type { Padding } from '../map/hsr-map.ts';
import { EMPTY_FILTERS, type Camera } from '../state/app-state.ts';
import { fitBox, subjectBox } from './frame.ts';
import { MAP_MIN_ZOOM, type Chapter, type Story } from './story.ts';

/** Below this width the caption sits at the bottom instead of the side. */
export const NARROW = 760;
const GAP = 24;

/** The caption panel's box, as the stylesheet lays it out (kept in one place: both read it). */
export function captionBox(width: number, height: number): { side: 'left' | 'bottom'; size: number } {
  if (width < NARROW) return { side: 'bottom', size: Math.round(height * 0.46) };
  return { side: 'left', size: Math.round(Math.min(Math.max(width * 0.34, 340), 700)) };
}

/** Map padding that leaves the caption panel's area out of the camera's frame. */
export function chapterPadding(width: number, height: number): Padding {
  const box = captionBox(width, height);
  const m = Math.round(Math.min(width, height) * 0.06);
  return box.side === 'left'
    ? { top: m, right: m, bottom: m, left: box.size + GAP * 2 }
    : { top: m, right: m, bottom: box.size + GAP, left: m };
}

/**
 * Where the map goes for a chapter: its highlighted features fitted into the
 * area the caption leaves free, zoomed in no closer than the chapter's zoom;
 * the chapter's own camera when it highlights nothing (or none has loaded).
 * @param geometries - the geometries of the chapter's highlighted features that are loaded
 */
export function chapterCamera(ch: Chapter, geometries: readonly Geometry[], width: number, height: number): { camera: Camera; padding: Padding } {
  const padding = chapterPadding(width, height);
  const c = ch.camera;
  const box = subjectBox(geometries);
  const camera = box
    ? fitBox(box, { width, height }, padding, { maxZoom: c.zoom, minZoom: MAP_MIN_ZOOM, bearing: c.bearing, pitch: c.pitch })
    : { lon: c.center[0], lat: c.center[1], zoom: c.zoom, bearing: c.bearing, pitch: c.pitch };
  return { camera, padding };
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
