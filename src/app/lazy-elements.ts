/**
 * Parts the first paint does not need, loaded the first time the page shows
 * them: the side panel's filters and list (or once the map has drawn), the
 * detail panel (a selection), the document reader, the presentation mode, the
 * presenter view (a window of its own), the story editor and the export
 * dialog. They are rendered by tag as usual; the browser upgrades them
 * when their module arrives, and Lit applies the properties set before that.
 * Keeps them out of the bytes a phone downloads before the map is interactive.
 *
 * A part whose code cannot load (offline on a first visit, a partly evicted
 * cache, an old tab after a new deploy) is reported to the listeners
 * (`onPartMissing`): the app says so in the visitor's language, keeps the view
 * in the address and offers a reload. It is not tried again in this page (the
 * browser keeps a failed module as failed). The map's deck.gl layers, loaded
 * by `<hsr-map>` itself (`map/deck-overlay.ts`), are reported the same way
 * (`reportPartMissing('map-layers')`).
 */
import type { StringKey } from '../i18n/locale.ts';

const MODULES = {
  'hsr-filters': () => import('../ui/hsr-filters.ts'),
  'hsr-list': () => import('../ui/hsr-list.ts'),
  'hsr-detail': () => import('../ui/hsr-detail.ts'),
  'hsr-reader': () => import('../ui/hsr-reader.ts'),
  'hsr-presenter': () => import('../ui/hsr-presenter.ts'),
  'hsr-presenter-view': () => import('../ui/hsr-presenter-view.ts'),
  'hsr-story-editor': () => import('../ui/hsr-story-editor.ts'),
  'hsr-export-dialog': () => import('../export/hsr-export-dialog.ts'),
} as const;

export type LazyTag = keyof typeof MODULES;
/** A part of the app loaded after the first paint: a lazy element, or the map's thematic layers. */
export type LazyPart = LazyTag | 'map-layers';

/** Each part's name in the message that says it could not load. */
export const LAZY_PART_NAMES = {
  'hsr-filters': 'lazy.part.filters',
  'hsr-list': 'lazy.part.list',
  'hsr-detail': 'lazy.part.detail',
  'hsr-reader': 'lazy.part.reader',
  'hsr-presenter': 'lazy.part.presenter',
  'hsr-presenter-view': 'lazy.part.presenterView',
  'hsr-story-editor': 'lazy.part.editor',
  'hsr-export-dialog': 'lazy.part.export',
  'map-layers': 'lazy.part.mapLayers',
} as const satisfies Record<LazyPart, StringKey>;

const requested = new Map<LazyTag, Promise<boolean>>();
const listeners = new Set<(part: LazyPart) => void>();

/** Calls `fn` with each part whose code could not load; returns the unsubscribe. */
export function onPartMissing(fn: (part: LazyPart) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Tells the listeners that a part's code could not load. */
export function reportPartMissing(part: LazyPart): void {
  for (const fn of listeners) fn(part);
}

/** Starts loading a part's module (once); resolves true when it is defined, false (and told) when it could not load. */
export function ensureElement(tag: LazyTag): Promise<boolean> {
  let p = requested.get(tag);
  if (!p) {
    p = MODULES[tag]().then(
      () => true,
      (e: unknown) => {
        console.warn(`<${tag}> could not load:`, e);
        reportPartMissing(tag);
        return false;
      },
    );
    requested.set(tag, p);
  }
  return p;
}
