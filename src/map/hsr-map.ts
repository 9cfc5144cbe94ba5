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
 * `hsr-map-drawn` (once: the first frame with the thematic layers drawn),
 * `hsr-basemap-missing` (built-in base-map files that did not load).
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
import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { createMap, setAttribution } from './create-map.ts';
import { basemapSlots } from './basemap-style.ts';
import { ONLINE_STYLE_URL } from './online-style.ts';
import { lodForZoom, noteBasemapData, setBasemapData, wantsDetail } from './lod.ts';
import { OVERVIEW_MAX_ZOOM, type Manifest } from '../data/contract.ts';
import { basemapFiles } from '../data/data-files.ts';
import { DEFAULT_WORLDVIEW, type Worldview } from '../data/worldviews.ts';
import { buildLayers, markSize, pointMarks, visibleFeatures, type LayerDescriptor, type MapView, type PathDatum } from '../layers/build-layers.ts';
import { clickChoice } from './pick-areas.ts';
import { toDeckLayers } from '../layers/deck-layers.ts';
import { clusterZoom, isCluster, type Mark } from '../layers/cluster.ts';
import { changeEvent, hsrEvent } from '../app/events.ts';
import type { AppState, Camera, Lang } from '../state/app-state.ts';
import type { Dataset, LevelOfDetail, MapFeature, PointDatum } from '../data/dataset.ts';
import { featureBounds, isPointBounds, type Bounds } from '../data/bounds.ts';
import { t, field, mapLocale, pick, punctuation } from '../i18n/i18n.ts';
import { layerSpec, styleContextOf } from '../layers/registry.ts';
import { zoomToPlace, type Padding } from './padding.ts';
import { THEMES, applyBasemapTheme, type MapTheme } from './theme.ts';
import { setObstacles } from './symbol-obstacles.ts';
import { ARROWS, nearestInDirection, nearestTo } from './keyboard-nav.ts';
import { describeView } from './view-description.ts';
import { countryLabel, countryNames } from '../data/search-index.ts';
import './pick-menu.ts';

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

/**
 * How far outside a symbol's edge a click still reaches it (CSS pixels): a
 * finger covers more than a pointer, and a tap is never as precise.
 */
const HIT_SLOP = { mouse: 4, touch: 14 } as const;
/** After the camera rests this long, the view is described to screen readers (a burst of moves says it once). */
const DESCRIBE_AFTER_MS = 900;
/** The badge's tooltip names this many features, then says how many more. */
const TOOLTIP_NAMES = 8;

/** The MapLibre layer that draws a deck.gl layer in interleaved mode (as @deck.gl/maplibre names it; `layer-utils.js`, not exported). */
function deckGroupId(layer: Layer): string {
  const beforeId = (layer.props as { beforeId?: string }).beforeId;
  return beforeId ? `deck-maplibre-layer-group-before:${beforeId}` : 'deck-maplibre-layer-group-last';
}

function featureOf(info: PickingInfo): MapFeature | undefined {
  const o = info.object as (MapFeature & Partial<PointDatum & PathDatum>) | undefined;
  if (!o) return undefined;
  if ('feature' in o && o.feature) return o.feature;
  return (o as MapFeature).properties ? o : undefined;
}

/** The features of a badge, once each (a feature with two positions in one badge is one item). */
function uniqueMembers(m: Mark): PointDatum[] {
  const seen = new Set<string>();
  return m.members.filter((d) => !seen.has(d.feature.properties.id) && !!seen.add(d.feature.properties.id));
}

function cameraOf(map: MapLibreMap): Camera {
  const c = map.getCenter();
  return { lon: c.lng, lat: c.lat, zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
}

/** The offset that puts a camera's target in the middle of the area `padding` leaves free (without setting the map's padding). */
function offsetFor(p: Padding): [number, number] {
  return [(p.left - p.right) / 2, (p.top - p.bottom) / 2];
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
    theme: { type: String, reflect: true },
    playYears: { attribute: false },
    status: { type: String, reflect: true },
    stalled: { state: true },
    menu: { state: true },
    announcement: { state: true },
    focusKey: { state: true },
  };

  declare lang: Lang;
  declare state: AppState | null;
  declare data: Dataset | null;
  declare manifest: Manifest | null;
  /** Feature ids ringed besides the selection (a story chapter's subjects). */
  declare highlight: readonly string[];
  /** The data could not be loaded (the app says why): the base map is all there is, not a map still loading. */
  declare dataFailed: boolean;
  /** The projector's theme (presentation) or the site's. */
  declare theme: MapTheme;
  /** Play: the years shown at full strength (the rest dimmed), and shown large on the map; null when not playing. */
  declare playYears: readonly [number, number] | null;
  /** The badge whose features the menu lists, and whether it was opened from the keyboard. */
  declare menu: { mark: Mark; keyboard: boolean } | null;
  /** The live region's sentence: the view once the camera rests, or the feature the keyboard is on. */
  declare announcement: string;
  /** The mark the keyboard is on (its key), or null. */
  declare focusKey: string | null;
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
  /** Built-in base-map files that did not load, by name. */
  private basemapMissing: string[] = [];
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
  /** The point symbols drawn (each feature's own, or badges), and the integer zoom they were computed at. */
  private marks: Mark[] = [];
  private marksZoom = -1;
  /** The theme the base map was last given. */
  private basemapTheme: MapTheme = 'light';
  private describeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.lang = 'en';
    this.state = null;
    this.data = null;
    this.manifest = null;
    this.highlight = [];
    this.dataFailed = false;
    this.theme = 'light';
    this.playYears = null;
    this.status = 'loading';
    this.stalled = false;
    this.menu = null;
    this.announcement = '';
    this.focusKey = null;
  }

  // MapLibre's stylesheet is global; render in light DOM so it applies.
  protected override createRenderRoot() {
    return this;
  }

  static override styles = css``;

  override render() {
    const lang = this.lang;
    // The canvas container belongs to MapLibre (it is emptied and refilled on rebuilds): messages are its siblings.
    const menu = this.menu;
    return html`<div class="hsr-map__canvas" role="region" aria-label=${t(lang, 'app.title')} aria-describedby="hsr-map-keys"></div>
      <p id="hsr-map-keys" class="visually-hidden">${t(lang, 'map.keys')}</p>
      <div class="hsr-map__focus" aria-hidden="true" ?hidden=${!this.focusKey}></div>
      ${this.playYears ? html`<p class="hsr-map__year" aria-label=${`${t(lang, 'map.year')}: ${this.playYears[1]}`}>${this.playYears[1]}</p>` : nothing}
      ${
        menu
          ? html`<hsr-pick-menu
            .lang=${lang}
            .items=${uniqueMembers(menu.mark)}
            .zoomable=${menu.mark.expansionZoom !== null}
            .anchor=${this.anchorOf(menu.mark)}
            .ctx=${this.data ? styleContextOf(this.data) : undefined}
            .onChoose=${(id: string) => this.chooseFromMenu(id)}
            .onZoom=${() => this.zoomIntoMenu()}
            .onClose=${(keyboard: boolean) => this.closeMenu(keyboard)}
          ></hsr-pick-menu>`
          : nothing
      }
      <p class="visually-hidden hsr-map__live" role="status" aria-live="polite">${this.announcement}</p>
      ${
        this.status === 'no-webgl'
          ? html`<div class="hsr-map__failed">
            <div class="map-error" role="alert">
              <p class="map-error__title">${t(lang, 'map.noWebglTitle')}</p>
              <p>${t(lang, 'map.noWebgl')}</p>
              <p class="map-error__detail">${this.glError}</p>
            </div>
          </div>`
          : null
      }
      ${
        this.status === 'restoring'
          ? html`<div class="hsr-map__message" role=${this.stalled ? 'alert' : 'status'}>
            <p>${t(lang, this.stalled ? 'map.contextStalled' : 'map.contextLost')}</p>
            ${this.stalled ? html`<button class="hsr-map__reload" type="button" @click=${() => location.reload()}>${t(lang, 'map.reload')}</button>` : null}
          </div>`
          : null
      }
      ${this.status === 'loading' || (this.status === 'ready' && !this.data && !this.dataFailed) ? html`<p class="hsr-map__loading" role="status">${t(lang, 'map.loading')}</p>` : null}`;
  }

  protected override firstUpdated(): void {
    this.container = this.querySelector('.hsr-map__canvas') as HTMLDivElement;
    this.initMap();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.stallTimer);
    clearTimeout(this.describeTimer);
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
    this.basemapTheme = this.theme;
    const result = createMap(this.container, {
      lang: this.lang,
      locale: mapLocale(this.lang),
      worldview: this.attributionWorldview,
      styleUrl: online,
      dataUrl: urls,
      theme: THEMES[this.theme].basemap,
    });
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
    if (this.state?.camera) {
      this.jumpTo(this.state.camera);
      // The map keeps to its limits (latitude for the view's size, zoom, pitch). Its move listeners are not on
      // yet, so a camera it could not take is written back here: the address shows where the map really is.
      const shown = cameraOf(map);
      if (!sameCamera(shown, this.state.camera)) {
        this.lastCamera = shown;
        this.dispatchEvent(changeEvent({ camera: shown }));
      }
    }
    // The default view is where the map starts: a resize while the page settles (a phone's bottom sheet) ends
    // a "move" to the same place, which must not turn the default view into a link with a camera.
    else this.lastCamera = cameraOf(map);
    this.overlay = new MapLibreOverlay({
      interleaved: true,
      layers: [],
      // Hover names what is under the pointer (a little around it: thin lines are hard to hit).
      pickingRadius: 3,
      getTooltip: (info: PickingInfo) => this.tooltip(info),
      onAfterRender: () => this.checkDrawn(),
    });
    map.addControl(this.overlay);
    // Clicks and taps are picked on release, from MapLibre's click, not by deck.gl: its pick on
    // button-down takes longer than its tap recogniser allows on software WebGL, dropping quick clicks.
    map.on('click', (e) => this.onMapClick(e));
    map.on('moveend', () => this.onMoveEnd());
    map.on('idle', () => this.addMissingGroups());
    map.on('move', () => this.placeFocusRing());
    map.on('movestart', () => {
      if (this.menu && !this.menu.keyboard) this.menu = null;
    });
    // The keyboard on the map: arrows move between features (before MapLibre pans with them), Enter opens one.
    this.container.addEventListener('keydown', this.onMapKey, { capture: true });
    map.getCanvas().addEventListener('blur', () => {
      if (!this.menu) this.focusKey = null;
    });
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
      // Marks change only when the map crosses an integer zoom (`cluster.ts`).
      if (lodForZoom(zoom, this.overviewMaxZoom()) !== this.lod || clusterZoom(zoom) !== this.marksZoom) this.updateLayers();
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
    } else {
      // A built-in base-map file that does not load (a partly copied site, an evicted cache): said by name, not
      // left to MapLibre's console message, and told to the app, which asks the visitor to reload.
      map.on('error', (e: { error?: { message?: string; url?: string; status?: number }; sourceId?: string }) => {
        if (this.map !== map || !e.sourceId) return;
        const url = e.error?.url;
        const file = url ? decodeURIComponent(new URL(url, location.href).pathname.split('/').pop() ?? url) : e.sourceId;
        console.warn(`base map file not loaded: ${url ?? e.sourceId}${e.error?.status ? ` (HTTP ${e.error.status})` : ''}: ${e.error?.message ?? ''}`);
        if (!this.basemapMissing.includes(file)) {
          this.basemapMissing = [...this.basemapMissing, file];
          this.dispatchEvent(hsrEvent('hsr-basemap-missing', { files: this.basemapMissing }));
        }
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
    const basemapChanged = changed.has('state') && (this.state?.basemap === 'online' && ONLINE_STYLE_URL ? 'online' : 'offline') !== this.basemap;
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
    if (this.theme !== this.basemapTheme && this.styleReady && this.basemap === 'offline') {
      this.basemapTheme = this.theme;
      applyBasemapTheme(this.map, THEMES[this.theme].basemap, this.lang);
    }
    if (this.layersChanged()) this.updateLayers();
    // A chapter flight owns the camera until it lands (or the user grabs the map): no jump cuts it short.
    if (changed.has('state') && this.state?.camera && !this.flying && !this.lastCameraEquals(this.state.camera)) this.jumpTo(this.state.camera);
  }

  /** Whether anything the layers are built from changed since they were last built (not the camera). */
  private layersChanged(): boolean {
    const s = this.state;
    const inputs = [this.data, this.lang, this.highlight, s?.layers, s?.filters, s?.mechanisms, s?.selected, this.theme, this.playYears?.join('-')];
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
    this.scheduleDescription();
    if (!this.map || this.quiet) return;
    const c = cameraOf(this.map);
    if (this.lastCamera && sameCamera(this.lastCamera, c)) return;
    this.lastCamera = c;
    this.dispatchEvent(changeEvent({ camera: c }));
  }

  /**
   * deck.gl joins MapLibre's layer order as one group per `beforeId`, but adds a
   * group only while every source is loaded (`isStyleLoaded`), and tries again
   * only on the style's next change: layers given while a tile was in flight
   * could stay undrawn (and the map never say it has drawn) until the next
   * update. Once the map is idle every source is loaded, so a group still
   * missing is added by giving the overlay its layers again.
   */
  private addMissingGroups() {
    const map = this.map;
    if (!map || !this.overlay || !this.drawnLayers.some((l) => !map.getLayer(deckGroupId(l)))) return;
    this.overlay.setProps({ layers: this.drawnLayers });
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
    this.layerInputs = [this.data, this.lang, this.highlight, s.layers, s.filters, s.mechanisms, s.selected, this.theme, this.playYears?.join('-')];
    this.lod = this.map ? lodForZoom(this.map.getZoom(), this.overviewMaxZoom()) : 'detailed';
    // Country fills go under our base map's borders; an online style's borders are not known, so they are stroked.
    const slots = basemapSlots((id) => !!this.map?.getLayer(id));
    const view = this.view();
    this.marks = pointMarks(s, this.data, view);
    this.marksZoom = view.zoom === undefined ? -1 : clusterZoom(view.zoom);
    const descriptors = buildLayers(this.state, this.data, this.highlight, this.lod, { borders: !!slots.borders }, view);
    if (this.map) setObstacles(this.map, this.marks, (m) => markSize(m, view.scale));
    this.keepFocus();
    this.scheduleDescription();
    // Under the labels: ours, or an online style's first symbol layer.
    // (getStyle() is undefined while a style is being replaced or the context restored.)
    const labels = slots.labels ?? (this.basemap === 'online' ? this.map?.getStyle()?.layers?.find((l) => l.type === 'symbol')?.id : undefined);
    this.drawnLayers = toDeckLayers([...descriptors, ...this.extraLayers], { ...slots, labels });
    this.overlay.setProps({ layers: this.drawnLayers });
    this.layersSet = true;
  }

  /** How the map is drawn besides the state: zoom (for badges), the theme's scale, Play's years. */
  private view(): MapView {
    const th = THEMES[this.theme];
    return { ...(this.map ? { zoom: this.map.getZoom() } : {}), scale: th.scale, dark: th.dark, dimOutside: this.playYears };
  }

  /**
   * What hover names: symbols and badges by the same hit test as a click (their
   * drawn positions and sizes), so what is named is what a click opens; lines
   * and areas by deck.gl's pick.
   */
  private tooltip(info: PickingInfo) {
    const lang = this.lang;
    const mark = info.x >= 0 && info.y >= 0 ? this.markAt(info.x, info.y) : null;
    if (mark && isCluster(mark)) {
      // A badge names every feature it holds (the first few, and how many more).
      const members = uniqueMembers(mark);
      const names = members.slice(0, TOOLTIP_NAMES).map((d) => `• ${field(lang, d.feature.properties, 'name')}`);
      const more = members.length > TOOLTIP_NAMES ? [t(lang, 'map.badge.more', { count: members.length - TOOLTIP_NAMES })] : [];
      return { text: [t(lang, 'map.badge.tooltip', { count: members.length }), ...names, ...more].join('\n'), className: 'hsr-tooltip' };
    }
    const o = info.object as Partial<Mark> | undefined;
    const f = mark ? mark.members[0]!.feature : o && Array.isArray(o.members) ? undefined : featureOf(info);
    if (!f) return null;
    return { text: `${field(lang, f.properties, 'name')}\n${pick(lang, layerSpec(f.properties.layer).title)}`, className: 'hsr-tooltip' };
  }

  /** Where a position is drawn, in the map's CSS pixels: the copy of the world nearest the view's centre. */
  private screenOf(position: [number, number]): { x: number; y: number } {
    const map = this.map!;
    const c = map.getCenter().lng;
    let lon = position[0];
    while (lon - c > 180) lon -= 360;
    while (lon - c < -180) lon += 360;
    return map.project([lon, position[1]]);
  }

  /** The mark under a point (the nearest whose symbol, widened by `slop`, contains it), or null. */
  markAt(x: number, y: number, slop: number = HIT_SLOP.mouse): Mark | null {
    if (!this.map) return null;
    const scale = THEMES[this.theme].scale;
    let best: Mark | null = null;
    let bestD = Infinity;
    for (const m of this.marks) {
      const p = this.screenOf(m.position);
      const d = Math.hypot(p.x - x, p.y - y);
      if (d <= markSize(m, scale) / 2 + slop && d < bestD) {
        best = m;
        bestD = d;
      }
    }
    return best;
  }

  /**
   * A click or tap, on release: a symbol or badge by its drawn position and
   * size (no GPU picking: immediate on any device; a finger gets a wider
   * margin), else a line or area by deck.gl's pick at that point.
   */
  private onMapClick(e: MapMouseEvent) {
    const touch = (e.originalEvent as PointerEvent).pointerType === 'touch' || (e.originalEvent as PointerEvent).pointerType === 'pen';
    const slop = touch ? HIT_SLOP.touch : HIT_SLOP.mouse;
    const mark = this.markAt(e.point.x, e.point.y, slop);
    this.focusKey = null;
    if (mark) {
      if (isCluster(mark)) this.openMenu(mark, false);
      else {
        this.menu = null;
        this.select(mark.members[0]!.feature.properties.id);
      }
      return;
    }
    this.menu = null;
    const info = this.overlay?.pickObject({ x: e.point.x, y: e.point.y, radius: touch ? 10 : 3 });
    const at = e.lngLat.wrap().toArray() as [number, number];
    const choice = clickChoice(info ? featureOf(info) : undefined, this.overlappingAreas(), at);
    if (choice.kind === 'menu') {
      // Zones overlapping at the point: the menu offers each, as a badge offers its points.
      this.openMenu(
        { key: `areas:${choice.features.map((f) => f.properties.id).join(',')}`, position: at, members: choice.features.map((feature) => ({ position: at, feature })), expansionZoom: null },
        false,
      );
      return;
    }
    this.dispatchEvent(changeEvent(choice.id ? { selected: choice.id, reveal: true } : { selected: null }));
  }

  /** The features of the layers shown whose areas overlap by design (disease zones), as drawn. */
  private overlappingAreas(): MapFeature[] {
    const d = this.data;
    const s = this.state;
    if (!d || !s) return [];
    return s.layers.filter((l) => layerSpec(l).role === 'hatch').flatMap((l) => visibleFeatures(d, l, s, this.lod));
  }

  /** Selects a feature the map offered (a click, the menu, Enter): the app keeps it clear of the detail panel. */
  private select(id: string) {
    this.dispatchEvent(changeEvent({ selected: id, reveal: true }));
  }

  private openMenu(mark: Mark, keyboard: boolean) {
    this.menu = { mark, keyboard };
    void this.updateComplete.then(() => this.querySelector('hsr-pick-menu')?.focusFirst());
  }

  private closeMenu(keyboard: boolean) {
    const mark = this.menu?.mark;
    this.menu = null;
    if (keyboard) {
      // Back to the map, on the badge the menu came from.
      if (mark) this.focusKey = mark.key;
      this.map?.getCanvas().focus();
      this.placeFocusRing();
    }
  }

  private chooseFromMenu(id: string) {
    const keyboard = this.menu?.keyboard ?? false;
    this.menu = null;
    if (keyboard) this.map?.getCanvas().focus();
    this.select(id);
  }

  /** Zooms to where the badge's features draw apart (centred on it). */
  private zoomIntoMenu() {
    const m = this.menu?.mark;
    this.menu = null;
    if (!m || m.expansionZoom === null || !this.map) return;
    this.map.easeTo({ center: m.position, zoom: Math.max(m.expansionZoom, this.map.getZoom() + 0.5), duration: reducedMotion() ? 0 : 600 });
  }

  /** Where the menu sits: beside its badge. */
  private anchorOf(m: Mark): { x: number; y: number; r: number } {
    if (!this.map) return { x: 0, y: 0, r: 10 };
    const p = this.screenOf(m.position);
    return { x: p.x, y: p.y, r: markSize(m, THEMES[this.theme].scale) / 2 };
  }

  /** The marks inside the map's view (with their screen positions). */
  private marksInView(): { mark: Mark; x: number; y: number }[] {
    const map = this.map;
    if (!map) return [];
    const { clientWidth: w, clientHeight: h } = map.getContainer();
    return this.marks.map((mark) => ({ mark, ...this.screenOf(mark.position) })).filter((p) => p.x >= 0 && p.y >= 0 && p.x <= w && p.y <= h);
  }

  /** The keyboard on the map: arrows move to the nearest feature that way; Enter opens it; Escape lets go. */
  private onMapKey = (e: KeyboardEvent) => {
    if (!this.map || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if ((e.target as Element | null)?.closest?.('hsr-pick-menu')) return;
    const direction = ARROWS[e.key];
    const inView = this.marksInView();
    const current = inView.find((p) => p.mark.key === this.focusKey);
    if (direction) {
      let next: number;
      if (current) next = nearestInDirection(current, inView, direction);
      else {
        const { clientWidth: w, clientHeight: h } = this.map.getContainer();
        next = nearestTo({ x: w / 2, y: h / 2 }, inView);
      }
      // Nothing that way: MapLibre pans the map instead (the key goes on).
      if (next < 0) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      this.focusMark(inView[next]!.mark);
      return;
    }
    if ((e.key === 'Enter' || e.key === ' ') && current) {
      e.preventDefault();
      e.stopImmediatePropagation();
      if (isCluster(current.mark)) this.openMenu(current.mark, true);
      else this.select(current.mark.members[0]!.feature.properties.id);
      return;
    }
    if (e.key === 'Escape' && this.focusKey) this.focusKey = null;
  };

  /** Puts the keyboard's focus on a mark, rings it and says what it is. */
  private focusMark(m: Mark) {
    this.focusKey = m.key;
    this.placeFocusRing();
    const lang = this.lang;
    if (isCluster(m)) {
      const members = uniqueMembers(m);
      this.announcement = t(lang, 'map.focus.many', { count: members.length, names: members.map((d) => field(lang, d.feature.properties, 'name')).join(punctuation(lang).semicolon) });
    } else {
      const p = m.members[0]!.feature.properties;
      this.announcement = t(lang, 'map.focus.one', { name: field(lang, p, 'name'), layer: pick(lang, layerSpec(p.layer).title) });
    }
  }

  /** After new marks (a zoom level crossed, a filter): the focus stays on the mark holding the same feature. */
  private keepFocus() {
    if (!this.focusKey || this.marks.some((m) => m.key === this.focusKey)) return;
    const first = this.focusKey.split('|')[0]!.split('@')[0];
    const m = this.marks.find((x) => x.members.some((d) => d.feature.properties.id === first));
    this.focusKey = m?.key ?? null;
    this.placeFocusRing();
  }

  /** Moves the focus ring to the focused mark (it follows the map as it moves). */
  private placeFocusRing() {
    const ring = this.querySelector<HTMLElement>('.hsr-map__focus');
    const m = this.focusKey ? this.marks.find((x) => x.key === this.focusKey) : undefined;
    if (!ring || !m || !this.map) return;
    const p = this.screenOf(m.position);
    const r = markSize(m, THEMES[this.theme].scale) / 2 + 7;
    ring.style.width = ring.style.height = `${2 * r}px`;
    ring.style.transform = `translate(${Math.round(p.x - r)}px, ${Math.round(p.y - r)}px)`;
  }

  /** Describes the view to screen readers once the camera rests (after a burst of moves, once). */
  private scheduleDescription() {
    clearTimeout(this.describeTimer);
    this.describeTimer = setTimeout(() => {
      const data = this.data;
      if (!data || !this.map || this.focusKey || this.menu) return;
      const names = countryNames([], data.manifest.countries);
      const inView = this.marksInView().flatMap((p) => p.mark.members);
      this.announcement = describeView(inView, this.lang, (iso2) => countryLabel(names, iso2, this.lang));
    }, DESCRIBE_AFTER_MS);
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
    // A point lands in the middle of the free area by an offset, not by the map's padding: padding given to
    // flyTo stays on the map, and would shift every later flight and the export's frame.
    if (isPointBounds(b)) this.map.flyTo({ center: b[0], zoom: Math.max(this.map.getZoom(), 4.5), animate, essential: false, offset: offsetFor(padding) });
    else this.map.fitBounds(b, { padding, absolutePadding: true, maxZoom: 6, animate, duration: animate ? 1200 : 0 });
  }

  /**
   * Keeps a feature chosen on the map in view, clear of what covers the map (the
   * detail panel, measured by the caller): a point whose symbol lies under the
   * padding is eased just into the free area's middle; a feature already clear
   * stays where the visitor put it.
   */
  revealFeature(id: string, padding: Padding): void {
    const map = this.map;
    const f = this.data?.byId.get(id);
    if (!map || !f) return;
    const { clientWidth: w, clientHeight: h } = map.getContainer();
    const free = { left: padding.left, top: padding.top, right: w - padding.right, bottom: h - padding.bottom };
    const inFree = (p: { x: number; y: number }) => p.x >= free.left && p.x <= free.right && p.y >= free.top && p.y <= free.bottom;
    const positions = this.marks.filter((m) => m.members.some((d) => d.feature.properties.id === id)).map((m) => m.position);
    if (positions.length === 0) {
      const b = featureBounds(f);
      if (b && isPointBounds(b)) positions.push(b[0]);
      else return;
    }
    if (positions.some((p) => inFree(this.screenOf(p)))) return;
    // The position nearest the free area goes to its middle.
    const mid = { x: (free.left + free.right) / 2, y: (free.top + free.bottom) / 2 };
    const target = positions.map((p) => ({ p, s: this.screenOf(p) })).sort((a, b) => Math.hypot(a.s.x - mid.x, a.s.y - mid.y) - Math.hypot(b.s.x - mid.x, b.s.y - mid.y))[0]!;
    const lngLat = map.unproject([target.s.x, target.s.y]);
    // Zoomed far out (a phone's first view), the world's edge may not let the point rise that far: closer in, it can.
    const zoom = Math.min(Math.max(map.getZoom(), zoomToPlace(lngLat.lat, mid.y, h)), map.getMaxZoom());
    map.easeTo({ center: lngLat, zoom, offset: offsetFor(padding), duration: reducedMotion() ? 0 : 500, essential: false });
  }

  /** Fits the map to bounds (a country's main parts); a point is flown to at zoom 5 or closer. */
  fitBounds(b: Bounds, padding: Padding = FOCUS_PADDING): void {
    if (!this.map) return;
    const animate = !reducedMotion();
    if (isPointBounds(b)) this.map.flyTo({ center: b[0], zoom: Math.max(this.map.getZoom(), 5), animate, essential: false, offset: offsetFor(padding) });
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
