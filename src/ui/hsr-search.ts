/**
 * `<hsr-search>`: one search box for places, features, key-project numbers
 * and countries, in either language — an ARIA 1.2 combobox (an input with a
 * listbox popup; the active option is announced through
 * `aria-activedescendant`, so focus stays in the input).
 *
 * Properties:
 * - `lang: Lang` — UI language (result names and context lines follow it).
 * - `data: Dataset | null` — indexed whole, every layer (hidden ones too).
 *
 * Events:
 * - `hsr-change` (`changeEvent`) with `{ selected: id, focus: true }` when a
 *   feature is chosen, or `{ filters: { country: iso2 }, focus: true }` when a
 *   country is (the map then fits the country).
 *
 * Keyboard: Down/Up move through the results (opening the list), Enter
 * chooses, Escape closes the list and then clears the box, Home/End jump to
 * the first/last result once one is active. "/" anywhere on the page (outside
 * other inputs) focuses the box.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { changeEvent } from '../app/events.ts';
import { type Dataset, allFeatures } from '../data/dataset.ts';
import { buildSearchIndex, search, type SearchIndex, type SearchResult } from '../data/search-index.ts';
import { htmlLang, t } from '../i18n/i18n.ts';
import type { Lang } from '../state/app-state.ts';
import { featureGlyph } from './swatch-svg.ts';
import { styleContextOf } from '../layers/registry.ts';
import { langFont, panelBase } from './shared-styles.ts';
import { uniqueId } from './state-panel.ts';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-search': HsrSearch;
  }
}

/** Results shown at most. */
const LIMIT = 8;

const COUNTRY_GLYPH = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" fill="none" stroke="#4a5566" stroke-width="5"><circle cx="32" cy="32" r="26"/><ellipse cx="32" cy="32" rx="11" ry="26"/><path d="M6 32h52"/></svg>',
)}`;

/** True when the key press is meant for a text field, not for the page. */
function typingIn(e: KeyboardEvent): boolean {
  const el = (e.composedPath()[0] ?? e.target) as HTMLElement | null;
  if (!el || !(el instanceof HTMLElement)) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

export class HsrSearch extends LitElement {
  static override properties = {
    lang: { type: String },
    data: { attribute: false },
    query: { state: true },
    results: { state: true },
    active: { state: true },
    open: { state: true },
  };

  declare lang: Lang;
  declare data: Dataset | null;
  declare query: string;
  declare results: SearchResult[];
  /** Index of the active option, -1 for none. */
  declare active: number;
  declare open: boolean;

  private index: SearchIndex | null = null;
  private indexFor: Dataset | null = null;
  private readonly uid = uniqueId();

  constructor() {
    super();
    this.lang = 'en';
    this.data = null;
    this.query = '';
    this.results = [];
    this.active = -1;
    this.open = false;
  }

  private readonly onDocumentKeydown = (e: KeyboardEvent) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.isComposing || e.defaultPrevented || typingIn(e)) return;
    const input = this.input;
    if (!input || input.getClientRects().length === 0) return;
    input.focus();
    // Focus fails while a modal dialog makes the page inert: then "/" is left alone.
    if (this.shadowRoot?.activeElement !== input) return;
    e.preventDefault();
    input.select();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onDocumentKeydown);
  }

  override disconnectedCallback(): void {
    document.removeEventListener('keydown', this.onDocumentKeydown);
    super.disconnectedCallback();
  }

  private get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const d = this.data;
    if (d !== this.indexFor) {
      this.index = d ? buildSearchIndex(allFeatures(d), d.manifest.countries) : null;
      this.indexFor = d;
    }
    if (changed.has('data') || changed.has('lang') || changed.has('query')) {
      this.results = this.index ? search(this.index, this.query, this.lang, LIMIT) : [];
      if (this.active >= this.results.length) this.active = -1;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('active') && this.active >= 0) {
      this.renderRoot.querySelector(`#${this.uid}-opt-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  private onInput(e: Event) {
    this.query = (e.target as HTMLInputElement).value;
    this.active = -1;
    this.open = this.query.trim() !== '';
  }

  private onKeydown(e: KeyboardEvent) {
    if (e.isComposing) return;
    const n = this.results.length;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        e.preventDefault();
        if (!this.query.trim()) break;
        const down = e.key === 'ArrowDown';
        if (!this.open) {
          // Opening the list moves to its first (Down) or last (Up) result.
          this.open = true;
          this.active = n ? (down ? 0 : n - 1) : -1;
        } else if (n) {
          this.active = down ? (this.active + 1) % n : this.active <= 0 ? n - 1 : this.active - 1;
        }
        break;
      }
      case 'Home':
      case 'End':
        // In the list, Home/End move through it; in the text, the caret.
        if (this.open && this.active >= 0 && n) {
          e.preventDefault();
          this.active = e.key === 'Home' ? 0 : n - 1;
        }
        break;
      case 'Enter': {
        const r = this.open ? (this.results[this.active] ?? (n ? this.results[0] : undefined)) : undefined;
        if (r) {
          e.preventDefault();
          this.choose(r);
        }
        break;
      }
      case 'Escape':
        if (this.open) {
          e.preventDefault();
          e.stopPropagation();
          this.open = false;
          this.active = -1;
        } else if (this.query) {
          e.preventDefault();
          e.stopPropagation();
          this.clear();
        }
        break;
      case 'Tab':
        this.open = false;
        break;
    }
  }

  private choose(r: SearchResult) {
    this.query = r.name;
    this.open = false;
    this.active = -1;
    if (r.kind === 'country' && r.country) this.dispatchEvent(changeEvent({ filters: { country: r.country }, focus: true }));
    else this.dispatchEvent(changeEvent({ selected: r.id, focus: true }));
  }

  private clear() {
    this.query = '';
    this.open = false;
    this.active = -1;
    this.input?.focus();
  }

  private onFocusout(e: FocusEvent) {
    const to = e.relatedTarget as Node | null;
    if (to && this.renderRoot.contains(to)) return;
    this.open = false;
    this.active = -1;
  }

  static override styles = [
    panelBase,
    css`
    :host {
      position: relative;
    }
    .search {
      position: relative;
    }
    .search:lang(zh) {
      line-height: 1.5;
    }
    .field {
      position: relative;
      display: flex;
      align-items: center;
    }
    .icon {
      position: absolute;
      left: 10px;
      width: 15px;
      height: 15px;
      pointer-events: none;
    }
    input {
      width: 100%;
      min-width: 0;
      height: 36px;
      padding: 0 64px 0 33px;
      border: 1px solid #8b96a5;
      border-radius: 8px;
      background: var(--hsr-surface);
      color: var(--hsr-ink);
      font: inherit;
      font-size: 14.5px;
    }
    input::placeholder {
      color: #5d6878;
    }
    input:focus-visible {
      outline: 3px solid var(--hsr-accent);
      outline-offset: 1px;
      border-color: var(--hsr-accent);
    }
    kbd {
      position: absolute;
      right: 10px;
      min-width: 20px;
      padding: 0 5px;
      border: 1px solid var(--hsr-line);
      border-bottom-width: 2px;
      border-radius: 4px;
      font: 12px/18px ui-monospace, SFMono-Regular, Menlo, monospace;
      text-align: center;
      color: var(--hsr-muted);
      background: var(--hsr-surface-4);
      pointer-events: none;
    }
    input:focus ~ kbd,
    .has-text kbd {
      display: none;
    }
    @media (hover: none) {
      kbd {
        display: none;
      }
    }
    .clear {
      position: absolute;
      right: 4px;
      width: 30px;
      height: 30px;
      border: 0;
      border-radius: 6px;
      background: none;
      color: var(--hsr-muted);
      font: inherit;
      font-size: 18px;
      line-height: 1;
      cursor: pointer;
    }
    .clear:hover {
      background: var(--hsr-surface-3);
      color: var(--hsr-ink);
    }
    .clear:focus-visible {
      outline: 3px solid var(--hsr-accent);
      outline-offset: -3px;
    }
    .popup {
      position: absolute;
      z-index: 20;
      top: calc(100% + 4px);
      left: 0;
      right: 0;
      background: var(--hsr-surface);
      border: 1px solid var(--hsr-line);
      border-radius: 8px;
      box-shadow: 0 6px 24px rgba(29, 35, 48, 0.18);
    }
    /*
     * The results fit on a normal screen without scrolling (a scrolling popup whose options are
     * reached through aria-activedescendant has no focusable content, which checkers flag).
     * On a very low screen it scrolls, and the active option is kept in view.
     */
    @media (max-height: 560px) {
      .popup {
        max-height: 60vh;
        overflow: auto;
        overscroll-behavior: contain;
      }
    }
    [role='listbox'] {
      list-style: none;
      margin: 0;
      padding: 4px;
    }
    [role='option'] {
      display: flex;
      align-items: flex-start;
      gap: 10px;
      padding: 7px 10px;
      border-radius: 6px;
      cursor: pointer;
    }
    [role='option'][aria-selected='true'] {
      background: var(--hsr-accent-wash);
      box-shadow: inset 3px 0 0 var(--hsr-accent);
    }
    [role='option'] img {
      flex: none;
      width: 14px;
      height: 14px;
      margin-top: 3px;
    }
    .name {
      display: block;
      font-weight: 500;
    }
    .secondary {
      display: block;
      font-size: 12.5px;
      color: var(--hsr-muted);
    }
    .none {
      margin: 0;
      padding: 10px 14px;
      color: var(--hsr-ink-2);
    }
  `,
    langFont('.search'),
  ];

  override render() {
    const lang = this.lang;
    const id = this.uid;
    const open = this.open && this.query.trim() !== '';
    const expanded = open && this.results.length > 0;
    const status = open ? (this.results.length ? t(lang, 'search.results', { count: this.results.length }) : t(lang, 'search.none')) : '';
    return html`<div class="search ${this.query ? 'has-text' : ''}" lang=${htmlLang(lang)} @focusout=${this.onFocusout}>
      <label class="visually-hidden" for="${id}-input">${t(lang, 'search.label')}</label>
      <div class="field">
        <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="#4a5566" stroke-width="1.8"><circle cx="6.8" cy="6.8" r="5"></circle><path d="M10.6 10.6 15 15" stroke-linecap="round"></path></svg>
        <input
          id="${id}-input"
          type="text"
          role="combobox"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          enterkeyhint="search"
          aria-autocomplete="list"
          aria-expanded=${expanded ? 'true' : 'false'}
          aria-controls="${id}-listbox"
          aria-activedescendant=${expanded && this.active >= 0 ? `${id}-opt-${this.active}` : ''}
          aria-describedby="${id}-help"
          aria-keyshortcuts="/"
          placeholder=${t(lang, 'search.placeholder')}
          .value=${this.query}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @focus=${() => (this.open = this.query.trim() !== '')}
        />
        <kbd aria-hidden="true">/</kbd>
        ${this.query ? html`<button type="button" class="clear" aria-label=${t(lang, 'search.clear')} @click=${this.clear}>×</button>` : nothing}
      </div>
      <span id="${id}-help" class="visually-hidden">${t(lang, 'search.instructions')}</span>
      <div class="popup" ?hidden=${!open}>
        <ul id="${id}-listbox" role="listbox" aria-label=${t(lang, 'search.label')}>
          ${
            expanded
              ? this.results.map(
                  (r, i) => html`<li
                  id="${id}-opt-${i}"
                  role="option"
                  aria-selected=${i === this.active ? 'true' : 'false'}
                  @pointerdown=${(e: PointerEvent) => e.preventDefault()}
                  @pointermove=${() => this.active !== i && (this.active = i)}
                  @click=${() => this.choose(r)}
                >
                  <img src=${r.kind === 'country' ? COUNTRY_GLYPH : this.glyph(r.id)} alt="" width="14" height="14" />
                  <span><span class="name">${r.name}</span><span class="secondary">${r.secondary}</span></span>
                </li>`,
                )
              : nothing
          }
        </ul>
        ${open && !this.results.length ? html`<p class="none">${t(lang, 'search.none')}</p>` : nothing}
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${status}</div>
    </div>`;
  }

  private glyph(id: string): string {
    const f = this.data?.byId.get(id);
    return f && this.data ? featureGlyph(f.properties, styleContextOf(this.data)) : COUNTRY_GLYPH;
  }
}

customElements.define('hsr-search', HsrSearch);
