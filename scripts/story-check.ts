/**
 * Checks every story against the real files: `validateStory` (shape, both
 * languages, ranges), plus what needs the data — highlighted features exist in
 * `public/data/`, quotes are verbatim in `seeds/documents/`. Run by the
 * `validate-stories` plugin at every `vite build` (a bad story fails the build)
 * and by `tests/unit/story.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findQuote } from '../src/data/quote-match.ts';
import { STORIES } from '../src/story/index.ts';
import { validateStory, type Story } from '../src/story/story.ts';

/** Problems with `stories` (default: all shipped), each naming story, chapter and field; empty when all are valid. */
export function storyProblems(root: string, stories: readonly Story[] = STORIES): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'public/data/manifest.json'), 'utf8')) as { layers: { file: string }[] };
  const ids = new Set<string>();
  for (const l of manifest.layers) {
    const fc = JSON.parse(readFileSync(join(root, 'public/data', l.file), 'utf8')) as { features: { id: string }[] };
    for (const f of fc.features) ids.add(f.id);
  }
  const docs = new Map<string, string | null>();
  const doc = (file: string): string | null => {
    if (!docs.has(file)) {
      try {
        docs.set(file, readFileSync(join(root, 'seeds/documents', file), 'utf8'));
      } catch {
        docs.set(file, null);
      }
    }
    return docs.get(file)!;
  };
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const story of stories) {
    if (seen.has(story.id)) problems.push(`${story.id}: id: two stories have it`);
    seen.add(story.id);
    problems.push(...validateStory(story));
    for (const ch of story.chapters) {
      for (const id of ch.highlight) if (!ids.has(id)) problems.push(`${story.id}: chapter "${ch.id}": highlight: no feature "${id}" in public/data`);
      for (const s of ch.sources) {
        const text = doc(s.doc);
        if (text === null) problems.push(`${story.id}: chapter "${ch.id}": sources.doc: no document "${s.doc}" in seeds/documents`);
        else if (findQuote(text, s.quote).length === 0) problems.push(`${story.id}: chapter "${ch.id}": sources.quote: not verbatim in ${s.doc}: "${s.quote.slice(0, 60)}…"`);
      }
    }
  }
  return problems;
}
