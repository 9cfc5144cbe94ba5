/**
 * `<hsr-presenter-view>`: the speaker's window (`&presenter` in the link), for
 * the laptop screen while the projector shows the map. The current chapter's
 * title, caption and speaker notes; the next chapter's title and a preview of
 * its view (`chapter-preview.ts`); the time since the talk started and on each
 * chapter; the same keys as the audience window (clicker, B, L, Esc). It draws
 * no map. The app keeps it in step with the audience window
 * (`story/talk-sync.ts`): either window drives.
 *
 * Properties in: `lang`, `position` (story and chapter), `story`, `talk`
 * (blank screen, clock), `ended` (the audience window ended the talk),
 * `audience` (an audience window is connected), `data` (documents' titles,
 * the subjects' geometry), `base` (the data's URL: the preview's countries).
 * Events out: `hsr-story` (chapter, language), `hsr-talk` (blank, end).
 */
import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import type { Geometry } from 'geojson';
import type { Lang } from '../state/app-state.ts';
import { documentTitle, type Dataset } from '../data/dataset.ts';
import { featureBounds, unionBounds } from '../data/bounds.ts';
import { documentLang, htmlLang, languageName, nextLang, pick, t } from '../i18n/i18n.ts';
import { KeysController } from '../story/keys-controller.ts';
import { targetChapter, type PresenterAction } from '../story/keymap.ts';
import { storyEvent, talkEvent } from '../story/story-events.ts';
import { clampChapter, type Chapter, type Story } from '../story/story.ts';
import { atChapter, type StoryPosition } from '../story/story-src.ts';
import { chapterElapsed, chapterTime, elapsed, formatDuration, type TalkClock } from '../story/talk-sync.ts';
import { chapterCamera } from '../story/chapter-view.ts';
import { paddingAround } from '../map/padding.ts';
import { PREVIEW, geometryPath, isAreaOrLine, pointsOf, previewCaption, projector } from './chapter-preview.ts';
import { langFont, onDark } from './shared-styles.ts';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-presenter-view': HsrPresenterView;
  }
}

/** The base map's overview countries, fetched once per page. */
let countries: Promise<Geometry[]> | undefined;
function overviewCountries(base: string): Promise<Geometry[]> {
  countries ??= fetch(new URL('basemap/overview/countries.geojson', base))
    .then((r) => (r.ok ? (r.json() as Promise<{ features: { geometry: Geometry }[] }>) : { features: [] }))
    .then((fc) => fc.features.map((f) => f.geometry))
    .catch(() => []);
  return countries;
}

export class HsrPresenterView extends LitElement {
  static override properties = {
    lang: { type: String },
    position: { attribute: false },
    story: { attribute: false },
    talk: { attribute: false },
    ended: { type: Boolean },
    audience: { type: Boolean },
    data: { attribute: false },
    base: { type: String },
    land: { state: true },
    now: { state: true },
  };

  declare lang: Lang;
  declare position: StoryPosition | null;
  declare story: Story | null;
  declare talk: { blanked: boolean; clock: TalkClock } | null;
  declare ended: boolean;
  declare audience: boolean;
  declare data: Dataset | null;
  declare base: string;
  /** The countries' outlines for the preview (empty until fetched). */
  declare land: Geometry[];
  /** The time the clocks show (ticks every second). */
  declare now: number;

  private tick: ReturnType<typeof setInterval> | undefined;
  /** Preview path data by chapter (and data state): drawn once, not every second. */
  private previewCache = new Map<string, ReturnType<HsrPresenterView['drawPreview']>>();

  constructor() {
    super();
    this.lang = 'en';
    this.position = null;
    this.story = null;
    this.talk = null;
    this.ended = false;
    this.audience = false;
    this.data = null;
    this.base = '';
    this.land = [];
    this.now = Date.now();
    new KeysController(this, { blanked: () => !!this.talk?.blanked, onAction: (a) => this.act(a) });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.tick = setInterval(() => (this.now = Date.now()), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.tick);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('base') && this.base) void overviewCountries(this.base).then((g) => (this.land = g));
    if (changed.has('data') || changed.has('land') || changed.has('story')) this.previewCache.clear();
    if (changed.has('lang')) document.title = `${t(this.lang, 'presenterView.title')} — ${t(this.lang, 'app.title')}`;
  }

  private get index(): number {
    return this.story && this.position ? clampChapter(this.story, this.position.chapter) : 0;
  }

  /** The same keys as the audience window; they move both. */
  act(action: PresenterAction): void {
    const story = this.story;
    const pos = this.position;
    if (!story || !pos) return;
    switch (action.type) {
      case 'held':
        return;
      case 'blank':
      case 'unblank':
        this.dispatchEvent(talkEvent({ kind: 'blank', blanked: action.type === 'blank' }));
        return;
      case 'language':
        this.dispatchEvent(storyEvent({ patch: { lang: nextLang(this.lang) }, replace: true }));
        return;
      case 'exit':
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
        else this.dispatchEvent(talkEvent({ kind: 'exit' }));
        return;
      case 'fullscreen':
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
        else void document.documentElement.requestFullscreen().catch(() => undefined);
        return;
      default: {
        const to = targetChapter(action, this.index, story.chapters.length);
        if (to !== null && to !== this.index) this.dispatchEvent(storyEvent({ patch: { story: atChapter(pos, to) }, replace: true }));
      }
    }
  }

  /** The next chapter's view as the audience will see it: countries, its subjects, the caption's place. */
  private drawPreview(ch: Chapter) {
    const byId = this.data?.byId;
    const subjects = ch.highlight.flatMap((id) => byId?.get(id) ?? []);
    const box = unionBounds(subjects.map((f) => featureBounds(f)));
    const caption = previewCaption();
    const frame = { left: 0, top: 0, right: PREVIEW.width, bottom: PREVIEW.height };
    // The same margin as the audience window's (6 % of the shorter side).
    const { camera, padding } = chapterCamera(ch, box, PREVIEW, paddingAround(frame, [caption], Math.round(PREVIEW.height * 0.06)));
    const project = projector(camera, PREVIEW, padding);
    const land = this.land.map((g) => geometryPath(g, project)).join('');
    const shapes = subjects
      .filter((f) => isAreaOrLine(f.geometry))
      .map((f) => geometryPath(f.geometry, project))
      .join('');
    const points = subjects.flatMap((f) => pointsOf(f.geometry, project));
    return { land, shapes, points, caption };
  }

  private preview(ch: Chapter) {
    const key = ch.id;
    let p = this.previewCache.get(key);
    if (!p) this.previewCache.set(key, (p = this.drawPreview(ch)));
    return svg`<svg class="preview" viewBox="0 0 ${PREVIEW.width} ${PREVIEW.height}" role="img" aria-label=${t(this.lang, 'presenterView.previewLabel', { title: pick(this.lang, ch.title) })}>
      <rect width=${PREVIEW.width} height=${PREVIEW.height} fill="#cfe0ee"></rect>
      <path d=${p.land} fill="#f3f1ea" stroke="#b9b4a6" stroke-width="2"></path>
      <path d=${p.shapes} fill="rgba(245,185,66,0.35)" stroke="#c47f00" stroke-width="6" stroke-linejoin="round"></path>
      ${p.points.map(([x, y]) => svg`<circle cx=${Math.round(x)} cy=${Math.round(y)} r="16" fill="#f5b942" stroke="#7a4b00" stroke-width="5"></circle>`)}
      <rect x=${p.caption.left} y=${p.caption.top} width=${p.caption.right - p.caption.left} height=${p.caption.bottom - p.caption.top} rx="12" fill="rgba(17,23,34,0.75)"></rect>
    </svg>`;
  }

  static override styles = [
    onDark,
    css`
    :host {
      display: grid;
      grid-template-rows: auto 1fr auto;
      height: 100vh;
      box-sizing: border-box;
      padding: 20px 28px;
      gap: 16px;
      background: #111722;
      color: #f4f6f9;
    }
    header {
      display: flex;
      align-items: baseline;
      gap: 24px;
      flex-wrap: wrap;
    }
    header h1 {
      font-size: 18px;
      font-weight: 600;
      margin: 0;
      color: var(--hsr-line-2);
      flex: 1;
    }
    .status {
      font-size: 15px;
      color: var(--hsr-faint);
    }
    .status.on {
      color: #7ddc9a;
    }
    .status.blank {
      color: #111;
      background: var(--hsr-highlight);
      padding: 2px 10px;
      border-radius: 4px;
      font-weight: 700;
    }
    .clock {
      display: flex;
      gap: 24px;
      font-variant-numeric: tabular-nums;
    }
    .clock div {
      display: flex;
      flex-direction: column;
      align-items: flex-end;
    }
    .clock span {
      font-size: 13px;
      color: var(--hsr-faint);
    }
    .clock strong {
      font-size: 34px;
      line-height: 1.1;
    }
    main {
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      gap: 28px;
      min-height: 0;
    }
    .now,
    .side {
      display: flex;
      flex-direction: column;
      gap: 12px;
      min-height: 0;
      overflow: auto;
    }
    .label {
      font-size: 13px;
      letter-spacing: 0.08em;
      text-transform: uppercase;
      color: var(--hsr-faint);
      margin: 0;
    }
    h2 {
      font-size: 34px;
      line-height: 1.2;
      margin: 0;
    }
    .caption {
      font-size: 18px;
      line-height: 1.5;
      color: var(--hsr-line-2);
      margin: 0;
    }
    .notes {
      font-size: 26px;
      line-height: 1.45;
      background: #1d2635;
      border-left: 5px solid var(--hsr-highlight);
      padding: 14px 18px;
      border-radius: 6px;
      margin: 0;
      white-space: pre-wrap;
    }
    .notes.none {
      font-size: 16px;
      color: var(--hsr-faint);
      border-left-color: #3a4556;
    }
    .cite {
      font-size: 14px;
      color: var(--hsr-faint);
      margin: 0;
    }
    .next h3 {
      font-size: 22px;
      margin: 4px 0 8px;
    }
    .preview {
      width: 100%;
      height: auto;
      border-radius: 6px;
      display: block;
    }
    ol.chapters {
      list-style: none;
      margin: 0;
      padding: 0;
      font-size: 15px;
      font-variant-numeric: tabular-nums;
    }
    ol.chapters button {
      all: unset;
      box-sizing: border-box;
      width: 100%;
      display: flex;
      gap: 10px;
      padding: 4px 8px;
      border-radius: 4px;
      cursor: pointer;
      color: var(--hsr-line-2);
    }
    ol.chapters button:hover {
      background: rgba(255, 255, 255, 0.08);
    }
    ol.chapters button[aria-current='step'] {
      background: var(--hsr-highlight);
      color: #111;
      font-weight: 700;
    }
    ol.chapters .title {
      flex: 1;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    footer {
      display: flex;
      gap: 10px;
      align-items: center;
      flex-wrap: wrap;
    }
    footer button {
      font: inherit;
      font-size: 16px;
      padding: 0.4em 0.9em;
    }
    footer .hint {
      font-size: 13px;
      color: var(--hsr-faint);
      margin-left: auto;
    }
    .ended {
      position: fixed;
      inset: 0;
      display: grid;
      place-content: center;
      text-align: center;
      background: rgba(17, 23, 34, 0.94);
      font-size: 22px;
      padding: 40px;
    }
    .ended p {
      max-width: 36em;
    }
    .loading {
      font-size: 18px;
      color: var(--hsr-line-2);
    }
  `,
    langFont(':host'),
  ];

  override render() {
    const lang = this.lang;
    const story = this.story;
    if (!story || !this.position) return html`<p class="loading" role="status">${t(lang, 'presenterView.loading')}</p>`;
    const index = this.index;
    const ch = story.chapters[index]!;
    const next = story.chapters[index + 1];
    const clock = this.talk?.clock;
    const now = this.now;
    const docTitle = (file: string) => documentTitle(this.data, lang, file);
    const notes = ch.notes ? pick(lang, ch.notes) : '';
    return html`
      <header>
        <h1>${pick(lang, story.title)} · ${t(lang, 'present.progress', { n: index + 1, total: story.chapters.length })}</h1>
        ${this.talk?.blanked ? html`<span class="status blank" role="status">${t(lang, 'presenterView.blanked')}</span>` : nothing}
        <span class="status audience ${this.audience ? 'on' : ''}" role="status">● ${t(lang, this.audience ? 'presenterView.audienceOn' : 'presenterView.audienceOff')}</span>
        <div class="clock" role="timer" aria-live="off">
          <div><span>${t(lang, 'presenterView.elapsed')}</span><strong class="elapsed">${clock ? formatDuration(elapsed(clock, now)) : '0:00'}</strong></div>
          <div><span>${t(lang, 'presenterView.thisChapter')}</span><strong class="chapter-time">${clock ? formatDuration(chapterElapsed(clock, now, index)) : '0:00'}</strong></div>
        </div>
      </header>
      <main>
        <section class="now" aria-live="polite" data-chapter=${ch.id}>
          <p class="label">${t(lang, 'presenterView.now')}</p>
          <h2>${pick(lang, ch.title)}</h2>
          <p class="caption">${pick(lang, ch.text)}</p>
          <p class="label">${t(lang, 'presenterView.notes')}</p>
          ${notes ? html`<p class="notes">${notes}</p>` : html`<p class="notes none">${t(lang, 'presenterView.noNotes')}</p>`}
          ${ch.sources.map((s) => html`<p class="cite">${docTitle(s.doc)} — <q lang=${htmlLang(documentLang(s.doc))}>${s.quote}</q></p>`)}
        </section>
        <aside class="side">
          <section class="next" data-chapter=${next?.id ?? ''}>
            <p class="label">${t(lang, 'presenterView.next')}</p>
            ${next ? html`<h3>${pick(lang, next.title)}</h3>${this.preview(next)}` : html`<h3>${t(lang, 'presenterView.last')}</h3>`}
          </section>
          <p class="label">${t(lang, 'presenterView.chapters')}</p>
          <ol class="chapters">
            ${story.chapters.map(
              (c, i) =>
                html`<li><button aria-current=${i === index ? 'step' : 'false'} @click=${() => this.act({ type: 'goto', index: i })}>
                  <span>${i + 1}</span><span class="title">${pick(lang, c.title)}</span><span class="time">${clock ? formatDuration(chapterTime(clock, i, index, now)) : ''}</span>
                </button></li>`,
            )}
          </ol>
        </aside>
      </main>
      <footer class="buttons-on-dark">
        <button @click=${() => this.act({ type: 'previous' })} ?disabled=${index === 0} aria-label=${t(lang, 'present.previous')}>←</button>
        <button @click=${() => this.act({ type: 'next' })} ?disabled=${index === story.chapters.length - 1} aria-label=${t(lang, 'present.next')}>→</button>
        <button class="blank" aria-pressed=${this.talk?.blanked ? 'true' : 'false'} @click=${() => this.act({ type: this.talk?.blanked ? 'unblank' : 'blank' })}>${t(lang, 'presenterView.blank')}</button>
        <button class="lang" @click=${() => this.act({ type: 'language' })}>${languageName(nextLang(lang))}</button>
        <button class="end" @click=${() => this.dispatchEvent(talkEvent({ kind: 'exit' }))}>${t(lang, 'presenterView.end')}</button>
        <p class="hint">${t(lang, 'present.keys')}</p>
      </footer>
      ${this.ended ? html`<div class="ended" role="status"><p>${t(lang, 'presenterView.ended')}</p></div>` : nothing}
    `;
  }
}

customElements.define('hsr-presenter-view', HsrPresenterView);
