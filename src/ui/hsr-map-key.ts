/**
 * The map's key where the side panel is hidden — while presenting and in an
 * embed: a small box over the map's upper right corner (left of the zoom
 * buttons) listing what the map shows, from the same sections as an export's
 * legend (`legendSections`: the visible layers, the items their visible
 * features answer to). It folds to its title: open while it takes under half
 * the window's height, folded when longer or on a narrow screen; a person's
 * own choice is kept until the layers change.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Dataset } from '../data/dataset.ts';
import { legendSections, type LegendSection } from '../layers/legend-sections.ts';
import { htmlLang, pick, t } from '../i18n/i18n.ts';
import type { AppState, Lang } from '../state/app-state.ts';
import { langFont, panelBase } from './shared-styles.ts';
import { renderSwatch } from './hsr-layer-panel.ts';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-map-key': HsrMapKey;
  }
}

/** The key opens by itself when its rows take at most this share of the window's height (it lies over the map). */
const OPEN_SHARE = 0.45;
/** A row's height in CSS pixels: the light key's, the projector's larger type. */
const ROW = { light: 18, dark: 22 };
/** Narrower screens start with the key folded: the map comes first. */
const NARROW = '(max-width: 720px)';

export class HsrMapKey extends LitElement {
  static override properties = {
    lang: { type: String },
    state: { attribute: false },
    data: { attribute: false },
    /** The projector's dark map: a dark box. */
    dark: { type: Boolean, reflect: true },
  };

  declare lang: Lang;
  declare state: AppState | null;
  declare data: Dataset | null;
  declare dark: boolean;
  /** The person's own open or folded, for the layers it was chosen with. */
  private chosen: { layers: string; open: boolean } | null = null;
  private sectionsFor: { key: string; data: Dataset; sections: LegendSection[] } | null = null;

  constructor() {
    super();
    this.lang = 'en';
    this.state = null;
    this.data = null;
    this.dark = false;
  }

  static override styles = [
    panelBase,
    langFont(':host'),
    css`
      :host {
        position: absolute;
        top: 10px;
        right: 56px;
        z-index: 2;
        max-width: min(320px, calc(100% - 80px));
        font-size: 13px;
        line-height: 1.35;
      }
      details {
        background: rgba(255, 255, 255, 0.94);
        color: var(--hsr-ink);
        border: 1px solid var(--hsr-rule, rgba(29, 35, 48, 0.2));
        border-radius: 6px;
        box-shadow: 0 1px 4px rgba(0, 0, 0, 0.15);
      }
      :host([dark]) details {
        background: rgba(15, 20, 30, 0.9);
        color: #f2f4f7;
        border-color: rgba(255, 255, 255, 0.25);
      }
      summary {
        cursor: pointer;
        padding: 6px 10px;
        font-weight: 600;
      }
      .body {
        max-height: min(60vh, calc(100vh - 160px));
        overflow: auto;
        padding: 0 10px 8px;
      }
      .section + .section {
        margin-top: 6px;
      }
      .heading {
        margin: 0;
        font-weight: 600;
      }
      ul {
        list-style: none;
        margin: 2px 0 0;
        padding: 0;
      }
      li {
        display: flex;
        gap: 8px;
        align-items: center;
      }
      .swatch {
        flex: none;
      }
      :host([dark]) {
        font-size: 16px;
        max-width: min(380px, calc(100% - 80px));
      }
    `,
  ];

  /** The sections for the current state and data (recomputed only when either changes). */
  private sections(): LegendSection[] {
    const { state, data } = this;
    if (!state || !data) return [];
    const key = JSON.stringify([state.layers, state.filters, state.mechanisms]);
    if (this.sectionsFor?.key !== key || this.sectionsFor.data !== data) this.sectionsFor = { key, data, sections: legendSections(state, data) };
    return this.sectionsFor.sections;
  }

  private onToggle(e: Event) {
    const open = (e.target as HTMLDetailsElement).open;
    if (open !== this.autoOpen()) this.chosen = { layers: this.state?.layers.join() ?? '', open };
    else this.chosen = null;
  }

  /** Open by itself: a key short enough for the window, on a wide screen. */
  private autoOpen(): boolean {
    const rows = this.sections().reduce((n, s) => n + 1 + s.items.length, 0);
    return rows * ROW[this.dark ? 'dark' : 'light'] <= window.innerHeight * OPEN_SHARE && !matchMedia(NARROW).matches;
  }

  // The body scrolls when long: focusable (tabindex) so the keyboard can scroll it too.
  override render() {
    const sections = this.sections();
    if (!sections.length) return nothing;
    const lang = this.lang;
    const layers = this.state?.layers.join() ?? '';
    const open = this.chosen?.layers === layers ? this.chosen.open : this.autoOpen();
    return html`<details ?open=${open} @toggle=${this.onToggle} lang=${htmlLang(lang)}>
      <summary>${t(lang, 'key.title')}</summary>
      <div class="body" tabindex="0" role="region" aria-label=${t(lang, 'key.title')}>
        ${sections.map(
          (s) =>
            html`<div class="section">
              <p class="heading">${pick(lang, s.title)}</p>
              <ul>
                ${s.items.map((i) => html`<li>${renderSwatch(i)}<span>${pick(lang, i.label)}</span></li>`)}
              </ul>
            </div>`,
        )}
      </div>
    </details>`;
  }
}

customElements.define('hsr-map-key', HsrMapKey);
