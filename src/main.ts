/**
 * Entry point: the global styles, then the application element.
 *
 * The application (`app/start.ts`: MapLibre, deck.gl, the panels, ~550 kB gzip)
 * is imported only after the browser has painted index.html's static shell
 * (title, what the map is, "Loading the map…"): evaluating it takes seconds on a
 * phone, and the page should not stay blank meanwhile. (No `modulepreload` for
 * the chunk: its download would compete with the shell's first paint.) With a
 * poster in the page, after the poster has been painted (`app/poster-paint.ts`).
 * `<hsr-app>` then reads the URL, loads the data and hides the shell.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './map/map.css';
import './styles/app.css';
import 'virtual:hsr-lang-fonts.css';

import { posterPainted } from './app/poster-paint.ts';

void posterPainted()
  .then(() => import('./app/start.ts'))
  .catch((e: unknown) => {
    // A chunk that cannot load (offline on a first visit, a broken deploy): say so in the shell.
    console.error('the application could not load:', e);
    document.querySelector('.app-shell__body')?.setAttribute('data-failed', '');
  });
