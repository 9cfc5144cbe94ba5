/**
 * The shape of a story file, as a zod (`zod/mini`) schema: types, and limits
 * on lengths and counts so that a hostile file cannot make the page draw a
 * million chapters. What the values mean (ids, layers, ranges, languages) is
 * checked after the shape, in `story.ts`.
 *
 * Objects are read loosely: a field this build does not know (added by a newer
 * one) is dropped, not refused. Filters are the
 * exception: an unknown filter is reported (`story.ts`), as a typo there would
 * silently show more than the speaker meant.
 *
 * `jitless`: zod compiles parsers with `new Function` otherwise, which the
 * site's CSP forbids.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

/** Limits of a story file. */
export const STORY_LIMITS = {
  chapters: 200,
  id: 80,
  title: 300,
  text: 4000,
  notes: 8000,
  quote: 3000,
  list: 200,
} as const;

const L = STORY_LIMITS;
const str = (max: number) => z.string().check(z.maxLength(max));
const list = <T extends z.core.SomeType>(item: T, max: number = L.list) => z.array(item).check(z.maxLength(max));
const text = (max: number) => z.object({ en: str(max), zh: str(max) });

const Filters = z.looseObject({
  areas: z.optional(list(z.number(), 20)),
  direction: z.optional(str(40)),
  statuses: z.optional(list(str(40), 20)),
  country: z.optional(z.nullable(str(10))),
  years: z.optional(z.nullable(z.tuple([z.number(), z.number()]))),
});

export const ChapterShape = z.object({
  id: str(L.id),
  title: text(L.title),
  text: text(L.text),
  notes: z.optional(text(L.notes)),
  camera: z.object({
    center: z.tuple([z.number(), z.number()]),
    zoom: z.number(),
    bearing: z.number(),
    pitch: z.number(),
  }),
  layers: list(str(L.id), 40),
  filters: z.optional(Filters),
  mechanisms: z.optional(list(str(L.id), 50)),
  highlight: list(str(L.id)),
  sources: list(z.object({ doc: str(L.id), quote: str(L.quote) }), 30),
  worldview: z.optional(str(20)),
});

export const StoryShape = z.object({
  id: str(L.id),
  title: text(L.title),
  chapters: list(ChapterShape, L.chapters),
  worldview: z.optional(str(20)),
});

export type StoryShapeOutput = z.infer<typeof StoryShape>;

/** A shape problem: where (the path into the file), and what, as `story.ts`'s message keys. */
export interface ShapeIssue {
  path: (string | number)[];
  key: 'type' | 'tooLong' | 'tooMany';
  values?: Record<string, string | number>;
}

/** What zod reports, as message keys: a wrong type, or a text or list too long. */
function toIssue(issue: z.core.$ZodIssue): ShapeIssue {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'too_big') {
    const max = Number(issue.maximum);
    return issue.origin === 'array' ? { path, key: 'tooMany', values: { max } } : { path, key: 'tooLong', values: { max } };
  }
  if (issue.code === 'invalid_type') return { path, key: 'type', values: { expected: issue.expected === 'tuple' ? 'tuple' : String(issue.expected) } };
  return { path, key: 'type', values: { expected: 'value' } };
}

/** The story as the shape reads it (unknown fields dropped), or what is wrong with its shape. */
export function parseShape(value: unknown): { data: StoryShapeOutput; issues: [] } | { data: null; issues: ShapeIssue[] } {
  const r = StoryShape.safeParse(value);
  if (r.success) return { data: r.data, issues: [] };
  // The first few are enough to fix a file by; a hostile one could have thousands.
  return { data: null, issues: r.error.issues.slice(0, 20).map(toIssue) };
}
