/**
 * `<hsr-reader>`: a source document in full, in a modal dialog, with the
 * quote the reader was opened on highlighted and scrolled into view. Every
 * other passage of the document that some feature on the map quotes is
 * marked too, more lightly, and leads back to that feature; a side list
 * ("On the map") names all the features citing the document.
 *
 * Quotes are matched as the data build checks them (whitespace-normalised,
 * see `src/data/quote-match.ts`), so every quote on the map is found.
 *
 * Properties:
 * - `lang: Lang` — UI language (the document keeps its own).
 * - `reader: { doc, quote } | null` — the document and quote; the dialog is closed while null.
 * - `data: Dataset | null` — features citing the document, document titles; the
 *   document is fetched once the manifest (in `data`) says it exists.
 * - `base: string` — URL of `data/` (the document is fetched from `documents/<doc>` under it).
 *
 * - `picking: boolean` — the story editor waits for a source: a bar offers to
 *   use the passage selected in the document (or the highlighted quote); it is
 *   checked against the document (verbatim, as the build checks quotes).
 *
 * Events: `hsr-quote-pick` ({ doc, quote }) when a passage is chosen for the
 * editor (the reader then closes). And (`hsr-change`, via `changeEvent`):
 * - `{ reader: null }` — the close button, Escape, or a click on the backdrop.
 * - `{ reader: null, selected: id, focus: true }` — a marked passage cited by
 *   one feature, or a feature in the side list, is chosen. A passage cited by
 *   several features narrows the side list to them instead.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { changeEvent, hsrEvent } from '../app/events.ts';
import { allFeatures, documentTitle, type Dataset, type MapFeature } from '../data/dataset.ts';
import { citationsOf, citedRanges, findQuote, layoutDocument, normaliseWithMap, segments, type Paragraph } from '../data/quote-match.ts';
import { documentLang, field, formatDate, htmlLang, t } from '../i18n/i18n.ts';
import { styleContextOf } from '../layers/registry.ts';
import type { AppState, Lang } from '../state/app-state.ts';
import { featureLinkContent, featureLinkStyles } from './feature-link.ts';
import { QUOTE_MIN } from '../story/story.ts';
import { langFont } from './shared-styles.ts';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-reader': HsrReader;
  }
}

type ReaderState = AppState['reader'];

/** Fetched documents, by URL: they do not change while the page is open. */
const TEXTS = new Map<string, string>();

interface DocView {
  paragraphs: Paragraph[];
  /** Features citing the document, in the order of their first quote in it. */
  onMap: MapFeature[];
  /** Features whose quotes overlap the highlighted one. */
  activeIds: Set<string>;
  /** A quote was asked for and found. */
  activeFound: boolean;
}

export class HsrReader extends LitElement {
  static override properties = {
    lang: { type: String },
    reader: { attribute: false },
    data: { attribute: false },
    base: { type: String },
    text: { state: true },
    status: { state: true },
    passage: { state: true },
    picking: { type: Boolean },
    pickError: { state: true },
  };

  declare lang: Lang;
  declare reader: ReaderState;
  declare data: Dataset | null;
  declare base: string;
  /** Text of the document being shown. */
  declare text: string | null;
  declare status: 'idle' | 'loading' | 'error' | 'ready';
  /** Features of the passage chosen in the text, narrowing the side list; null for all. */
  declare passage: string[] | null;
  /** The story editor waits for a quote from this document. */
  declare picking: boolean;
  declare pickError: string;

  private loadedUrl: string | null = null;
  private abort: AbortController | null = null;
  private view: DocView | null = null;
  /** The highlighted quote still has to be scrolled into view. */
  private pendingScroll = false;

  constructor() {
    super();
    this.lang = 'en';
    this.reader = null;
    this.data = null;
    this.base = '';
    this.text = null;
    this.status = 'idle';
    this.passage = null;
    this.picking = false;
    this.pickError = '';
  }

  /** The text selected inside the document, if any. */
  private selectedText(): string {
    // Inside a shadow root Chromium reports the selection's real nodes through the root (the document's is retargeted).
    const root = this.renderRoot as ShadowRoot & { getSelection?: () => Selection | null };
    const sel = root.getSelection?.() ?? document.getSelection();
    const doc = this.renderRoot.querySelector('.doc');
    if (!sel || sel.isCollapsed || sel.rangeCount === 0 || !doc) return '';
    const range = sel.getRangeAt(0);
    if (!doc.contains(range.commonAncestorContainer) && range.commonAncestorContainer !== doc) return '';
    return sel.toString().trim();
  }

  /** Hands a passage of this document to the story editor: verbatim (as the build checks quotes) and long enough to stand as evidence. */
  private pick(which: 'selection' | 'highlighted') {
    const r = this.reader;
    if (!r || this.text === null) return;
    const quote = which === 'selection' ? this.selectedText() : (r.quote ?? '');
    if (quote.length < QUOTE_MIN) {
      this.pickError = t(this.lang, 'reader.pickNone');
      return;
    }
    if (findQuote(this.text, quote).length === 0) {
      this.pickError = t(this.lang, 'reader.pickNotVerbatim');
      return;
    }
    this.pickError = '';
    this.dispatchEvent(hsrEvent('hsr-quote-pick', { doc: r.doc, quote: quote.replace(/\s+/g, ' ') }));
    this.close();
  }

  private docUrl(doc: string): string {
    return new URL(`documents/${encodeURIComponent(doc)}`, this.base || document.baseURI).href;
  }

  override disconnectedCallback(): void {
    this.abort?.abort();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const r = this.reader;
    if (changed.has('reader') || changed.has('base') || changed.has('data')) {
      const prev = changed.get('reader') as ReaderState | undefined;
      if (changed.has('reader') && r && (prev?.doc !== r.doc || prev?.quote !== r.quote)) {
        this.pendingScroll = true;
        this.passage = null;
      }
      // Only documents the manifest lists are fetched (a link naming another is dropped by the app): no request ends in a 404.
      const listed = r && this.data?.manifest.documents.some((d) => d.file === r.doc);
      if (r && listed && this.docUrl(r.doc) !== this.loadedUrl) void this.load(r.doc);
      if (!r) this.abort?.abort();
    }
    if (r && this.status === 'ready' && this.text !== null && (changed.has('reader') || changed.has('text') || changed.has('data') || changed.has('status') || !this.view)) {
      this.view = this.buildView(r.doc, r.quote, this.text);
    }
  }

  private async load(doc: string) {
    const url = this.docUrl(doc);
    this.abort?.abort();
    this.loadedUrl = url;
    const cached = TEXTS.get(url);
    if (cached !== undefined) {
      this.text = cached;
      this.status = 'ready';
      this.view = null;
      return;
    }
    const ctrl = new AbortController();
    this.abort = ctrl;
    this.status = 'loading';
    this.text = null;
    this.view = null;
    try {
      const res = await fetch(url, { signal: ctrl.signal });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const text = await res.text();
      TEXTS.set(url, text);
      if (this.loadedUrl !== url) return;
      this.text = text;
      this.status = 'ready';
    } catch (e) {
      if (ctrl.signal.aborted || this.loadedUrl !== url) return;
      console.warn(`reader: ${url}: ${(e as Error).message}`);
      this.status = 'error';
    }
  }

  private retry() {
    const r = this.reader;
    if (!r) return;
    this.loadedUrl = null;
    void this.load(r.doc);
  }

  private buildView(doc: string, quote: string | null, text: string): DocView {
    const features = this.data ? allFeatures(this.data) : [];
    const norm = normaliseWithMap(text);
    const { ranges } = citedRanges(norm, citationsOf(features, doc));
    const active = quote ? findQuote(norm, quote) : [];
    const segs = segments(text.length, ranges, active);
    const first = new Map<string, number>();
    for (const r of ranges) for (const id of r.ids) if (!first.has(id) || first.get(id)! > r.start) first.set(id, r.start);
    const activeIds = new Set<string>();
    for (const r of ranges) if (active.some((a) => a.start < r.end && r.start < a.end)) for (const id of r.ids) activeIds.add(id);
    // The features of the highlighted passage first, then the others in reading order.
    const onMap = [...first.keys()]
      .map((id) => this.data?.byId.get(id))
      .filter((f): f is MapFeature => !!f)
      .sort((a, b) => Number(activeIds.has(b.properties.id)) - Number(activeIds.has(a.properties.id)) || first.get(a.properties.id)! - first.get(b.properties.id)!);
    return { paragraphs: layoutDocument(text, segs), onMap, activeIds, activeFound: active.length > 0 };
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  protected override updated(): void {
    const dlg = this.dialog;
    if (!dlg) return;
    if (this.reader && !dlg.open) dlg.showModal();
    else if (!this.reader && dlg.open) dlg.close();
    if (this.reader && this.pendingScroll && this.status === 'ready' && this.view) {
      this.pendingScroll = false;
      this.renderRoot.querySelector('.doc')?.scrollTo({ top: 0 });
      this.jump(false);
    }
  }

  /** Scrolls the first highlighted passage into view; with `focus`, moves focus to it. */
  private jump(focus = true) {
    const mark = this.renderRoot.querySelector<HTMLElement>('mark.active');
    if (!mark) return;
    mark.scrollIntoView({ block: 'center' });
    if (focus) mark.focus({ preventScroll: true });
  }

  private close = () => {
    if (this.reader) this.dispatchEvent(changeEvent({ reader: null }));
  };

  private onCancel(e: Event) {
    // Escape: the app owns the state; it closes the dialog by setting `reader` to null.
    e.preventDefault();
    this.close();
  }

  private onDialogClick(e: MouseEvent) {
    // The dialog has no padding: a click on the element itself is a click on the backdrop.
    if (e.target === e.currentTarget) this.close();
  }

  private select(id: string) {
    // Close first: the dialog hands focus back to where it was opened from at once, so that the
    // detail panel, updated next, can move focus to the newly selected feature's heading.
    const dlg = this.dialog;
    if (dlg?.open) dlg.close();
    this.dispatchEvent(changeEvent({ reader: null, selected: id, focus: true }));
  }

  private onCited(e: MouseEvent, ids: string[]) {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (ids.length === 1) {
      this.select(ids[0]!);
      return;
    }
    this.passage = ids;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.side h3')?.focus());
  }

  static override styles = [
    featureLinkStyles,
    css`
    :host {
      display: contents;
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    dialog {
      width: min(1120px, calc(100vw - 32px));
      height: min(880px, calc(100vh - 32px));
      max-width: none;
      max-height: none;
      padding: 0;
      border: 0;
      border-radius: 10px;
      background: var(--hsr-surface);
      color: var(--hsr-ink);
      box-shadow: 0 12px 48px rgba(29, 35, 48, 0.35);
      overflow: hidden;
      font-size: 15px;
      line-height: 1.6;
    }
    .pick {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      padding: 8px 16px;
      background: var(--hsr-warn-wash);
      border-bottom: 1px solid #e6a23c;
      font-size: 14px;
    }
    .pick button {
      font: inherit;
      padding: 4px 10px;
      border-radius: 4px;
      border: 1px solid var(--hsr-ink);
      background: var(--hsr-ink);
      color: var(--hsr-surface);
      cursor: pointer;
    }
    .pick-error {
      color: var(--hsr-danger);
      font-weight: 600;
    }
    dialog::backdrop {
      background: rgba(17, 24, 39, 0.55);
    }
    .frame {
      display: flex;
      flex-direction: column;
      height: 100%;
    }
    .header {
      flex: none;
      display: flex;
      align-items: flex-start;
      gap: 12px;
      padding: 14px 18px 12px 22px;
      border-bottom: 1px solid var(--hsr-hover);
    }
    .head {
      flex: 1;
      min-width: 0;
    }
    .kicker {
      margin: 0;
      font-size: 12.5px;
      font-weight: 600;
      letter-spacing: 0.04em;
      text-transform: uppercase;
      color: var(--hsr-muted);
    }
    h2 {
      margin: 2px 0 0;
      font-size: 18px;
      line-height: 1.35;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 14px;
      margin: 4px 0 0;
      font-size: 13px;
      color: var(--hsr-muted);
    }
    a {
      color: var(--hsr-accent-strong);
    }
    .meta button,
    .state button {
      border: 1px solid var(--hsr-line);
      background: var(--hsr-surface);
      color: var(--hsr-ink);
      font: inherit;
      cursor: pointer;
    }
    .meta button {
      padding: 2px 8px;
      border-radius: 4px;
    }
    .close {
      flex: none;
      width: 36px;
      height: 36px;
      border: 0;
      border-radius: 6px;
      background: none;
      color: var(--hsr-ink-2);
      font: inherit;
      font-size: 24px;
      line-height: 1;
      cursor: pointer;
    }
    .close:hover {
      background: var(--hsr-surface-3);
    }
    .content {
      flex: 1;
      min-height: 0;
      display: grid;
      grid-template-columns: minmax(0, 1fr) 300px;
    }
    .doc {
      overflow: auto;
      padding: 18px 28px 40px;
      overscroll-behavior: contain;
    }
    .doc:focus-visible {
      outline: 3px solid var(--hsr-accent);
      outline-offset: -3px;
    }
    .doc-inner {
      max-width: 44em;
      margin: 0 auto;
    }
    .doc:lang(zh) {
      line-height: 1.85;
    }
    .doc:lang(zh) .doc-inner {
      max-width: 40em;
    }
    .doc p {
      margin: 0 0 0.85em;
      overflow-wrap: break-word;
    }
    mark {
      color: inherit;
      border-radius: 2px;
      padding: 1px 0;
      -webkit-box-decoration-break: clone;
      box-decoration-break: clone;
    }
    mark.active {
      background: var(--hsr-mark);
      box-shadow: 0 0 0 2px var(--hsr-mark);
    }
    mark.active:focus {
      outline: 3px solid var(--hsr-accent);
      outline-offset: 3px;
    }
    a.cited {
      color: inherit;
      text-decoration: none;
      background: #edf3fa;
      border-bottom: 1.5px solid #9dbce3;
      border-radius: 2px;
      -webkit-box-decoration-break: clone;
      box-decoration-break: clone;
    }
    a.cited:hover {
      background: #cfe0f5;
      border-bottom-color: var(--hsr-accent-strong);
    }
    a.cited:focus-visible {
      outline: 3px solid var(--hsr-accent);
      outline-offset: 1px;
    }
    .notice {
      margin: 0 0 16px;
      padding: 8px 12px;
      border-radius: 6px;
      background: var(--hsr-warn-wash);
      border: 1px solid #e6a23c;
      color: #5c3b00;
      font-size: 14px;
    }
    .state {
      margin: 40px auto;
      text-align: center;
      color: var(--hsr-ink-2);
    }
    .state button {
      margin-top: 8px;
      padding: 6px 14px;
      border-radius: 6px;
    }
    .side {
      overflow: auto;
      border-left: 1px solid var(--hsr-hover);
      background: #f8f9fb;
      padding: 14px 14px 24px;
      font-size: 14px;
      line-height: 1.45;
      overscroll-behavior: contain;
    }
    .side h3 {
      margin: 0 0 8px;
      font-size: 12.5px;
      font-weight: 600;
      letter-spacing: 0.04em;
      text-transform: uppercase;
      color: var(--hsr-muted);
    }
    .side h3:focus {
      outline: none;
    }
    .side h3:focus-visible {
      outline: 3px solid var(--hsr-accent);
      outline-offset: 2px;
    }
    .filter {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 8px;
      margin: 0 0 8px;
      font-size: 13px;
      color: var(--hsr-ink-2);
    }
    .filter button {
      flex: none;
      padding: 1px 8px;
      border: 1px solid var(--hsr-line);
      border-radius: 4px;
      background: var(--hsr-surface);
      color: var(--hsr-ink);
      font: inherit;
      cursor: pointer;
    }
    .side ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .side li button {
      color: var(--hsr-ink);
    }
    .side li button:hover {
      background: var(--hsr-surface);
      border-color: var(--hsr-line-soft);
    }
    .side li.current button {
      background: #fff8d6;
      border-color: #e8cf5a;
    }
    button:focus-visible {
      outline: 3px solid var(--hsr-accent);
      outline-offset: 1px;
    }
    @media (max-width: 760px) {
      dialog {
        width: 100vw;
        height: 100dvh;
        max-width: 100vw;
        max-height: 100dvh;
        margin: 0;
        border-radius: 0;
      }
      .header {
        padding: 10px 10px 10px 16px;
      }
      .content {
        grid-template-columns: 1fr;
        grid-template-rows: minmax(0, 1fr) auto;
      }
      .doc {
        padding: 14px 16px 28px;
      }
      .side {
        max-height: 32vh;
        border-left: 0;
        border-top: 1px solid var(--hsr-line-soft);
      }
    }
  `,
    langFont('dialog'),
    langFont('.doc'),
  ];

  override render() {
    const lang = this.lang;
    const r = this.reader;
    return html`<dialog lang=${htmlLang(lang)} aria-labelledby="reader-title" @cancel=${this.onCancel} @close=${this.close} @click=${this.onDialogClick}>
      ${r ? this.frame(r.doc, r.quote) : nothing}
    </dialog>`;
  }

  private frame(doc: string, quote: string | null): TemplateResult {
    const lang = this.lang;
    const meta = this.data?.manifest.documents.find((d) => d.file === doc);
    const docLang: Lang = meta?.language ?? documentLang(doc);
    const title = documentTitle(this.data, lang, doc);
    const v = this.status === 'ready' ? this.view : null;
    return html`<div class="frame">
      <div class="header">
        <div class="head">
          <p class="kicker">${t(lang, 'reader.title')}</p>
          <h2 id="reader-title">${title}</h2>
          <p class="meta">
            ${meta?.date ? html`<span>${formatDate(meta.date, lang)}</span>` : nothing}
            ${v?.activeFound ? html`<button type="button" @click=${() => this.jump()}>${t(lang, 'reader.jump')}</button>` : nothing}
            <a href=${this.docUrl(doc)} target="_blank" rel="noopener">${t(lang, 'reader.raw')}</a>
          </p>
        </div>
        <button type="button" class="close" autofocus aria-label=${t(lang, 'reader.close')} title=${t(lang, 'reader.close')} @click=${this.close}>×</button>
      </div>
      ${
        this.picking && v
          ? html`<div class="pick" role="group" aria-label=${t(lang, 'reader.pickLabel')}>
            <span>${t(lang, 'reader.pickHint')}</span>
            <button type="button" class="pick-selection" @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.pick('selection')}>${t(lang, 'reader.pickSelection')}</button>
            ${quote && v.activeFound ? html`<button type="button" class="pick-highlighted" @click=${() => this.pick('highlighted')}>${t(lang, 'reader.pickHighlighted')}</button>` : nothing}
            ${this.pickError ? html`<span class="pick-error" role="alert">${this.pickError}</span>` : nothing}
          </div>`
          : nothing
      }
      <div class="content">
        <article class="doc" lang=${htmlLang(docLang)} tabindex="0" aria-labelledby="reader-title" aria-busy=${this.status === 'loading' ? 'true' : 'false'}>
          <div class="doc-inner">${this.body(quote, v)}</div>
        </article>
        ${v ? this.side(v) : nothing}
      </div>
    </div>`;
  }

  private body(quote: string | null, v: DocView | null): TemplateResult {
    const lang = this.lang;
    if (this.status === 'error') {
      return html`<div class="state" role="alert"><p>${t(lang, 'reader.error')}</p><button type="button" @click=${this.retry}>${t(lang, 'reader.retry')}</button></div>`;
    }
    if (!v) return html`<p class="state" role="status">${t(lang, 'reader.loading')}</p>`;
    const byId = this.data?.byId;
    const names = (ids: string[]) => ids.map((id) => (byId?.get(id) ? field(lang, byId.get(id)!.properties, 'name') : id)).join('; ');
    let firstActive = true;
    return html`${quote && !v.activeFound ? html`<p class="notice" role="status">${t(lang, 'reader.notFound')}</p>` : nothing}
      ${v.paragraphs.map(
        (p) =>
          html`<p>${p.parts.map((part) => {
            if (part.active) {
              const first = firstActive;
              firstActive = false;
              return html`<mark class="active" tabindex=${first ? '-1' : nothing}>${part.text}</mark>`;
            }
            if (part.ids.length) {
              return html`<a class="cited" href="#sel=${encodeURIComponent(part.ids[0]!)}" title="${t(lang, 'reader.open')}: ${names(part.ids)}" @click=${(e: MouseEvent) => this.onCited(e, part.ids)}>${part.text}</a>`;
            }
            return part.text;
          })}</p>`,
      )}`;
  }

  private side(v: DocView): TemplateResult {
    const lang = this.lang;
    const shown = this.passage ? v.onMap.filter((f) => this.passage!.includes(f.properties.id)) : v.onMap;
    return html`<aside class="side" aria-labelledby="reader-onmap">
      <h3 id="reader-onmap" tabindex="-1">${t(lang, 'reader.onMap')} (${v.onMap.length})</h3>
      ${
        this.passage
          ? html`<p class="filter" role="status">
            <span>${t(lang, 'reader.citedBy', { count: shown.length })}</span>
            <button type="button" @click=${() => (this.passage = null)}>${t(lang, 'reader.showAll')}</button>
          </p>`
          : nothing
      }
      <ul>
        ${shown.map(
          (f) => html`<li class=${v.activeIds.has(f.properties.id) ? 'current' : ''}>
            <button type="button" class="feature-link" @click=${() => this.select(f.properties.id)}>
              ${featureLinkContent(f.properties, lang, this.data ? styleContextOf(this.data) : undefined, v.activeIds.has(f.properties.id) ? html` · ${t(lang, 'reader.highlighted')}` : nothing)}
            </button>
          </li>`,
        )}
      </ul>
    </aside>`;
  }
}

customElements.define('hsr-reader', HsrReader);
