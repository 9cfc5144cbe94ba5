/**
 * The bench's baseline page: the project's base map (`createMap`, same style,
 * same `data/basemap/` files, same controls) drawn by MapLibre alone — no Lit
 * app, no deck.gl, no thematic layers. Every figure of the site is printed as a
 * ratio to this page measured in the same run. The base map's files come from
 * the manifest, as on the site.
 */
import { createMap } from '../../src/map/create-map.ts';
import { loadManifest } from '../../src/data/load-data.ts';
import { basemapFiles } from '../../src/data/data-files.ts';
import { DEFAULT_WORLDVIEW } from '../../src/data/worldviews.ts';
import './baseline.css';

const container = document.getElementById('map') as HTMLDivElement;
const base = new URL('data/', document.baseURI);
const manifest = await loadManifest(base);
const result = createMap(container, { lang: 'en', dataUrl: basemapFiles(manifest, DEFAULT_WORLDVIEW, base) });
if (!result.ok) {
  container.textContent = `No map: ${result.error.message}`;
} else if (new URLSearchParams(location.search).has('test')) {
  window.__map = result.map;
}
