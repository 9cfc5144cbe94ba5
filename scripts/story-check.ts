/**
 * Checks every shipped story (`public/stories/*.json`, read as the browser
 * reads it: `scripts/story-files.ts`) against the real files: the validator
 * (shape, both languages, ranges, filter values), plus what needs the data — each
 * highlighted feature exists in `public/data/`, belongs to one of the chapter's
 * layers and passes the chapter's filters and mechanisms (so its ring is not
 * drawn around something the map hides); each mechanism exists; quotes are
 * verbatim in `seeds/documents/`. Run by the `validate-stories` plugin at every
 * `vite build` (a bad story fails the build) and by `tests/unit/story.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BaseProps } from '../src/data/contract.ts';
import { findQuote } from '../src/data/quote-match.ts';
import { passesFilters } from '../src/state/filters.ts';
import { chapterPatch } from '../src/story/chapter-view.ts';
import { validateStory, type Chapter, type Story } from '../src/story/story.ts';
import { shippedStories } from './story-files.ts';
import { EMPTY_FILTERS } from '../src/state/app-state.ts';

/** Every feature's properties, by id, from `public/data/` (the files the site loads). */
export function loadFeatureProps(root: string): Map<string, BaseProps> {
  const manifest = JSON.parse(readFileSync(join(root, 'public/data/manifest.json'), 'utf8')) as { layers: { file: string }[] };
  const props = new Map<string, BaseProps>();
  for (const l of manifest.layers) {
    const fc = JSON.parse(readFileSync(join(root, 'public/data', l.file), 'utf8')) as { features: { id: string; properties: BaseProps }[] };
    for (const f of fc.features) props.set(f.id, f.properties);
  }
  return props;
}

/** Why a chapter's highlighted feature would be ringed while the map hides it, or null when it is shown. */
function hiddenBecause(ch: Chapter, p: BaseProps): string | null {
  if (!ch.layers.includes(p.layer)) return `is in layer "${p.layer}", which the chapter does not show`;
  // The same rules as the map's `visibleFeatures` (src/layers/build-layers.ts).
  const filters = { ...EMPTY_FILTERS, ...chapterPatch(ch).filters };
  if (!passesFilters(p, filters)) return "does not pass the chapter's filters";
  const mechs = ch.mechanisms ?? [];
  if (p.layer === 'mechanisms' && mechs.length > 0 && !mechs.includes(p.id)) return 'is a mechanism the chapter does not list';
  return null;
}

/** Problems with `stories` (default: all shipped, and their files), each naming story, chapter and field; empty when all are valid. */
export function storyProblems(root: string, stories?: readonly Story[], features: Map<string, BaseProps> = loadFeatureProps(root)): string[] {
  if (!stories) {
    const files = shippedStories(root);
    const fileProblems = files.flatMap((f) => f.problems);
    // A file that is not a valid story is reported as it is; the data checks need a valid one.
    return [
      ...fileProblems,
      ...storyProblems(
        root,
        files.flatMap((f) => f.story ?? []),
        features,
      ),
    ];
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
      const at = (field: string, msg: string) => problems.push(`${story.id}: chapter "${ch.id}": ${field}: ${msg}`);
      for (const id of ch.highlight) {
        const p = features.get(id);
        if (!p) at('highlight', `no feature "${id}" in public/data`);
        else {
          const why = hiddenBecause(ch, p);
          if (why) at('highlight', `"${id}" ${why}`);
        }
      }
      for (const m of ch.mechanisms ?? []) {
        if (features.get(m)?.layer !== 'mechanisms') at('mechanisms', `no mechanism "${m}" in public/data/mechanisms.geojson`);
      }
      for (const s of ch.sources) {
        const text = doc(s.doc);
        if (text === null) at('sources.doc', `no document "${s.doc}" in seeds/documents`);
        else if (findQuote(text, s.quote).length === 0) at('sources.quote', `not verbatim in ${s.doc}: "${s.quote.slice(0, 60)}…"`);
      }
    }
  }
  return problems;
}
