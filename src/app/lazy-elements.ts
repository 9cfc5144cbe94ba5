/**
 * Elements the first paint does not need, loaded the first time the page shows
 * them: the detail panel (a selection), the document reader, the presenter
 * view (a window of its own) and the story editor. They are
 * rendered by tag as usual; the browser upgrades them when their module arrives,
 * and Lit applies the properties set before that. Keeps them out of the bytes a
 * phone downloads before the map is interactive.
 */
const MODULES = {
  'hsr-detail': () => import('../ui/hsr-detail.ts'),
  'hsr-reader': () => import('../ui/hsr-reader.ts'),
  'hsr-presenter-view': () => import('../ui/hsr-presenter-view.ts'),
  'hsr-story-editor': () => import('../ui/hsr-story-editor.ts'),
} as const;

export type LazyTag = keyof typeof MODULES;

const requested = new Map<LazyTag, Promise<unknown>>();

/** Starts loading an element's module (once); resolves when it is defined. A chunk that fails is logged and may be retried. */
export function ensureElement(tag: LazyTag): Promise<unknown> {
  let p = requested.get(tag);
  if (!p) {
    p = MODULES[tag]().catch((e: unknown) => {
      requested.delete(tag);
      console.error(`<${tag}> could not load:`, e);
    });
    requested.set(tag, p);
  }
  return p;
}
