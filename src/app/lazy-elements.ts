/**
 * Parts the first paint does not need, loaded the first time the page shows
 * them: the detail panel (a selection), the document reader, the presentation
 * mode, the presenter view (a window of its own), the story editor and the
 * export dialog. They are rendered by tag as usual; the browser upgrades them
 * when their module arrives, and Lit applies the properties set before that.
 * Keeps them out of the bytes a phone downloads before the map is interactive.
 *
 * A part whose code cannot load (offline on a first visit, a partly evicted
 * cache, an old tab after a new deploy) is reported to the listeners
 * (`onPartMissing`): the app says so in the visitor's language, keeps the view
 * in the address and offers a reload. It is not tried again in this page (the
 * browser keeps a failed module as failed).
 */
import type { StringKey } from '../i18n/locale.ts';

const MODULES = {
  'hsr-detail': () => import('../ui/hsr-detail.ts'),
  'hsr-reader': () => import('../ui/hsr-reader.ts'),
  'hsr-presenter': () => import('../ui/hsr-presenter.ts'),
  'hsr-presenter-view': () => import('../ui/hsr-presenter-view.ts'),
  'hsr-story-editor': () => import('../ui/hsr-story-editor.ts'),
  'hsr-export-dialog': () => import('../export/hsr-export-dialog.ts'),
} as const;

export type LazyTag = keyof typeof MODULES;

/** Each part's name in the message that says it could not load. */
export const LAZY_PART_NAMES = {
  'hsr-detail': 'lazy.part.detail',
  'hsr-reader': 'lazy.part.reader',
  'hsr-presenter': 'lazy.part.presenter',
  'hsr-presenter-view': 'lazy.part.presenterView',
  'hsr-story-editor': 'lazy.part.editor',
  'hsr-export-dialog': 'lazy.part.export',
} as const satisfies Record<LazyTag, StringKey>;

const requested = new Map<LazyTag, Promise<boolean>>();
const listeners = new Set<(tag: LazyTag) => void>();

/** Calls `fn` with each part whose code could not load; returns the unsubscribe. */
export function onPartMissing(fn: (tag: LazyTag) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Starts loading a part's module (once); resolves true when it is defined, false (and told) when it could not load. */
export function ensureElement(tag: LazyTag): Promise<boolean> {
  let p = requested.get(tag);
  if (!p) {
    p = MODULES[tag]().then(
      () => true,
      (e: unknown) => {
        console.warn(`<${tag}> could not load:`, e);
        for (const fn of listeners) fn(tag);
        return false;
      },
    );
    requested.set(tag, p);
  }
  return p;
}
