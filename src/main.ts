/**
 * Entry point of the minimal page: a full-viewport base map.
 *
 * Query flags: `lang=en|zh` (default: the browser's language), `test` (exposes
 * the map as `window.__map` for the browser tests; always exposed in dev).
 */
import './map/map.css';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { BasemapLang } from './map/basemap-style.ts';
import { createMap, showMapError } from './map/create-map.ts';

declare global {
  interface Window {
    /** The map, for tests and debugging (dev builds, or `?test`). */
    __map?: MapLibreMap;
  }
}

const params = new URLSearchParams(location.search);
const langParam = params.get('lang');
const lang: BasemapLang = langParam === 'zh' || langParam === 'en' ? langParam : navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : 'en';
document.title = lang === 'zh' ? '健康丝绸之路地图' : 'Health Silk Road Map';

const container = document.getElementById('map');
if (!container) throw new Error('index.html has no #map element');
container.setAttribute('aria-label', lang === 'zh' ? '地图' : 'Map');

/**
 * Module scripts may run before the stylesheet Vite links after them has loaded;
 * the map must be created once the container has its full-viewport size, or the
 * initial `bounds` are fitted to a 0 × 0 box.
 */
function stylesheetsLoaded(): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => window.addEventListener('load', () => resolve(), { once: true }));
}

await stylesheetsLoaded();
const result = createMap(container, { lang });
if (result.ok) {
  if (import.meta.env.DEV || params.has('test')) window.__map = result.map;
} else {
  console.warn('map unavailable:', result.error.message);
  showMapError(container, lang, result.error);
}
