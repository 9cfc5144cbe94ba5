/**
 * What a story chapter does to the page, as pure functions (unit-tested): the
 * state patch it applies, where the presenter's caption panel sits, and the map
 * padding that keeps the chapter's subject out from under that panel.
 */
import type { StatePatch } from '../app/events.ts';
import type { Padding } from '../map/hsr-map.ts';
import { EMPTY_FILTERS } from '../state/app-state.ts';
import type { Chapter } from './story.ts';

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

/** What a chapter changes in the app state. */
export function chapterPatch(ch: Chapter): StatePatch {
  return {
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
