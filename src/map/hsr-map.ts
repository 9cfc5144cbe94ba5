/**
 * `<hsr-map>`: the only element that touches MapLibre and deck.gl.
 *
 * Properties in: `lang`, `state`, `data`, `highlight` (features ringed besides
 * the selection), `dataFailed`, `manifest` (as soon as it is in: the base
 * map's files). The base map shows the worldview of `data` (of `state` until
 * data arrives), so it switches with the thematic layers, not before them.
 * Methods: `flyToFeature`, `revealFeature`, `fitBounds` (a country), `fly` (a
 * story chapter's flight; `null` ends it), `getCamera`, `getMap` (for the
 * export), and for the test hooks `markAt`, `deckLayers` and `setExtraLayers`.
 * Clicks, taps, hover, the badge's menu and the keyboard on the point symbols
 * are `marks-interaction.ts`'s (which calls `getMap`, `symbolScale`, `pickAt`
 * and `overlappingAreas`); camera moves that need no element, `camera-moves.ts`.
 * Events out: `hsr-change` (camera moved by the user, feature clicked),
 * `hsr-map-status` ({ status: 'loading' | 'ready' | 'no-webgl' | 'restoring' }),
 * `hsr-detail-wanted` (the map nears the zoom where detailed outlines are drawn),
 * `hsr-map-drawn` (once: the first frame with the thematic layers on screen),
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
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { createMap, setAttribution } from './create-map.ts';
import { basemapSlots } from './basemap-style.ts';
import { ONLINE_STYLE_URL } from './online-style.ts';
import { lodForZoom, noteBasemapData, setBasemapData, wantsDetail } from './lod.ts';
import { OVERVIEW_MAX_ZOOM, type Manifest } from '../data/contract.ts';
import { basemapFiles } from '../data/data-files.ts';
import { DEFAULT_WORLDVIEW, type Worldview } from '../data/worldviews.ts';
import { buildLayers, markSize, pointMarks, visibleFeatures, type LayerDescriptor, type MapView } from '../layers/build-layers.ts';
import { clusterZoom, type Mark } from '../layers/cluster.ts';
import { changeEvent, hsrEvent } from '../app/events.ts';
import { reportPartMissing } from '../app/lazy-elements.ts';
import type { AppState, Camera, Lang } from '../state/app-state.ts';
import type { Dataset, LevelOfDetail, MapFeature } from '../data/dataset.ts';
import { featureBounds, isPointBounds, type Bounds } from '../data/bounds.ts';
import { t, mapLocale } from '../i18n/i18n.ts';
import { layerSpec, styleContextOf } from '../layers/registry.ts';
import type { Padding } from './padding.ts';
import { THEMES, applyBasemapTheme, type MapTheme } from './theme.ts';
import { setObstacles } from './symbol-obstacles.ts';
import { cameraOf, flyToBounds, reducedMotion, revealPositions, sameCamera } from './camera-moves.ts';
import { HIT_SLOP, MarksInteraction, uniqueMembers } from './marks-interaction.ts';
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

type DeckModule = typeof import('./deck-overlay.ts');
let deckModule: Promise<DeckModule> | undefined;
/** deck.gl's chunk, fetched once (after a failure, the next map asks again). */
function loadDeck(): Promise<DeckModule> {
  deckModule ??= import('./deck-overlay.ts').catch((e: unknown) => {
    deckModule = undefined;
    throw e;
  });
  return deckModule;
}

/** The MapLibre layer that draws a deck.gl layer in interleaved mode (as @deck.gl/maplibre names it; `layer-utils.js`, not exported). */
function deckGroupId(layer: Layer): string {
  const beforeId = (layer.props as { beforeId?: string }).beforeId;
  return beforeId ? `deck-maplibre-layer-group-before:${beforeId}` : 'deck-maplibre-layer-group-last';
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
  /** deck.gl's module, once loaded (`loadDeck`). */
  private deck?: DeckModule;
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
  /** `hsr-map-drawn`: not yet due, due once the map is next idle, or sent. */
  private drawn: 'no' | 'waiting' | 'sent' = 'no';
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
  /** The integer zoom the point symbols were last computed at (they change only when it does). */
  private marksZoom = -1;
  /** Clicks, taps, hover, the badge's menu and the keyboard on the point symbols. */
  private readonly marks = new MarksInteraction(this);
  /** The theme the base map was last given. */
  private basemapTheme: MapTheme = 'light';

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
  }

  // MapLibre's stylesheet is global; render in light DOM so it applies.
  protected override createRenderRoot() {
    return this;
  }

  static override styles = css``;

  override render() {
    const lang = this.lang;
    // The canvas container belongs to MapLibre (it is emptied and refilled on rebuilds): messages are its siblings.
    const { menu, focusKey, announcement } = this.marks;
    return html`<div class="hsr-map__canvas" role="region" aria-label=${t(lang, 'app.title')} aria-describedby="hsr-map-keys"></div>
      <p id="hsr-map-keys" class="visually-hidden">${t(lang, 'map.keys')}</p>
      <div class="hsr-map__focus" aria-hidden="true" ?hidden=${!focusKey}></div>
      ${this.playYears ? html`<p class="hsr-map__year" aria-label=${`${t(lang, 'map.year')}: ${this.playYears[1]}`}>${this.playYears[1]}</p>` : nothing}
      ${
        menu
          ? html`<hsr-pick-menu
            .lang=${lang}
            .items=${uniqueMembers(menu.mark)}
            .zoomable=${menu.mark.expansionZoom !== null}
            .anchor=${this.marks.anchorOf(menu.mark)}
            .ctx=${this.data ? styleContextOf(this.data) : undefined}
            .onChoose=${(id: string) => this.marks.chooseFromMenu(id)}
            .onZoom=${() => this.marks.zoomIntoMenu()}
            .onClose=${(keyboard: boolean) => this.marks.closeMenu(keyboard)}
          ></hsr-pick-menu>`
          : nothing
      }
      <p class="visually-hidden hsr-map__live" role="status" aria-live="polite">${announcement}</p>
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
    if (this.drawn === 'waiting') this.drawn = 'no';
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
    // deck.gl comes in its own chunk, while MapLibre loads the base map (deck-overlay.ts).
    void loadDeck().then(
      (deck) => {
        if (this.map !== map) return; // replaced meanwhile (a restored context, another base map)
        this.deck = deck;
        this.overlay = deck.createOverlay({
          interleaved: true,
          layers: [],
          // Hover names what is under the pointer (a little around it: thin lines are hard to hit).
          pickingRadius: 3,
          getTooltip: (info: PickingInfo) => this.marks.tooltip(info),
          onAfterRender: () => this.checkDrawn(),
        });
        map.addControl(this.overlay);
        this.updateLayers();
      },
      (e: unknown) => {
        console.warn('the map’s layers could not load:', e);
        reportPartMissing('map-layers');
      },
    );
    // Clicks and taps are picked on release, from MapLibre's click, not by deck.gl: its pick on
    // button-down takes longer than its tap recogniser allows on software WebGL, dropping quick clicks.
    this.marks.attach(map, this.container);
    map.on('moveend', () => this.onMoveEnd());
    map.on('idle', () => this.addMissingGroups());
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
    this.marks.scheduleDescription();
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
   * Sends `hsr-map-drawn` once, when the first frame in which the thematic layers
   * were drawn with their data loaded is on screen: the app then reveals the map
   * and loads what the first paint did not need. deck.gl's callback says the frame
   * was asked of the GPU; in software WebGL its first draw (each program built for
   * the GPU) takes seconds more, and MapLibre's next `idle` comes only after it
   * (frames wait for the one before). Whatever follows (the rest of the data, the
   * export's warm-up) then does not compete with that frame.
   */
  private checkDrawn() {
    // (No layers switched on counts as drawn: the base map is all there is.)
    if (this.drawn !== 'no' || !this.layersSet || !this.drawnLayers.every((l) => l.isLoaded)) return;
    const map = this.map;
    if (!map) return;
    this.drawn = 'waiting';
    map.once('idle', () => {
      // (A map replaced meanwhile, by a switch of base map, starts over: `teardown`.)
      if (this.map !== map) return;
      this.drawn = 'sent';
      this.dispatchEvent(hsrEvent('hsr-map-drawn'));
    });
    map.triggerRepaint();
  }

  /** The zoom from which the data's detailed outlines are drawn (the manifest says; default `OVERVIEW_MAX_ZOOM`). */
  private overviewMaxZoom(): number {
    return this.data?.manifest.layers.find((l) => l.overview)?.overview?.max_zoom ?? OVERVIEW_MAX_ZOOM;
  }

  private updateLayers() {
    if (!this.overlay || !this.deck || !this.state || !this.data || !this.styleReady) return;
    const s = this.state;
    this.layerInputs = [this.data, this.lang, this.highlight, s.layers, s.filters, s.mechanisms, s.selected, this.theme, this.playYears?.join('-')];
    this.lod = this.map ? lodForZoom(this.map.getZoom(), this.overviewMaxZoom()) : 'detailed';
    // Country fills go under our base map's borders; an online style's borders are not known, so they are stroked.
    const slots = basemapSlots((id) => !!this.map?.getLayer(id));
    const view = this.view();
    const marks = pointMarks(s, this.data, view);
    this.marksZoom = view.zoom === undefined ? -1 : clusterZoom(view.zoom);
    const descriptors = buildLayers(this.state, this.data, this.highlight, this.lod, { borders: !!slots.borders }, view);
    if (this.map) setObstacles(this.map, marks, (m) => markSize(m, view.scale));
    this.marks.setMarks(marks);
    // Under the labels: ours, or an online style's first symbol layer.
    // (getStyle() is undefined while a style is being replaced or the context restored.)
    const labels = slots.labels ?? (this.basemap === 'online' ? this.map?.getStyle()?.layers?.find((l) => l.type === 'symbol')?.id : undefined);
    this.drawnLayers = this.deck.toDeckLayers([...descriptors, ...this.extraLayers], { ...slots, labels });
    this.overlay.setProps({ layers: this.drawnLayers });
    this.layersSet = true;
  }

  /** How the map is drawn besides the state: zoom (for badges), the theme's scale, Play's years. */
  private view(): MapView {
    const th = THEMES[this.theme];
    return { ...(this.map ? { zoom: this.map.getZoom() } : {}), scale: th.scale, dark: th.dark, dimOutside: this.playYears };
  }

  /** The mark under a point, by the hit test a click and a tap use (the test hooks check every feature through it). */
  markAt(x: number, y: number, slop: number = HIT_SLOP.mouse): Mark | null {
    return this.marks.markAt(x, y, slop);
  }

  /** How much larger than the site's the symbols are drawn (the projector's theme). */
  symbolScale(): number {
    return THEMES[this.theme].scale;
  }

  /** deck.gl's pick at a point (lines and areas), or null. */
  pickAt(x: number, y: number, radius: number): PickingInfo | null {
    return this.overlay?.pickObject({ x, y, radius }) ?? null;
  }

  /** The features of the layers shown whose areas overlap by design (disease zones), as drawn. */
  overlappingAreas(): MapFeature[] {
    const d = this.data;
    const s = this.state;
    if (!d || !s) return [];
    return s.layers.filter((l) => layerSpec(l).role === 'hatch').flatMap((l) => visibleFeatures(d, l, s, this.lod));
  }

  /**
   * Flies to a feature: a point at zoom 4.5 or closer, a shape fitted (to zoom 6 at most).
   * @param padding - room for what covers the map (the detail panel), measured by the caller
   */
  flyToFeature(id: string, padding: Padding = FOCUS_PADDING): void {
    const f = this.data?.byId.get(id);
    const b = f ? featureBounds(f) : null;
    if (b && this.map) flyToBounds(this.map, b, padding, { point: 4.5, max: 6 });
  }

  /**
   * Keeps a feature chosen on the map in view, clear of what covers the map (the
   * detail panel, measured by the caller): a point whose symbol lies under the
   * padding is eased just into the free area's middle; a feature already clear
   * stays where the visitor put it.
   */
  revealFeature(id: string, padding: Padding): void {
    const f = this.data?.byId.get(id);
    if (!this.map || !f) return;
    const positions = this.marks.positionsOf(id);
    if (positions.length === 0) {
      const b = featureBounds(f);
      if (b && isPointBounds(b)) positions.push(b[0]);
    }
    revealPositions(this.map, positions, padding);
  }

  /** Fits the map to bounds (a country's main parts); a point is flown to at zoom 5 or closer. */
  fitBounds(b: Bounds, padding: Padding = FOCUS_PADDING): void {
    if (this.map) flyToBounds(this.map, b, padding, { point: 5, max: 6.5 });
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
