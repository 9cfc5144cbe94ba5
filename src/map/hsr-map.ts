/**
 * `<hsr-map>`: the only element that touches MapLibre and deck.gl.
 *
 * Properties in: `lang`, `state`, `data`, `manifest` (as soon as it is in: the base
 * map's files), `focusRequest` (fly to a feature, or fit a country).
 * The base map shows the worldview of `data` (of `state` until data arrives), so
 * it switches with the thematic layers, not before them.
 * Events out: `hsr-change` (camera moved by the user, feature clicked),
 * `hsr-map-status` ({ status: 'loading' | 'ready' | 'no-webgl' | 'restoring' }),
 * `hsr-detail-wanted` (the map nears the zoom where detailed outlines are drawn),
 * `hsr-map-drawn` (once: the first frame with the thematic layers drawn).
 *
 * Thematic layers are interleaved into MapLibre's own WebGL2 context through
 * `@deck.gl/maplibre`'s MapLibreOverlay, under the base map's labels.
 * After a WebGL context loss MapLibre restores its style but not custom layers,
 * and re-adding an overlay to the restored context fails: so the map and the
 * overlay are rebuilt from scratch in the same container.
 */
import { LitElement, html, css, type PropertyValues } from 'lit';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Geometry } from 'geojson';
import { createMap, setAttribution } from './create-map.ts';
import { BASEMAP_LAYER_IDS, basemapSlots } from './basemap-style.ts';
import { ONLINE_STYLE_URL } from './online-style.ts';
import { lodForZoom, noteBasemapData, setBasemapData, wantsDetail } from './lod.ts';
import { OVERVIEW_MAX_ZOOM, type Manifest } from '../data/contract.ts';
import { basemapFiles, dataFile } from '../data/data-files.ts';
import { DEFAULT_WORLDVIEW, type Worldview } from '../data/worldviews.ts';
import { buildLayers } from '../layers/build-layers.ts';
import { toDeckLayers } from '../layers/deck-layers.ts';
import { changeEvent } from '../app/events.ts';
import type { AppState, Camera, Lang } from '../state/app-state.ts';
import type { Dataset, LevelOfDetail, MapFeature, PointDatum } from '../data/dataset.ts';
import { countryBounds, geometryBounds, isPointBounds, unionBounds, type Bounds } from './feature-bounds.ts';
import { t, field } from '../i18n/i18n.ts';
import { layerSpec } from '../layers/registry.ts';
import type { LayerDescriptor, PathDatum } from '../layers/build-layers.ts';

export type MapStatus = 'loading' | 'ready' | 'no-webgl' | 'restoring';

/** Fly to a feature (`id`) or fit a country (`country`, ISO 3166-1 alpha-2). */
export interface FocusRequest {
  id?: string;
  country?: string;
  /** Changes on every request, so asking twice for the same feature flies twice. */
  nonce: number;
}

/**
 * Bounds of every country of the base map, loaded on the first country focus
 * from the file the map draws in the worldview (its overview outlines: already
 * fetched, so from the cache, and plenty for framing). One index per file.
 */
const countryIndexes = new Map<string, Promise<Map<string, Bounds>>>();
function loadCountryIndex(data: Dataset | null): Promise<Map<string, Bounds>> {
  const entry = data?.manifest.basemap.find((b) => b.id === 'countries');
  if (!entry || !data) return Promise.resolve(new Map());
  const url = new URL(`data/${dataFile(entry, data.worldview, 'overview')}`, document.baseURI).href;
  let countryIndex = countryIndexes.get(url);
  if (countryIndex) return countryIndex;
  countryIndex = fetch(url)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then((fc: { features?: { properties?: { iso2?: unknown }; geometry?: Geometry }[] }) => {
      const out = new Map<string, Bounds>();
      for (const f of fc.features ?? []) {
        const b = typeof f.properties?.iso2 === 'string' && f.geometry ? countryBounds(f.geometry) : null;
        if (b) out.set(f.properties!.iso2 as string, b);
      }
      return out;
    })
    .catch((e: Error) => {
      countryIndexes.delete(url);
      console.warn('country outlines unavailable:', e.message);
      return new Map<string, Bounds>();
    });
  countryIndexes.set(url, countryIndex);
  return countryIndex;
}

/** Padding in CSS pixels: the camera centres its target in the area the padding leaves free. */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A camera flight (story chapters): flies there, or jumps under prefers-reduced-motion or with `instant`. */
export interface Flight {
  camera: Camera;
  /** Kept while the flight is current: room for a caption panel. */
  padding: Padding;
  /** Changes on every request, so asking twice for the same view flies twice. */
  nonce: number;
  instant?: boolean;
}

const NO_PADDING: Padding = { top: 0, right: 0, bottom: 0, left: 0 };
/** Long enough to follow where the map goes, short enough not to stall a talk. */
const FLIGHT_MS = 2200;

/** Test hook, present only with `?test` in the URL. */
export interface MapTestHook {
  overlay: MapLibreOverlay;
  /** Ids of the deck.gl layers currently drawn. */
  deckLayerIds(): string[];
  status: MapStatus;
  /** Draws these descriptors on top of the app's own layers (the bench's synthetic scale data); `[]` removes them. */
  setExtraLayers(descriptors: LayerDescriptor[]): void;
}

declare global {
  interface Window {
    /** The MapLibre map, with `?test` only. */
    __map?: MapLibreMap;
    __hsrMap?: MapTestHook;
  }
  interface HTMLElementTagNameMap {
    'hsr-map': HsrMap;
  }
}

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

function featureOf(info: PickingInfo): MapFeature | undefined {
  const o = info.object as (MapFeature & Partial<PointDatum & PathDatum>) | undefined;
  if (!o) return undefined;
  if ('feature' in o && o.feature) return o.feature;
  return (o as MapFeature).properties ? (o as MapFeature) : undefined;
}

function cameraOf(map: MapLibreMap): Camera {
  const c = map.getCenter();
  return { lon: c.lng, lat: c.lat, zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
}

function sameCamera(a: Camera, b: Camera): boolean {
  return Math.abs(a.lon - b.lon) < 1e-4 && Math.abs(a.lat - b.lat) < 1e-4 && Math.abs(a.zoom - b.zoom) < 1e-3 && Math.abs(a.bearing - b.bearing) < 0.05 && Math.abs(a.pitch - b.pitch) < 0.05;
}

export class HsrMap extends LitElement {
  static override properties = {
    lang: { type: String },
    state: { attribute: false },
    data: { attribute: false },
    manifest: { attribute: false },
    focusRequest: { attribute: false },
    flight: { attribute: false },
    highlight: { attribute: false },
    status: { type: String, reflect: true },
  };

  declare lang: Lang;
  declare state: AppState | null;
  declare data: Dataset | null;
  declare manifest: Manifest | null;
  declare focusRequest: FocusRequest | null;
  /** The current story flight; null when not presenting (padding is then removed). */
  declare flight: Flight | null;
  /** Feature ids ringed besides the selection (a story chapter's subjects). */
  declare highlight: readonly string[];
  declare status: MapStatus;

  private map?: MapLibreMap;
  private overlay?: MapLibreOverlay;
  private container?: HTMLDivElement;
  /** The camera we last set or reported, to tell user moves from ours. */
  private lastCamera?: Camera;
  private styleReady = false;
  /** A chapter flight is under way. */
  private flying = false;
  /** Our own camera calls (stopping a flight, dropping the padding) are not the user's moves: not reported. */
  private quiet = false;
  /** The base map the current map was created with. */
  private basemap: 'offline' | 'online' = 'offline';
  /** The deck.gl layers last handed to the overlay. */
  private deckLayers: Layer[] = [];
  /** `hsr-map-drawn` has been sent. */
  private drawn = false;
  /** The overlay has been given the layers for the data (possibly none). */
  private layersSet = false;
  /** The outlines last drawn (overview below the data's max_zoom). */
  private lod: LevelOfDetail = 'overview';
  /** The base map's outlines: overview until the map first nears the detail zoom, then detailed for good. */
  private basemapLod: LevelOfDetail = 'overview';
  /** The worldview whose disclaimer the attribution shows. */
  private attributionWorldview: Worldview = DEFAULT_WORLDVIEW;
  /** `hsr-detail-wanted` has been sent (once per page: the app then keeps the detail coming). */
  private detailAsked = false;
  /** Layers added through the test hook (`setExtraLayers`), never by the app. */
  private extraLayers: LayerDescriptor[] = [];
  /** Why the map could not be created (shown under the message, rendered in the current language). */
  private glError = '';

  constructor() {
    super();
    this.lang = 'en';
    this.state = null;
    this.data = null;
    this.manifest = null;
    this.focusRequest = null;
    this.flight = null;
    this.highlight = [];
    this.status = 'loading';
  }

  // MapLibre's stylesheet is global; render in light DOM so it applies.
  protected override createRenderRoot() {
    return this;
  }

  static override styles = css``;

  override render() {
    const lang = this.lang;
    // The canvas container belongs to MapLibre (it is emptied and refilled on rebuilds): messages are its siblings.
    return html`<div class="hsr-map__canvas" role="region" aria-label=${t(lang, 'app.title')}></div>
      ${this.status === 'no-webgl'
        ? html`<div class="hsr-map__failed">
            <div class="map-error" role="alert">
              <p class="map-error__title">${t(lang, 'map.noWebglTitle')}</p>
              <p>${t(lang, 'map.noWebgl')}</p>
              <p class="map-error__detail">${this.glError}</p>
            </div>
          </div>`
        : null}
      ${this.status === 'restoring' ? html`<div class="hsr-map__message" role="status"><p>${t(lang, 'map.contextLost')}</p></div>` : null}
      ${this.status === 'loading' || (this.status === 'ready' && !this.data) ? html`<p class="hsr-map__loading" role="status">${t(lang, 'map.loading')}</p>` : null}`;
  }

  protected override firstUpdated(): void {
    this.container = this.querySelector('.hsr-map__canvas') as HTMLDivElement;
    this.initMap();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.teardown();
  }

  /** Sets the status and tells the app (which enables export only on a ready map). */
  private setStatus(status: MapStatus) {
    this.status = status;
    this.dispatchEvent(new CustomEvent('hsr-map-status', { detail: { status }, bubbles: true, composed: true }));
  }

  private teardown() {
    this.flying = false;
    this.overlay?.finalize();
    this.map?.remove();
    this.map = undefined;
    this.overlay = undefined;
    this.styleReady = false;
  }

  /** The worldview the base map shows: the data's (so it switches with the layers), else the state's. */
  private worldview(): Worldview {
    return this.data?.worldview ?? this.state?.worldview ?? DEFAULT_WORLDVIEW;
  }

  /** The base map's file URLs in the worldview, from the manifest (undefined until it is in). */
  private basemapUrls() {
    const m = this.manifest ?? this.data?.manifest;
    return m ? basemapFiles(m, this.worldview(), new URL('data/', document.baseURI)) : undefined;
  }

  /** Points the base map at the worldview's files (and the attribution at its disclaimer). */
  private syncBasemap() {
    const map = this.map;
    const urls = this.basemapUrls();
    if (!map || !this.styleReady) return;
    const wv = this.worldview();
    if (wv !== this.attributionWorldview) {
      this.attributionWorldview = wv;
      setAttribution(map, this.lang, wv);
    }
    if (urls && this.basemap === 'offline') setBasemapData(map, urls, this.basemapLod);
  }

  private initMap() {
    if (!this.container) return;
    const online = this.state?.basemap === 'online' ? ONLINE_STYLE_URL : null;
    this.basemap = online ? 'online' : 'offline';
    const urls = this.basemapUrls();
    this.attributionWorldview = this.worldview();
    const result = createMap(this.container, { lang: this.lang, worldview: this.attributionWorldview, styleUrl: online, dataUrl: urls });
    if (!result.ok) {
      console.warn('map unavailable:', result.error.message);
      this.glError = result.error.name;
      this.status = 'no-webgl';
      this.dispatchEvent(new CustomEvent('hsr-map-status', { detail: { status: 'no-webgl', error: result.error.message }, bubbles: true, composed: true }));
      return;
    }
    const map = result.map;
    this.map = map;
    if (urls) noteBasemapData(map, urls, this.basemapLod);
    if (this.state?.camera) this.jumpTo(this.state.camera);
    this.overlay = new MapLibreOverlay({
      interleaved: true,
      layers: [],
      getTooltip: (info: PickingInfo) => this.tooltip(info),
      onClick: (info: PickingInfo) => this.onClick(info),
      onAfterRender: () => this.checkDrawn(),
    });
    map.addControl(this.overlay);
    map.on('moveend', () => this.onMoveEnd());
    // Overview outlines at world scale, detailed ones from the manifest's max_zoom (map/lod.ts):
    // ask for the detailed files a little before, and redraw when the level changes.
    const onZoom = () => {
      const zoom = map.getZoom();
      if (!this.detailAsked && wantsDetail(zoom, this.overviewMaxZoom())) {
        this.detailAsked = true;
        this.dispatchEvent(new CustomEvent('hsr-detail-wanted', { bubbles: true, composed: true }));
      }
      if (this.basemapLod === 'overview' && wantsDetail(zoom, this.overviewMaxZoom())) {
        this.basemapLod = 'detailed';
        this.syncBasemap();
      }
      if (lodForZoom(zoom, this.overviewMaxZoom()) !== this.lod) this.updateLayers();
    };
    map.on('zoom', onZoom);
    // A link may open the map zoomed in already.
    map.once('load', onZoom);
    if (online) {
      // The online style cannot load (no network, a moved URL): back to the built-in base map, nothing lost.
      map.on('error', (e) => {
        if (this.styleReady || this.map !== map) return;
        console.warn('online base map unavailable, using the built-in one:', e.error?.message);
        this.dispatchEvent(changeEvent({ basemap: 'offline' }));
      });
    }
    map.on('load', () => {
      this.styleReady = true;
      this.syncBasemap();
      this.updateLayers();
      this.setStatus('ready');
    });
    const canvas = map.getCanvas();
    canvas.addEventListener('webglcontextlost', (e) => {
      e.preventDefault();
      // Told to the app too: nothing may read the canvas (export) until the map is back.
      this.setStatus('restoring');
    });
    canvas.addEventListener('webglcontextrestored', () => {
      const camera = this.map ? cameraOf(this.map) : undefined;
      this.teardown();
      this.container!.replaceChildren();
      this.setStatus('loading');
      this.initMap();
      if (camera) this.jumpTo(camera);
      // A story chapter keeps its framing (and padding) across the rebuild, as after a language switch.
      if (this.flight) this.fly({ ...this.flight, instant: true });
    });
    if (new URLSearchParams(location.search).has('test')) {
      const self = this;
      window.__map = map;
      window.__hsrMap = {
        overlay: this.overlay,
        deckLayerIds: () => ((this.overlay as unknown as { _props?: { layers?: { id: string }[] } })._props?.layers ?? []).map((l) => l.id),
        get status() {
          return self.status;
        },
        setExtraLayers: (descriptors: LayerDescriptor[]) => {
          this.extraLayers = descriptors;
          this.updateLayers();
        },
      };
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!this.map) return;
    const basemapChanged = changed.has('state') && ((this.state?.basemap === 'online' && ONLINE_STYLE_URL ? 'online' : 'offline') !== this.basemap);
    if ((changed.has('lang') && changed.get('lang') !== undefined) || basemapChanged) {
      // Labels, their fonts, the attribution and the controls' titles all depend on the
      // language; rebuilding the map (keeping the camera) is simpler and safer than patching each.
      const camera = cameraOf(this.map);
      this.teardown();
      this.container!.replaceChildren();
      this.setStatus('loading');
      this.initMap();
      this.jumpTo(camera);
      // A story chapter keeps its framing (and padding) across the rebuild.
      if (this.flight) this.fly({ ...this.flight, instant: true });
      return;
    }
    if (changed.has('manifest') || changed.has('data')) this.syncBasemap();
    if (changed.has('state') || changed.has('data') || changed.has('lang') || changed.has('highlight')) this.updateLayers();
    // Leaving a story: end its flight and padding before the view to return to (in `state.camera`) is applied.
    if (changed.has('flight') && !this.flight && changed.get('flight')) {
      this.quietly(() => this.map!.stop().setPadding(NO_PADDING));
      this.flying = false;
    }
    // A chapter flight owns the camera until it lands (or the user grabs the map): no jump cuts it short.
    if (changed.has('state') && this.state?.camera && !this.flying && !this.lastCameraEquals(this.state.camera)) this.jumpTo(this.state.camera);
    if (changed.has('focusRequest') && this.focusRequest) {
      const r = this.focusRequest;
      if (r.id) this.flyToFeature(r.id);
      else if (r.country) void this.fitCountry(r.country, r.nonce);
    }
    if (changed.has('flight') && this.flight) this.fly(this.flight);
  }

  private quietly(f: () => void) {
    this.quiet = true;
    try {
      f();
    } finally {
      this.quiet = false;
    }
  }

  /** Flies (or jumps) to a story chapter's camera, framing it in the area the padding leaves free. */
  private fly(f: Flight) {
    if (!this.map) return;
    const c = f.camera;
    this.lastCamera = c;
    const options = { center: [c.lon, c.lat] as [number, number], zoom: c.zoom, bearing: c.bearing, pitch: c.pitch, padding: f.padding };
    this.quietly(() => this.map!.stop());
    // The presentation's layout (no header, no side panel) may not have reached MapLibre's resize
    // observer yet on a slow device: a flight planned on the old size lands off its target.
    const box = this.map.getContainer();
    const canvas = this.map.getCanvas();
    if (box.clientWidth !== canvas.clientWidth || box.clientHeight !== canvas.clientHeight) this.quietly(() => this.map!.resize());
    if (f.instant || reducedMotion()) this.map.jumpTo(options);
    else {
      this.flying = true;
      const map = this.map;
      map.once('moveend', () => {
        if (this.map === map) this.flying = false;
      });
      map.flyTo({ ...options, duration: FLIGHT_MS, essential: false });
    }
  }

  private lastCameraEquals(c: Camera) {
    return this.lastCamera ? sameCamera(this.lastCamera, c) : this.map ? sameCamera(cameraOf(this.map), c) : false;
  }

  private jumpTo(c: Camera) {
    this.lastCamera = c;
    this.map?.jumpTo({ center: [c.lon, c.lat], zoom: c.zoom, bearing: c.bearing, pitch: c.pitch });
  }

  /** Reports where the map now is, whoever moved it (the URL should always show the view). */
  private onMoveEnd() {
    if (!this.map || this.quiet) return;
    const c = cameraOf(this.map);
    if (this.lastCamera && sameCamera(this.lastCamera, c)) return;
    this.lastCamera = c;
    this.dispatchEvent(changeEvent({ camera: c }));
  }


  /**
   * Sends `hsr-map-drawn` once, after the first frame in which the thematic layers
   * were drawn with their data loaded (MapLibre's `idle` does not wait for deck.gl):
   * the app then loads what the first paint did not need.
   */
  private checkDrawn() {
    // (No layers switched on counts as drawn: the base map is all there is.)
    if (this.drawn || !this.layersSet || !this.deckLayers.every((l) => l.isLoaded)) return;
    this.drawn = true;
    this.dispatchEvent(new CustomEvent('hsr-map-drawn', { bubbles: true, composed: true }));
  }

  /** The zoom from which the data's detailed outlines are drawn (the manifest says; default `OVERVIEW_MAX_ZOOM`). */
  private overviewMaxZoom(): number {
    return this.data?.manifest.layers.find((l) => l.overview)?.overview?.max_zoom ?? OVERVIEW_MAX_ZOOM;
  }

  private updateLayers() {
    if (!this.overlay || !this.state || !this.data || !this.styleReady) return;
    this.lod = this.map ? lodForZoom(this.map.getZoom(), this.overviewMaxZoom()) : 'detailed';
    // Country fills go under our base map's borders; an online style's borders are not known, so they are stroked.
    const slots = basemapSlots((id) => !!this.map?.getLayer(id));
    const descriptors = buildLayers(this.state, this.data, this.highlight, this.lod, { borders: !!slots.borders });
    // Under the labels: ours, or an online style's first symbol layer.
    // (getStyle() is undefined while a style is being replaced or the context restored.)
    const labels = slots.labels ?? (this.basemap === 'online' ? this.map?.getStyle()?.layers?.find((l) => l.type === 'symbol')?.id : undefined);
    this.deckLayers = toDeckLayers([...descriptors, ...this.extraLayers], { ...slots, labels });
    this.overlay.setProps({ layers: this.deckLayers });
    this.layersSet = true;
  }

  private tooltip(info: PickingInfo) {
    const f = featureOf(info);
    if (!f) return null;
    const spec = layerSpec(f.properties.layer);
    return { text: `${field(this.lang, f.properties, 'name')}\n${this.lang === 'zh' ? spec.title.zh : spec.title.en}`, className: 'hsr-tooltip' };
  }

  private onClick(info: PickingInfo) {
    const f = featureOf(info);
    this.dispatchEvent(changeEvent({ selected: f ? f.properties.id : null }));
  }

  private flyToFeature(id: string) {
    const f = this.data?.byId.get(id);
    if (!f || !this.map) return;
    const b = geometryBounds(f.geometry);
    if (!b) return;
    const animate = !reducedMotion();
    const padding = { top: 60, bottom: 60, left: 60, right: window.innerWidth > 900 ? 420 : 60 };
    if (isPointBounds(b)) this.map.flyTo({ center: b[0], zoom: Math.max(this.map.getZoom(), 4.5), animate, essential: false, padding });
    else this.map.fitBounds(b, { padding, maxZoom: 6, animate, duration: animate ? 1200 : 0 });
  }

  /** Where the map is now (the presenter saves it to return to), or null without a map. */
  getCamera(): Camera | null {
    return this.map ? cameraOf(this.map) : null;
  }

  /** Fits the map to a country (its main parts); the data's places in it when the base map does not have it. */
  private async fitCountry(iso2: string, nonce: number) {
    const index = await loadCountryIndex(this.data);
    if (!this.map || this.focusRequest?.nonce !== nonce) return;
    const places = this.data ? [...this.data.byId.values()].flatMap((f) => f.properties.places.filter((p) => p.country === iso2).map((p) => ({ type: 'Point' as const, coordinates: p.coordinates }))) : [];
    const b = index.get(iso2) ?? unionBounds(places);
    if (!b) return;
    const animate = !reducedMotion();
    if (isPointBounds(b)) this.map.flyTo({ center: b[0], zoom: Math.max(this.map.getZoom(), 5), animate, essential: false });
    else this.map.fitBounds(b, { padding: 48, maxZoom: 6.5, animate, duration: animate ? 1200 : 0 });
  }

  /** The MapLibre map, for the export (which reads its camera). */
  getMap(): MapLibreMap | undefined {
    return this.map;
  }
}

customElements.define('hsr-map', HsrMap);

export { BASEMAP_LAYER_IDS };
