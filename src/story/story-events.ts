/**
 * How the presenter asks the app to change state: `hsr-story` carries a state
 * patch, whether it replaces the history entry, and the camera flight for the
 * map (null keeps the current one). Kept apart from the presenter so that the
 * app can listen without loading the presenter's (lazy) code.
 */
import type { StatePatch } from '../app/events.ts';
import type { Flight } from '../map/hsr-map.ts';

export const STORY_EVENT = 'hsr-story';

/** The story the header's "Present" button starts (`public/stories/<id>.json`). */
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

export type StoryEvent = CustomEvent<StoryRequest>;

export function storyEvent(detail: StoryRequest): StoryEvent {
  return new CustomEvent(STORY_EVENT, { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'hsr-story': StoryEvent;
  }
}

export const TALK_EVENT = 'hsr-talk';

/**
 * What the presenter's controls (in either window) ask of the talk, beyond
 * state patches: blank or unblank every window, end the talk everywhere, open
 * the presenter view, make the handout PDF.
 */
export type TalkRequest = { kind: 'blank'; blanked: boolean } | { kind: 'exit' } | { kind: 'presenter-view' } | { kind: 'handout' };

export type TalkEvent = CustomEvent<TalkRequest>;

export function talkEvent(detail: TalkRequest): TalkEvent {
  return new CustomEvent(TALK_EVENT, { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'hsr-talk': TalkEvent;
  }
}
