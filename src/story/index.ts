/**
 * The registry of stories, by id. Add a story by writing
 * `stories/<id>.ts` (exporting a `Story` checked with `satisfies Story`) and
 * listing it here; `tests/unit/story.test.ts` validates every entry.
 */
import type { Story } from './story.ts';
import { healthSilkRoad } from './stories/health-silk-road.ts';

export const STORIES: readonly Story[] = [healthSilkRoad];

/** The story the header's "Present" button starts. */
export { DEFAULT_STORY_ID } from './story-events.ts';

export function getStory(id: string): Story | undefined {
  return STORIES.find((s) => s.id === id);
}
