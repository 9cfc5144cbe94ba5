/**
 * `<hsr-presenter>`: the forum presentation mode. Loaded lazily by `<hsr-app>`
 * (with `import()`) when a story starts, so neither it nor the stories are in
 * the main bundle.
 *
 * Properties in: `lang`, `state` (its `story` is the current chapter, `kiosk`
 * the seconds per chapter), `story` (the story, loaded by the app), `blanked`
 * (the talk's blank screen: either window may blank it), `data` (highlighted
 * geometries, document titles), `liveCamera` (where the map is: saved on
 * entry, restored on leaving), `presenterViews` (presenter view windows open),
 * `handout` (the handout being made).
 * Events out: `hsr-talk` (blank, open the presenter view, make the handout);
 * `hsr-story` ({ patch, replace, flight }): navigation writes the
 * chapter into the URL; applying a chapter (on entry, after navigation, on
 * back/forward) sets its layers and filters and flies the map to a view that
 * frames its highlighted features in the area the caption leaves free
 * (`chapterCamera`), again when the window is resized or more data arrives.
 *
 * Keys (see `story/keymap.ts`) come through `KeysController`. The map stays
 * explorable; the next key flies back to a chapter view. A kiosk pauses while
 * the screen is blanked, and while someone handles the map (it goes on one
 * interval after the last touch, or with the next key).
 *
 * @csspart caption - the caption panel
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { featureBounds, unionBounds, type Bounds } from '../data/bounds.ts';
import { paddingAround } from '../map/padding.ts';
import type { AppState, Camera, Lang } from '../state/app-state.ts';
import { documentTitle, type Dataset } from '../data/dataset.ts';
import { hsrEvent, type StatePatch } from '../app/events.ts';
import { NARROW, chapterCamera, chapterPatch } from '../story/chapter-view.ts';
import { documentLang, htmlLang, nextLang, pick, t } from '../i18n/i18n.ts';
import { clampChapter, type Chapter, type Story } from '../story/story.ts';
import { atChapter } from '../story/story-src.ts';
import { KeysController } from '../story/keys-controller.ts';
import { targetChapter, type PresenterAction } from '../story/keymap.ts';
import { storyEvent, talkEvent } from '../story/story-events.ts';
import type { HandoutStatus } from '../app/talk-controller.ts';
import { KioskClock } from '../story/kiosk-clock.ts';
import { langFont, onDark } from './shared-styles.ts';
import type { OfflineStatus } from '../app/offline.ts';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-presenter': HsrPresenter;
  }
}

type Saved = Pick<AppState, 'layers' | 'filters' | 'mechanisms' | 'selected' | 'camera' | 'worldview'>;

/** Pointer events on the map (not the caption) that mean someone is exploring it (moves only while a button is held: a drag). */
const EXPLORE_EVENTS = ['pointerdown', 'pointermove', 'pointerup', 'wheel'] as const;
/** Space kept around a chapter's subjects, as a share of the map's shorter side. */
const FRAME_MARGIN = 0.06;
/** Resizes come in bursts (entering full screen, dragging a window edge): reframe once they settle. */
const RESIZE_SETTLE_MS = 150;

export class HsrPresenter extends LitElement {
  static override properties = {
    lang: { type: String },
    state: { attribute: false },
    story: { attribute: false },
    data: { attribute: false },
    offline: { type: String },
    mapReady: { type: Boolean },
    liveCamera: { attribute: false },
    blanked: { type: Boolean },
    presenterViews: { type: Number },
    handout: { attribute: false },
    exploring: { state: true },
  };

  declare lang: Lang;
  declare state: AppState | null;
  /** The story of `state.story` (the app loads and checks it). */
  declare story: Story | null;
  declare data: Dataset | null;
  /** Whether the site is stored for offline use: the speaker checks this before the talk. */
  declare offline: OfflineStatus;
  /** Whether the map has drawn (or cannot: no WebGL). The kiosk clock starts only then. */
  declare mapReady: boolean;
  /** Where the map is now (null without a map), saved on entry so that leaving returns there. */
  declare liveCamera: (() => Camera | null) | null;
  /** The screen is blanked (in this window and the talk's other one). */
  declare blanked: boolean;
  /** How many presenter view windows follow this talk. */
  declare presenterViews: number;
  declare handout: HandoutStatus | null;
  /** Someone has moved or clicked the map since the chapter was applied. */
  declare exploring: boolean;

  /** `story/chapter` last applied to the map, to tell navigation (and back/forward) from other changes. */
  private applied: string | null = null;
  /** The view before the story started, restored on leaving. */
  private saved: Saved | null = null;
  /**
   * How many of the applied chapter's highlights were loaded when it was framed (more data → frame again).
   * A feature's bounds are part of the data (its `bbox`, the same in its overview and detailed outlines),
   * so only their number can change the frame, never which outlines are loaded.
   */
  private framed = 0;
  /** Whether the applied chapter jumped (opening) rather than flew. */
  private instant = false;
  private readonly kiosk = new KioskClock(() => {
    const story = this.story;
    if (story) this.go(targetChapter({ type: 'next' }, this.index, story.chapters.length, true), true);
  });
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.lang = 'en';
    this.state = null;
    this.story = null;
    this.data = null;
    this.presenterViews = 0;
    this.handout = null;
    this.offline = 'unavailable';
    this.mapReady = false;
    this.liveCamera = null;
    this.blanked = false;
    this.exploring = false;
    new KeysController(this, { blanked: () => this.blanked, onAction: (a) => this.act(a) });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('resize', this.onResize);
    for (const type of EXPLORE_EVENTS) window.addEventListener(type, this.onExplore, { capture: true, passive: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.kiosk.stop();
    clearTimeout(this.resizeTimer);
    window.removeEventListener('resize', this.onResize);
    for (const type of EXPLORE_EVENTS) window.removeEventListener(type, this.onExplore, { capture: true });
  }

  private get index(): number {
    const story = this.story;
    return story && this.state?.story ? clampChapter(story, this.state.story.chapter) : 0;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Blanking stops the kiosk; the picture coming back (from either window) starts a full interval.
    if (changed.has('blanked') && changed.get('blanked') !== undefined) this.kiosk.setBlank(this.blanked);
    this.applyState(changed);
    // A booth screen gives every chapter its full time on a drawn map: the first waits for the map.
    this.kiosk.configure(this.story ? (this.state?.kiosk ?? null) : null, this.mapReady && this.applied !== null);
  }

  private applyState(changed: PropertyValues<this>): void {
    // Opened from a link, the chapter may be framed before its features have loaded: frame it again when they have.
    if ((changed.has('data') || changed.has('story')) && this.applied !== null && !this.exploring && this.story) {
      const ch = this.story.chapters[this.index]!;
      if (this.subjectBounds(ch).length > this.framed) this.reframe(ch, this.instant);
    }
    if (!(changed.has('state') || changed.has('story')) || !this.state?.story) return;
    const pos = this.state.story;
    const story = this.story;
    // The app renders the presenter once the story is loaded; a story that cannot be is refused there.
    if (!story) return;
    const index = clampChapter(story, pos.chapter);
    if (index !== pos.chapter) {
      this.dispatchEvent(storyEvent({ patch: { story: atChapter(pos, index) }, replace: true }));
      return;
    }
    const key = `${story.id}/${index}`;
    if (key === this.applied) return;
    const first = this.applied === null;
    if (first) {
      const s = this.state;
      this.saved = { layers: s.layers, filters: s.filters, mechanisms: s.mechanisms, selected: s.selected, worldview: s.worldview, camera: this.liveCamera?.() ?? s.camera };
    }
    this.applied = key;
    // Opening on a chapter (a link, the Present button) shows it at once; moving between chapters flies.
    this.applyChapter(story.chapters[index]!, first);
  }

  /** The bounds of the chapter's highlighted features that are loaded. */
  private subjectBounds(ch: Chapter): Bounds[] {
    return ch.highlight.flatMap((id) => {
      const f = this.data?.byId.get(id);
      const b = f ? featureBounds(f) : null;
      return b ? [b] : [];
    });
  }

  /** The chapter's camera flight: its subjects framed clear of the caption, in this window. */
  private flightFor(ch: Chapter, instant: boolean) {
    const bounds = this.subjectBounds(ch);
    this.framed = bounds.length;
    this.instant = instant;
    // The caption as it is drawn (side panel or bottom sheet): the subjects are framed in the rest of the map.
    const map = this.getBoundingClientRect();
    const caption = this.renderRoot.querySelector('.caption')?.getBoundingClientRect();
    const padding = paddingAround(map, [caption], Math.round(Math.min(map.width, map.height) * FRAME_MARGIN));
    return { ...chapterCamera(ch, unionBounds(bounds), { width: map.width, height: map.height }, padding), instant };
  }

  /** Sets the chapter's layers and filters, rings its subjects and flies the map to them. */
  private applyChapter(ch: Chapter, instant: boolean) {
    this.exploring = false;
    this.dispatchEvent(storyEvent({ patch: chapterPatch(ch, this.story ?? undefined), replace: true, flight: this.flightFor(ch, instant), highlight: ch.highlight }));
    this.kiosk.restart();
  }

  /** Frames the current chapter again (new window size, more data) without touching the state. */
  private reframe(ch: Chapter, instant: boolean) {
    this.dispatchEvent(storyEvent({ patch: {}, replace: true, flight: this.flightFor(ch, instant) }));
  }

  private onResize = () => {
    clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => {
      // Someone exploring keeps their view; the next key frames the chapter for the new size.
      const story = this.story;
      if (story && this.applied !== null && !this.exploring) this.reframe(story.chapters[this.index]!, true);
    }, RESIZE_SETTLE_MS);
  };

  private onExplore = (e: Event) => {
    // The caption's own buttons and the blank screen are the presenter's, not the map.
    if (this.blanked || e.composedPath().includes(this)) return;
    if (e.type === 'pointermove' && (e as PointerEvent).buttons === 0) return;
    this.exploring = true;
    this.kiosk.restart();
  };

  private go(index: number | null, replace = false) {
    const story = this.story;
    if (!story || index === null) return;
    if (index === this.index) {
      // Same chapter (after exploring the map, or "next" on the last): fly back to its view.
      this.applyChapter(story.chapters[index]!, false);
      return;
    }
    this.dispatchEvent(storyEvent({ patch: { story: atChapter(this.state!.story!, index) }, replace }));
  }

  /** Handles a presenter action (keys and the on-screen buttons). */
  act(action: PresenterAction): void {
    const story = this.story;
    if (!story) return;
    switch (action.type) {
      case 'held':
        // A held key repeats: one chapter per press, not a slide show.
        return;
      case 'blank':
      case 'unblank':
        // The talk's state (the app's): the presenter view blanks and unblanks this screen too.
        this.dispatchEvent(talkEvent({ kind: 'blank', blanked: action.type === 'blank' }));
        return;
      case 'fullscreen':
        void this.toggleFullscreen();
        return;
      case 'exit':
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
        else this.leave();
        return;
      case 'language':
        // The same view in the other language: no step for the back button.
        this.dispatchEvent(storyEvent({ patch: { lang: nextLang(this.lang) }, replace: true }));
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

  /** The talk was ended in the presenter view: back to the map as it was. */
  end(): void {
    this.leave();
  }

  /** Back to the map as it was before the story: layers, filters, selection and camera. */
  private leave() {
    this.kiosk.stop();
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    const saved = this.saved;
    const patch: StatePatch = { story: null, kiosk: null, ...(saved ?? {}) };
    this.dispatchEvent(storyEvent({ patch, replace: false, flight: null }));
  }

  static override styles = [
    onDark,
    css`
    :host {
      position: absolute;
      inset: 0;
      z-index: 6;
      pointer-events: none;
      color: var(--hsr-surface);
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
      color: var(--hsr-line-2);
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
      border: 2px solid var(--hsr-line-2);
      background: transparent;
      cursor: pointer;
    }
    .dots button[aria-current='step'] {
      background: var(--hsr-highlight);
      border-color: var(--hsr-highlight);
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
      color: var(--hsr-line-2);
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
    }
    .hint {
      font-size: clamp(12px, 1.3vh, 20px);
      color: var(--hsr-faint);
      margin: 0;
    }
    .offline {
      color: #7ddc9a;
      margin-inline-start: 0.8em;
      white-space: nowrap;
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
  `,
    langFont(':host'),
  ];

  /** Where the handout is (making page n of N, saved, failed), under the controls. */
  private handoutLine() {
    const h = this.handout;
    if (!h) return nothing;
    const lang = this.lang;
    const text =
      h.state === 'busy'
        ? t(lang, 'present.handoutBusy', { done: h.done, total: h.total })
        : h.state === 'done'
          ? t(lang, 'present.handoutDone', { file: h.file })
          : t(lang, 'present.handoutFailed', { detail: h.detail });
    return html`<p class="hint handout-status" role="status">${text}</p>`;
  }

  /** The line under the controls: the keys, or what the kiosk is doing. */
  private hint(): string {
    const seconds = this.state?.kiosk;
    if (!seconds) return t(this.lang, 'present.keys');
    if (this.blanked) return t(this.lang, 'present.kioskBlank');
    if (this.exploring) return t(this.lang, 'present.kioskExplore', { seconds });
    return t(this.lang, 'present.kiosk', { seconds });
  }

  override render() {
    const story = this.story;
    const lang = this.lang;
    if (!story) return nothing;
    const index = this.index;
    const ch = story.chapters[index]!;
    const total = story.chapters.length;
    const docTitle = (file: string) => documentTitle(this.data, lang, file);
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
          ${ch.sources.map((s) => html`<p><span>${t(lang, 'present.source')}: ${docTitle(s.doc)}</span> — <q lang=${htmlLang(documentLang(s.doc))}>${s.quote}</q></p>`)}
        </div>
        <div class="controls buttons-on-dark">
          <button @click=${() => this.act({ type: 'previous' })} ?disabled=${index === 0} aria-label=${t(lang, 'present.previous')}>←</button>
          <button @click=${() => this.act({ type: 'next' })} ?disabled=${index === total - 1} aria-label=${t(lang, 'present.next')}>→</button>
          <button @click=${() => this.act({ type: 'fullscreen' })}>${t(lang, 'present.fullscreen')}</button>
          <button class="export" aria-haspopup="dialog" title=${t(lang, 'export.openLabel')} @click=${() => this.dispatchEvent(hsrEvent('hsr-export-open'))}>${t(lang, 'export.open')}</button>
          <button class="presenter-view" title=${t(lang, 'present.viewLabel')} @click=${() => this.dispatchEvent(talkEvent({ kind: 'presenter-view' }))}>${t(lang, 'present.view')}</button>
          <button class="handout" title=${t(lang, 'present.handoutLabel')} ?disabled=${this.handout?.state === 'busy'} @click=${() => this.dispatchEvent(talkEvent({ kind: 'handout' }))}>${t(lang, 'present.handout')}</button>
          <button class="exit" @click=${() => this.leave()}>${t(lang, 'present.exit')}</button>
        </div>
        ${this.handoutLine()}
        <p class="hint">
          ${this.hint()}
          ${this.offline === 'ready' ? html`<span class="offline" title=${t(lang, 'offline.readyLabel')}>● ${t(lang, 'offline.ready')}</span>` : nothing}
          ${this.presenterViews > 0 ? html`<span class="offline linked">● ${t(lang, 'present.viewLinked')}</span>` : nothing}
        </p>
      </section>
      ${this.blanked ? html`<div class="blank" role="status" aria-label=${t(lang, 'present.blanked')} @click=${() => this.act({ type: 'unblank' })}></div>` : nothing}
    `;
  }
}

customElements.define('hsr-presenter', HsrPresenter);
