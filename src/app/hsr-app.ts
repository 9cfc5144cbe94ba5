/**
 * `<hsr-app>`: the page. It composes the header, the side panel, the map, and
 * the panels that come and go (presenter, detail, reader, export dialog), and
 * mediates between them:
 *
 * - the state belongs to the store (`store.ts`: `AppState`, the URL, history);
 *   panels and the map ask for changes with `hsr-change`, the presenter with
 *   `hsr-story`, and the app hands them to the store;
 * - the data belongs to the data controller (`data-controller.ts`: loading,
 *   levels of detail);
 * - the map is asked by method to fly to a feature, fit a country or follow a
 *   story chapter's flight;
 * - the talk belongs to the talk controller (`talk-controller.ts`: the story
 *   presented, the presenter view window kept in step, the handout).
 *
 * In a presenter view window (`&presenter`) it shows the speaker's view alone,
 * with no map.
 *
 * Light DOM: MapLibre's global stylesheet must reach the map inside. Layout is
 * in `styles/app.css`.
 */
import { LitElement, html, nothing } from 'lit';
import type { ChangeEvent, HsrEvent, StatePatch } from './events.ts';
import { StateStore } from './store.ts';
import { DataController } from './data-controller.ts';
import { TalkController } from './talk-controller.ts';
import { registerOffline, type OfflineStatus } from './offline.ts';
import { ensureElement, type LazyPart, onPartMissing } from './lazy-elements.ts';
import { banners } from './banners.ts';
import { Poster, posterView } from './poster.ts';
import { warmExportWhenIdle } from './export-warmup.ts';
import type { AppState } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import type { LayerId } from '../layers/registry.ts';
import { htmlLang, languageName, nextLang, t } from '../i18n/i18n.ts';
import type { HsrMap, MapStatus } from '../map/hsr-map.ts';
import { paddingAround, type Padding } from '../map/padding.ts';
import { mapTheme, THEMES } from '../map/theme.ts';
import { DEFAULT_STORY_ID, type StoryEvent } from '../story/story-events.ts';
import type { HsrSidePanel } from '../ui/hsr-side-panel.ts';
import '../map/hsr-map.ts';
import '../ui/hsr-search.ts';
import '../ui/hsr-side-panel.ts';
import '../ui/hsr-map-key.ts';
import { registerPageFonts } from './page-fonts.ts';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-app': HsrApp;
  }
}

/** Space kept around a feature flown to, beside what covers the map. */
const FOCUS_MARGIN = 60;
/** The latest the offline copy starts after the page opens, even if the map or its data never finish. */
const OFFLINE_LATEST_MS = 20_000;

export class HsrApp extends LitElement {
  static override properties = {
    mapStatus: { state: true },
    copied: { state: true },
    exportOpen: { state: true },
    presenterLoaded: { state: true },
    highlight: { state: true },
    offline: { state: true },
    applyUpdate: { state: true },
    editorOpen: { state: true },
    playing: { state: true },
    basemapMissing: { state: true },
    partsMissing: { state: true },
  };

  declare mapStatus: MapStatus;
  /** Files of the built-in base map that did not load (the banner names them). */
  declare basemapMissing: string[];
  /** Parts of the app whose code could not load (`lazy-elements.ts`): the banner names them and offers a reload. */
  declare partsMissing: LazyPart[];
  /** The share button says the link was copied. */
  declare copied: boolean;
  /** Whether the (lazy-loaded) export dialog is open. */
  declare exportOpen: boolean;
  /** Whether `<hsr-presenter>` (lazy: not in the main bundle) has been loaded. */
  declare presenterLoaded: boolean;
  /** The story chapter's features, ringed on the map. */
  declare highlight: readonly string[];
  declare offline: OfflineStatus;
  /** Set when a new version is stored and waiting: switches to it and reloads. */
  declare applyUpdate: (() => void) | null;
  /** The story editor is open (it steps aside while a story is presented). */
  declare editorOpen: boolean;
  /** Play (year by year) is running: the map dims what is outside the years and shows the year large. */
  declare playing: boolean;

  readonly store = new StateStore();
  private readonly data = new DataController(this, new URL('data/', document.baseURI), {
    onFirst: (d) => this.focusLinkedSelection(d),
    onAll: (d, failed) => {
      // Values the data does not know (a stale or hostile link: sel, mech, country, status, doc) are dropped quietly.
      this.store.dropUnknown(d, failed);
      this.focusLinkedSelection(d);
    },
  });
  private readonly talk = new TalkController(this, this.store, {
    readyMap: () => (this.mapStatus === 'ready' ? this.mapElement()?.getMap() : undefined),
    handoutData: (layers) => this.data.everything(layers as LayerId[]),
    endPresentation: () => {
      const presenter = this.querySelector('hsr-presenter');
      presenter?.end();
      return !!presenter;
    },
  });
  /** A link's selection has been flown to (once, when its data arrived). */
  private linkFocused = false;
  /** index.html's picture of the map, shown until the map has drawn (made on first render). */
  private poster?: Poster;
  private stopOffline?: () => void;
  private offlineTimer?: number;
  private unsubscribe?: () => void;
  private unsubscribeParts?: () => void;

  constructor() {
    super();
    this.mapStatus = 'loading';
    this.basemapMissing = [];
    this.partsMissing = [];
    this.copied = false;
    this.exportOpen = false;
    this.presenterLoaded = false;
    this.highlight = [];
    this.offline = 'unavailable';
    this.applyUpdate = null;
    this.editorOpen = false;
    this.playing = false;
  }

  /** The application state (owned by the store). */
  get state(): AppState {
    return this.store.state;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = this.store.subscribe((s, before) => this.stateChanged(s, before));
    this.stateChanged(this.state, null);
    this.addEventListener('hsr-change', this.onChange);
    this.addEventListener('hsr-story', this.onStory);
    this.addEventListener('hsr-map-status', this.onMapStatus);
    this.addEventListener('hsr-basemap-missing', this.onBasemapMissing);
    this.unsubscribeParts = onPartMissing((part) => {
      if (!this.partsMissing.includes(part)) this.partsMissing = [...this.partsMissing, part];
      // A map without its layers will not draw them: the base map shows, and the list has the rest of the data.
      if (part === 'map-layers') this.mapSettled();
    });
    this.addEventListener('hsr-detail-wanted', this.wantDetail);
    this.addEventListener('hsr-map-drawn', this.onMapDrawn);
    this.addEventListener('hsr-export-open', this.onExportOpen);
    this.addEventListener('hsr-editor', this.onEditor);
    this.addEventListener('hsr-quote-pick', this.onQuotePick);
    this.addEventListener('hsr-play', this.onPlay);
    window.addEventListener('popstate', this.onNavigate);
    window.addEventListener('hashchange', this.onNavigate);
    document.addEventListener('keydown', this.onKeyDown);
    void this.data.load(this.state.layers);
    // The presenter view draws no map: the rest of the data need not wait for one.
    if (this.state.presenter) this.data.mapDrawn();
    // The offline copy is made once every layer's data is in (`updated`), or after OFFLINE_LATEST_MS at the latest.
    this.offlineTimer = window.setTimeout(() => this.startOffline(), OFFLINE_LATEST_MS);
    // The export CLI, the browser tests and the bench (`test-hooks.ts`): never loaded otherwise.
    const q = new URLSearchParams(location.search);
    if (q.has('test') || q.has('export')) {
      const store = this.store;
      const talk = this.talk;
      void import('./test-hooks.ts').then((m) =>
        m.installTestHooks({
          get state() {
            return store.state;
          },
          get story() {
            return talk.story;
          },
          mapElement: () => this.mapElement(),
          exportData: () => this.exportData(),
          currentData: () => this.data.data,
          mapDrawn: () => this.mapHasDrawn,
          handoutData: () => this.data.everything((talk.story?.chapters ?? []).flatMap((c) => c.layers)),
        }),
      );
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.removeEventListener('hsr-change', this.onChange);
    this.removeEventListener('hsr-story', this.onStory);
    this.removeEventListener('hsr-map-status', this.onMapStatus);
    this.removeEventListener('hsr-basemap-missing', this.onBasemapMissing);
    this.unsubscribeParts?.();
    this.removeEventListener('hsr-detail-wanted', this.wantDetail);
    this.removeEventListener('hsr-map-drawn', this.onMapDrawn);
    this.removeEventListener('hsr-export-open', this.onExportOpen);
    this.removeEventListener('hsr-editor', this.onEditor);
    this.removeEventListener('hsr-quote-pick', this.onQuotePick);
    this.removeEventListener('hsr-play', this.onPlay);
    window.clearTimeout(this.offlineTimer);
    this.stopOffline?.();
    window.removeEventListener('popstate', this.onNavigate);
    window.removeEventListener('hashchange', this.onNavigate);
    document.removeEventListener('keydown', this.onKeyDown);
  }

  /** What follows from a new state, besides rendering it. */
  private stateChanged(s: AppState, before: AppState | null) {
    // A Chinese page or a story (its Chinese quotes, on a projector) gets the site's own CJK font at once, any other page once its map is drawn (page-fonts.ts).
    if (s.lang === 'zh' || s.story) void registerPageFonts();
    // The detail panel and the reader load on first use (lazy-elements.ts).
    if (s.selected) void ensureElement('hsr-detail');
    // A feature or the reader (which lists what cites a passage) opened before the whole records are in
    // (the map draws from brief ones): they come now, not at the next idle.
    if (s.selected || s.reader) this.data.hurry();
    if (s.reader) void ensureElement('hsr-reader');
    // Zoomed in (or exporting) once: a polygon layer switched on later comes detailed too.
    if (s.layers !== before?.layers) this.data.layersShown(s.layers);
    // Another worldview: its files of the loaded layers come in, and the map, list and export switch together.
    if (s.worldview !== before?.worldview) void this.data.setWorldview(s.worldview);
    if (s.story && !s.presenter && !this.presenterLoaded) void this.loadPresenter();
    if (s.story && s.presenter) void ensureElement('hsr-presenter-view');
    this.talk.stateChanged(s);
    // Away from the default view before the map has drawn: the poster no longer shows what is coming.
    if (before && !posterView(s)) this.poster?.reveal();
    if (!s.story && before?.story) {
      // Left the story (Esc, back button, a link): the map is the map again.
      this.mapElement()?.fly(null);
      this.highlight = [];
    }
    if (s.lang !== before?.lang) {
      document.documentElement.lang = htmlLang(s.lang);
      document.title = t(s.lang, 'app.title');
    }
    document.documentElement.classList.toggle('embed', s.embed);
    this.requestUpdate();
  }

  private mapElement(): HsrMap | null {
    return this.querySelector('hsr-map');
  }

  private sidePanel(): HsrSidePanel | null {
    return this.querySelector('hsr-side-panel');
  }

  private onChange = (e: ChangeEvent) => {
    e.stopPropagation();
    this.store.apply(e.detail);
    if (e.detail.focus) void this.moveTo(e.detail);
    else if (e.detail.reveal && e.detail.selected) void this.reveal(e.detail.selected);
  };

  /** A feature chosen on the map: once the detail panel is drawn, the map keeps the feature clear of it. */
  private async reveal(id: string) {
    const padding = await this.focusPadding();
    if (padding && this.state.selected === id) this.mapElement()?.revealFeature(id, padding);
  }

  /** The presenter's requests: a state patch, and the chapter's flight and highlights for the map. */
  private onStory = (e: StoryEvent) => {
    e.stopPropagation();
    const { patch, replace, flight, highlight } = e.detail;
    // Leaving: the flight and its padding end before the view to return to is applied.
    if (flight === null) this.mapElement()?.fly(null);
    this.store.apply(patch, replace);
    if (flight) this.mapElement()?.fly(flight);
    if (highlight !== undefined || flight === null) this.highlight = highlight ?? [];
  };

  /** Back/forward, or a hand-edited hash. */
  private onNavigate = () => {
    this.store.navigate();
    if (this.data.data) this.store.dropUnknown(this.data.data, this.data.report?.failedLayers.map((l) => l.id) ?? []);
  };

  /** Moves the map to what a patch asked to see: a feature, or a country. */
  private async moveTo(patch: StatePatch) {
    // The detail panel (when a feature is selected) is drawn first, so that the map can keep clear of it.
    await this.updateComplete;
    const map = this.mapElement();
    if (!map) return;
    if (patch.selected) map.flyToFeature(patch.selected, await this.focusPadding());
    else if (patch.filters?.country) {
      const iso2 = patch.filters.country;
      const b = await this.data.countryBounds(iso2);
      if (b && this.state.filters.country === iso2) map.fitBounds(b, await this.focusPadding());
    }
  }

  /** Opened from a link with a selection and no camera: the map goes to it once its data is in. */
  private focusLinkedSelection(d: Dataset) {
    const s = this.state;
    if (this.linkFocused || !s.selected || s.camera || !d.byId.has(s.selected)) return;
    this.linkFocused = true;
    void this.moveTo({ selected: s.selected });
  }

  /**
   * Padding that keeps a target clear of the detail panel, measured where it is
   * drawn (side or bottom sheet). The panel is loaded on first use: until its
   * element is defined and has rendered, it is an empty box (no height), which
   * on a phone — where the panel is a sheet over the lower part of the map —
   * left the feature flown to under the sheet. So it is measured once drawn.
   */
  private async focusPadding(): Promise<Padding | undefined> {
    if (this.state.selected) {
      // (A panel whose code cannot load is not waited for: the map then keeps only its margin.)
      await Promise.race([customElements.whenDefined('hsr-detail'), new Promise((r) => setTimeout(r, 3000))]);
      await this.updateComplete;
      await this.querySelector('hsr-detail')?.updateComplete;
      // Its box once laid out with its content.
      await new Promise((r) => requestAnimationFrame(r));
    }
    const map = this.mapElement()?.getBoundingClientRect();
    return map ? paddingAround(map, [this.querySelector('hsr-detail')?.getBoundingClientRect()], FOCUS_MARGIN) : undefined;
  }

  private openEditor() {
    void ensureElement('hsr-story-editor');
    this.editorOpen = !this.editorOpen;
  }

  /** The editor's requests: close it, or rehearse a stored story (presented from this browser's store). */
  private onEditor = (e: HsrEvent<'hsr-editor'>) => {
    e.stopPropagation();
    if (e.detail.kind === 'close') this.editorOpen = false;
    else {
      // The stored story may have changed since it was last presented: read it again.
      this.talk.reload();
      this.talk.start({ src: e.detail.id, chapter: 0 });
    }
  };

  private onPlay = (e: HsrEvent<'hsr-play'>) => {
    e.stopPropagation();
    this.playing = e.detail.playing;
  };

  /** A passage picked in the reader goes into the chapter the editor has open. */
  private onQuotePick = (e: HsrEvent<'hsr-quote-pick'>) => {
    e.stopPropagation();
    this.querySelector('hsr-story-editor')?.addSource(e.detail);
  };

  private async loadPresenter() {
    // Code that cannot load: the map stays, the story stays in the address, and the banner offers a reload.
    if (await ensureElement('hsr-presenter')) this.presenterLoaded = true;
  }

  /**
   * Registers the service worker, once. Not at once: storing the whole site (both
   * worldviews, the fonts, the documents) while the page opens competes with the
   * map's first frames for the device's cores and the network. So it starts when
   * every layer's data is in (data complete, or the data failed), or after
   * `OFFLINE_LATEST_MS` whatever the map is doing.
   */
  private startOffline() {
    if (this.stopOffline) return;
    window.clearTimeout(this.offlineTimer);
    this.stopOffline = registerOffline({ onStatus: (status) => (this.offline = status), onUpdate: (apply) => (this.applyUpdate = apply) });
  }

  /** Where the map is now: the presenter returns there when the story ends. */
  private liveCamera = () => this.mapElement()?.getCamera() ?? null;

  private onMapStatus = (e: HsrEvent<'hsr-map-status'>) => {
    this.mapStatus = e.detail.status;
    // Without a map, the rest of the data need not wait for it.
    if (e.detail.status === 'no-webgl') this.mapSettled();
  };

  /**
   * The map has drawn its first full frame, or will draw none: what waited for
   * it comes now — the rest of the data, the page's own CJK font, the side
   * panel's other tabs (lazy-elements.ts) — and the poster gives way.
   */
  /** Whether the map has drawn its first full frame (the export hook starts its renderer only after it). */
  private mapHasDrawn = false;

  private mapSettled() {
    void registerPageFonts();
    void ensureElement('hsr-filters');
    void ensureElement('hsr-list');
    this.poster?.reveal();
    this.data.mapDrawn();
  }

  private onBasemapMissing = (e: HsrEvent<'hsr-basemap-missing'>) => {
    this.basemapMissing = e.detail.files;
  };

  private onMapDrawn = () => {
    this.mapHasDrawn = true;
    this.mapSettled();
    // An export soon after the page opens should not wait for the renderer's first frame. Only once
    // every layer's data is in (asking for the export's data fetches the detailed outlines): the
    // second map's shaders and downloads must not compete with the live map's first full frame.
    // Not on a page the export CLI drives (`?export`): it warms the renderer itself when it makes several
    // images, and a warm-up of the page's own would race its export for the two cores.
    if (new URLSearchParams(location.search).has('export')) return;
    const ready = () => this.mapStatus === 'ready' && this.data.complete;
    void warmExportWhenIdle(() => ({ state: this.state, data: ready() ? this.exportData() : null, liveMap: ready() ? this.mapElement()?.getMap() : undefined }));
  };

  /** The detailed outlines of the polygon layers shown (zoomed-in map, export, a story chapter close up). */
  private wantDetail = () => this.data.wantDetail(this.state.layers);

  /** The data for an export, once the detailed outlines of what it shows are in (prints show them); null until then. */
  private exportData(): Dataset | null {
    this.wantDetail();
    return this.data.exportData(this.state.layers);
  }

  private onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      if (this.state.reader) this.store.apply({ reader: null });
      else if (this.state.selected) this.store.apply({ selected: null });
    }
  };

  /** The skip link: open the list (unfolding the panel or sheet) and move focus into it. */
  private skipToList(e: Event) {
    e.preventDefault();
    void this.sidePanel()?.showList();
  }

  private async copyLink() {
    try {
      await navigator.clipboard.writeText(location.href);
      this.copied = true;
      setTimeout(() => (this.copied = false), 2000);
    } catch {
      // Clipboard may be denied; the address bar still has the link.
    }
  }

  /** Loads the export dialog's code on first use (it is not in the main bundle). */
  private onExportOpen = () => void this.openExport();

  private openExport = async () => {
    if (!this.data.data || this.mapStatus !== 'ready') return;
    this.wantDetail();
    if (await ensureElement('hsr-export-dialog')) this.exportOpen = true;
  };

  protected override firstUpdated(): void {
    // index.html's static first paint is inside <hsr-app>: hidden now that the app is drawn beneath it (app.css).
    this.querySelector(':scope > .app-shell')?.classList.add('app-shell--done');
    // The poster stays over the map's box (in the visitor's language and worldview) until the map has drawn.
    this.poster = new Poster(this);
    this.poster.show(this.state, this.mapElement());
  }

  protected override createRenderRoot() {
    return this;
  }

  protected override updated(): void {
    this.toggleAttribute('embed', this.state.embed);
    this.toggleAttribute('presenting', this.state.story !== null);
    // Tests and scripts wait on this; people see the list's own notice.
    this.toggleAttribute('data-complete', this.data.complete);
    if (this.data.complete) this.startOffline();
    // No data at all: the base map is all the map will draw, and it will not say it has drawn the layers.
    if (this.data.error) this.poster?.reveal();
  }

  /** What went wrong, stacked at the top of the map (`banners.ts`). */
  private banners() {
    return banners(this.state.lang, {
      storyError: this.talk.error,
      dismissStoryError: () => this.talk.dismissError(),
      dataError: this.data.error,
      basemapMissing: this.basemapMissing,
      partsMissing: this.partsMissing,
      report: this.data.report,
    });
  }

  /** The presenter view window: the speaker's view of the talk, no map. */
  private renderPresenterView() {
    const s = this.state;
    const talk = this.talk;
    return html`<hsr-presenter-view .lang=${s.lang} .position=${s.story} .story=${talk.story} .talk=${talk.talk} .ended=${talk.ended} .audience=${talk.peers.audience > 0} .data=${this.data.data} .base=${this.data.base.href}></hsr-presenter-view>
      ${this.banners()}`;
  }

  override render() {
    const s = this.state;
    const lang = s.lang;
    if (s.presenter && s.story) return this.renderPresenterView();
    const talk = this.talk;
    const data = this.data.data;
    const selected = s.selected && data ? (data.byId.get(s.selected) ?? null) : null;
    const list = s.view === 'list';
    return html`
      <a class="skip" href="#list" @click=${this.skipToList}>${t(lang, 'app.skip')}</a>
      <header>
        <div class="brand">
          <h1>${t(lang, 'app.title')}</h1>
          <p class="subtitle">${t(lang, 'app.subtitle')}</p>
        </div>
        <hsr-search .lang=${lang} .data=${data}></hsr-search>
        <div class="tools">
          <button class="tool" aria-pressed=${list ? 'true' : 'false'} title=${t(lang, list ? 'view.mapLabel' : 'view.listLabel')} @click=${() => this.sidePanel()?.selectTab(list ? 'layers' : 'list')}>${t(lang, 'view.list')}</button>
          <button class="tool tool-share" title=${t(lang, 'share.copy')} @click=${this.copyLink}>${this.copied ? t(lang, 'share.copied') : t(lang, 'share.copy')}</button>
          <button class="tool tool-present" title=${t(lang, 'present.startLabel')} @click=${() => this.talk.start({ id: DEFAULT_STORY_ID, chapter: 0 })}>${t(lang, 'present.start')}</button>
          <button class="tool tool-stories" title=${t(lang, 'editor.open.toolLabel')} aria-pressed=${this.editorOpen ? 'true' : 'false'} @click=${this.openEditor}>${t(lang, 'editor.open.tool')}</button>
          <button class="tool tool-export" title=${t(lang, 'export.openLabel')} aria-haspopup="dialog" ?disabled=${!data || this.mapStatus !== 'ready'} @click=${this.openExport}>${t(lang, 'export.open')}</button>
          <button class="tool" title=${t(lang, 'lang.switchLabel')} @click=${() => this.store.apply({ lang: nextLang(lang) })}><span lang=${htmlLang(nextLang(lang))}>${languageName(nextLang(lang))}</span><span class="visually-hidden"> — ${t(lang, 'lang.switchLabel')}</span></button>
        </div>
        ${this.offline === 'ready' ? html`<span class="offline-ready" role="status" title=${t(lang, 'offline.readyLabel')}>${t(lang, 'offline.ready')}</span>` : nothing}
        ${this.applyUpdate ? html`<button class="tool offline-update" title=${t(lang, 'offline.updateLabel')} @click=${this.applyUpdate}>${t(lang, 'offline.update')}</button>` : nothing}
        ${s.embed ? html`<a class="tool embed-open" href=${this.store.href({ ...s, embed: false })} target="_blank" rel="noopener">${t(lang, 'embed.open')}</a>` : nothing}
      </header>
      <main>
        <hsr-side-panel .lang=${lang} .state=${s} .data=${data} .complete=${this.data.complete} .mapStatus=${this.mapStatus}></hsr-side-panel>
        <hsr-map .lang=${lang} .state=${s} .data=${data} .manifest=${this.data.manifest} .dataFailed=${!!this.data.error} .highlight=${this.highlight} .theme=${mapTheme(s)} .playYears=${this.playing ? s.filters.years : null}></hsr-map>
        ${s.story || s.embed ? html`<hsr-map-key .lang=${lang} .state=${s} .data=${data} ?dark=${THEMES[mapTheme(s)].dark}></hsr-map-key>` : nothing}
        ${
          s.story && this.presenterLoaded && talk.story
            ? html`<hsr-presenter .lang=${lang} .state=${s} .story=${talk.story} .blanked=${talk.talk?.blanked ?? false} .presenterViews=${talk.peers.presenter} .handout=${talk.handout} .data=${data} .offline=${this.offline} .liveCamera=${this.liveCamera} .mapReady=${this.mapStatus === 'ready' || this.mapStatus === 'no-webgl'}></hsr-presenter>`
            : nothing
        }
        ${selected ? html`<hsr-detail .lang=${lang} .feature=${selected} .data=${data} .complete=${this.data.complete}></hsr-detail>` : nothing}
        ${this.editorOpen && !s.story ? html`<hsr-story-editor role="region" aria-labelledby="editor-title" .lang=${lang} .state=${s} .data=${data} .liveCamera=${this.liveCamera}></hsr-story-editor>` : nothing}
        ${this.banners()}
      </main>
      ${
        this.exportOpen
          ? html`<hsr-export-dialog .lang=${lang} .state=${s} .data=${this.data.exportData(s.layers)} .current=${this.data.data} .story=${s.story ? talk.story : null} .map=${this.mapElement()?.getMap()} @hsr-export-close=${() => (this.exportOpen = false)}></hsr-export-dialog>`
          : nothing
      }
      <hsr-reader .lang=${lang} .reader=${s.reader} .data=${data} .base=${this.data.base.href} .picking=${this.editorOpen && !s.story}></hsr-reader>
    `;
  }
}

customElements.define('hsr-app', HsrApp);
