/**
 * Puts the poster (`src/app/poster.ts`) in the built page: the `<picture>` of
 * the build's default worldview in English, the narrow picture on a phone, in
 * place of index.html's `<!-- map-poster -->` marker, sized from
 * `public/posters/posters.json`. The pictures themselves are drawn by
 * `npm run posters` (`scripts/posters.ts`) and committed; the build only warns
 * when they are missing (the page then has no poster) or were drawn from other
 * data than the build ships (run `npm run posters`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger, Plugin } from 'vite';
import { posterAlt, POSTER_MANIFEST, POSTER_SHAPES, posterFile, type PosterManifest } from '../src/app/poster.ts';
import { parseWorldview, type Worldview } from '../src/data/worldviews.ts';
import { POSTER_TIMING_ID } from '../src/app/poster-paint.ts';

const MARKER = '<!-- map-poster -->';

/** The `<picture>` of the default language and worldview: the narrow picture on a phone, the wide one otherwise (its paint reported by Element Timing: `app/poster-paint.ts`). */
export function posterMarkup(worldview: Worldview, sizes: PosterManifest['sizes']): string {
  const sources = POSTER_SHAPES.filter((s) => s.media !== null).map(
    (s) => `<source media="${s.media}" srcset="${posterFile('en', worldview, s.id)}" width="${sizes[s.id].width}" height="${sizes[s.id].height}" />`,
  );
  const wide = POSTER_SHAPES.find((s) => s.media === null)!;
  const img = `<img src="${posterFile('en', worldview, wide.id)}" width="${sizes[wide.id].width}" height="${sizes[wide.id].height}" alt="${posterAlt('all')}" fetchpriority="high" elementtiming="${POSTER_TIMING_ID}" />`;
  return `<picture class="map-poster">${sources.join('')}${img}</picture>`;
}

/** Why the committed posters do not fit the build, or null when they do. */
export function posterProblem(publicDir: string): string | null {
  const file = join(publicDir, POSTER_MANIFEST);
  if (!existsSync(file)) return `no ${POSTER_MANIFEST}: the page has no poster (npm run posters)`;
  const posters = JSON.parse(readFileSync(file, 'utf8')) as PosterManifest;
  const data = JSON.parse(readFileSync(join(publicDir, 'data/manifest.json'), 'utf8')) as { content_hash: string };
  if (posters.contentHash !== data.content_hash) return 'the posters show older data than the build ships (npm run posters)';
  return null;
}

export function posterPlugin(): Plugin {
  let publicDir = '';
  let logger: Logger | undefined;
  let worldview: Worldview = 'intl';
  return {
    name: 'hsr-poster',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
      logger = config.logger;
      worldview = parseWorldview(config.env.VITE_DEFAULT_WORLDVIEW as string | undefined) ?? 'intl';
    },
    transformIndexHtml(html) {
      if (!html.includes(MARKER) || !publicDir) return html;
      const problem = posterProblem(publicDir);
      if (problem) logger?.warn(`poster: ${problem}`);
      const manifestFile = join(publicDir, POSTER_MANIFEST);
      if (!existsSync(manifestFile)) return html;
      const { sizes } = JSON.parse(readFileSync(manifestFile, 'utf8')) as PosterManifest;
      return html.replace(MARKER, posterMarkup(worldview, sizes));
    },
  };
}
