/**
 * `<hsr-layer-panel>`: the thematic layers, grouped, each with a checkbox, a
 * swatch and how many of its features the filters leave on the map; under each
 * visible layer its legend, and for the mechanisms layer the choice of
 * mechanisms. Everything it lists comes from the layer registry, so the panel,
 * the legend and the map cannot disagree.
 *
 * Properties:
 * - `lang: Lang` — UI language.
 * - `state: AppState` — read only: `layers`, `mechanisms`, `filters`.
 * - `data: Dataset | null` — for counts and the mechanisms list (none shown while null).
 * - `collapsed: boolean` (attribute `collapsed`, reflected) — local UI state, toggled by the header button.
 * - `docked: boolean` (attribute `docked`) — the host app places the panel (e.g. in a side column):
 *   no card chrome and no bottom sheet on narrow screens.
 *
 * Events:
 * - `hsr-change` (`changeEvent`) with `{ worldview }` when the boundaries are switched,
 *   `{ layers }` when a layer is switched,
 *   `{ mechanisms }` when the mechanism choice changes (empty = all), and
 *   `{ layers, mechanisms: [] }` when the last mechanism is unchecked (the layer is hidden).
 *
 * Layout: a card on wide screens; at max-width 640px (unless `docked`) a bottom
 * sheet fixed to the bottom of the viewport, 45vh high at most when open,
 * whose header is the handle that opens and closes it.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ONLINE_STYLE_URL } from '../map/online-style.ts';
import { changeEvent } from '../app/events.ts';
import { type LayerId, legendInUse, type LayerSpec, type LegendItem } from '../layers/registry.ts';
import type { Dataset } from '../data/dataset.ts';
import { htmlLang, pick, t, type StringKey } from '../i18n/i18n.ts';
import { defaultState, type AppState, type Lang } from '../state/app-state.ts';
import { WORLDVIEWS, type Worldview } from '../data/worldviews.ts';
import { cssProps } from './directives/css-props.ts';
import { langFont } from './shared-styles.ts';
import { layerCounts, layerGroups, mechanismOptions, toggleLayer, toggleMechanism, type LayerCount } from './panel-model.ts';
import { swatchImage } from './swatch-svg.ts';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-layer-panel': HsrLayerPanel;
  }
}

/** A legend swatch: an image drawn from the layer's style (colour, outline, dash, hollow), as on the map. */
export function renderSwatch(item: LegendItem): TemplateResult {
  const s = swatchImage(item);
  return html`<img class="swatch swatch-${item.swatch.kind}" src=${s.src} alt="" width=${s.width} height=${s.height} />`;
}

let nextId = 0;

/** The switch's label of each worldview. */
const WORLDVIEW_LABEL = { intl: 'worldview.intl', cn: 'worldview.cn' } as const satisfies Record<Worldview, StringKey>;

export class HsrLayerPanel extends LitElement {
  static override properties = {
    lang: { type: String },
    state: { attribute: false },
    data: { attribute: false },
    collapsed: { type: Boolean, reflect: true },
    docked: { type: Boolean, reflect: true },
  };

  declare lang: Lang;
  declare state: AppState;
  declare data: Dataset | null;
  declare collapsed: boolean;
  declare docked: boolean;

  /** Unique per instance, for label/aria references inside the shadow root. */
  private readonly uid = `lp${nextId++}`;


  constructor() {
    super();
    this.lang = 'en';
    this.state = defaultState();
    this.data = null;
    this.collapsed = false;
    this.docked = false;
  }

  static override styles = [
    css`
      :host {
        display: block;
        box-sizing: border-box;
        color: #1d2330;
        font-size: 14px;
        line-height: 1.5;
      }
      :host(:not([docked])) {
        background: #fff;
        border: 1px solid #d8dee6;
        border-radius: 8px;
        box-shadow: 0 2px 10px rgba(29, 35, 48, 0.12);
        max-height: 100%;
        overflow: hidden;
      }
      :host([hidden]) {
        display: none;
      }
      *,
      *::before,
      *::after {
        box-sizing: inherit;
      }
      .panel {
        display: flex;
        flex-direction: column;
        max-height: inherit;
      }
      h2 {
        margin: 0;
        font-size: 15px;
        font-weight: 600;
      }
      .toggle {
        display: flex;
        align-items: center;
        gap: 8px;
        width: 100%;
        padding: 10px 14px;
        border: 0;
        background: none;
        color: inherit;
        font: inherit;
        text-align: start;
        cursor: pointer;
      }
      .toggle:hover {
        background: #f3f6f9;
      }
      .toggle .label {
        flex: 1;
      }
      .grip {
        display: none;
      }
      /* Points where the panel goes: up to fold it away, down to unfold (reversed for the bottom sheet). */
      .chevron {
        width: 8px;
        height: 8px;
        border-right: 2px solid #4a5566;
        border-bottom: 2px solid #4a5566;
        transform: translateY(2px) rotate(225deg);
        transition: transform 0.15s ease;
      }
      :host([collapsed]) .chevron {
        transform: translateY(-2px) rotate(45deg);
      }
      :host([docked]) .head {
        display: none;
      }
      .body {
        overflow: auto;
        min-height: 0;
        flex: 1 1 auto;
        padding: 0 14px 14px;
        overscroll-behavior: contain;
      }
      :host(:not([docked])) .body {
        border-top: 1px solid #e6eaef;
      }
      :host([docked]) .body {
        padding-top: 4px;
      }
      .body[hidden] {
        display: none;
      }
      h3 {
        margin: 14px 0 4px;
        font-size: 12.5px;
        font-weight: 600;
        letter-spacing: 0.04em;
        text-transform: uppercase;
        color: #4a5566;
      }
      .panel:lang(zh) h3 {
        letter-spacing: 0.1em;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .layer {
        border-radius: 6px;
      }
      .row {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 5px 4px;
        border-radius: 6px;
      }
      .row:hover {
        background: #f3f6f9;
      }
      .row label {
        flex: 1;
        display: flex;
        align-items: center;
        gap: 8px;
        min-width: 0;
        cursor: pointer;
      }
      .title {
        flex: 1;
        min-width: 0;
      }
      .count {
        flex: none;
        font-size: 12.5px;
        color: #4a5566;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .count.none {
        color: #8a2f00;
      }
      input[type='checkbox'] {
        width: 16px;
        height: 16px;
        margin: 0;
        flex: none;
        accent-color: #0a66c2;
        cursor: pointer;
      }
      input:focus-visible,
      button:focus-visible {
        outline: 3px solid #0a66c2;
        outline-offset: 2px;
      }
      .toggle:focus-visible {
        outline-offset: -3px;
      }
      .swatch {
        flex: none;
        display: inline-block;
      }
      .desc {
        margin: 0 0 4px 28px;
        font-size: 12.5px;
        color: #4a5566;
      }
      .visually-hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      .legend {
        margin: 0 0 6px 28px;
        font-size: 13px;
        color: #3b4556;
      }
      .legend li {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 2px 0;
      }
      .legend .swatch-symbol {
        width: 14px;
        height: 14px;
      }
      fieldset.worldview {
        margin: 10px 0 0;
        padding: 0;
        border: 0;
      }
      fieldset.worldview legend {
        padding: 0;
      }
      fieldset.worldview h3 {
        margin-top: 4px;
      }
      fieldset.worldview .desc {
        margin-left: 4px;
      }
      input[type='radio'] {
        width: 16px;
        height: 16px;
        margin: 0;
        flex: none;
        accent-color: #0a66c2;
        cursor: pointer;
      }
      fieldset.mechanisms {
        margin: 2px 0 8px 28px;
        padding: 8px 10px;
        border: 1px solid #e0e5eb;
        border-radius: 6px;
        font-size: 13px;
      }
      fieldset.mechanisms legend {
        padding: 0 4px;
        font-weight: 600;
        color: #3b4556;
      }
      .mechanisms label {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 3px 0;
        cursor: pointer;
      }
      .dot {
        flex: none;
        width: 11px;
        height: 11px;
        border-radius: 50%;
        background: var(--c);
        box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.35);
      }
      .all {
        margin-top: 4px;
        padding: 3px 10px;
        font: inherit;
        font-size: 12.5px;
        border: 1px solid #c4ccd6;
        border-radius: 4px;
        background: #fff;
        color: #1d2330;
        cursor: pointer;
      }
      .all:hover {
        background: #f0f4f8;
      }
      @media (max-width: 640px) {
        :host(:not([docked])) {
          position: fixed;
          left: 0;
          right: 0;
          bottom: 0;
          z-index: 20;
          max-height: 45vh;
          border-radius: 12px 12px 0 0;
          border-bottom: 0;
          box-shadow: 0 -4px 16px rgba(29, 35, 48, 0.18);
          padding-bottom: env(safe-area-inset-bottom, 0);
        }
        :host(:not([docked])) .toggle {
          position: relative;
          padding: 18px 16px 10px;
          min-height: 48px;
        }
        :host(:not([docked])) .grip {
          display: block;
          position: absolute;
          top: 7px;
          left: 50%;
          width: 40px;
          height: 4px;
          margin-left: -20px;
          border-radius: 2px;
          background: #6b7686;
        }
        :host(:not([docked])) .chevron {
          transform: translateY(-2px) rotate(45deg);
        }
        :host(:not([docked])[collapsed]) .chevron {
          transform: translateY(2px) rotate(225deg);
        }
        .row {
          padding: 8px 4px;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .chevron {
          transition: none;
        }
      }
    `,
    langFont('.panel'),
  ];

  override render() {
    const lang = this.lang;
    const data = this.data;
    const counts = data ? layerCounts(data, this.state) : null;
    const bodyId = `${this.uid}-body`;
    // Docked, the host's tab names the panel: the heading stays (for the heading outline) but only for screen readers.
    return html`<section class="panel" lang=${htmlLang(lang)} aria-labelledby="${this.uid}-title">
      ${this.docked
        ? html`<h2 class="visually-hidden" id="${this.uid}-title">${t(lang, 'panel.layers')}</h2>`
        : html`<h2 class="head" id="${this.uid}-title">
            <button class="toggle" type="button" aria-expanded=${this.collapsed ? 'false' : 'true'} aria-controls=${bodyId} title=${t(lang, this.collapsed ? 'panel.expand' : 'panel.collapse')} @click=${this.toggleCollapsed}>
              <span class="grip" aria-hidden="true"></span>
              <span class="label">${t(lang, 'panel.layers')}</span>
              <span class="chevron" aria-hidden="true"></span>
            </button>
          </h2>`}
      <div class="body" id=${bodyId} ?hidden=${this.collapsed && !this.docked}>
        ${this.renderWorldview()}
        ${layerGroups().map(
          ({ group, layers }) => html`<section class="group" aria-labelledby="${this.uid}-g-${group}">
            <h3 id="${this.uid}-g-${group}">${t(lang, `layers.group.${group}`)}</h3>
            <ul>
              ${layers.map((spec) => this.renderLayer(spec, counts?.[spec.id] ?? null))}
            </ul>
          </section>`,
        )}
        ${ONLINE_STYLE_URL ? this.renderBasemap(ONLINE_STYLE_URL) : nothing}
      </div>
    </section>`;
  }

  /** The worldview: whose boundaries the base map, the country fills and exports draw. */
  private renderWorldview() {
    const lang = this.lang;
    const current = this.state.worldview;
    return html`<fieldset class="worldview">
      <legend><h3 id="${this.uid}-g-worldview">${t(lang, 'worldview.title')}</h3></legend>
      ${WORLDVIEWS.map(
        (wv) => html`<label class="row"
          ><input type="radio" name="${this.uid}-worldview" value=${wv} .checked=${live(current === wv)} @change=${() => this.setWorldview(wv)} />
          <span>${t(lang, WORLDVIEW_LABEL[wv])}</span></label
        >`,
      )}
      <p class="desc">${t(lang, 'worldview.note')}</p>
    </fieldset>`;
  }

  private setWorldview(worldview: Worldview) {
    if (worldview !== this.state.worldview) this.dispatchEvent(changeEvent({ worldview }));
  }

  /** The opt-in online base map (only in builds that configure one): off until the visitor ticks it. */
  private renderBasemap(url: string) {
    const lang = this.lang;
    const on = this.state.basemap === 'online';
    return html`<section class="group basemap" aria-labelledby="${this.uid}-g-basemap">
      <h3 id="${this.uid}-g-basemap">${t(lang, 'basemap.title')}</h3>
      <label class="row"
        ><input type="checkbox" .checked=${on} @change=${(e: Event) => this.dispatchEvent(changeEvent({ basemap: (e.target as HTMLInputElement).checked ? 'online' : 'offline' }))} />
        <span>${t(lang, 'basemap.online', { host: new URL(url).host })}</span></label
      >
    </section>`;
  }

  private renderLayer(spec: LayerSpec, count: LayerCount | null) {
    const lang = this.lang;
    const on = this.state.layers.includes(spec.id);
    const inputId = `${this.uid}-l-${spec.id}`;
    const descId = `${this.uid}-d-${spec.id}`;
    const title = pick(lang, spec.title);
    const description = pick(lang, spec.description);
    const legend = legendInUse(spec, this.data?.layers[spec.id] ?? null);
    // The description: read with the checkbox (aria-describedby), and shown under a visible layer's legend.
    return html`<li class="layer">
      <div class="row" title=${description}>
        <input type="checkbox" id=${inputId} aria-describedby=${descId} .checked=${live(on)} @change=${(e: Event) => this.setLayer(spec.id, (e.target as HTMLInputElement).checked)} />
        <label for=${inputId}>
          ${spec.legend[0] ? renderSwatch(spec.legend[0]) : nothing}
          <span class="title">${title}</span>
          ${count
            ? html`<span class="count ${count.shown === 0 && count.total > 0 ? 'none' : ''}" title=${t(lang, 'layers.countLabel', { shown: count.shown, total: count.total })}>${t(lang, 'layers.countOf', { shown: count.shown, total: count.total })}</span>`
            : nothing}
        </label>
      </div>
      <p class=${on ? 'desc' : 'visually-hidden'} id=${descId}>${description}</p>
      ${on
        ? html`<ul class="legend" aria-label=${t(lang, 'layers.legendOf', { layer: title })}>
            ${legend.map((item) => html`<li>${renderSwatch(item)}<span>${pick(lang, item.label)}</span></li>`)}
          </ul>`
        : nothing}
      ${on && spec.choosable ? this.renderMechanisms() : nothing}
    </li>`;
  }

  private renderMechanisms() {
    const data = this.data;
    if (!data || data.layers.mechanisms.length === 0) return nothing;
    const lang = this.lang;
    const chosen = this.state.mechanisms;
    const options = mechanismOptions(data, lang);
    return html`<fieldset class="mechanisms">
      <legend>${t(lang, 'layers.mechanisms.choose')}</legend>
      ${options.map(
        (m) => html`<label>
          <input type="checkbox" .checked=${live(chosen.length === 0 || chosen.includes(m.id))} @change=${(e: Event) => this.setMechanism(m.id, (e.target as HTMLInputElement).checked)} />
          <span class="dot" aria-hidden="true" ${cssProps({ '--c': m.color })}></span>
          <span>${m.name}</span>
        </label>`,
      )}
      ${chosen.length ? html`<button class="all" type="button" @click=${() => this.dispatchEvent(changeEvent({ mechanisms: [] }))}>${t(lang, 'layers.mechanisms.all')}</button>` : nothing}
    </fieldset>`;
  }

  private toggleCollapsed() {
    this.collapsed = !this.collapsed;
  }

  private setLayer(id: LayerId, on: boolean) {
    this.dispatchEvent(changeEvent({ layers: toggleLayer(this.state.layers, id, on) }));
  }

  private setMechanism(id: string, on: boolean) {
    const all = this.data?.layers.mechanisms.map((f) => f.properties.id) ?? [];
    const next = toggleMechanism(all, this.state.mechanisms, id, on);
    this.dispatchEvent(changeEvent(next.hideLayer ? { layers: toggleLayer(this.state.layers, 'mechanisms', false), mechanisms: [] } : { mechanisms: next.mechanisms }));
  }
}

customElements.define('hsr-layer-panel', HsrLayerPanel);
