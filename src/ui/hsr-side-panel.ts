/**
 * `<hsr-side-panel>`: the side panel beside the map — tabs for the layers,
 * the filters and the list — with its own ways of giving the map room: on
 * desktops it folds away (the toggle at its edge); on phones it is a bottom
 * sheet that shows only its tabs until one is tapped.
 *
 * Properties in: `lang`, `state`, `data`, `complete` (every layer is in),
 * `mapStatus` (without a map, the list is the way in: it opens).
 * Methods: `selectTab(tab)` (the header's List button), `showList()` (the skip link).
 * Events out: `hsr-change` with `{ view }` when the list tab is entered or left
 * (the list is part of the link), and the panels' own.
 *
 * Light DOM, like `<hsr-app>`: the page's stylesheet (`styles/app.css`) lays it out.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { changeEvent } from '../app/events.ts';
import type { AppState, Lang } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import type { MapStatus } from '../map/hsr-map.ts';
import { t } from '../i18n/i18n.ts';
import './hsr-layer-panel.ts';
// The filters and the list load when their tab is shown, or once the map has drawn (lazy-elements.ts).
import { ensureElement } from '../app/lazy-elements.ts';

export type SideTab = 'layers' | 'filters' | 'list';
const TABS: readonly SideTab[] = ['layers', 'filters', 'list'];

/** The phone layout's breakpoint (the same as `styles/app.css`). */
const NARROW_QUERY = '(max-width: 720px)';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-side-panel': HsrSidePanel;
  }
}

export class HsrSidePanel extends LitElement {
  static override properties = {
    lang: { type: String },
    state: { attribute: false },
    data: { attribute: false },
    complete: { type: Boolean },
    mapStatus: { type: String },
    tab: { state: true },
    sheetOpen: { state: true },
    collapsed: { type: Boolean, reflect: true },
    narrow: { state: true },
  };

  declare lang: Lang;
  declare state: AppState | null;
  declare data: Dataset | null;
  declare complete: boolean;
  declare mapStatus: MapStatus;
  declare tab: SideTab;
  /** Phones: whether the sheet is open; desktops ignore it. */
  declare sheetOpen: boolean;
  /** Desktop: the panel is folded away, leaving the map the whole width. */
  declare collapsed: boolean;
  /** The phone layout is in effect. */
  declare narrow: boolean;

  private readonly narrowQuery = window.matchMedia?.(NARROW_QUERY);
  private readonly onNarrow = () => (this.narrow = this.narrowQuery?.matches ?? false);

  constructor() {
    super();
    this.lang = 'en';
    this.state = null;
    this.data = null;
    this.complete = false;
    this.mapStatus = 'loading';
    this.tab = 'layers';
    this.sheetOpen = false;
    this.collapsed = false;
    this.narrow = this.narrowQuery?.matches ?? false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.narrowQuery?.addEventListener('change', this.onNarrow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.narrowQuery?.removeEventListener('change', this.onNarrow);
  }

  protected override createRenderRoot() {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const view = this.state?.view;
    const before = (changed.get('state') as AppState | null | undefined)?.view;
    if (changed.has('state') && view !== before) {
      // The list is part of the view (a link, back/forward): its tab follows; a link to the list opens the sheet.
      if (view === 'list') this.tab = 'list';
      else if (this.tab === 'list') this.tab = 'layers';
      if (before === undefined && view === 'list') this.sheetOpen = true;
    }
    // Without a map, the list is the way in (on phones the sheet opens to show it).
    if (changed.has('mapStatus') && this.mapStatus === 'no-webgl') {
      this.tab = 'list';
      this.sheetOpen = true;
      this.collapsed = false;
    }
  }

  protected override updated(): void {
    if (this.tab === 'filters') void ensureElement('hsr-filters');
    if (this.tab === 'list') void ensureElement('hsr-list');
  }

  /** Shows a tab: on phones tapping the open tab again folds the sheet away, any other tab opens it. */
  selectTab(tab: SideTab): void {
    this.sheetOpen = !(this.sheetOpen && this.tab === tab && tab !== 'list');
    this.collapsed = false;
    this.tab = tab;
    if (this.state && (tab === 'list') !== (this.state.view === 'list')) this.dispatchEvent(changeEvent({ view: tab === 'list' ? 'list' : 'map' }));
  }

  /** Opens the list (unfolding the panel or the sheet) and moves focus into it. */
  async showList(): Promise<void> {
    this.selectTab('list');
    await this.updateComplete;
    if (!(await ensureElement('hsr-list'))) return;
    await this.querySelector('hsr-list')?.focusList();
  }

  private onTabKey(e: KeyboardEvent) {
    const i = TABS.indexOf(this.tab);
    const next = { ArrowRight: (i + 1) % TABS.length, ArrowLeft: (i - 1 + TABS.length) % TABS.length, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const tab = TABS[next]!;
    this.selectTab(tab);
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const lang = this.lang;
    const label: Record<SideTab, string> = { layers: t(lang, 'panel.layers'), filters: t(lang, 'panel.filters'), list: t(lang, 'view.list') };
    const folded = this.collapsed && !this.narrow;
    return html`
      <aside class="side ${this.sheetOpen ? 'open' : ''}" id="side" aria-label=${t(lang, 'panel.side')} ?hidden=${folded}>
        <div class="tabs" role="tablist">
          ${TABS.map(
            // On phones a tab also unfolds the sheet: it says whether its panel is open.
            (tab) => html`<button role="tab" id="tab-${tab}" aria-controls="panel-${tab}" aria-selected=${this.tab === tab ? 'true' : 'false'} tabindex=${this.tab === tab ? 0 : -1}
              aria-expanded=${this.narrow ? (this.tab === tab && this.sheetOpen ? 'true' : 'false') : nothing}
              @click=${() => this.selectTab(tab)}
              @keydown=${this.onTabKey}>${label[tab]}</button>`,
          )}
        </div>
        <div class="tabpanel" role="tabpanel" id="panel-layers" aria-labelledby="tab-layers" ?hidden=${this.tab !== 'layers'}>
          <hsr-layer-panel .lang=${lang} .state=${s} .data=${this.data}></hsr-layer-panel>
        </div>
        <div class="tabpanel" role="tabpanel" id="panel-filters" aria-labelledby="tab-filters" ?hidden=${this.tab !== 'filters'}>
          <hsr-filters .lang=${lang} .state=${s} .data=${this.data}></hsr-filters>
        </div>
        <div class="tabpanel" role="tabpanel" id="panel-list" aria-labelledby="tab-list" ?hidden=${this.tab !== 'list'}>
          <hsr-list id="list" .lang=${lang} .state=${s} .data=${this.data} .complete=${this.complete}></hsr-list>
        </div>
      </aside>
      <button class="side-toggle" type="button" aria-controls="side" aria-expanded=${this.collapsed ? 'false' : 'true'} title=${t(lang, this.collapsed ? 'panel.expand' : 'panel.collapse')} @click=${() => (this.collapsed = !this.collapsed)}>
        <span class="side-toggle__chevron" aria-hidden="true"></span><span class="visually-hidden">${t(lang, 'panel.side')}</span>
      </button>
    `;
  }
}

customElements.define('hsr-side-panel', HsrSidePanel);
