/**
 * The bench's baseline page: the project's base map (`createMap`, same style,
 * same `data/basemap/` files, same controls) drawn by MapLibre alone — no Lit
 * app, no deck.gl, no thematic layers. Every figure of the site is printed as a
 * ratio to this page measured in the same run.
 */
import { createMap } from '../../src/map/create-map.ts';
import './baseline.css';

const container = document.getElementById('map') as HTMLDivElement;
const result = createMap(container, { lang: 'en' });
if (!result.ok) {
  container.textContent = `No map: ${result.error.message}`;
} else if (new URLSearchParams(location.search).has('test')) {
  window.__map = result.map;
}
