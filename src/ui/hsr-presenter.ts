/**
 * `<hsr-presenter>`: the forum presentation mode. Loaded lazily by `<hsr-app>`
 * (with `import()`) when a story starts, so neither it nor the stories are in
 * the main bundle.
 *
 * Properties in: `lang`, `state` (its `story` is the current chapter, `kiosk`
 * the seconds per chapter), `data` (document titles for citations).
 * Events out: `hsr-story` ({ patch, replace, flight }): navigation writes the
 * chapter into the URL; applying a chapter (on entry, after navigation, on
 * back/forward) sets its layers, filters and selection and flies the map there
 * with padding that keeps the subject clear of the caption panel.
 *
 * Keys (see `story/keymap.ts`) come through `KeysController`. The map stays
 * explorable; the next key flies back to a chapter view.
 *
 * @csspart caption - the caption panel
 */
import { LitElement, css, html, nothing, unsafeCSS, type PropertyValues } from 'lit';
import type { AppState, Lang } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import type { StatePatch } from '../app/events.ts';
import { NARROW, chapterPadding, chapterPatch } from '../story/chapter-view.ts';
import { FONT_STACK, pick, t } from '../i18n/i18n.ts';
import { getStory } from '../story/index.ts';
import { clampChapter, type Chapter, type Story } from '../story/story.ts';
import { KeysController } from '../story/keys-controller.ts';
import { targetChapter, type PresenterAction } from '../story/keymap.ts';
import { storyEvent } from '../story/story-events.ts';
import type { OfflineStatus } from '../app/offline.ts';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-presenter': HsrPresenter;
  }
}

type Saved = Pick<AppState, 'layers' | 'filters' | 'mechanisms' | 'selected'>;

export class HsrPresenter extends LitElement {
  static override properties = {
    lang: { type: String },
    state: { attribute: false },
    data: { attribute: false },
    offline: { type: String },
    mapReady: { type: Boolean },
    blanked: { state: true },
  };

  declare lang: Lang;
  declare state: AppState | null;
  declare data: Dataset | null;
  /** Whether the site is stored for offline use: the speaker checks this before the talk. */
  declare offline: OfflineStatus;
  /** Whether the map has drawn (or cannot: no WebGL). The kiosk clock starts only then. */
  declare mapReady: boolean;
  declare blanked: boolean;

  /** `story/chapter` last applied to the map, to tell navigation (and back/forward) from other changes. */
  private applied: string | null = null;
  /** The view before the story started, restored on leaving. */
  private saved: Saved | null = null;
  private kioskTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.lang = 'en';
    this.state = null;
    this.data = null;
    this.offline = 'unavailable';
    this.mapReady = false;
    this.blanked = false;
    new KeysController(this, { blanked: () => this.blanked, onAction: (a) => this.act(a) });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.kioskTimer);
  }

  private get story(): Story | undefined {
    return this.state?.story ? getStory(this.state.story.id) : undefined;
  }

  private get index(): number {
    const story = this.story;
    return story && this.state?.story ? clampChapter(story, this.state.story.chapter) : 0;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A booth screen gives every chapter its full time on a drawn map: the first waits for the map.
    if (changed.has('mapReady') && this.mapReady && this.applied !== null) this.scheduleKiosk();
    if (!changed.has('state') || !this.state?.story) return;
    const pos = this.state.story;
    const story = this.story;
    if (!story) {
      // A link to a story that does not exist: leave quietly.
      this.dispatchEvent(storyEvent({ patch: { story: null, kiosk: null }, replace: true, flight: null }));
      return;
    }
    const index = clampChapter(story, pos.chapter);
    if (index !== pos.chapter) {
      this.dispatchEvent(storyEvent({ patch: { story: { id: story.id, chapter: index } }, replace: true }));
      return;
    }
    const key = `${story.id}/${index}`;
    if (key === this.applied) {
      if (changed.get('state')?.kiosk !== this.state.kiosk) this.scheduleKiosk();
      return;
    }
    const first = this.applied === null;
    if (first) this.saved = { layers: this.state.layers, filters: this.state.filters, mechanisms: this.state.mechanisms, selected: this.state.selected };
    this.applied = key;
    // Opening on a chapter (a link, the Present button) shows it at once; moving between chapters flies.
    this.applyChapter(story.chapters[index]!, first);
  }

  /** Sets the chapter's layers, filters and selection, and flies the map to its view. */
  private applyChapter(ch: Chapter, instant: boolean) {
    const [lon, lat] = ch.camera.center;
    this.dispatchEvent(
      storyEvent({
        patch: chapterPatch(ch),
        replace: true,
        flight: {
          camera: { lon, lat, zoom: ch.camera.zoom, bearing: ch.camera.bearing, pitch: ch.camera.pitch },
          padding: chapterPadding(window.innerWidth, window.innerHeight),
          instant,
        },
        highlight: ch.highlight,
      }),
    );
    this.scheduleKiosk();
  }

  private scheduleKiosk() {
    clearTimeout(this.kioskTimer);
    const seconds = this.state?.kiosk;
    if (!seconds || !this.story || !this.mapReady) return;
    this.kioskTimer = setTimeout(() => this.go(targetChapter({ type: 'next' }, this.index, this.story!.chapters.length, true), true), seconds * 1000);
  }

  private go(index: number | null, replace = false) {
    const story = this.story;
    if (!story || index === null) return;
    if (index === this.index) {
      // Same chapter (after exploring the map, or "next" on the last): fly back to its view.
      this.applyChapter(story.chapters[index]!, false);
      this.scheduleKiosk();
      return;
    }
    this.dispatchEvent(storyEvent({ patch: { story: { id: story.id, chapter: index } }, replace }));
  }

  /** Handles a presenter action (keys and the on-screen buttons). */
  act(action: PresenterAction): void {
    const story = this.story;
    if (!story) return;
    switch (action.type) {
      case 'blank':
        this.blanked = true;
        return;
      case 'unblank':
        this.blanked = false;
        return;
      case 'fullscreen':
        void this.toggleFullscreen();
        return;
      case 'exit':
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
        else this.leave();
        return;
      case 'language':
        this.dispatchEvent(storyEvent({ patch: { lang: this.lang === 'en' ? 'zh' : 'en' }, replace: false }));
        return;
      default:
        this.go(targetChapter(action, this.index, story.chapters.length));
    }
  }

  private async toggleFullscreen() {
    try {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await document.documentElement.requestFullscreen({ navigationUI: 'hide' });
    } catch {
      // Refused (no user gesture, iframe without allowfullscreen): the presentation goes on in the window.
    }
  }

  private leave() {
    clearTimeout(this.kioskTimer);
    const saved = this.saved;
    const patch: StatePatch = { story: null, kiosk: null, ...(saved ? { layers: saved.layers, filters: saved.filters, mechanisms: saved.mechanisms, selected: saved.selected } : {}) };
    this.dispatchEvent(storyEvent({ patch, replace: false, flight: null }));
  }

  static override styles = css`
    :host {
      position: absolute;
      inset: 0;
      z-index: 6;
      pointer-events: none;
      font-family: ${unsafeCSS(FONT_STACK.en)};
      color: #fff;
    }
    :host(:lang(zh-Hans)) {
      font-family: ${unsafeCSS(FONT_STACK.zh)};
    }
    .caption {
      pointer-events: auto;
      position: absolute;
      top: 24px;
      bottom: 24px;
      left: 24px;
      width: clamp(340px, 34vw, 700px);
      box-sizing: border-box;
      display: flex;
      flex-direction: column;
      gap: 0.6em;
      padding: clamp(20px, 2.6vh, 44px) clamp(20px, 2vw, 40px);
      background: rgba(17, 23, 34, 0.9);
      border-radius: 12px;
      box-shadow: 0 10px 40px rgba(0, 0, 0, 0.35);
      overflow: auto;
    }
    .progress {
      display: flex;
      align-items: center;
      gap: 14px;
      font-size: clamp(16px, 1.9vh, 28px);
      color: #c9d3e0;
      margin: 0;
    }
    .dots {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .dots button {
      width: clamp(12px, 1.3vh, 20px);
      height: clamp(12px, 1.3vh, 20px);
      padding: 0;
      border-radius: 50%;
      border: 2px solid #c9d3e0;
      background: transparent;
      cursor: pointer;
    }
    .dots button[aria-current='step'] {
      background: #f5b942;
      border-color: #f5b942;
    }
    h2 {
      /* Readable from the back of a hall: ≥ 40 px on a 1080p projector. */
      font-size: clamp(28px, 4vh, 72px);
      line-height: 1.15;
      margin: 0.2em 0 0;
      font-weight: 700;
    }
    .text {
      /* ≥ 26 px on a 1080p projector. */
      font-size: clamp(19px, 2.5vh, 44px);
      line-height: 1.45;
      margin: 0;
    }
    .cite {
      margin: auto 0 0;
      padding-top: 0.8em;
      border-top: 1px solid rgba(255, 255, 255, 0.2);
      font-size: clamp(13px, 1.5vh, 24px);
      line-height: 1.4;
      color: #c9d3e0;
    }
    .cite p {
      margin: 0 0 0.4em;
    }
    .cite q {
      font-style: italic;
    }
    .controls {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
      align-items: center;
    }
    .controls button {
      font: inherit;
      font-size: clamp(14px, 1.6vh, 24px);
      padding: 0.35em 0.8em;
      border-radius: 6px;
      border: 1px solid rgba(255, 255, 255, 0.45);
      background: transparent;
      color: #fff;
      cursor: pointer;
    }
    .controls button:hover {
      background: rgba(255, 255, 255, 0.12);
    }
    .hint {
      font-size: clamp(12px, 1.3vh, 20px);
      color: #9aa7b8;
      margin: 0;
    }
    .offline {
      color: #7ddc9a;
      margin-inline-start: 0.8em;
      white-space: nowrap;
    }
    :focus-visible {
      outline: 3px solid #f5b942;
      outline-offset: 2px;
    }
    .blank {
      pointer-events: auto;
      position: fixed;
      inset: 0;
      background: #000;
      z-index: 10;
    }
    @media (max-width: ${NARROW - 1}px) {
      .caption {
        top: auto;
        left: 12px;
        right: 12px;
        bottom: 12px;
        width: auto;
        max-height: 46vh;
      }
    }
  `;

  override render() {
    const story = this.story;
    const lang = this.lang;
    if (!story) return nothing;
    const index = this.index;
    const ch = story.chapters[index]!;
    const total = story.chapters.length;
    const docTitle = (file: string) => {
      const d = this.data?.manifest.documents.find((x) => x.file === file);
      return d ? (lang === 'zh' ? d.title_zh : d.title_en) : file;
    };
    return html`
      <section class="caption" part="caption" role="region" aria-label=${t(lang, 'present.region', { title: pick(lang, story.title) })} data-chapter=${ch.id}>
        <div class="progress">
          <span class="count" aria-label=${t(lang, 'present.progress', { n: index + 1, total })}>${index + 1} / ${total}</span>
          <ol class="dots">
            ${story.chapters.map(
              (c, i) =>
                html`<li><button aria-current=${i === index ? 'step' : 'false'} aria-label=${t(lang, 'present.goto', { n: i + 1, title: pick(lang, c.title) })} title=${pick(lang, c.title)} @click=${() => this.go(i)}></button></li>`,
            )}
          </ol>
        </div>
        <div aria-live="polite">
          <h2>${pick(lang, ch.title)}</h2>
          <p class="text">${pick(lang, ch.text)}</p>
        </div>
        <div class="cite">
          ${ch.sources.map((s) => html`<p><span>${t(lang, 'present.source')}: ${docTitle(s.doc)}</span> — <q lang=${s.doc.endsWith('.zh.txt') ? 'zh-Hans' : 'en'}>${s.quote}</q></p>`)}
        </div>
        <div class="controls">
          <button @click=${() => this.act({ type: 'previous' })} ?disabled=${index === 0} aria-label=${t(lang, 'present.previous')}>←</button>
          <button @click=${() => this.act({ type: 'next' })} ?disabled=${index === total - 1} aria-label=${t(lang, 'present.next')}>→</button>
          <button @click=${() => this.act({ type: 'fullscreen' })}>${t(lang, 'present.fullscreen')}</button>
          <button class="export" aria-haspopup="dialog" title=${t(lang, 'export.openLabel')} @click=${() => this.dispatchEvent(new CustomEvent('hsr-export-open', { bubbles: true, composed: true }))}>${t(lang, 'export.open')}</button>
          <button class="exit" @click=${() => this.leave()}>${t(lang, 'present.exit')}</button>
        </div>
        <p class="hint">
          ${this.state?.kiosk ? t(lang, 'present.kiosk', { seconds: this.state.kiosk }) : t(lang, 'present.keys')}
          ${this.offline === 'ready' ? html`<span class="offline" title=${t(lang, 'offline.readyLabel')}>● ${t(lang, 'offline.ready')}</span>` : nothing}
        </p>
      </section>
      ${this.blanked ? html`<div class="blank" role="status" aria-label=${t(lang, 'present.blanked')} @click=${() => (this.blanked = false)}></div>` : nothing}
    `;
  }
}

customElements.define('hsr-presenter', HsrPresenter);
