/**
 * `<hsr-list>`: the accessible list view of everything on the map. Every
 * feature of every layer that the map would draw (the filters, and for
 * mechanisms the mechanism choice: `visibleFeatures`) is listed, grouped by layer
 * (title and count), so all content is reachable without the map — also when
 * a layer is switched off, which a small tag says.
 *
 * Properties:
 * - `lang: Lang` — UI language.
 * - `state: AppState` — read only: `filters`, `layers`, `selected`.
 * - `data: Dataset | null` — nothing is listed while null.
 *
 * Events:
 * - `hsr-change` (`changeEvent`) with `{ selected: id, focus: true }` when an item is chosen.
 *
 * Keyboard: the list is one tab stop (roving tabindex); Up/Down move between
 * items across groups, Home/End go to the first/last, Enter/Space choose.
 * The selected item carries `aria-current="true"`.
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import { changeEvent } from '../app/events.ts';
import type { BaseProps, Bilingual } from '../data/contract.ts';
import { type LayerId, LAYER_IDS, layerSpec, styleContextOf } from '../layers/registry.ts';
import { allFeatures, type Dataset, type MapFeature } from '../data/dataset.ts';
import { countryNames, featureContext } from '../data/search-index.ts';
import { collator, field, htmlLang, pick, t } from '../i18n/i18n.ts';
import { visibleFeatures } from '../layers/build-layers.ts';
import type { AppState, Lang } from '../state/app-state.ts';
import { featureGlyph } from './swatch-svg.ts';
import { langFont, panelBase } from './shared-styles.ts';
import { StatePanel } from './state-panel.ts';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-list': HsrList;
  }
}

/** Layers in list order: what is drawn on top comes first, as in the layer panel. */
const LIST_ORDER: readonly LayerId[] = [...LAYER_IDS].reverse();

interface Item {
  id: string;
  name: string;
  context: string;
  glyph: string;
}

interface Group {
  layer: LayerId;
  title: string;
  /** The layer is switched off on the map. */
  hidden: boolean;
  items: Item[];
}

/** How items sort within their layer: the registry's `listKey` (a number, then text), else by name alone. */
function sortKey(p: BaseProps): [number, string] {
  return layerSpec(p.layer)?.listKey?.(p) ?? [0, ''];
}

/**
 * The groups of features on the map (passing the filters and, for mechanisms,
 * the mechanism choice: the same `visibleFeatures` as the map and the counts),
 * in list order, items ordered within their layer.
 */
function buildGroups(d: Dataset, state: AppState, lang: Lang, names: ReadonlyMap<string, Bilingual>): Group[] {
  const sorter = collator(lang);
  const ctx = styleContextOf(d);
  const groups: Group[] = [];
  for (const layer of LIST_ORDER) {
    const features = visibleFeatures(d, layer, state);
    if (features.length === 0) continue;
    const sorted = [...features].sort((a, b) => {
      const [na, sa] = sortKey(a.properties);
      const [nb, sb] = sortKey(b.properties);
      return na - nb || sorter.compare(sa, sb) || sorter.compare(field(lang, a.properties, 'name'), field(lang, b.properties, 'name'));
    });
    groups.push({
      layer,
      title: pick(lang, layerSpec(layer).title),
      hidden: !state.layers.includes(layer),
      items: sorted.map((f: MapFeature) => ({
        id: f.properties.id,
        name: field(lang, f.properties, 'name'),
        context: featureContext(f.properties, lang, names),
        glyph: featureGlyph(f.properties, ctx),
      })),
    });
  }
  return groups;
}

export class HsrList extends StatePanel {
  static override properties = {
    complete: { type: Boolean },
    rovingId: { state: true },
  };

  /** Whether every layer has loaded: the map's own layers come first, the others just after. */
  declare complete: boolean;
  /** The item that holds the list's tab stop (the last one focused). */
  declare rovingId: string | null;

  private groups: Group[] = [];
  private order: string[] = [];
  private names: Map<string, Bilingual> = new Map();
  private namesFor: Dataset | null = null;

  constructor() {
    super();
    this.complete = true;
    this.rovingId = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const d = this.data;
    if (!d) {
      this.groups = [];
      this.order = [];
      return;
    }
    if (this.namesFor !== d) {
      this.names = countryNames(allFeatures(d), d.manifest.countries);
      this.namesFor = d;
    }
    const prev = changed.get('state') as AppState | undefined;
    const stateChanged = changed.has('state') && (!prev || prev.filters !== this.state.filters || prev.layers !== this.state.layers || prev.mechanisms !== this.state.mechanisms);
    if (changed.has('data') || changed.has('lang') || stateChanged || this.groups.length === 0) {
      this.groups = buildGroups(d, this.state, this.lang, this.names);
      this.order = this.groups.flatMap((g) => g.items.map((i) => i.id));
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const prev = changed.get('state') as AppState | undefined;
    const sel = this.state.selected;
    // A feature chosen elsewhere (map, search): bring it into view, unless the user is working in the list.
    if (changed.has('state') && sel && prev?.selected !== sel && !this.matches(':focus-within')) {
      this.button(sel)?.scrollIntoView({ block: 'nearest' });
    }
  }

  /** The id holding the tab stop: the last focused item, else the selected one, else the first. */
  private tabStop(): string | undefined {
    if (this.rovingId && this.order.includes(this.rovingId)) return this.rovingId;
    if (this.state.selected && this.order.includes(this.state.selected)) return this.state.selected;
    return this.order[0];
  }

  /** Moves focus into the list: to its tab stop, or to its count when nothing is listed (the skip link's target). */
  async focusList(): Promise<void> {
    await this.updateComplete;
    const stop = this.tabStop();
    const target = (stop ? this.button(stop) : null) ?? this.renderRoot.querySelector<HTMLElement>('.count');
    target?.focus();
  }

  private button(id: string): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(`button[data-id="${CSS.escape(id)}"]`);
  }

  private choose(id: string) {
    this.rovingId = id;
    this.dispatchEvent(changeEvent({ selected: id, focus: true }));
  }

  private onKeydown(e: KeyboardEvent) {
    const target = e.target as HTMLElement;
    const id = target.closest('button')?.getAttribute('data-id');
    if (!id || e.altKey || e.ctrlKey || e.metaKey) return;
    const i = this.order.indexOf(id);
    let next: number | undefined;
    if (e.key === 'ArrowDown') next = Math.min(this.order.length - 1, i + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, i - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = this.order.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    this.rovingId = this.order[next]!;
    this.button(this.rovingId)?.focus();
  }

  private onFocusin(e: FocusEvent) {
    const id = (e.target as HTMLElement).closest('button')?.getAttribute('data-id');
    if (id && id !== this.rovingId) this.rovingId = id;
  }

  static override styles = [
    panelBase,
    css`
    .list {
      padding: 2px 14px 16px;
    }
    .list:lang(zh) {
      line-height: 1.5;
    }
    .count {
      margin: 4px 0 8px;
      font-size: 13px;
      color: var(--hsr-muted);
    }
    .more {
      margin: 0 0 8px;
      font-size: 13px;
      color: var(--hsr-muted);
      font-style: italic;
    }
    .empty {
      margin: 16px 0;
      padding: 12px;
      border: 1px dashed var(--hsr-line);
      border-radius: 6px;
      color: var(--hsr-ink-2);
    }
    section + section {
      margin-top: 14px;
    }
    h3 {
      display: flex;
      align-items: baseline;
      gap: 8px;
      flex-wrap: wrap;
      margin: 0 0 4px;
      padding: 6px 0 4px;
      border-bottom: 1px solid var(--hsr-hover);
      font-size: 13px;
      font-weight: 600;
      color: var(--hsr-ink-2);
      position: sticky;
      top: 0;
      background: var(--hsr-list-background, var(--hsr-surface));
      z-index: 1;
    }
    .n {
      font-weight: 400;
      color: var(--hsr-muted);
      font-variant-numeric: tabular-nums;
    }
    .tag {
      font-size: 11.5px;
      font-weight: 500;
      padding: 0 6px;
      border-radius: 999px;
      border: 1px solid var(--hsr-line);
      color: var(--hsr-muted);
      background: var(--hsr-surface-2);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    button {
      display: flex;
      align-items: flex-start;
      gap: 9px;
      width: 100%;
      padding: 7px 8px;
      border: 0;
      border-radius: 6px;
      background: none;
      color: inherit;
      font: inherit;
      text-align: start;
      cursor: pointer;
    }
    button:hover {
      background: var(--hsr-surface-2);
    }
    button:focus-visible {
      outline: 3px solid var(--hsr-accent);
      outline-offset: -3px;
    }
    button[aria-current='true'] {
      background: var(--hsr-accent-wash);
      box-shadow: inset 3px 0 0 var(--hsr-accent);
    }
    img {
      flex: none;
      width: 14px;
      height: 14px;
      margin-top: 3px;
    }
    .text {
      min-width: 0;
    }
    .name {
      display: block;
      font-weight: 500;
    }
    .ctx {
      display: block;
      font-size: 12.5px;
      color: var(--hsr-muted);
    }
  `,
    langFont('.list'),
  ];

  override render() {
    const lang = this.lang;
    if (!this.data) return nothing;
    const stop = this.tabStop();
    const selected = this.state.selected;
    return html`<div class="list" lang=${htmlLang(lang)} aria-busy=${this.complete ? 'false' : 'true'} @keydown=${this.onKeydown} @focusin=${this.onFocusin}>
      <h2 class="visually-hidden">${t(lang, 'list.title')}</h2>
      <p class="count" role="status" tabindex="-1">${t(lang, 'list.count', { count: this.order.length })}</p>
      ${this.complete ? nothing : html`<p class="more">${t(lang, 'list.loadingMore')}</p>`}
      ${this.order.length === 0 && this.complete ? html`<p class="empty">${t(lang, 'list.empty')}</p>` : nothing}
      ${this.groups.map(
        (g) => html`<section aria-labelledby="h-${g.layer}">
          <h3 id="h-${g.layer}">
            <span>${g.title}</span><span class="n">${g.items.length}</span>
            ${g.hidden ? html`<span class="tag">${t(lang, 'list.hiddenLayer')}</span>` : nothing}
          </h3>
          <ul>
            ${g.items.map(
              (it) => html`<li>
                <button type="button" data-id=${it.id} tabindex=${it.id === stop ? 0 : -1} aria-current=${it.id === selected ? 'true' : 'false'} @click=${() => this.choose(it.id)}>
                  <img src=${it.glyph} alt="" width="14" height="14" />
                  <span class="text"><span class="name">${it.name}</span>${it.context ? html`<span class="ctx">${it.context}</span>` : nothing}</span>
                </button>
              </li>`,
            )}
          </ul>
        </section>`,
      )}
    </div>`;
  }
}

customElements.define('hsr-list', HsrList);
