/**
 * `<hsr-filters>`: the filter controls — cooperation areas, direction, status,
 * country, a year range with a Play button — and a reset.
 *
 * Properties:
 * - `lang: Lang` — UI language.
 * - `state: AppState` — read only: `filters`.
 * - `data: Dataset | null` — the countries and years to offer (country and years are disabled while null).
 *
 * Events:
 * - `hsr-change` (`changeEvent`) with only the changed part of the filters:
 *   `{ filters: { areas } }`, `{ filters: { direction } }`, `{ filters: { statuses } }`,
 *   `{ filters: { country } }`, `{ filters: { years } }` (one per Play step:
 *   `[from, year]`), or every filter at once from "Reset filters". The later
 *   steps of one gesture — a slider drag, a Play — carry `replace: true`, so
 *   the gesture is one history entry, not one per year.
 *
 * Status offers only the statuses some record has (none is "held").
 *
 * Play steps the upper year from the lower bound (the "From" year, else the
 * first year of the data) to the last year, one year per 1.2 s; Pause, any
 * change of the years, a reset, or leaving the document stops it.
 */
import { css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { changeEvent, hsrEvent } from '../app/events.ts';
import type { Dataset } from '../data/dataset.ts';
import { htmlLang, pick, t } from '../i18n/i18n.ts';
import { areaColor, directionColor } from '../layers/palette.ts';
import { AREA_NAMES, DIRECTION_NAMES, STATUS_NAMES } from '../layers/registry.ts';
import { EMPTY_FILTERS, type Filters, type Lang } from '../state/app-state.ts';
import { AREA_IDS, DIRECTION_FILTERS, STATUSES } from '../data/vocabulary.ts';
import { isFiltering } from '../state/filters.ts';
import { PlayController } from './controllers/play-controller.ts';
import { cssProps } from './directives/css-props.ts';
import { countryOptions, datasetYears, playStartIndex, playSteps, startYears, statusOptions, toggleValue, yearsFilter, type CountryOption } from './panel-model.ts';
import { choiceInputs, colourDot, langFont, panelBase } from './shared-styles.ts';
import { StatePanel } from './state-panel.ts';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-filters': HsrFilters;
  }
}

/** Milliseconds between Play steps. */
export const PLAY_INTERVAL = 1200;
/**
 * With `prefers-reduced-motion`, Play takes at most this many (bigger) steps,
 * REDUCED_INTERVAL apart. Nothing in the panel or on the map slides or fades
 * when the years change, but a map redrawn every second is exactly the kind of
 * continuous change that setting asks to avoid, so the map changes fewer
 * times and more slowly, and still ends on the last year.
 */
export const REDUCED_FRAMES = 6;
export const REDUCED_INTERVAL = 2500;

const prefersReducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export class HsrFilters extends StatePanel {
  private readonly player = new PlayController<number>(this);
  /** Whether the app was last told that Play runs (it dims the map's records outside the years meanwhile). */
  private toldPlaying = false;
  /** Country options, recomputed only when the dataset or the language changes. */
  private countryCache: { data: Dataset; lang: Lang; options: CountryOption[] } | undefined;
  private yearCache: { data: Dataset; extent: [number, number] | null } | undefined;
  /** A slider is being dragged: its first move added a history entry, the next ones replace it. */
  private sliding = false;

  private get filters(): Filters {
    return this.state.filters;
  }

  private countries(): CountryOption[] {
    const data = this.data;
    if (!data) return [];
    const c = this.countryCache;
    if (c && c.data === data && c.lang === this.lang) return c.options;
    const options = countryOptions(data, this.lang);
    this.countryCache = { data, lang: this.lang, options };
    return options;
  }

  private extent(): [number, number] | null {
    const data = this.data;
    if (!data) return null;
    if (this.yearCache?.data !== data) this.yearCache = { data, extent: datasetYears(data) };
    return this.yearCache.extent;
  }

  static override styles = [
    panelBase,
    choiceInputs,
    colourDot,
    css`
    :host {
      line-height: 1.5;
    }
    .filters {
      display: flex;
      flex-direction: column;
      gap: 14px;
      padding: 12px 14px 16px;
    }
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    legend,
    .field-label {
      display: block;
      padding: 0;
      margin-bottom: 6px;
      font-size: 12.5px;
      font-weight: 600;
      letter-spacing: 0.04em;
      text-transform: uppercase;
      color: var(--hsr-muted);
    }
    .filters:lang(zh) legend,
    .filters:lang(zh) .field-label {
      letter-spacing: 0.1em;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 10px 4px 8px;
      border: 1px solid var(--hsr-line);
      border-radius: 999px;
      background: var(--hsr-surface);
      font-size: 13px;
      cursor: pointer;
      user-select: none;
    }
    .chip:hover {
      background: var(--hsr-surface-2);
    }
    .chip:has(input:checked) {
      border-color: var(--hsr-accent);
      background: #eaf2fb;
    }
    .chip:has(input:focus-visible) {
      outline: 3px solid var(--hsr-accent);
      outline-offset: 2px;
    }
    .chip input:focus-visible {
      outline: none;
    }
    .line {
      flex: none;
      width: 18px;
      height: 0;
      border-top: 3px solid var(--c);
    }
    .line.dashed {
      border-top-style: dashed;
    }
    .options {
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .option {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 3px 0;
      cursor: pointer;
    }
    input:focus-visible,
    select:focus-visible,
    button:focus-visible {
      outline: 3px solid var(--hsr-accent);
      outline-offset: 2px;
    }
    select {
      width: 100%;
      padding: 6px 8px;
      font: inherit;
      color: inherit;
      background: var(--hsr-surface);
      border: 1px solid #8792a2;
      border-radius: 6px;
    }
    .years-value {
      margin: 0 0 4px;
      font-variant-numeric: tabular-nums;
      font-weight: 600;
    }
    .range {
      display: grid;
      grid-template-columns: 2.5em 1fr 3em;
      align-items: center;
      gap: 8px;
      font-size: 13px;
      color: var(--hsr-ink-2);
    }
    .range output {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    input[type='range'] {
      width: 100%;
      margin: 0;
      accent-color: var(--hsr-accent);
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 8px;
    }
    button {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 5px 12px;
      font: inherit;
      font-size: 13.5px;
      color: var(--hsr-ink);
      background: var(--hsr-surface);
      border: 1px solid #8792a2;
      border-radius: 6px;
      cursor: pointer;
    }
    button:hover:not(:disabled) {
      background: var(--hsr-surface-5);
    }
    button:disabled,
    select:disabled,
    input:disabled {
      cursor: not-allowed;
      opacity: 0.55;
    }
    .play[aria-pressed='true'] {
      background: var(--hsr-ink);
      border-color: var(--hsr-ink);
      color: var(--hsr-surface);
    }
    .icon {
      font-size: 11px;
      line-height: 1;
    }
    .reset {
      align-self: flex-start;
    }
    .note {
      margin: 0;
      font-size: 12.5px;
      color: var(--hsr-muted);
    }
    @media (max-width: 640px) {
      .chip {
        padding: 6px 12px 6px 10px;
      }
      .option {
        padding: 6px 0;
      }
    }
  `,
    langFont('.filters'),
  ];

  protected override updated(): void {
    // The player starts and stops by itself (last year, Pause, a slider, leaving): the app hears of each change.
    if (this.player.playing !== this.toldPlaying) {
      this.toldPlaying = this.player.playing;
      this.dispatchEvent(hsrEvent('hsr-play', { playing: this.toldPlaying }));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.toldPlaying) {
      this.toldPlaying = false;
      this.dispatchEvent(hsrEvent('hsr-play', { playing: false }));
    }
  }

  override render() {
    const lang = this.lang;
    const f = this.filters;
    return html`<div class="filters" lang=${htmlLang(lang)}>
      <fieldset>
        <legend>${t(lang, 'filters.area')}</legend>
        <div class="chips">
          ${AREA_IDS.map(
            (a) => html`<label class="chip">
              <input type="checkbox" .checked=${live(f.areas.includes(a))} @change=${(e: Event) => this.emit({ areas: toggleValue(f.areas, a, (e.target as HTMLInputElement).checked) })} />
              <span class="dot" aria-hidden="true" ${cssProps({ '--c': areaColor(a) })}></span>
              <span>${pick(lang, AREA_NAMES[a]!)}</span>
            </label>`,
          )}
        </div>
      </fieldset>

      <fieldset>
        <legend>${t(lang, 'filters.direction')}</legend>
        <div class="options">
          ${DIRECTION_FILTERS.map(
            (d) => html`<label class="option">
              <input type="radio" name="${this.uid}-direction" value=${d} .checked=${live(f.direction === d)} @change=${() => this.emit({ direction: d })} />
              ${d === 'all' ? nothing : html`<span class="line ${d === 'maritime' ? 'dashed' : ''}" aria-hidden="true" ${cssProps({ '--c': directionColor(d) })}></span>`}
              <span>${d === 'all' ? t(lang, 'filters.direction.all') : pick(lang, DIRECTION_NAMES[d])}</span>
            </label>`,
          )}
        </div>
      </fieldset>

      <fieldset>
        <legend>${t(lang, 'filters.status')}</legend>
        <div class="options">
          ${(this.data ? statusOptions(this.data, STATUSES) : STATUSES.filter((x) => x !== 'held')).map(
            (s) => html`<label class="option">
              <input type="checkbox" .checked=${live(f.statuses.includes(s))} @change=${(e: Event) => this.emit({ statuses: toggleValue(f.statuses, s, (e.target as HTMLInputElement).checked, STATUSES) })} />
              <span>${pick(lang, STATUS_NAMES[s])}</span>
            </label>`,
          )}
        </div>
      </fieldset>

      <div>
        <label class="field-label" for="${this.uid}-country">${t(lang, 'filters.country')}</label>
        ${this.renderCountry()}
      </div>

      ${this.renderYears()}
      ${isFiltering(f) ? html`<button class="reset" type="button" @click=${this.reset}>${t(lang, 'filters.reset')}</button>` : nothing}
      <p class="note">${t(lang, 'filters.note')}</p>
    </div>`;
  }

  private renderCountry() {
    const lang = this.lang;
    const current = this.filters.country;
    const options = this.countries();
    // A country from the URL that the data does not have stays selectable, so the control tells the truth.
    const extra = current && !options.some((o) => o.code === current) ? [{ code: current, name: current }] : [];
    // Options carry `selected` themselves: a `.value` binding on <select> would run before its options exist.
    return html`<select id="${this.uid}-country" ?disabled=${!this.data} @change=${(e: Event) => this.emit({ country: (e.target as HTMLSelectElement).value || null })}>
      <option value="" ?selected=${!current}>${t(lang, 'filters.country.all')}</option>
      ${[...extra, ...options].map((o) => html`<option value=${o.code} ?selected=${o.code === current}>${o.name}</option>`)}
    </select>`;
  }

  private renderYears() {
    const lang = this.lang;
    const extent = this.extent();
    const years = this.filters.years;
    const [min, max] = extent ?? [0, 0];
    const lo = years ? years[0] : min;
    const hi = years ? years[1] : max;
    const playing = this.player.playing;
    const label = years ? t(lang, 'filters.years.range', { from: years[0], to: years[1] }) : t(lang, 'filters.years.all');
    const fromId = `${this.uid}-from`;
    const toId = `${this.uid}-to`;
    return html`<fieldset>
      <legend>${t(lang, 'filters.years')}</legend>
      <p class="years-value">${label}</p>
      <div class="range">
        <label for=${fromId}>${t(lang, 'filters.years.from')}</label>
        <input id=${fromId} type="range" min=${min} max=${max} step="1" .value=${live(String(lo))} ?disabled=${!extent} @input=${(e: Event) => this.setYears(Number((e.target as HTMLInputElement).value), 'from')} @change=${this.endSlide} />
        <output for=${fromId}>${extent ? lo : ''}</output>
      </div>
      <div class="range">
        <label for=${toId}>${t(lang, 'filters.years.to')}</label>
        <input id=${toId} type="range" min=${min} max=${max} step="1" .value=${live(String(hi))} ?disabled=${!extent} @input=${(e: Event) => this.setYears(Number((e.target as HTMLInputElement).value), 'to')} @change=${this.endSlide} />
        <output for=${toId}>${extent ? hi : ''}</output>
      </div>
      <div class="buttons">
        <button class="play" type="button" aria-pressed=${playing ? 'true' : 'false'} ?disabled=${!extent} @click=${this.togglePlay}>
          <span class="icon" aria-hidden="true">${playing ? '❚❚' : '▶'}</span>${t(lang, playing ? 'filters.pause' : 'filters.play')}
        </button>
      </div>
      <p class="visually-hidden" role="status">${playing && years ? t(lang, 'filters.playing', { year: years[1] }) : ''}</p>
    </fieldset>`;
  }

  /** @param replace - a later step of the same gesture: change the current history entry, add none. */
  private emit(filters: Partial<Filters>, replace = false) {
    this.dispatchEvent(changeEvent(replace ? { filters, replace } : { filters }));
  }

  /** A slider moved: the other end is pushed along rather than crossed. */
  private setYears(value: number, end: 'from' | 'to') {
    const extent = this.extent();
    if (!extent) return;
    this.player.stop();
    const [lo, hi] = this.filters.years ?? extent;
    const next = end === 'from' ? yearsFilter(value, Math.max(value, hi), extent) : yearsFilter(Math.min(lo, value), value, extent);
    this.emit({ years: next }, this.sliding);
    this.sliding = true;
  }

  /** The slider was let go (or a key step ended): the next move starts a new history entry. */
  private endSlide = () => {
    this.sliding = false;
  };

  private togglePlay() {
    if (this.player.playing) {
      this.player.stop();
      return;
    }
    const extent = this.extent();
    if (!extent) return;
    const from = this.filters.years?.[0] ?? extent[0];
    const reduced = prefersReducedMotion();
    const steps = playSteps([from, extent[1]], reduced ? REDUCED_FRAMES : Infinity, this.data ? startYears(this.data) : undefined);
    const start = playStartIndex(steps, this.filters.years?.[1] ?? null);
    this.player.play({
      steps,
      start,
      interval: reduced ? REDUCED_INTERVAL : PLAY_INTERVAL,
      // One history entry for the whole play: the first step adds it, the others update it (Back returns to before Play).
      onStep: (year, i) => this.emit({ years: [from, year] }, i > start),
    });
  }

  private reset() {
    this.player.stop();
    this.emit({ ...EMPTY_FILTERS, areas: [], statuses: [] });
  }
}

customElements.define('hsr-filters', HsrFilters);
