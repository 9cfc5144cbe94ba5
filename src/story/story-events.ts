/**
 * How the presenter asks the app to change state: `hsr-story` carries a state
 * patch, whether it replaces the history entry, and the camera flight for the
 * map (null keeps the current one); `hsr-talk` what the presenter's controls
 * ask of the talk besides. Kept apart from the presenter so that the app can
 * listen without loading the presenter's (lazy) code.
 */
import { hsrEvent, type HsrEvent, type StatePatch } from '../app/events.ts';
import type { Flight } from '../map/hsr-map.ts';

/** The story the header's "Present" button starts (`public/stories/<id>.json`). */
export const DEFAULT_STORY_ID = 'health-silk-road';

export interface StoryRequest {
  patch: StatePatch;
  /** Replace the history entry instead of adding one (applying a chapter's view, kiosk steps). */
  replace: boolean;
  /** A new flight, or null to end the current one (leaving the story); undefined leaves it. */
  flight?: Flight | null;
  /** Features the chapter is about, ringed on the map (with a new flight). */
  highlight?: readonly string[];
}

export type StoryEvent = HsrEvent<'hsr-story'>;

export function storyEvent(detail: StoryRequest): StoryEvent {
  return hsrEvent('hsr-story', detail);
}

/**
 * What the presenter's controls (in either window) ask of the talk, beyond
 * state patches: blank or unblank every window, end the talk everywhere, open
 * the presenter view, make the handout PDF.
 */
export type TalkRequest = { kind: 'blank'; blanked: boolean } | { kind: 'exit' } | { kind: 'presenter-view' } | { kind: 'handout' };

export type TalkEvent = HsrEvent<'hsr-talk'>;

export function talkEvent(detail: TalkRequest): TalkEvent {
  return hsrEvent('hsr-talk', detail);
}
