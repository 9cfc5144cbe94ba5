/**
 * The poster: a picture of the map's default view, shown from the first paint
 * until the live map has drawn its first full frame, so the page's largest
 * paint comes at once rather than after seconds of scripts and shaders.
 *
 * The pictures are drawn by the built site itself (`npm run posters`,
 * `scripts/posters.ts`: the export pipeline in headless Chromium), one per
 * language, worldview and shape of window, into `public/posters/`, and the
 * build puts the `<picture>` in the page (`scripts/poster-plugin.ts`). `index.html`
 * shows the build's default (English, the default worldview; the narrow one
 * on a phone through `<picture>`), since no script may run before the first
 * paint (CSP `script-src 'self'`). Once the app has its state, `Poster.show`
 * swaps in the visitor's language and worldview, lays the picture exactly
 * over the map's box (measured) and keeps the map transparent above it;
 * `reveal` fades the map in over it and then hides it. A view other than the
 * default (a link with a camera, a selection, a story…) shows no poster.
 */
import type { AppState, Lang } from '../state/app-state.ts';
import type { Worldview } from '../data/worldviews.ts';
import { DEFAULT_LAYERS } from '../layers/registry.ts';
import { LANGS } from '../data/vocabulary.ts';
import { t } from '../i18n/i18n.ts';

/**
 * The shapes of window a poster is drawn for: a desktop window (the map beside
 * the side panel) and a phone (the map between the header and the bottom sheet;
 * the app's layout switches at 720 px, `styles/app.css`).
 */
export const POSTER_SHAPES = [
  { id: 'wide', viewport: { width: 1280, height: 800 }, media: null },
  { id: 'narrow', viewport: { width: 390, height: 844 }, media: '(max-width: 720px)' },
] as const;
export type PosterShape = (typeof POSTER_SHAPES)[number]['id'];

/** The posters' sizes and the data they show (`content_hash` of `data/manifest.json`), beside them. */
export const POSTER_MANIFEST = 'posters/posters.json';
export interface PosterManifest {
  contentHash: string;
  sizes: Record<PosterShape, { width: number; height: number }>;
}

/** The picture's path in the build, relative to the page. */
export function posterFile(lang: Lang, worldview: Worldview, shape: PosterShape): string {
  return `posters/map-${lang}-${worldview}-${shape}.webp`;
}

/**
 * What the picture is, for assistive technology: not the map, a picture of it
 * while it loads; in every language in the static page (before the app knows
 * the visitor's).
 */
export function posterAlt(lang: Lang | 'all'): string {
  return lang === 'all' ? LANGS.map((l) => t(l, 'map.poster')).join(' · ') : t(lang, 'map.poster');
}

/** The language and worldview of the poster for a state, or null when the view opening is not the default one the posters show. */
export function posterView(s: AppState): { lang: Lang; worldview: Worldview } | null {
  const f = s.filters;
  const defaultView =
    !s.camera &&
    !s.selected &&
    !s.story &&
    !s.presenter &&
    !s.embed &&
    !s.reader &&
    s.basemap === 'offline' &&
    s.mechanisms.length === 0 &&
    f.areas.length === 0 &&
    f.statuses.length === 0 &&
    f.direction === 'all' &&
    !f.country &&
    !f.years &&
    s.layers.length === DEFAULT_LAYERS.length &&
    DEFAULT_LAYERS.every((l) => s.layers.includes(l));
  return defaultView ? { lang: s.lang, worldview: s.worldview } : null;
}

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
/** A little longer than the map's fade-in (`styles/app.css`, `hsr-app[data-poster]`). */
const FADE_MS = 450;

/** The poster of the page (`.map-poster` in index.html), shown over the map's box until the map has drawn. */
export class Poster {
  private readonly picture: HTMLElement | null;
  private observer?: ResizeObserver;
  private revealed = false;

  /** @param host - the element whose `data-poster` attribute keeps the map transparent (`<hsr-app>`) */
  constructor(private readonly host: HTMLElement) {
    this.picture = host.querySelector<HTMLElement>('.map-poster');
  }

  /**
   * Shows the poster of the state's language and worldview over `map` (the
   * element the live map is drawn in), or hides it at once when the view is
   * not the default one.
   */
  show(state: AppState, map: HTMLElement | null): void {
    const picture = this.picture;
    const view = posterView(state);
    if (!picture || !map || !view || this.revealed) return this.hide();
    const img = picture.querySelector('img');
    for (const shape of POSTER_SHAPES) {
      const file = posterFile(view.lang, view.worldview, shape.id);
      if (shape.media === null) {
        if (img && img.getAttribute('src') !== file) img.setAttribute('src', file);
      } else {
        const source = picture.querySelector(`source[media="${shape.media}"]`);
        if (source && source.getAttribute('srcset') !== file) source.setAttribute('srcset', file);
      }
    }
    img?.setAttribute('alt', posterAlt(view.lang));
    this.host.setAttribute('data-poster', '');
    // Exactly over the map (the side panel, the header's height and the bottom sheet are the app's to lay out).
    const place = () => {
      const r = map.getBoundingClientRect();
      Object.assign(picture.style, { top: `${r.top}px`, left: `${r.left}px`, width: `${r.width}px`, height: `${r.height}px`, right: 'auto', bottom: 'auto' });
    };
    place();
    this.observer = new ResizeObserver(place);
    this.observer.observe(map);
  }

  /** The map has drawn (or cannot draw): it fades in over the poster, which then goes. */
  reveal(): void {
    if (this.revealed) return;
    this.revealed = true;
    if (!this.host.hasAttribute('data-poster')) return this.hide();
    this.host.removeAttribute('data-poster');
    if (reducedMotion()) this.hide();
    else setTimeout(() => this.hide(), FADE_MS);
  }

  /** Hidden, not removed: a removed element would no longer count as the page's largest paint. */
  private hide(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.host.removeAttribute('data-poster');
    this.picture?.classList.add('map-poster--done');
  }
}
