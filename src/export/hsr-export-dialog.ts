/**
 * `<hsr-export-dialog>`: the export dialog (lazy-loaded by `<hsr-app>`'s
 * Export button, or the presenter caption's). Size presets or a custom size
 * (and dpi) within this browser's WebGL limit (stated, never clamped), PNG or
 * PDF, language, editable title and subtitle (kept when the language changes),
 * legend on/off; a warning for title characters the shipped font lacks;
 * progress while rendering; the file is downloaded.
 *
 * While open it holds the off-screen renderer (`warm-renderer.ts`), made when
 * the dialog opens so its seconds of warm-up pass while the user chooses.
 *
 * A QR code of the view's link on this site, with the link printed beside it,
 * is on by default (a briefing leads back to the live map).
 *
 * Properties in: `lang`, `state`, `data`, `story` (the presented story, if any), `map` (the live MapLibre map, only read).
 * Events out: `hsr-export-close` when the dialog closes.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AppState, Lang } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import { htmlLang, languageName, pick, t, type StringKey } from '../i18n/i18n.ts';
import { LANGS } from '../data/vocabulary.ts';
import { PRESETS, presetById, SCREEN_DPI } from './presets.ts';
import { defaultTitles } from './compose.ts';
import { exportView, ExportSizeError, prepareExport, type ExportOptions, type ExportPhase } from './export.ts';
import { largestFitting, renderLimits } from './render-map.ts';
import { missingChars } from './fonts.ts';
import { hsrEvent } from '../app/events.ts';
import { holdRenderer, type RendererHold } from './warm-renderer.ts';
import { viewLink } from '../state/url-state.ts';
import type { Story } from '../story/story.ts';

/** Choices that change what the renderer should have ready. */
const PREPARED_BY = ['preset', 'customW', 'customH', 'outLang', 'showTitle', 'showSubtitle', 'showLegend', 'parts', 'titleText', 'subtitleText', 'data', 'story'] as const;
const PREPARE_DELAY_MS = 400;

/** Resolutions a custom size may carry (screen to fine print). */
export const DPI_RANGE = { min: 72, max: 600 } as const;

type Part = 'scaleBar' | 'northArrow' | 'attribution' | 'sources' | 'date' | 'qr';
const PARTS: readonly Part[] = ['scaleBar', 'northArrow', 'attribution', 'sources', 'date', 'qr'];
const PART_LABELS: Record<Part, StringKey> = {
  scaleBar: 'exportDialog.scaleBar',
  northArrow: 'exportDialog.northArrow',
  attribution: 'exportDialog.attribution',
  sources: 'exportDialog.sources',
  date: 'exportDialog.date',
  qr: 'exportDialog.qr',
};
const PHASE_LABELS: Record<ExportPhase, StringKey> = {
  fonts: 'exportDialog.phase_fonts',
  style: 'exportDialog.phase_style',
  layers: 'exportDialog.phase_layers',
  idle: 'exportDialog.phase_idle',
  compose: 'exportDialog.phase_compose',
  encode: 'exportDialog.phase_encode',
  pdf: 'exportDialog.phase_pdf',
  done: 'exportDialog.phase_done',
};

declare global {
  interface HTMLElementTagNameMap {
    'hsr-export-dialog': HsrExportDialog;
  }
}

export class HsrExportDialog extends LitElement {
  static override properties = {
    lang: { type: String },
    state: { attribute: false },
    data: { attribute: false },
    current: { attribute: false },
    story: { attribute: false },
    map: { attribute: false },
    preset: { state: true },
    customW: { state: true },
    customH: { state: true },
    customDpi: { state: true },
    maxSide: { state: true },
    format: { state: true },
    outLang: { state: true },
    showTitle: { state: true },
    showSubtitle: { state: true },
    showLegend: { state: true },
    parts: { state: true },
    titleText: { state: true },
    subtitleText: { state: true },
    busy: { state: true },
    phase: { state: true },
    fraction: { state: true },
    message: { state: true },
    error: { state: true },
  };

  declare lang: Lang;
  declare state: AppState | null;
  /** The data for the export: null until the detailed outlines it prints are in. */
  declare data: Dataset | null;
  /** The data the map draws now, whatever its detail: the renderer warms up on it while the outlines come. */
  declare current: Dataset | null;
  declare story: Story | null;
  declare map: MapLibreMap | undefined;
  declare preset: string;
  declare customW: number;
  declare customH: number;
  declare customDpi: number;
  /** The largest side this browser can render (0 before it is known). */
  declare maxSide: number;
  declare format: 'png' | 'pdf';
  declare outLang: Lang;
  declare showTitle: boolean;
  declare showSubtitle: boolean;
  declare showLegend: boolean;
  /** The other switchable parts of the image. */
  declare parts: Record<Part, boolean>;
  declare titleText: string;
  declare subtitleText: string;
  declare busy: boolean;
  declare phase: ExportPhase | null;
  declare fraction: number;
  declare message: string;
  declare error: string;

  /** Titles the user typed are kept when the language changes; untouched ones follow it. */
  private edited = { title: false, subtitle: false };
  private hold: RendererHold | undefined;
  private prepareTimer: ReturnType<typeof setTimeout> | undefined;
  private closing = false;

  constructor() {
    super();
    this.lang = 'en';
    this.state = null;
    this.data = null;
    this.current = null;
    this.story = null;
    this.map = undefined;
    this.preset = 'slide-hd';
    this.customW = 2400;
    this.customH = 1600;
    this.customDpi = SCREEN_DPI;
    this.maxSide = 0;
    this.format = 'png';
    this.outLang = 'en';
    this.showTitle = true;
    this.showSubtitle = true;
    this.showLegend = true;
    this.parts = { scaleBar: true, northArrow: true, attribution: true, sources: true, date: true, qr: true };
    this.titleText = '';
    this.subtitleText = '';
    this.busy = false;
    this.phase = null;
    this.fraction = 0;
    this.message = '';
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.closing = false;
    this.outLang = this.lang;
    this.edited = { title: false, subtitle: false };
    this.resetTitles();
    // The live map's context knows the limits at once (a new context would wait for the GPU).
    this.maxSide = renderLimits(this.map?.getCanvas().getContext('webgl2'))?.maxSide ?? 0;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.prepareTimer);
    this.hold?.release();
    this.hold = undefined;
  }

  private resetTitles() {
    if (!this.state) return;
    const d = defaultTitles(this.state, this.data, this.outLang, this.story);
    if (!this.edited.title) this.titleText = d.title;
    if (!this.edited.subtitle) this.subtitleText = d.subtitle;
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Warm the renderer as soon as there is something to draw (the data may arrive after the dialog opens).
    const data = this.data ?? this.current;
    if (!this.hold && !this.closing && this.isConnected && this.state && data && this.map && this.maxSide > 0) {
      const hold = (this.hold = holdRenderer({ state: this.state, data, lang: this.outLang, liveMap: this.map }));
      hold.ready.then(() => this.schedulePrepare(0)).catch(() => undefined);
    } else if (this.hold && !this.busy && PREPARED_BY.some((k) => changed.has(k))) this.schedulePrepare(PREPARE_DELAY_MS);
  }

  /** Once the choices rest a moment, loads exactly this export in the renderer: clicking Export then only draws it. */
  private schedulePrepare(delay: number) {
    clearTimeout(this.prepareTimer);
    this.prepareTimer = setTimeout(() => {
      const options = this.exportOptions();
      if (!this.hold || this.closing || this.busy || !this.state || !this.data || !this.map || !options) return;
      void prepareExport({ state: this.state, data: this.data, story: this.story, liveMap: this.map }, options);
    }, delay);
  }

  /** The export the dialog's choices describe; null while they are invalid. */
  private exportOptions(): ExportOptions | null {
    const { width, height, dpi } = this.size();
    if (!this.dpiValid(dpi) || !(width >= 16 && height >= 16) || (this.maxSide > 0 && (width > this.maxSide || height > this.maxSide))) return null;
    return {
      width,
      height,
      dpi,
      format: this.format,
      lang: this.outLang,
      title: this.showTitle ? this.titleText : null,
      subtitle: this.showSubtitle ? this.subtitleText : null,
      legend: this.showLegend,
      ...this.parts,
      // The link to this view on the site the export is made from, in the image's language.
      link: this.state ? viewLink(location.href, { ...this.state, lang: this.outLang }) : null,
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('outLang') && changed.get('outLang') !== undefined) this.resetTitles();
  }

  private size(): { width: number; height: number; dpi: number } {
    const p = presetById(this.preset);
    return p ? { width: p.width, height: p.height, dpi: p.dpi } : { width: this.customW, height: this.customH, dpi: this.customDpi };
  }

  private dpiValid(dpi: number): boolean {
    return Number.isFinite(dpi) && dpi >= DPI_RANGE.min && dpi <= DPI_RANGE.max;
  }

  private close() {
    if (this.busy) return;
    this.closing = true;
    this.hold?.release();
    this.hold = undefined;
    this.renderRoot.querySelector('dialog')?.close();
    this.dispatchEvent(hsrEvent('hsr-export-close'));
  }

  private async run() {
    const options = this.exportOptions();
    if (!this.state || !this.data || !this.map || this.busy || !options) return;
    const { width, height } = options;
    clearTimeout(this.prepareTimer);
    this.busy = true;
    this.error = '';
    this.message = '';
    try {
      const r = await exportView(
        { state: this.state, data: this.data, story: this.story, liveMap: this.map, onProgress: (phase, fraction) => ((this.phase = phase), (this.fraction = fraction)) },
        options,
      );
      const file = `health-silk-road-${width}x${height}-${this.outLang}.${this.format}`;
      const url = URL.createObjectURL(new Blob([r.bytes as BlobPart], { type: r.mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.message = t(this.lang, 'exportDialog.done', { file, w: width, h: height, size: `${(r.bytes.length / 1e6).toFixed(1)} MB`, seconds: (r.timings.totalMs / 1000).toFixed(1) });
    } catch (e) {
      this.error =
        e instanceof ExportSizeError
          ? t(this.lang, 'exportDialog.tooLarge', { w: e.requested.width, h: e.requested.height, fw: e.fits.width, fh: e.fits.height })
          : t(this.lang, 'exportDialog.failed', { detail: e instanceof Error ? e.message : String(e) });
    } finally {
      this.busy = false;
      this.phase = null;
    }
  }

  static override styles = css`
    :host {
      display: contents;
    }
    dialog {
      width: min(34rem, calc(100vw - 2rem));
      border: none;
      border-radius: 10px;
      padding: 1.25rem 1.5rem;
      color: var(--hsr-ink);
      font: inherit;
      box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3);
    }
    dialog::backdrop {
      background: rgba(20, 24, 33, 0.45);
    }
    h2 {
      margin: 0 0 0.75rem;
      font-size: 1.2rem;
    }
    fieldset {
      border: none;
      margin: 0 0 0.8rem;
      padding: 0;
    }
    legend,
    .label {
      font-weight: 600;
      margin-bottom: 0.3rem;
      padding: 0;
    }
    select,
    input[type='text'],
    input[type='number'] {
      font: inherit;
      padding: 0.3rem 0.4rem;
      border: 1px solid #8a8f9c;
      border-radius: 4px;
    }
    select,
    input[type='text'] {
      width: 100%;
      box-sizing: border-box;
    }
    .row {
      display: flex;
      gap: 0.75rem;
      align-items: center;
      flex-wrap: wrap;
    }
    .check {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      margin: 0.25rem 0;
    }
    .hint {
      color: #4a4f5c;
      font-size: 0.88rem;
      margin: 0.3rem 0 0;
    }
    .error {
      color: var(--hsr-danger);
      font-weight: 600;
    }
    .warn {
      color: var(--hsr-warn-ink);
    }
    progress {
      width: 100%;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 0.6rem;
      margin-top: 1rem;
    }
    button {
      font: inherit;
      padding: 0.45rem 1rem;
      border-radius: 6px;
      border: 1px solid var(--hsr-ink);
      background: var(--hsr-surface);
      cursor: pointer;
    }
    button.primary {
      background: var(--hsr-ink);
      color: var(--hsr-surface);
    }
    button:disabled {
      opacity: 0.55;
      cursor: default;
    }
  `;

  override render() {
    const lang = this.lang;
    const { width, height, dpi } = this.size();
    const tooLarge = this.maxSide > 0 && (width > this.maxSide || height > this.maxSide);
    const fits = largestFitting(width, height, this.maxSide);
    const badDpi = !this.dpiValid(dpi);
    const missing = missingChars(`${this.showTitle ? this.titleText : ''}${this.showSubtitle ? this.subtitleText : ''}`);
    return html`<dialog aria-labelledby="export-title" lang=${htmlLang(lang)} @cancel=${(e: Event) => (e.preventDefault(), this.close())}>
      <h2 id="export-title">${t(lang, 'exportDialog.title')}</h2>
      <fieldset>
        <label class="label" for="export-size">${t(lang, 'exportDialog.size')}</label>
        <select id="export-size" name="size" .value=${this.preset} @change=${(e: Event) => (this.preset = (e.target as HTMLSelectElement).value)} ?disabled=${this.busy}>
          ${PRESETS.map((p) => html`<option value=${p.id} ?selected=${p.id === this.preset}>${pick(lang, p.label)}${p.dpi === 300 ? ` (${p.width} × ${p.height})` : ''}</option>`)}
          <option value="custom" ?selected=${this.preset === 'custom'}>${t(lang, 'exportDialog.custom')}</option>
        </select>
        ${
          this.preset === 'custom'
            ? html`<div class="row">
              <label>${t(lang, 'exportDialog.width')} <input id="export-width" name="width" type="number" min="16" max=${this.maxSide} .value=${String(this.customW)} @input=${(e: Event) => (this.customW = Number((e.target as HTMLInputElement).value) || 0)} /></label>
              <label>${t(lang, 'exportDialog.height')} <input id="export-height" name="height" type="number" min="16" max=${this.maxSide} .value=${String(this.customH)} @input=${(e: Event) => (this.customH = Number((e.target as HTMLInputElement).value) || 0)} /></label>
              <label>${t(lang, 'exportDialog.dpi')} <input id="export-dpi" name="dpi" type="number" min=${DPI_RANGE.min} max=${DPI_RANGE.max} .value=${String(this.customDpi)} aria-invalid=${badDpi ? 'true' : 'false'} @input=${(e: Event) => (this.customDpi = Number((e.target as HTMLInputElement).value) || 0)} /></label>
            </div>
            ${badDpi ? html`<p class="hint error" role="alert">${t(lang, 'exportDialog.dpiRange', { min: DPI_RANGE.min, max: DPI_RANGE.max })}</p>` : nothing}`
            : nothing
        }
        <p class="hint">${t(lang, 'exportDialog.limit', { max: this.maxSide })}</p>
        ${tooLarge ? html`<p class="hint error" role="alert">${t(lang, 'exportDialog.tooLarge', { w: width, h: height, fw: fits.width, fh: fits.height })}</p>` : nothing}
      </fieldset>
      <div class="row">
        <fieldset>
          <legend>${t(lang, 'exportDialog.format')}</legend>
          <label class="check"><input type="radio" id="export-format-png" name="format" value="png" .checked=${this.format === 'png'} @change=${() => (this.format = 'png')} /> ${t(lang, 'exportDialog.png')}</label>
          <label class="check"><input type="radio" id="export-format-pdf" name="format" value="pdf" .checked=${this.format === 'pdf'} @change=${() => (this.format = 'pdf')} /> ${t(lang, 'exportDialog.pdf')}</label>
        </fieldset>
        <fieldset>
          <legend>${t(lang, 'exportDialog.lang')}</legend>
          ${LANGS.map((l) => html`<label class="check"><input type="radio" id=${`export-lang-${l}`} name="lang" value=${l} .checked=${this.outLang === l} @change=${() => (this.outLang = l)} /> <span lang=${htmlLang(l)}>${languageName(l)}</span></label>`)}
        </fieldset>
      </div>
      <fieldset>
        <legend>${t(lang, 'exportDialog.include')}</legend>
        <label class="check"><input type="checkbox" id="export-show-title" name="show-title" .checked=${this.showTitle} @change=${(e: Event) => (this.showTitle = (e.target as HTMLInputElement).checked)} /> ${t(lang, 'exportDialog.showTitle')}</label>
        <input type="text" id="export-title" name="title" aria-label=${t(lang, 'exportDialog.showTitle')} .value=${this.titleText} ?disabled=${!this.showTitle} @input=${(e: Event) => ((this.titleText = (e.target as HTMLInputElement).value), (this.edited = { ...this.edited, title: true }))} />
        <label class="check"><input type="checkbox" id="export-show-subtitle" name="show-subtitle" .checked=${this.showSubtitle} @change=${(e: Event) => (this.showSubtitle = (e.target as HTMLInputElement).checked)} /> ${t(lang, 'exportDialog.showSubtitle')}</label>
        <input type="text" id="export-subtitle" name="subtitle" aria-label=${t(lang, 'exportDialog.showSubtitle')} .value=${this.subtitleText} ?disabled=${!this.showSubtitle} @input=${(e: Event) => ((this.subtitleText = (e.target as HTMLInputElement).value), (this.edited = { ...this.edited, subtitle: true }))} />
        ${missing.length ? html`<p class="hint warn" role="status">${t(lang, 'exportDialog.missingChars', { chars: missing.join(' ') })}</p>` : nothing}
        <label class="check"><input type="checkbox" id="export-legend" name="legend" .checked=${this.showLegend} @change=${(e: Event) => (this.showLegend = (e.target as HTMLInputElement).checked)} /> ${t(lang, 'exportDialog.legend')}</label>
        ${PARTS.map(
          (part) =>
            html`<label class="check"><input type="checkbox" id=${`export-part-${part}`} name=${part} .checked=${this.parts[part]} @change=${(e: Event) => (this.parts = { ...this.parts, [part]: (e.target as HTMLInputElement).checked })} /> ${t(lang, PART_LABELS[part])}</label>`,
        )}
      </fieldset>
      <p class="hint">${t(lang, 'exportDialog.note')}</p>
      <div role="status" aria-live="polite">
        ${this.busy ? html`<progress max="1" .value=${this.fraction}></progress><p class="hint">${t(lang, this.phase ? PHASE_LABELS[this.phase] : 'exportDialog.working')}</p>` : nothing}
        ${this.message ? html`<p class="hint">${this.message}</p>` : nothing}
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        <button @click=${this.close} ?disabled=${this.busy}>${t(lang, 'exportDialog.close')}</button>
        <button class="primary" @click=${this.run} ?disabled=${this.busy || tooLarge || badDpi || !this.map || !this.data}>${t(lang, 'exportDialog.export')}</button>
      </div>
    </dialog>`;
  }
}

customElements.define('hsr-export-dialog', HsrExportDialog);
