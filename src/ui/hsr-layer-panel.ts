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
 *
 * Events:
 * - `hsr-change` (`changeEvent`) with `{ worldview }` when the boundaries are switched,
 *   `{ layers }` when a layer is switched,
 *   `{ mechanisms }` when the mechanism choice changes (empty = all), and
 *   `{ layers, mechanisms: [] }` when the last mechanism is unchecked (the layer is hidden).
 *
 * Layout: the side panel's "Layers" tab places it; the tab names it, so its own
 * heading is for screen readers only.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ONLINE_STYLE_URL } from '../map/online-style.ts';
import { changeEvent } from '../app/events.ts';
import { type LayerId, legendInUse, MARK_LEGEND, type LayerSpec, type LegendItem } from '../layers/registry.ts';
import { htmlLang, pick, t, type StringKey } from '../i18n/i18n.ts';
import { WORLDVIEWS, type Worldview } from '../data/worldviews.ts';
import { cssProps } from './directives/css-props.ts';
import { choiceInputs, colourDot, langFont, panelBase, sectionHeading } from './shared-styles.ts';
import { StatePanel } from './state-panel.ts';
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

/** The switch's label of each worldview. */
const WORLDVIEW_LABEL = { intl: 'worldview.intl', cn: 'worldview.cn' } as const satisfies Record<Worldview, StringKey>;

export class HsrLayerPanel extends StatePanel {
  static override styles = [
    panelBase,
    sectionHeading,
    choiceInputs,
    colourDot,
    css`
      :host {
        line-height: 1.5;
      }
      .panel {
        display: flex;
        flex-direction: column;
        max-height: inherit;
      }
      .body {
        overflow: auto;
        min-height: 0;
        flex: 1 1 auto;
        padding: 4px 14px 14px;
        overscroll-behavior: contain;
      }
      h3 {
        margin: 14px 0 4px;
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
        background: var(--hsr-surface-2);
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
        color: var(--hsr-muted);
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .count.none {
        color: #8a2f00;
      }
      input:focus-visible,
      button:focus-visible {
        outline: 3px solid var(--hsr-accent);
        outline-offset: 2px;
      }
      .swatch {
        flex: none;
        display: inline-block;
      }
      .desc {
        margin: 0 0 4px 28px;
        font-size: 12.5px;
        color: var(--hsr-muted);
      }
      .legend {
        margin: 0 0 6px 28px;
        font-size: 13px;
        color: var(--hsr-ink-2);
      }
      .legend.marks {
        margin-left: 0;
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
      fieldset.mechanisms {
        margin: 2px 0 8px 28px;
        padding: 8px 10px;
        border: 1px solid var(--hsr-rule);
        border-radius: 6px;
        font-size: 13px;
      }
      fieldset.mechanisms legend {
        padding: 0 4px;
        font-weight: 600;
        color: var(--hsr-ink-2);
      }
      .mechanisms label {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 3px 0;
        cursor: pointer;
      }
      .all {
        margin-top: 4px;
        padding: 3px 10px;
        font: inherit;
        font-size: 12.5px;
        border: 1px solid var(--hsr-line);
        border-radius: 4px;
        background: var(--hsr-surface);
        color: var(--hsr-ink);
        cursor: pointer;
      }
      .all:hover {
        background: var(--hsr-surface-5);
      }
      @media (max-width: 640px) {
        .row {
          padding: 8px 4px;
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
    // The side panel's tab names the panel: the heading stays (for the heading outline) but only for screen readers.
    return html`<section class="panel" lang=${htmlLang(lang)} aria-labelledby="${this.uid}-title">
      <h2 class="visually-hidden" id="${this.uid}-title">${t(lang, 'panel.layers')}</h2>
      <div class="body" id=${bodyId}>
        ${this.renderWorldview()}
        ${layerGroups().map(
          ({ group, layers }) => html`<section class="group" aria-labelledby="${this.uid}-g-${group}">
            <h3 id="${this.uid}-g-${group}">${t(lang, `layers.group.${group}`)}</h3>
            <ul>
              ${layers.map((spec) => this.renderLayer(spec, counts?.[spec.id] ?? null))}
            </ul>
          </section>`,
        )}
        <section class="group" aria-labelledby="${this.uid}-g-marks">
          <h3 id="${this.uid}-g-marks">${t(lang, 'layers.group.marks')}</h3>
          <ul class="legend marks">
            ${Object.values(MARK_LEGEND).map((item) => html`<li>${renderSwatch(item)}<span>${pick(lang, item.label)}</span></li>`)}
          </ul>
        </section>
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
          ${
            count
              ? html`<span class="count ${count.shown === 0 && count.total > 0 ? 'none' : ''}" title=${t(lang, 'layers.countLabel', { shown: count.shown, total: count.total })}>${t(lang, 'layers.countOf', { shown: count.shown, total: count.total })}</span>`
              : nothing
          }
        </label>
      </div>
      <p class=${on ? 'desc' : 'visually-hidden'} id=${descId}>${description}</p>
      ${
        on
          ? html`<ul class="legend" aria-label=${t(lang, 'layers.legendOf', { layer: title })}>
            ${legend.map((item) => html`<li>${renderSwatch(item)}<span>${pick(lang, item.label)}</span></li>`)}
          </ul>`
          : nothing
      }
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
