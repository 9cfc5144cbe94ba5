/**
 * `<hsr-app>`: the owner of the application state. It loads the data, reads
 * the URL once at start (and on back/forward), applies the patches that panels
 * and the map send (`hsr-change`), writes the URL from one place, and passes
 * state down as properties. It lays out the page: header, map, side panel
 * (layers, filters, list), detail panel and document reader.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { CHANGE_EVENT, type ChangeEvent, type StatePatch } from './events.ts';
import type { AppState, Lang } from '../state/app-state.ts';
import { parseUrlState, serializeUrlState } from '../state/url-state.ts';
import { unknownValuesPatch } from '../state/known-values.ts';
import { layerSpec } from '../layers/registry.ts';
import type { LoadReport } from '../data/load-data.ts';
import { DataLoader } from '../data/data-loader.ts';
import type { Dataset } from '../data/dataset.ts';
import { pick, preferredLang, rememberLang, t } from '../i18n/i18n.ts';
import { preferredWorldview, rememberWorldview } from '../state/worldview-preference.ts';
import type { Manifest } from '../data/contract.ts';
import type { FocusRequest, Flight } from '../map/hsr-map.ts';
import { STORY_EVENT, DEFAULT_STORY_ID, type StoryEvent } from '../story/story-events.ts';
import { registerOffline, type OfflineStatus } from './offline.ts';
import '../map/hsr-map.ts';
import '../ui/hsr-layer-panel.ts';
import '../ui/hsr-filters.ts';
import '../ui/hsr-search.ts';
import '../ui/hsr-list.ts';
import { ensureElement } from './lazy-elements.ts';

type SideTab = 'layers' | 'filters' | 'list';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-app': HsrApp;
  }
}

/** Resolves when the browser is idle (or after a second): background work waits for the first paint to settle. */
const idle = () => new Promise<void>((resolve) => (window.requestIdleCallback ? window.requestIdleCallback(() => resolve(), { timeout: 1000 }) : setTimeout(resolve, 200)));

/** Patches that only move the camera replace the history entry instead of adding one. */
function isCameraOnly(p: StatePatch): boolean {
  return Object.keys(p).every((k) => k === 'camera');
}

export class HsrApp extends LitElement {
  static override properties = {
    state: { state: true },
    data: { state: true },
    report: { state: true },
    loadError: { state: true },
    focusRequest: { state: true },
    tab: { state: true },
    mapStatus: { state: true },
    copied: { state: true },
    exportOpen: { state: true },
    sheetOpen: { state: true },
    presenterLoaded: { state: true },
    flight: { state: true },
    highlight: { state: true },
    offline: { state: true },
    sideCollapsed: { state: true },
    narrow: { state: true },
    applyUpdate: { state: true },
    dataComplete: { state: true },
    manifest: { state: true },
  };

  declare state: AppState;
  declare data: Dataset | null;
  declare report: LoadReport | null;
  declare loadError: string | null;
  declare focusRequest: FocusRequest | null;
  declare tab: SideTab;
  declare mapStatus: string;
  declare copied: boolean;
  /** Whether the (lazy-loaded) export dialog is open. */
  declare exportOpen: boolean;
  /** Phones: whether the side panel (a bottom sheet there) is open; desktops ignore it. */
  declare sheetOpen: boolean;
  /** Whether `<hsr-presenter>` (lazy: not in the main bundle) has been loaded. */
  declare presenterLoaded: boolean;
  /** The story chapter's camera flight, for the map; null when not presenting. */
  declare flight: Flight | null;
  /** The story chapter's features, ringed on the map. */
  declare highlight: readonly string[];
  declare offline: OfflineStatus;
  /** Desktop: the side panel is folded away, leaving the map the whole width. */
  declare sideCollapsed: boolean;
  /** The phone layout (side panel as a bottom sheet) is in effect. */
  declare narrow: boolean;
  /** Set when a new version is stored and waiting: switches to it and reloads. */
  declare applyUpdate: (() => void) | null;
  /** Every layer is loaded (or has failed): until then the list says more is coming. */
  declare dataComplete: boolean;
  /** The data's manifest as soon as it is in (the map takes its base map files from it). */
  declare manifest: Manifest | null;

  private focusNonce = 0;
  private flightNonce = 0;
  private stopOffline?: () => void;
  private readonly dataBase = new URL('data/', document.baseURI);
  private readonly loader = new DataLoader(this.dataBase, (d, report) => {
    this.data = d;
    this.report = report.failedLayers.length || report.skipped.length ? { ...report } : null;
  });
  /** Whether the detailed outlines have been asked for: layers switched on later get them too. */
  private detailWanted = false;
  /** Resolves once the map has drawn (or cannot): the rest of the data waits for it, off the critical path. */
  // (Declared before `mapDrawn`, whose executor sets it: class fields initialise in order.)
  private resolveMapDrawn: () => void = () => undefined;
  private mapDrawn = new Promise<void>((resolve) => (this.resolveMapDrawn = resolve));
  /** Same breakpoint as `styles/app.css`. */
  private readonly narrowQuery = window.matchMedia?.('(max-width: 720px)');
  private readonly onNarrow = () => (this.narrow = this.narrowQuery?.matches ?? false);

  constructor() {
    super();
    const lang = preferredLang(globalThis.localStorage, navigator.languages ?? [navigator.language]);
    // A link without `wv=` opens in the remembered worldview, like the language.
    this.state = parseUrlState(location.href, lang, preferredWorldview(globalThis.localStorage));
    void this.loader.setWorldview(this.state.worldview);
    this.manifest = null;
    this.data = null;
    this.report = null;
    this.loadError = null;
    this.focusRequest = null;
    this.tab = this.state.view === 'list' ? 'list' : 'layers';
    this.mapStatus = 'loading';
    this.copied = false;
    this.exportOpen = false;
    this.sheetOpen = this.state.view === 'list';
    this.presenterLoaded = false;
    this.flight = null;
    this.highlight = [];
    this.offline = 'unavailable';
    this.sideCollapsed = false;
    this.narrow = this.narrowQuery?.matches ?? false;
    // Every history entry names its language (and loses malformed values): back/forward and copied links restore the view.
    this.writeUrl(this.state, true);
    this.applyUpdate = null;
    this.dataComplete = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(CHANGE_EVENT, this.onChange as EventListener);
    this.addEventListener('hsr-map-status', this.onMapStatus as EventListener);
    this.addEventListener('hsr-detail-wanted', this.wantDetail);
    this.addEventListener('hsr-map-drawn', this.resolveMapDrawn);
    // Should the map never finish drawing (a stalled GPU), the list and search still get everything.
    setTimeout(this.resolveMapDrawn, 20_000);
    this.addEventListener(STORY_EVENT, this.onStory);
    window.addEventListener('popstate', this.onPopState);
    window.addEventListener('hashchange', this.onPopState);
    document.addEventListener('keydown', this.onKeyDown);
    this.narrowQuery?.addEventListener('change', this.onNarrow);
    void this.load();
    this.stopOffline = registerOffline({ onStatus: (status) => (this.offline = status), onUpdate: (apply) => (this.applyUpdate = apply) });
    // The presenter's caption has its own Export button (the header is hidden while presenting).
    this.addEventListener('hsr-export-open', this.openExport);
    // CLI, tests and benchmarks: `window.__hsrExport(options)`, `__hsrExportWarm()` (src/export/hook.ts), loaded on first call.
    const q = new URLSearchParams(location.search);
    if (q.has('test') || q.has('export')) {
      const self = this;
      const source = () => {
        this.wantDetail();
        // `data` is read while the hook waits for the page to be ready: null until the detailed outlines are in.
        return { state: this.state, get data() { return self.exportData(); }, liveMap: () => this.querySelector('hsr-map')?.getMap(), mapReady: () => this.mapStatus === 'ready' };
      };
      window.__hsrExport = async (options) => (await import('../export/hook.ts')).hookExport(source(), options);
      window.__hsrExportWarm = async (on) => (await import('../export/hook.ts')).hookWarm(source(), on);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(CHANGE_EVENT, this.onChange as EventListener);
    this.removeEventListener('hsr-map-status', this.onMapStatus as EventListener);
    this.removeEventListener('hsr-detail-wanted', this.wantDetail);
    this.removeEventListener('hsr-map-drawn', this.resolveMapDrawn);
    this.removeEventListener(STORY_EVENT, this.onStory);
    this.removeEventListener('hsr-export-open', this.openExport);
    this.stopOffline?.();
    window.removeEventListener('popstate', this.onPopState);
    window.removeEventListener('hashchange', this.onPopState);
    document.removeEventListener('keydown', this.onKeyDown);
    this.narrowQuery?.removeEventListener('change', this.onNarrow);
  }

  /**
   * Loads the layers on the map first (polygon layers as overview outlines), so
   * it draws as soon as they arrive; then, once the map has drawn, the rest (for
   * the list, search and layers switched on later). Detailed outlines follow
   * when the map is zoomed in (`hsr-detail-wanted`) or an image is exported.
   */
  private async load() {
    try {
      const started = this.loader.start(this.state.layers);
      void this.loader.manifestLoaded.then((m) => (this.manifest = m), () => undefined);
      await started;
      if (this.state.selected && !this.state.camera && this.data?.byId.has(this.state.selected)) this.focusRequest = { id: this.state.selected, nonce: ++this.focusNonce };
      await this.mapDrawn;
      await idle();
      await this.loader.loadRest();
      const dataset = this.loader.dataset!;
      const report = this.loader.report;
      if (report.skipped.length) console.warn('Skipped malformed records:', report.skipped);
      // Values the data does not know (a stale or hostile link: sel, mech, country, status, doc) are dropped quietly.
      const unknown = unknownValuesPatch(this.state, dataset, report.failedLayers.map((l) => l.id));
      if (unknown) this.apply(unknown, true);
      if (this.state.selected && !this.state.camera && !this.focusRequest) this.focusRequest = { id: this.state.selected, nonce: ++this.focusNonce };
    } catch (e) {
      this.loadError = (e as Error).message;
    } finally {
      this.dataComplete = true;
    }
  }

  /** The detailed outlines of the polygon layers shown (zoomed-in map, export, a story chapter close up). */
  private wantDetail = () => {
    this.detailWanted = true;
    void this.loader.ensureDetailed(this.state.layers);
  };

  /** The data for an export, once the detailed outlines of what it shows are in (prints show them); null until then. */
  private exportData(): Dataset | null {
    return this.loader.isDetailed(this.state.layers) ? this.data : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The detail panel and the reader load on first use (lazy-elements.ts).
    if (this.state.selected) void ensureElement('hsr-detail');
    if (this.state.reader) void ensureElement('hsr-reader');
    // Zoomed in (or exporting) once: a polygon layer switched on later comes detailed too.
    if (changed.has('state') && this.detailWanted) void this.loader.ensureDetailed(this.state.layers);
    if (changed.has('state') && this.state.story && !this.presenterLoaded) void this.loadPresenter();
    if (changed.has('state') && !this.state.story && this.flight) {
      // Left the story (Esc, back button, a link): the map is the map again.
      this.flight = null;
      this.highlight = [];
    }
    if (changed.has('state')) {
      const lang = this.state.lang;
      document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : 'en';
      document.title = t(lang, 'app.title');
      document.documentElement.classList.toggle('embed', this.state.embed);
    }
  }

  private onChange = (e: ChangeEvent) => {
    e.stopPropagation();
    this.apply(e.detail, e.detail.replace ?? isCameraOnly(e.detail));
  };

  /** The presenter's requests: a state patch, and the chapter's flight and highlights for the map. */
  private onStory = (e: StoryEvent) => {
    e.stopPropagation();
    const { patch, replace, flight, highlight } = e.detail;
    this.apply(patch, replace);
    if (flight !== undefined) this.flight = flight ? { ...flight, nonce: ++this.flightNonce } : null;
    if (highlight !== undefined || flight === null) this.highlight = highlight ?? [];
  };

  private async loadPresenter() {
    try {
      await import('../ui/hsr-presenter.ts');
      this.presenterLoaded = true;
    } catch (e) {
      // A chunk that cannot load (an old tab after a new deploy, offline without the worker): stay on the map.
      console.error('the presentation mode could not load:', e);
      this.apply({ story: null, kiosk: null }, true);
    }
  }

  /** Where the map is now: the presenter returns there when the story ends. */
  private liveCamera = () => this.querySelector('hsr-map')?.getCamera() ?? null;

  private startStory() {
    this.apply({ story: { id: DEFAULT_STORY_ID, chapter: 0 }, kiosk: null });
  }

  private onMapStatus = (e: CustomEvent<{ status: string }>) => {
    this.mapStatus = e.detail.status;
    if (e.detail.status === 'no-webgl') this.resolveMapDrawn();
    // Without a map, the list is the way in (on phones the sheet opens to show it).
    if (e.detail.status === 'no-webgl') {
      this.tab = 'list';
      this.sheetOpen = true;
      this.sideCollapsed = false;
    }
  };

  /** Applies a patch, writes the URL (push for a new view, replace for camera moves). */
  apply(patch: StatePatch, replace = false) {
    const { filters, focus, replace: _replace, ...rest } = patch;
    const next: AppState = { ...this.state, ...rest, filters: filters ? { ...this.state.filters, ...filters } : this.state.filters };
    if (patch.lang && patch.lang !== this.state.lang) rememberLang(globalThis.localStorage, patch.lang);
    if (patch.worldview && patch.worldview !== this.state.worldview) {
      rememberWorldview(globalThis.localStorage, patch.worldview);
      void this.loader.setWorldview(patch.worldview);
    }
    if (patch.view) this.tab = patch.view === 'list' ? 'list' : this.tab === 'list' ? 'layers' : this.tab;
    this.state = next;
    if (focus && next.selected && patch.selected) this.focusRequest = { id: next.selected, nonce: ++this.focusNonce };
    else if (focus && filters?.country) this.focusRequest = { country: filters.country, nonce: ++this.focusNonce };
    this.writeUrl(next, replace);
  }

  /** Writes the URL of a state: a new history entry, or (`replace`) the current one changed. */
  private writeUrl(s: AppState, replace: boolean) {
    const hash = serializeUrlState(s);
    const url = `${location.pathname}${location.search}${hash ? `#${hash}` : ''}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) {
      if (replace) history.replaceState(null, '', url);
      else history.pushState(null, '', url);
    }
  }

  private onPopState = () => {
    // Every entry the app writes names its language; a hand-edited hash without one keeps the current language.
    // An entry the app wrote without `wv=` was in the default worldview.
    const next = parseUrlState(location.href, this.state.lang);
    this.state = next;
    void this.loader.setWorldview(next.worldview);
    this.tab = next.view === 'list' ? 'list' : this.tab === 'list' ? 'layers' : this.tab;
    const unknown = this.data ? unknownValuesPatch(next, this.data, this.report?.failedLayers.map((l) => l.id)) : null;
    if (unknown) this.apply(unknown, true);
  };

  private onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      if (this.state.reader) this.apply({ reader: null });
      else if (this.state.selected) this.apply({ selected: null });
    }
  };

  private setTab(tab: SideTab) {
    // On phones, tapping the open tab again folds the sheet away; any other tab opens it.
    this.sheetOpen = !(this.sheetOpen && this.tab === tab && tab !== 'list');
    this.sideCollapsed = false;
    this.tab = tab;
    if ((tab === 'list') !== (this.state.view === 'list')) this.apply({ view: tab === 'list' ? 'list' : 'map' });
  }

  /** The skip link: open the list (unfolding the panel or sheet) and move focus into it. */
  private async skipToList(e: Event) {
    e.preventDefault();
    this.setTab('list');
    await this.updateComplete;
    await this.querySelector('hsr-list')?.focusList();
  }

  private toggleSide() {
    this.sideCollapsed = !this.sideCollapsed;
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
  private async openExport() {
    if (!this.data || this.mapStatus !== 'ready') return;
    this.wantDetail();
    await import('../export/hsr-export-dialog.ts');
    this.exportOpen = true;
  }

  private toggleLang() {
    this.apply({ lang: this.state.lang === 'en' ? 'zh' : 'en' });
  }

  protected override firstUpdated(): void {
    // index.html's static first paint is inside <hsr-app>: hidden now that the app is drawn beneath it (app.css).
    this.querySelector(':scope > .app-shell')?.classList.add('app-shell--done');
  }

  // Light DOM: MapLibre's global stylesheet must reach the map inside. Layout is in `styles/app.css`.
  protected override createRenderRoot() {
    return this;
  }

  protected override updated(): void {
    this.toggleAttribute('embed', this.state.embed);
    this.toggleAttribute('presenting', this.state.story !== null);
    // Tests and scripts wait on this; people see the list's own notice.
    this.toggleAttribute('data-complete', this.dataComplete);
  }

  override render() {
    const s = this.state;
    const lang = s.lang;
    const selected = s.selected && this.data ? (this.data.byId.get(s.selected) ?? null) : null;
    const tabs: SideTab[] = ['layers', 'filters', 'list'];
    const tabLabel: Record<SideTab, string> = { layers: t(lang, 'panel.layers'), filters: t(lang, 'panel.filters'), list: t(lang, 'view.list') };
    const fullUrl = `${location.pathname}#${serializeUrlState({ ...s, embed: false })}`;
    return html`
      <a class="skip" href="#list" @click=${this.skipToList}>${t(lang, 'app.skip')}</a>
      <header>
        <div class="brand">
          <h1>${t(lang, 'app.title')}</h1>
          <p class="subtitle">${t(lang, 'app.subtitle')}</p>
        </div>
        <hsr-search .lang=${lang} .data=${this.data}></hsr-search>
        <div class="tools">
          <button class="tool" aria-pressed=${s.view === 'list' ? 'true' : 'false'} title=${t(lang, s.view === 'list' ? 'view.mapLabel' : 'view.listLabel')} @click=${() => this.setTab(s.view === 'list' ? 'layers' : 'list')}>${t(lang, 'view.list')}</button>
          <button class="tool tool-share" title=${t(lang, 'share.copy')} @click=${this.copyLink}>${this.copied ? t(lang, 'share.copied') : t(lang, 'share.copy')}</button>
          <button class="tool tool-present" title=${t(lang, 'present.startLabel')} @click=${this.startStory}>${t(lang, 'present.start')}</button>
          <button class="tool tool-export" title=${t(lang, 'export.openLabel')} aria-haspopup="dialog" ?disabled=${!this.data || this.mapStatus !== 'ready'} @click=${this.openExport}>${t(lang, 'export.open')}</button>
          <button class="tool" title=${t(lang, 'lang.switchLabel')} @click=${this.toggleLang}><span lang=${lang === 'en' ? 'zh-Hans' : 'en'}>${t(lang, 'lang.switch')}</span><span class="visually-hidden"> — ${t(lang, 'lang.switchLabel')}</span></button>
        </div>
        ${this.offline === 'ready' ? html`<span class="offline-ready" role="status" title=${t(lang, 'offline.readyLabel')}>${t(lang, 'offline.ready')}</span>` : nothing}
        ${this.applyUpdate ? html`<button class="tool offline-update" title=${t(lang, 'offline.updateLabel')} @click=${this.applyUpdate}>${t(lang, 'offline.update')}</button>` : nothing}
        ${s.embed ? html`<a class="tool embed-open" href=${fullUrl} target="_blank" rel="noopener">${t(lang, 'embed.open')}</a>` : nothing}
      </header>
      <main class=${this.sideCollapsed && !this.narrow ? 'side-collapsed' : ''}>
        <aside class="side ${this.sheetOpen ? 'open' : ''}" id="side" aria-label=${t(lang, 'panel.side')} ?hidden=${this.sideCollapsed && !this.narrow}>
          <div class="tabs" role="tablist">
            ${tabs.map(
              // On phones a tab also unfolds the sheet: it says whether its panel is open.
              (tab) => html`<button role="tab" id="tab-${tab}" aria-controls="panel-${tab}" aria-selected=${this.tab === tab ? 'true' : 'false'} tabindex=${this.tab === tab ? 0 : -1}
                aria-expanded=${this.narrow ? (this.tab === tab && this.sheetOpen ? 'true' : 'false') : nothing}
                @click=${() => this.setTab(tab)}
                @keydown=${(e: KeyboardEvent) => this.onTabKey(e, tabs)}>${tabLabel[tab]}</button>`,
            )}
          </div>
          <div class="tabpanel" role="tabpanel" id="panel-layers" aria-labelledby="tab-layers" ?hidden=${this.tab !== 'layers'}>
            <hsr-layer-panel docked .lang=${lang} .state=${s} .data=${this.data}></hsr-layer-panel>
          </div>
          <div class="tabpanel" role="tabpanel" id="panel-filters" aria-labelledby="tab-filters" ?hidden=${this.tab !== 'filters'}>
            <hsr-filters .lang=${lang} .state=${s} .data=${this.data}></hsr-filters>
          </div>
          <div class="tabpanel" role="tabpanel" id="panel-list" aria-labelledby="tab-list" ?hidden=${this.tab !== 'list'}>
            <hsr-list id="list" .lang=${lang} .state=${s} .data=${this.data} .complete=${this.dataComplete}></hsr-list>
          </div>
        </aside>
        <button class="side-toggle" type="button" aria-controls="side" aria-expanded=${this.sideCollapsed ? 'false' : 'true'} title=${t(lang, this.sideCollapsed ? 'panel.expand' : 'panel.collapse')} @click=${this.toggleSide}>
          <span class="side-toggle__chevron" aria-hidden="true"></span><span class="visually-hidden">${t(lang, 'panel.side')}</span>
        </button>
        <hsr-map .lang=${lang} .state=${s} .data=${this.data} .manifest=${this.manifest} .focusRequest=${this.focusRequest} .flight=${this.flight} .highlight=${this.highlight}></hsr-map>
        ${s.story && this.presenterLoaded ? html`<hsr-presenter .lang=${lang} .state=${s} .data=${this.data} .offline=${this.offline} .liveCamera=${this.liveCamera} .mapReady=${this.mapStatus === 'ready' || this.mapStatus === 'no-webgl'}></hsr-presenter>` : nothing}
        ${selected ? html`<hsr-detail .lang=${lang} .feature=${selected} .data=${this.data}></hsr-detail>` : nothing}
        ${this.loadError ? html`<div class="banner" role="alert">${t(lang, 'map.dataError', { detail: this.loadError })}</div>` : nothing}
        ${this.report ? html`<div class="banner" role="status">${this.report.failedLayers.length ? t(lang, 'map.dataError', { detail: this.report.failedLayers.map((l) => pick(lang, layerSpec(l.id).title)).join(lang === 'zh' ? '、' : ', ') }) : ''} ${this.report.skipped.length ? t(lang, 'map.recordsSkipped', { count: this.report.skipped.length }) : ''}</div>` : nothing}
      </main>
      ${this.exportOpen ? html`<hsr-export-dialog .lang=${lang} .state=${s} .data=${this.exportData()} .map=${this.querySelector('hsr-map')?.getMap()} @hsr-export-close=${() => (this.exportOpen = false)}></hsr-export-dialog>` : nothing}
      <hsr-reader .lang=${lang} .reader=${s.reader} .data=${this.data} .base=${this.dataBase.href}></hsr-reader>
    `;
  }

  private onTabKey(e: KeyboardEvent, tabs: SideTab[]) {
    const i = tabs.indexOf(this.tab);
    let next: number | undefined;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    this.setTab(tabs[next]!);
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`#tab-${tabs[next!]}`) as HTMLElement | null)?.focus());
  }
}

customElements.define('hsr-app', HsrApp);

export type { Lang };
