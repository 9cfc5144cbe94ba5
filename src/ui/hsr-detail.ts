/**
 * `<hsr-detail>`: everything about one feature — what it is, where and when,
 * the figures, who leads it, what it relates to, and the verbatim quotes it
 * rests on, each one a step away from its place in the source document.
 *
 * Properties:
 * - `lang: Lang` — UI language (the other language's name is shown too).
 * - `feature: MapFeature | null` — nothing is rendered while null.
 * - `data: Dataset | null` — for related features, country names and document titles.
 *
 * Events (`hsr-change`, via `changeEvent`):
 * - `{ selected: null }` — the close button, or Escape inside the panel.
 * - `{ selected: id, focus: true }` — a related feature is chosen.
 * - `{ reader: { doc, quote } }` — "Read in the source document" on a quote or a figure's quote.
 *
 * Focus: when a new feature opens, its heading (tabindex -1) takes focus; when
 * the panel closes, focus goes back to where it was when the panel opened (the
 * list item, the search box, a button), if that is still on the page.
 * Layout: a right-hand panel about 380px wide; at max-width 640px a bottom
 * sheet. The host's position is a default that the page may override.
 */
import { LitElement, css, html, nothing, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import { changeEvent } from '../app/events.ts';
import type { BaseProps, Bilingual, Citation, ExternalCitation, FigureValue } from '../data/contract.ts';
import { allFeatures, type Dataset, type MapFeature } from '../data/dataset.ts';
import { countryLabel, countryNames, yearsLabel } from '../data/search-index.ts';
import { documentLang, field, formatDate, formatNumber, hasKey, htmlLang, joinList, nextLang, pick, punctuation, t, type StringKey } from '../i18n/i18n.ts';
import { areaColor } from '../layers/palette.ts';
import { AREA_IDS } from '../data/vocabulary.ts';
import { AREA_NAMES, STATUS_NAMES, layerSpec, styleContextOf } from '../layers/registry.ts';
import type { Lang } from '../state/app-state.ts';
import { featureGlyph } from './swatch-svg.ts';
import { featureLinkContent, featureLinkStyles } from './feature-link.ts';
import { langFont, sectionHeading } from './shared-styles.ts';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-detail': HsrDetail;
  }
}

/** Area colours as classes (`.area-3 { --area: … }`): the template carries no style attribute (CSP). */
const AREA_CSS = unsafeCSS(AREA_IDS.map((a) => `.area-${a} { --area: ${areaColor(a)}; }`).join('\n'));

/** The focused element, looking into shadow roots. */
function deepActiveElement(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

function isBilingual(v: unknown): v is Bilingual {
  return !!v && typeof v === 'object' && typeof (v as Bilingual).en === 'string' && typeof (v as Bilingual).zh === 'string';
}

function bilinguals(v: unknown): Bilingual[] {
  return Array.isArray(v) ? v.filter(isBilingual) : [];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Why a key project naming countries abroad is drawn only in China. */
const DRAWN_IN_CHINA: Record<string, StringKey> = {
  venue: 'drawnInChina.venue',
  base: 'drawnInChina.base',
  border: 'drawnInChina.border',
};

/** `t()` for keys built from data (`kind.forum`), falling back to the raw value when there is no such key. */
function tKey(lang: Lang, key: string, fallback: string): string {
  return hasKey(key) ? t(lang, key) : fallback;
}

export class HsrDetail extends LitElement {
  static override properties = {
    lang: { type: String },
    feature: { attribute: false },
    data: { attribute: false },
    complete: { type: Boolean },
  };

  declare lang: Lang;
  declare feature: MapFeature | null;
  declare data: Dataset | null;
  /** Every layer's data has loaded or failed: a record still brief then will not get its summary and quotes. */
  declare complete: boolean;

  private names: Map<string, Bilingual> = new Map();
  private namesFor: Dataset | null = null;
  /** What had focus when the panel opened: it gets focus back when the panel closes. */
  private opener: HTMLElement | null = null;

  constructor() {
    super();
    this.lang = 'en';
    this.feature = null;
    this.data = null;
    this.complete = false;
  }

  protected override willUpdate(): void {
    const d = this.data;
    if (d && d !== this.namesFor) {
      this.names = countryNames(allFeatures(d), d.manifest.countries);
      this.namesFor = d;
    }
    this.hidden = !this.feature;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('feature') || !this.feature) return;
    const prev = changed.get('feature') as MapFeature | null | undefined;
    if (prev?.properties.id === this.feature.properties.id) return;
    if (!prev) {
      const active = deepActiveElement();
      this.opener = active instanceof HTMLElement && active !== document.body && !this.contains(active) && !this.renderRoot.contains(active) ? active : null;
    }
    this.renderRoot.querySelector('.body')?.scrollTo({ top: 0 });
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Closed (the app removes the panel): unless focus has gone somewhere on purpose, hand it back.
    const active = deepActiveElement();
    const lost = !active || active === document.body || this.renderRoot.contains(active);
    if (lost && this.opener?.isConnected) this.opener.focus({ preventScroll: true });
    this.opener = null;
  }

  private close = () => this.dispatchEvent(changeEvent({ selected: null }));

  private onKeydown(e: KeyboardEvent) {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    // Handled here: the page's own Escape handling sees defaultPrevented and leaves it.
    e.preventDefault();
    this.close();
  }

  private read(c: Citation) {
    this.dispatchEvent(changeEvent({ reader: { doc: c.doc, quote: c.quote } }));
  }

  private docMeta(file: string) {
    return this.data?.manifest.documents.find((d) => d.file === file);
  }

  private ctx() {
    return this.data ? styleContextOf(this.data) : undefined;
  }

  private country(iso2: string): string {
    return countryLabel(this.names, iso2, this.lang);
  }

  private list(items: string[]): string {
    return joinList(this.lang, items);
  }

  /** Country names as chips: names such as "Hong Kong, China" make a comma-separated list ambiguous. */
  private chips(items: string[]): TemplateResult {
    return html`<ul class="chips">${items.map((x) => html`<li>${x}</li>`)}</ul>`;
  }

  static override styles = [
    featureLinkStyles,
    sectionHeading,
    css`
      :host {
        display: flex;
        flex-direction: column;
        position: absolute;
        top: 0;
        right: 0;
        bottom: 0;
        width: 380px;
        max-width: 100%;
        box-sizing: border-box;
        color: var(--hsr-ink);
        font-size: 14.5px;
        line-height: 1.5;
      }
      :host([hidden]) {
        display: none;
      }
      @media (max-width: 640px) {
        :host {
          position: fixed;
          top: auto;
          left: 0;
          right: 0;
          bottom: 0;
          width: auto;
          max-height: 65vh;
        }
      }
      *,
      *::before,
      *::after {
        box-sizing: inherit;
      }
      /* The card hugs its content and scrolls inside once it reaches the host's (maximum) height. */
      .panel {
        display: flex;
        flex-direction: column;
        flex: 0 1 auto;
        min-height: 0;
        background: var(--hsr-surface);
        border: 1px solid var(--hsr-line-soft);
        border-radius: 8px;
        box-shadow: 0 4px 18px rgba(29, 35, 48, 0.16);
        overflow: hidden;
      }
      .panel:lang(zh) {
        line-height: 1.6;
      }
      @media (max-width: 640px) {
        .panel {
          border-radius: 12px 12px 0 0;
          border-bottom: 0;
        }
        .panel::before {
          content: '';
          align-self: center;
          flex: none;
          width: 36px;
          height: 4px;
          margin-top: 6px;
          border-radius: 2px;
          background: var(--hsr-line);
        }
      }
      header {
        flex: none;
        padding: 12px 16px 10px;
        border-bottom: 1px solid var(--hsr-hover);
      }
      .top {
        display: flex;
        align-items: flex-start;
        gap: 8px;
      }
      .layer {
        flex: 1;
        display: flex;
        align-items: center;
        gap: 6px;
        margin: 4px 0 0;
        font-size: 12.5px;
        font-weight: 600;
        letter-spacing: 0.03em;
        color: var(--hsr-muted);
      }
      .layer img {
        width: 13px;
        height: 13px;
      }
      .close {
        flex: none;
        width: 32px;
        height: 32px;
        margin: -4px -6px 0 0;
        border: 0;
        border-radius: 6px;
        background: none;
        color: var(--hsr-ink-2);
        font: inherit;
        font-size: 22px;
        line-height: 1;
        cursor: pointer;
      }
      .close:hover {
        background: var(--hsr-surface-3);
        color: var(--hsr-ink);
      }
      h2 {
        margin: 4px 0 0;
        font-size: 18px;
        line-height: 1.3;
        font-weight: 650;
      }
      h2:focus {
        outline: none;
      }
      h2:focus-visible {
        outline: 3px solid var(--hsr-accent);
        outline-offset: 2px;
        border-radius: 2px;
      }
      .alt {
        margin: 2px 0 0;
        font-size: 13.5px;
        color: var(--hsr-muted);
      }
      .badges {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin: 8px 0 0;
        padding: 0;
        list-style: none;
      }
      .badge {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        padding: 1px 8px;
        border: 1px solid var(--hsr-line);
        border-radius: 999px;
        font-size: 12.5px;
        color: #2c3544;
        background: var(--hsr-surface-4);
      }
      .swatch {
        flex: none;
        display: inline-block;
        width: 10px;
        height: 10px;
        border-radius: 2px;
        background: var(--area, #555);
        box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.35);
      }
      .badge.intended .swatch {
        background: var(--hsr-surface);
        box-shadow: inset 0 0 0 2.5px var(--area, #555), 0 0 0 1px rgba(0, 0, 0, 0.2);
      }
      .body {
        flex: 1 1 auto;
        min-height: 0;
        overflow: auto;
        padding: 4px 16px 20px;
        overscroll-behavior: contain;
      }
      .summary {
        margin: 10px 0 12px;
      }
      .loading {
        margin: 12px 0;
        color: var(--hsr-muted);
        font-style: italic;
      }
      .identification {
        margin: 0 0 12px;
        padding: 6px 10px;
        border-left: 3px solid #d9a400;
        background: #fdf8e6;
        font-size: 13.5px;
      }
      h3 {
        margin: 18px 0 6px;
      }
      dl {
        display: grid;
        grid-template-columns: minmax(80px, max-content) minmax(0, 1fr);
        gap: 4px 12px;
        margin: 0;
        font-size: 13.5px;
      }
      dt {
        color: var(--hsr-muted);
        max-width: 9.5em;
      }
      dd {
        margin: 0;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      dd .swatch {
        margin-right: 6px;
        vertical-align: -1px;
      }
      ul.plain {
        margin: 0;
        padding-left: 18px;
        font-size: 13.5px;
      }
      ul.plain li + li {
        margin-top: 2px;
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .chips li {
        padding: 0 7px;
        border-radius: 4px;
        background: var(--hsr-surface-3);
        white-space: nowrap;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 13.5px;
      }
      th {
        text-align: start;
        font-weight: 600;
        font-size: 12.5px;
        color: var(--hsr-muted);
        border-bottom: 1px solid var(--hsr-line-soft);
        padding: 4px 8px 4px 0;
      }
      td {
        vertical-align: top;
        padding: 6px 8px 6px 0;
        border-bottom: 1px solid var(--hsr-surface-3);
      }
      td.num {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      td.num strong {
        font-size: 15px;
      }
      details {
        margin-top: 2px;
      }
      summary {
        cursor: pointer;
        color: var(--hsr-accent-strong);
        font-size: 12.5px;
        width: max-content;
      }
      .related {
        display: flex;
        flex-direction: column;
        gap: 2px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .related button {
        color: var(--hsr-accent-strong);
        font-size: 13.5px;
      }
      .related button:hover {
        background: var(--hsr-surface-2);
        border-color: var(--hsr-rule);
      }
      figure {
        margin: 0 0 14px;
      }
      blockquote {
        margin: 0;
        padding: 6px 0 6px 12px;
        border-left: 3px solid var(--hsr-line);
        color: #2c3544;
        font-size: 13.5px;
      }
      blockquote:lang(zh) {
        line-height: 1.7;
      }
      figcaption {
        margin: 4px 0 0 15px;
        font-size: 12.5px;
        color: var(--hsr-muted);
      }
      cite {
        font-style: normal;
      }
      .read {
        margin: 4px 0 0 11px;
        padding: 3px 6px;
        border: 0;
        border-radius: 4px;
        background: none;
        color: var(--hsr-accent-strong);
        font: inherit;
        font-size: 13px;
        text-decoration: underline;
        text-underline-offset: 2px;
        cursor: pointer;
      }
      .read:hover {
        background: #eef4fb;
      }
      details .read {
        margin-left: 0;
      }
      .external li {
        margin-bottom: 6px;
      }
      .external .note {
        display: block;
        color: var(--hsr-muted);
        font-size: 12.5px;
      }
      button:focus-visible,
      summary:focus-visible {
        outline: 3px solid var(--hsr-accent);
        outline-offset: 1px;
      }
    `,
    AREA_CSS,
    langFont('.panel'),
    langFont('.alt'),
    langFont('blockquote'),
  ];

  override render() {
    const f = this.feature;
    if (!f) return nothing;
    const p = f.properties;
    const lang = this.lang;
    // The name in the other language too (the one the language switch goes to).
    const other = nextLang(lang);
    const name = field(lang, p, 'name');
    const otherName = field(other, p, 'name');
    return html`<aside class="panel" lang=${htmlLang(lang)} aria-labelledby="title" @keydown=${this.onKeydown}>
      <header>
        <div class="top">
          <p class="layer"><img src=${featureGlyph(p, this.ctx())} alt="" width="13" height="13" />${pick(lang, layerSpec(p.layer)?.title ?? { en: p.layer, zh: p.layer })}</p>
          <button type="button" class="close" aria-label=${t(lang, 'detail.close')} title=${t(lang, 'detail.close')} @click=${this.close}>×</button>
        </div>
        <h2 id="title" tabindex="-1">${name}</h2>
        ${otherName && otherName !== name ? html`<p class="alt" lang=${htmlLang(other)}>${otherName}</p>` : nothing}
        ${this.badges(p)}
      </header>
      ${
        this.data?.brief.has(p.layer)
          ? // A brief record (data/brief.ts): what the map knows now; the summary and the quotes are on their way.
            html`<div class="body" aria-busy=${this.complete ? 'false' : 'true'}>
            ${this.facts(p)} ${this.related(p)}
            <p class="loading" role="status">${t(lang, this.complete ? 'detail.wholeFailed' : 'detail.loading')}</p>
          </div>`
          : html`<div class="body">
            ${field(lang, p, 'summary') ? html`<p class="summary">${field(lang, p, 'summary')}</p>` : nothing}
            ${this.identification(p)} ${this.facts(p)} ${this.units(p)} ${this.figures(p.figures ?? [])} ${this.related(p)} ${this.sources(p.sources)} ${this.external(p.external_sources ?? [])}
          </div>`
      }
    </aside>`;
  }

  /** How the record reads a name the documents do not spell out: in the reader's language. */
  private identification(p: BaseProps): TemplateResult | typeof nothing {
    const note = p.identification_note;
    if (!isBilingual(note)) return nothing;
    return html`<h3>${t(this.lang, 'detail.identification')}</h3>
      <p class="identification">${pick(this.lang, note)}</p>`;
  }

  private badges(p: BaseProps): TemplateResult | typeof nothing {
    const lang = this.lang;
    const items: TemplateResult[] = [];
    const area = p.area ? `area-${p.area}` : '';
    if (p.project_no !== undefined)
      items.push(html`<li class="badge ${area} ${p.status === 'intended' ? 'intended' : ''}"><span class="swatch" aria-hidden="true"></span>${t(lang, 'detail.project', { no: p.project_no })}</li>`);
    if (p.status && STATUS_NAMES[p.status]) items.push(html`<li class="badge">${pick(lang, STATUS_NAMES[p.status])}</li>`);
    return items.length ? html`<ul class="badges">${items}</ul>` : nothing;
  }

  private facts(p: BaseProps): TemplateResult {
    const lang = this.lang;
    const rows: [string, unknown][] = [];
    if (p.area && AREA_NAMES[p.area]) rows.push([t(lang, 'detail.area'), html`<span class="swatch area-${p.area}" aria-hidden="true"></span>${pick(lang, AREA_NAMES[p.area]!)}`]);
    if (typeof p.date === 'string' && p.date) rows.push([t(lang, 'detail.date'), formatDate(p.date, lang)]);
    else if (p.year_start !== undefined) rows.push([t(lang, 'detail.years'), yearsLabel(p, lang)]);
    if (typeof p.kind === 'string' && p.kind) rows.push([t(lang, 'detail.kind'), tKey(lang, `kind.${p.kind}`, p.kind)]);
    if (typeof p.role === 'string' && p.role) rows.push([t(lang, 'detail.role'), tKey(lang, `role.${p.role}`, p.role)]);
    if (isBilingual(p.host_institution)) rows.push([t(lang, 'detail.host'), pick(lang, p.host_institution)]);
    if (isBilingual(p.mechanism)) rows.push([t(lang, 'detail.mechanism'), pick(lang, p.mechanism)]);
    const diseases = bilinguals(p.diseases);
    if (diseases.length) rows.push([t(lang, 'detail.diseases'), html`<ul class="chips">${diseases.map((d) => html`<li>${pick(lang, d)}</li>`)}</ul>`]);
    // Optional fields are checked on load; these guards keep a record that slips through from breaking the panel.
    const partners = strings(p.partner_countries);
    if (partners.length) rows.push([t(lang, 'detail.partners'), this.chips(partners.map((c) => this.country(c)))]);
    const provinces = Array.isArray(p.china_provinces)
      ? (p.china_provinces as unknown[]).filter(
          (x): x is { name_en: string; name_zh: string } => !!x && typeof (x as { name_en?: unknown }).name_en === 'string' && typeof (x as { name_zh?: unknown }).name_zh === 'string',
        )
      : [];
    if (provinces.length) rows.push([t(lang, 'detail.provinces'), this.list(provinces.map((x) => field(lang, x, 'name')))]);
    const method = p.method as { kind?: string; width_km?: number; neighbours?: string[] } | undefined;
    if (method && typeof method === 'object' && typeof method.width_km === 'number') {
      const text =
        method.kind === 'border-band'
          ? t(lang, 'detail.method.border-band', { width: method.width_km, countries: this.list(strings(method.neighbours).map((c) => this.country(c))) })
          : t(lang, 'detail.method.countries', { width: method.width_km });
      rows.push([t(lang, 'detail.method'), text]);
    }
    const members = bilinguals(p.member_names);
    if (members.length) {
      const label = typeof p.members_as_of === 'string' ? t(lang, 'detail.membersAsOf', { year: p.members_as_of }) : t(lang, 'detail.members');
      rows.push([label, this.chips(members.map((m) => pick(lang, m)))]);
    }
    // Countries, unless the feature is itself a country or lists them above as members or partners.
    const selfCountry = !!layerSpec(p.layer)?.oneCountry;
    if (p.countries.length && !selfCountry && !members.length && !partners.length) rows.push([t(lang, 'detail.countries'), this.chips(p.countries.map((c) => this.country(c)))]);
    // Disease zones name their Chinese provinces above; their places are the same.
    if (p.places.length && !provinces.length) rows.push([t(lang, 'detail.places'), this.list(p.places.map((pl) => field(lang, pl, 'name')))]);
    rows.push([t(lang, 'detail.precision'), tKey(lang, `precision.${p.precision}`, p.precision)]);
    const why = typeof p.drawn_in_china === 'string' ? DRAWN_IN_CHINA[p.drawn_in_china] : undefined;
    if (why) rows.push([t(lang, 'detail.drawnInChina'), t(lang, why)]);
    return html`<dl>${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
  }

  private units(p: BaseProps): TemplateResult | typeof nothing {
    const lang = this.lang;
    const lead = bilinguals(p.lead_units);
    const part = bilinguals(p.participating_units);
    if (!lead.length && !part.length) return nothing;
    const block = (key: StringKey, units: Bilingual[]) => (units.length ? html`<h3>${t(lang, key)}</h3><ul class="plain">${units.map((u) => html`<li>${pick(lang, u)}</li>`)}</ul>` : nothing);
    return html`${block('detail.lead', lead)}${block('detail.participants', part)}`;
  }

  private figures(figures: FigureValue[]): TemplateResult | typeof nothing {
    if (!figures.length) return nothing;
    const lang = this.lang;
    return html`<h3 id="figures">${t(lang, 'detail.figures')}</h3>
      <table aria-labelledby="figures">
        <thead>
          <tr>
            <th scope="col">${t(lang, 'detail.figureValue')}</th>
            <th scope="col">${t(lang, 'detail.figureLabel')}</th>
          </tr>
        </thead>
        <tbody>
          ${figures.map(
            (fig) => html`<tr>
              <td class="num"><strong>${formatNumber(lang, fig.value)}</strong> ${pick(lang, fig.unit)}</td>
              <td>
                ${pick(lang, fig.label)}
                <details>
                  <summary>${t(lang, 'detail.figureQuote')}</summary>
                  ${this.quote(fig.source)}
                </details>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }

  private related(p: BaseProps): TemplateResult | typeof nothing {
    const d = this.data;
    const lang = this.lang;
    const rel = d ? p.related.map((id) => d.byId.get(id)).filter((x): x is MapFeature => !!x) : [];
    if (!rel.length) return nothing;
    return html`<h3>${t(lang, 'detail.related')}</h3>
      <ul class="related">
        ${rel.map(
          (r) => html`<li>
            <button type="button" class="feature-link" @click=${() => this.dispatchEvent(changeEvent({ selected: r.properties.id, focus: true }))}>
              ${featureLinkContent(r.properties, lang, this.ctx())}
            </button>
          </li>`,
        )}
      </ul>`;
  }

  /** A quote with its document and date, and the button that opens it in the reader. */
  private quote(c: Citation): TemplateResult {
    const lang = this.lang;
    const meta = this.docMeta(c.doc);
    const docLang: Lang = meta?.language ?? documentLang(c.doc);
    const title = meta ? field(lang, meta, 'title') : c.doc;
    return html`<figure>
      <blockquote lang=${htmlLang(docLang)}>${c.quote}</blockquote>
      <figcaption><cite>${title}</cite>${meta?.date ? html`${punctuation(lang).comma}${formatDate(meta.date, lang)}` : nothing}</figcaption>
      <button type="button" class="read" @click=${() => this.read(c)}>${t(lang, 'detail.openReader')}</button>
    </figure>`;
  }

  private sources(sources: Citation[]): TemplateResult | typeof nothing {
    if (!sources.length) return nothing;
    return html`<h3>${t(this.lang, 'detail.sources')}</h3>
      ${sources.map((s) => this.quote(s))}`;
  }

  private external(ext: ExternalCitation[]): TemplateResult | typeof nothing {
    if (!ext.length) return nothing;
    return html`<h3>${t(this.lang, 'detail.external')}</h3>
      <ul class="plain external">
        ${ext.map(
          (e) => html`<li>
            <cite lang="en">${e.title}</cite> — <span lang="en">${e.publisher}</span>, ${formatDate(e.date, this.lang)}${e.note ? html`<span class="note" lang="en">${e.note}</span>` : nothing}
          </li>`,
        )}
      </ul>`;
  }
}

customElements.define('hsr-detail', HsrDetail);
