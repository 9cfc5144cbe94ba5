/**
 * The stories a speaker wrote in the editor, kept in this browser
 * (`localStorage`) between visits. Entries may be drafts (empty texts, no
 * chapters yet): each is read back through the one validator in draft mode,
 * and an entry that is not even a well-shaped story (edited by hand, another
 * build's) is left out rather than breaking the editor. Presenting a stored
 * story (`#story-src=<id>`) checks it fully (`load-story.ts`).
 */
import { checkStory, type Story } from './story.ts';

const KEY = 'hsr-stories';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** Raised when the browser refuses to store (quota, privacy mode): the editor says so, and keeps the story on screen. */
export class StorageError extends Error {}

function readAll(storage: Store | undefined): unknown[] {
  try {
    const raw = storage?.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    const list = (parsed as { stories?: unknown } | null)?.stories;
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

function writeAll(storage: Store | undefined, stories: readonly Story[]): void {
  try {
    if (!storage) throw new Error('no storage');
    storage.setItem(KEY, JSON.stringify({ v: 1, stories }));
  } catch (e) {
    throw new StorageError(e instanceof Error ? e.message : String(e));
  }
}

/** The stored stories (drafts included), in the order they were first stored. */
export function storedStories(storage: Store | undefined): Story[] {
  return readAll(storage).flatMap((s) => checkStory(s, { draft: true }).story ?? []);
}

/** The stored story with this id, as stored (not yet checked for presenting), or undefined. */
export function storedStory(storage: Store | undefined, id: string): unknown {
  return readAll(storage).find((s) => (s as { id?: unknown } | null)?.id === id);
}

/** Stores `story` (replacing the one with its id, or the one that had `previousId` when the id was changed). */
export function putStored(storage: Store | undefined, story: Story, previousId = story.id): void {
  const all = storedStories(storage);
  const i = all.findIndex((s) => s.id === previousId);
  const rest = all.filter((s, j) => j !== i && s.id !== story.id);
  if (i >= 0) rest.splice(Math.min(i, rest.length), 0, story);
  else rest.push(story);
  writeAll(storage, rest);
}

export function removeStored(storage: Store | undefined, id: string): void {
  writeAll(
    storage,
    storedStories(storage).filter((s) => s.id !== id),
  );
}
