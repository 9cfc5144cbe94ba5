/**
 * `<hsr-map>`: the only element that touches MapLibre and deck.gl.
 *
 * Properties in: `lang`, `state`, `data`, `highlight` (features ringed besides
 * the selection), `dataFailed`, `manifest` (as soon as it is in: the base
 * map's files). The base map shows the worldview of `data` (of `state` until
 * data arrives), so it switches with the thematic layers, not before them.
 * Methods: `flyToFeature`, `fitBounds` (a country), `fly` (a story chapter's
 * flight; `null` ends it), `getCamera`, `getMap` (for the export), and for the
 * test hooks `deckLayers` and `setExtraLayers`.
 * Events out: `hsr-change` (camera moved by the user, feature clicked),
 * `hsr-map-status` ({ status: 'loading' | 'ready' | 'no-webgl' | 'restoring' }),
 * `hsr-detail-wanted` (the map nears the zoom where detailed outlines are drawn),
 * `hsr-map-drawn` (once: the first frame with the thematic layers drawn).
 *
 * Layers are rebuilt when what they show changes (layers, filters, mechanisms,
 * selection, highlights, data, language), not when only the camera moves.
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
import { createMap, setAttribution } from './create-map.ts';
import { BASEMAP_LAYER_IDS, basemapSlots } from './basemap-style.ts';
import { ONLINE_STYLE_URL } from './online-style.ts';
import { lodForZoom, noteBasemapData, setBasemapData, wantsDetail } from './lod.ts';
import { OVERVIEW_MAX_ZOOM, type Manifest } from '../data/contract.ts';
import { basemapFiles } from '../data/data-files.ts';
import { DEFAULT_WORLDVIEW, type Worldview } from '../data/worldviews.ts';
import { buildLayers, type LayerDescriptor, type PathDatum } from '../layers/build-layers.ts';
import { toDeckLayers } from '../layers/deck-layers.ts';
import { changeEvent, hsrEvent } from '../app/events.ts';
import type { AppState, Camera, Lang } from '../state/app-state.ts';
import type { Dataset, LevelOfDetail, MapFeature, PointDatum } from '../data/dataset.ts';
import { featureBounds, isPointBounds, type Bounds } from '../data/bounds.ts';
import { t, field, mapLocale, pick } from '../i18n/i18n.ts';
import { layerSpec } from '../layers/registry.ts';
import type { Padding } from './padding.ts';

export type MapStatus = 'loading' | 'ready' | 'no-webgl' | 'restoring';


/** A camera flight (story chapters): flies there, or jumps under prefers-reduced-motion or with `instant`. */
export interface Flight {
  camera: Camera;
  /** Kept while the flight is current: room for a caption panel. */
  padding: Padding;
  instant?: boolean;
}

const NO_PADDING: Padding = { top: 0, right: 0, bottom: 0, left: 0 };
/** Around a feature or country flown to, when the caller gives no padding. */
const FOCUS_PADDING: Padding = { top: 60, right: 60, bottom: 60, left: 60 };
/**
 * How long a lost WebGL context may take to come back before the map offers a
 * reload (the URL holds the view, so nothing is lost). Browsers restore within
 * a second or two when they restore at all; a GPU process that has given up never does.
 */
const RESTORE_WAIT_MS = 6000;
/** Long enough to follow where the map goes, short enough not to stall a talk. */
const FLIGHT_MS = 2200;

declare global {
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
    highlight: { attribute: false },
    dataFailed: { type: Boolean },
    status: { type: String, reflect: true },
    stalled: { state: true },
  };

  declare lang: Lang;
  declare state: AppState | null;
  declare data: Dataset | null;
  declare manifest: Manifest | null;
  /** Feature ids ringed besides the selection (a story chapter's subjects). */
  declare highlight: readonly string[];
  /** The data could not be loaded (the app says why): the base map is all there is, not a map still loading. */
  declare dataFailed: boolean;
  declare status: MapStatus;
  /** A lost context has not come back within `RESTORE_WAIT_MS`: a reload is offered. */
  declare stalled: boolean;
  private stallTimer: ReturnType<typeof setTimeout> | undefined;

  private map?: MapLibreMap;
  /** The current story flight (kept across rebuilds: its padding leaves room for the caption); null when not presenting. */
  private flight: Flight | null = null;
  /** What the layers were last built from: a camera move alone does not rebuild them. */
  private layerInputs: unknown[] = [];
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
  private drawnLayers: Layer[] = [];
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
    this.highlight = [];
    this.dataFailed = false;
    this.status = 'loading';
    this.stalled = false;
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
      ${this.status === 'restoring'
        ? html`<div class="hsr-map__message" role=${this.stalled ? 'alert' : 'status'}>
            <p>${t(lang, this.stalled ? 'map.contextStalled' : 'map.contextLost')}</p>
            ${this.stalled ? html`<button class="hsr-map__reload" type="button" @click=${() => location.reload()}>${t(lang, 'map.reload')}</button>` : null}
          </div>`
        : null}
      ${this.status === 'loading' || (this.status === 'ready' && !this.data && !this.dataFailed) ? html`<p class="hsr-map__loading" role="status">${t(lang, 'map.loading')}</p>` : null}`;
  }

  protected override firstUpdated(): void {
    this.container = this.querySelector('.hsr-map__canvas') as HTMLDivElement;
    this.initMap();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.stallTimer);
    this.teardown();
  }

  /** Sets the status and tells the app (which enables export only on a ready map). */
  private setStatus(status: MapStatus) {
    this.status = status;
    clearTimeout(this.stallTimer);
    this.stalled = false;
    if (status === 'restoring') this.stallTimer = setTimeout(() => (this.stalled = this.status === 'restoring'), RESTORE_WAIT_MS);
    this.dispatchEvent(hsrEvent('hsr-map-status', { status }));
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
    const result = createMap(this.container, { lang: this.lang, locale: mapLocale(this.lang), worldview: this.attributionWorldview, styleUrl: online, dataUrl: urls });
    if (!result.ok) {
      console.warn('map unavailable:', result.error.message);
      this.glError = result.error.name;
      this.status = 'no-webgl';
      this.dispatchEvent(hsrEvent('hsr-map-status', { status: 'no-webgl', error: result.error.message }));
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
        this.dispatchEvent(hsrEvent('hsr-detail-wanted'));
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
    if (this.layersChanged()) this.updateLayers();
    // A chapter flight owns the camera until it lands (or the user grabs the map): no jump cuts it short.
    if (changed.has('state') && this.state?.camera && !this.flying && !this.lastCameraEquals(this.state.camera)) this.jumpTo(this.state.camera);
  }

  /** Whether anything the layers are built from changed since they were last built (not the camera). */
  private layersChanged(): boolean {
    const s = this.state;
    const inputs = [this.data, this.lang, this.highlight, s?.layers, s?.filters, s?.mechanisms, s?.selected];
    const same = inputs.length === this.layerInputs.length && inputs.every((x, i) => x === this.layerInputs[i]);
    return !same;
  }

  private quietly(f: () => void) {
    this.quiet = true;
    try {
      f();
    } finally {
      this.quiet = false;
    }
  }

  /**
   * Flies (or jumps) to a story chapter's camera, framing it in the area the
   * padding leaves free; the flight and its padding stay current (across
   * rebuilds) until the next. `null` ends it: the padding goes, before the view
   * to return to (in `state.camera`) is applied.
   */
  fly(f: Flight | null): void {
    this.flight = f;
    if (!this.map) return;
    if (!f) {
      this.quietly(() => this.map!.stop().setPadding(NO_PADDING));
      this.flying = false;
      return;
    }
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
    if (this.drawn || !this.layersSet || !this.drawnLayers.every((l) => l.isLoaded)) return;
    this.drawn = true;
    this.dispatchEvent(hsrEvent('hsr-map-drawn'));
  }

  /** The zoom from which the data's detailed outlines are drawn (the manifest says; default `OVERVIEW_MAX_ZOOM`). */
  private overviewMaxZoom(): number {
    return this.data?.manifest.layers.find((l) => l.overview)?.overview?.max_zoom ?? OVERVIEW_MAX_ZOOM;
  }

  private updateLayers() {
    if (!this.overlay || !this.state || !this.data || !this.styleReady) return;
    const s = this.state;
    this.layerInputs = [this.data, this.lang, this.highlight, s.layers, s.filters, s.mechanisms, s.selected];
    this.lod = this.map ? lodForZoom(this.map.getZoom(), this.overviewMaxZoom()) : 'detailed';
    // Country fills go under our base map's borders; an online style's borders are not known, so they are stroked.
    const slots = basemapSlots((id) => !!this.map?.getLayer(id));
    const descriptors = buildLayers(this.state, this.data, this.highlight, this.lod, { borders: !!slots.borders });
    // Under the labels: ours, or an online style's first symbol layer.
    // (getStyle() is undefined while a style is being replaced or the context restored.)
    const labels = slots.labels ?? (this.basemap === 'online' ? this.map?.getStyle()?.layers?.find((l) => l.type === 'symbol')?.id : undefined);
    this.drawnLayers = toDeckLayers([...descriptors, ...this.extraLayers], { ...slots, labels });
    this.overlay.setProps({ layers: this.drawnLayers });
    this.layersSet = true;
  }

  private tooltip(info: PickingInfo) {
    const f = featureOf(info);
    if (!f) return null;
    const spec = layerSpec(f.properties.layer);
    return { text: `${field(this.lang, f.properties, 'name')}\n${pick(this.lang, spec.title)}`, className: 'hsr-tooltip' };
  }

  private onClick(info: PickingInfo) {
    const f = featureOf(info);
    this.dispatchEvent(changeEvent({ selected: f ? f.properties.id : null }));
  }

  /**
   * Flies to a feature: a point at zoom 4.5 or closer, a shape fitted (to zoom 6 at most).
   * @param padding - room for what covers the map (the detail panel), measured by the caller
   */
  flyToFeature(id: string, padding: Padding = FOCUS_PADDING): void {
    const f = this.data?.byId.get(id);
    const b = f ? featureBounds(f) : null;
    if (!b || !this.map) return;
    const animate = !reducedMotion();
    if (isPointBounds(b)) this.map.flyTo({ center: b[0], zoom: Math.max(this.map.getZoom(), 4.5), animate, essential: false, padding });
    else this.map.fitBounds(b, { padding, absolutePadding: true, maxZoom: 6, animate, duration: animate ? 1200 : 0 });
  }

  /** Fits the map to bounds (a country's main parts); a point is flown to at zoom 5 or closer. */
  fitBounds(b: Bounds, padding: Padding = FOCUS_PADDING): void {
    if (!this.map) return;
    const animate = !reducedMotion();
    if (isPointBounds(b)) this.map.flyTo({ center: b[0], zoom: Math.max(this.map.getZoom(), 5), animate, essential: false, padding });
    else this.map.fitBounds(b, { padding, absolutePadding: true, maxZoom: 6.5, animate, duration: animate ? 1200 : 0 });
  }

  /** Where the map is now (the presenter saves it to return to), or null without a map. */
  getCamera(): Camera | null {
    return this.map ? cameraOf(this.map) : null;
  }

  /** The MapLibre map, for the export (which reads its camera) and the test hooks. */
  getMap(): MapLibreMap | undefined {
    return this.map;
  }

  /** The deck.gl layers last handed to the overlay. */
  deckLayers(): readonly Layer[] {
    return this.drawnLayers;
  }

  /** Draws these descriptors on top of the app's own layers (the bench's synthetic scale data); `[]` removes them. */
  setExtraLayers(descriptors: LayerDescriptor[]): void {
    this.extraLayers = descriptors;
    this.updateLayers();
  }
}

customElements.define('hsr-map', HsrMap);

export { BASEMAP_LAYER_IDS };
