/**
 * How the presenter asks the app to change state: `hsr-story` carries a state
 * patch, whether it replaces the history entry, and the camera flight for the
 * map (null keeps the current one). Kept apart from the presenter so that the
 * app can listen without loading the presenter's (lazy) code.
 */
import { hsrEvent, type HsrEvent, type StatePatch } from '../app/events.ts';
import type { Flight } from '../map/hsr-map.ts';

/** The story the header's "Present" button starts (listed in `story/index.ts`). */
export const DEFAULT_STORY_ID = 'health-silk-road';

export interface StoryRequest {
  patch: StatePatch;
  /** Replace the history entry instead of adding one (applying a chapter's view, kiosk steps). */
  replace: boolean;
  /** A new flight, or null to end the current one (leaving the story); undefined leaves it. */
  flight?: Omit<Flight, 'nonce'> | null;
  /** Features the chapter is about, ringed on the map (with a new flight). */
  highlight?: readonly string[];
}

export type StoryEvent = HsrEvent<'hsr-story'>;

export function storyEvent(detail: StoryRequest): StoryEvent {
  return hsrEvent('hsr-story', detail);
}
