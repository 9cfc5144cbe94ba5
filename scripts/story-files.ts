/**
 * The shipped stories, read in Node (the build's check, the export command,
 * tests, the benchmark) through the same loader as the browser: each
 * `public/stories/<id>.json`, parsed and checked by `readStoryText`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStoryText, storyErrorText } from '../src/story/load-story.ts';
import { problemText, type Story } from '../src/story/story.ts';

export const STORIES_DIR = 'public/stories';

export interface ShippedStory {
  /** The file's name without `.json`: the id links use (`#story=<id>`). */
  id: string;
  file: string;
  /** Null when the file is not a valid story: see `problems`. */
  story: Story | null;
  problems: string[];
}

/** Every `public/stories/*.json`, read and checked, in file name order. */
export function shippedStories(root: string): ShippedStory[] {
  const dir = join(root, STORIES_DIR);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.json'.length);
      const file = `${STORIES_DIR}/${f}`;
      const r = readStoryText(readFileSync(join(dir, f), 'utf8'));
      if (!r.ok) {
        // As the build has always named them: `<story>: chapter "<id>": <field>: <message>`.
        const problems = r.error.kind === 'problems' ? r.error.problems.map((p) => `${id}: ${problemText(p, 'en')}`) : [`${file}: ${storyErrorText(r.error, 'en')}`];
        return { id, file, story: null, problems };
      }
      // A link names the file: `#story=<id>` opens `stories/<id>.json`, so the story inside must say the same id.
      const problems = r.story.id === id ? [] : [`${id}: id: "${r.story.id}" in ${file}; a shipped story's id is its file name`];
      return { id, file, story: r.story, problems };
    });
}

/** The shipped story `id`, or undefined when there is no such file or it is not valid. */
export function shippedStory(root: string, id: string): Story | undefined {
  return shippedStories(root).find((s) => s.id === id)?.story ?? undefined;
}
