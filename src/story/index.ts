/**
 * Stories are files: the shipped ones in `public/stories/<id>.json` (served at
 * `stories/`), checked by the build (`scripts/story-check.ts`); a speaker's own
 * on the same site or stored by the editor in the browser. All are read by one
 * loader (`load-story.ts`) and one validator (`story.ts`).
 */
export { DEFAULT_STORY_ID } from './story-events.ts';
