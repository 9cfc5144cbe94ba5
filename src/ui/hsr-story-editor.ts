/**
 * `<hsr-story-editor>`: where a speaker writes a talk without a developer. A
 * panel beside the map (the map stays usable: set a view, then add it):
 *
 * - start a story, copy the shipped one, or open a saved file (file picker, or
 *   drop it on the panel); every story is kept in this browser between visits
 *   (`story-library.ts`), drafts included;
 * - add the current view as a chapter (camera, layers, filters, mechanisms;
 *   the selected feature becomes the chapter's highlight), or give a chapter
 *   the current view again; write title, text and notes in both languages;
 * - add sources from the document reader (the passage selected there, checked
 *   verbatim against the document); reorder and delete chapters;
 * - rehearse (presents it: `#story-src=<id>`), save as a `.json` file.
 *
 * Files go through the one loader and validator (`load-story.ts`): a file that
 * is not a valid story is refused with the problems, naming chapter and field,
 * in the page's language, and nothing else changes. The problems of the story
 * being written are listed as it is written; rehearsing and saving need none.
 *
 * Properties in: `lang`, `state` (the current view), `data` (documents, feature
 * names), `liveCamera` (where the map is). Events out: `hsr-change` (open the
 * reader on a document), `hsr-editor` ({ kind: 'close' } | { kind: 'rehearse', id }).
 * The app hands it quotes picked in the reader (`addSource`).
 */
import { hsrEvent, changeEvent } from '../app/events.ts';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { type AppState, type Camera, type Lang, EMPTY_FILTERS } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import { field, htmlLang, languageName, pick, t } from '../i18n/i18n.ts';
import { checkStory, problemText, type Chapter, type Story, type StoryText } from '../story/story.ts';
import { loadStory, readStoryText, storyErrorLines } from '../story/load-story.ts';
import { putStored, removeStored, storedStories, StorageError } from '../story/story-library.ts';
import { DEFAULT_STORY_ID } from '../story/story-events.ts';
import { STORY_ID } from '../story/story-src.ts';
import type { Citation } from '../data/contract.ts';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-story-editor': HsrStoryEditor;
  }
}

export type EditorRequest = { kind: 'close' } | { kind: 'rehearse'; id: string };

const editorEvent = (detail: EditorRequest) => hsrEvent('hsr-editor', detail);

const blank = (): StoryText => ({ en: '', zh: '' });

/** The first of `base`, `base-2`, `base-3`… not in `taken`. */
function freeId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

const round = (x: number, d: number) => Number(x.toFixed(d));

/** A chapter showing the current view: camera, layers, filters, mechanisms, worldview; the selected feature as its highlight. */
export function chapterFromView(state: AppState, camera: Camera | null, id: string): Chapter {
  const c = camera ?? state.camera ?? { lon: 95, lat: 25, zoom: 2, bearing: 0, pitch: 0 };
  const f = state.filters;
  const filters: Chapter['filters'] = {};
  if (f.direction !== EMPTY_FILTERS.direction) filters.direction = f.direction;
  if (f.areas.length) filters.areas = [...f.areas];
  if (f.statuses.length) filters.statuses = [...f.statuses];
  if (f.country) filters.country = f.country;
  if (f.years) filters.years = [...f.years];
  return {
    id,
    title: blank(),
    text: blank(),
    notes: blank(),
    camera: { center: [round(c.lon, 4), round(c.lat, 4)], zoom: round(c.zoom, 2), bearing: round(c.bearing, 1), pitch: round(c.pitch, 0) },
    layers: [...state.layers],
    ...(Object.keys(filters).length ? { filters } : {}),
    ...(state.mechanisms.length && state.layers.includes('mechanisms') ? { mechanisms: [...state.mechanisms] } : {}),
    highlight: state.selected ? [state.selected] : [],
    sources: [],
    // The boundaries the speaker sees are the ones the audience will see.
    worldview: state.worldview,
  };
}

/** A story as saved: notes left out where empty in both languages (they are optional). */
export function storyForFile(story: Story): Story {
  return {
    ...story,
    chapters: story.chapters.map(({ notes, ...ch }) => (notes && (notes.en.trim() || notes.zh.trim()) ? { ...ch, notes } : ch)),
  };
}

export class HsrStoryEditor extends LitElement {
  static override properties = {
    lang: { type: String },
    state: { attribute: false },
    data: { attribute: false },
    liveCamera: { attribute: false },
    stories: { state: true },
    current: { state: true },
    chapter: { state: true },
    message: { state: true },
    error: { state: true },
    dragging: { state: true },
  };

  declare lang: Lang;
  declare state: AppState | null;
  declare data: Dataset | null;
  declare liveCamera: (() => Camera | null) | null;
  /** The stories stored in this browser. */
  declare stories: Story[];
  /** The story being written (a draft until it has no problems). */
  declare current: Story | null;
  /** The chapter open for writing (index), or -1. */
  declare chapter: number;
  declare message: string;
  /** Lines of a refusal (a file that is not a valid story, storage refused). */
  declare error: string[];
  declare dragging: boolean;

  private readonly storage = globalThis.localStorage;

  constructor() {
    super();
    this.lang = 'en';
    this.state = null;
    this.data = null;
    this.liveCamera = null;
    this.stories = [];
    this.current = null;
    this.chapter = -1;
    this.message = '';
    this.error = [];
    this.dragging = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stories = storedStories(this.storage);
    // Back where the speaker left off: the last story written.
    this.current ??= this.stories.at(-1) ?? null;
    this.chapter = this.current?.chapters.length ? 0 : -1;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang') && changed.get('lang') !== undefined) this.message = '';
  }

  protected override updated(): void {
    // The panel shows where a dragged file will go.
    this.toggleAttribute('dragging', this.dragging);
  }

  private say(key: Parameters<typeof t>[1], params?: Record<string, string | number>) {
    this.error = [];
    this.message = t(this.lang, key, params);
  }

  /** Stores the story being written (under its new id when the id changed) and lists the library again. */
  private save(story: Story, previousId = this.current?.id ?? story.id) {
    this.current = story;
    try {
      putStored(this.storage, story, previousId);
      this.stories = storedStories(this.storage);
    } catch (e) {
      this.error = [t(this.lang, 'editor.storageFailed', { detail: e instanceof StorageError ? e.message : String(e) })];
    }
  }

  private edit(change: (s: Story) => Story) {
    if (this.current) this.save(change(this.current));
  }

  private editChapter(i: number, change: (c: Chapter) => Chapter) {
    this.edit((s) => ({ ...s, chapters: s.chapters.map((c, j) => (j === i ? change(c) : c)) }));
  }

  private newStory() {
    const id = freeId(
      'my-talk',
      this.stories.map((s) => s.id),
    );
    this.save({ id, title: blank(), chapters: [] }, id);
    this.chapter = -1;
    this.say('editor.started', { id });
  }

  private async copyShipped() {
    const r = await loadStory({ id: DEFAULT_STORY_ID }, { base: document.baseURI });
    if (!r.ok) {
      this.error = storyErrorLines(r.error, this.lang);
      return;
    }
    const id = freeId(
      `${r.story.id}-copy`,
      this.stories.map((s) => s.id),
    );
    this.save({ ...structuredClone(r.story), id }, id);
    this.chapter = 0;
    this.say('editor.copied', { id });
  }

  /** Reads a story file (picked or dropped): stored and opened when valid, refused with its problems when not. */
  async openFile(file: File) {
    const r = readStoryText(await file.text());
    if (!r.ok) {
      this.message = '';
      this.error = [t(this.lang, 'editor.refused', { file: file.name }), ...storyErrorLines(r.error, this.lang)];
      return;
    }
    this.save(r.story, r.story.id);
    this.chapter = r.story.chapters.length ? 0 : -1;
    this.say('editor.opened', { file: file.name, id: r.story.id });
  }

  private onFileInput(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) void this.openFile(file);
    input.value = '';
  }

  private onDrop(e: DragEvent) {
    e.preventDefault();
    this.dragging = false;
    const file = e.dataTransfer?.files[0];
    if (file) void this.openFile(file);
  }

  private choose(id: string) {
    this.current = this.stories.find((s) => s.id === id) ?? null;
    this.chapter = this.current?.chapters.length ? 0 : -1;
    this.message = '';
    this.error = [];
  }

  private deleteStory() {
    if (!this.current || !confirm(t(this.lang, 'editor.confirmDelete', { id: this.current.id }))) return;
    try {
      removeStored(this.storage, this.current.id);
    } catch (e) {
      this.error = [t(this.lang, 'editor.storageFailed', { detail: String(e) })];
      return;
    }
    this.stories = storedStories(this.storage);
    this.current = this.stories.at(-1) ?? null;
    this.chapter = this.current?.chapters.length ? 0 : -1;
  }

  private addView() {
    if (!this.current || !this.state) return;
    const id = freeId(
      `chapter-${this.current.chapters.length + 1}`,
      this.current.chapters.map((c) => c.id),
    );
    const ch = chapterFromView(this.state, this.liveCamera?.() ?? null, id);
    this.edit((s) => ({ ...s, chapters: [...s.chapters, ch] }));
    this.chapter = this.current.chapters.length - 1;
    this.say('editor.added', { n: this.chapter + 1 });
  }

  private useView(i: number) {
    if (!this.state) return;
    const view = chapterFromView(this.state, this.liveCamera?.() ?? null, '');
    this.editChapter(i, (c) => {
      const { filters: _f, mechanisms: _m, ...rest } = c;
      return {
        ...rest,
        camera: view.camera,
        layers: view.layers,
        worldview: view.worldview,
        ...(view.filters ? { filters: view.filters } : {}),
        ...(view.mechanisms ? { mechanisms: view.mechanisms } : {}),
        highlight: view.highlight.length ? view.highlight : c.highlight,
      };
    });
    this.say('editor.viewUsed', { n: i + 1 });
  }

  private move(i: number, by: -1 | 1) {
    const j = i + by;
    this.edit((s) => {
      const chapters = [...s.chapters];
      if (j < 0 || j >= chapters.length) return s;
      [chapters[i], chapters[j]] = [chapters[j]!, chapters[i]!];
      return { ...s, chapters };
    });
    if (this.chapter === i) this.chapter = j;
  }

  private removeChapter(i: number) {
    this.edit((s) => ({ ...s, chapters: s.chapters.filter((_, j) => j !== i) }));
    this.chapter = Math.min(this.chapter, (this.current?.chapters.length ?? 0) - 1);
  }

  /** A quote picked in the reader, for the chapter being written. */
  addSource(c: Citation) {
    if (!this.current || this.chapter < 0) {
      this.say('editor.noChapter');
      return;
    }
    const i = this.chapter;
    this.editChapter(i, (ch) => (ch.sources.some((s) => s.doc === c.doc && s.quote === c.quote) ? ch : { ...ch, sources: [...ch.sources, c] }));
    this.say('editor.sourceAdded', { n: i + 1 });
  }

  private openReader(doc: string) {
    if (doc) this.dispatchEvent(changeEvent({ reader: { doc, quote: null } }));
  }

  private rehearse() {
    if (!this.current) return;
    const r = checkStory(this.current);
    if (r.problems.length) {
      this.error = [t(this.lang, 'editor.notReady'), ...r.problems.slice(0, 6).map((p) => problemText(p, this.lang))];
      return;
    }
    this.dispatchEvent(editorEvent({ kind: 'rehearse', id: this.current.id }));
  }

  private download() {
    if (!this.current) return;
    const r = checkStory(storyForFile(this.current));
    if (r.problems.length) {
      this.error = [t(this.lang, 'editor.notReady'), ...r.problems.slice(0, 6).map((p) => problemText(p, this.lang))];
      return;
    }
    const file = `${this.current.id}.json`;
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(storyForFile(this.current), null, 2)}\n`], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    this.say('editor.saved', { file });
  }

  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      background: var(--hsr-surface);
      color: var(--hsr-ink);
      border-radius: 8px;
      box-shadow: 0 8px 30px rgba(0, 0, 0, 0.25);
      overflow: hidden;
      font-size: 14px;
    }
    :host([dragging]) {
      outline: 3px dashed #1f6feb;
    }
    .head {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 10px 14px;
      border-bottom: 1px solid #d8dbe2;
    }
    .head h2 {
      flex: 1;
      font-size: 16px;
      margin: 0;
    }
    .body {
      overflow: auto;
      padding: 10px 14px 16px;
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    fieldset {
      border: 1px solid #d8dbe2;
      border-radius: 6px;
      margin: 0;
      padding: 8px 10px 10px;
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    legend {
      font-weight: 700;
      padding: 0 4px;
    }
    label {
      display: flex;
      flex-direction: column;
      gap: 2px;
      font-size: 13px;
      color: #4a4f5c;
    }
    input[type='text'],
    textarea,
    select {
      font: inherit;
      color: var(--hsr-ink);
      padding: 4px 6px;
      border: 1px solid #8a8f9c;
      border-radius: 4px;
      box-sizing: border-box;
      width: 100%;
    }
    textarea {
      min-height: 4.2em;
      resize: vertical;
    }
    .row {
      display: flex;
      gap: 6px;
      flex-wrap: wrap;
      align-items: center;
    }
    .pair {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 6px;
    }
    button {
      font: inherit;
      padding: 4px 10px;
      border-radius: 5px;
      border: 1px solid var(--hsr-ink);
      background: var(--hsr-surface);
      color: var(--hsr-ink);
      cursor: pointer;
    }
    button.primary {
      background: var(--hsr-ink);
      color: var(--hsr-surface);
    }
    button.small {
      padding: 1px 7px;
    }
    button:disabled {
      opacity: 0.5;
      cursor: default;
    }
    ol.chapters {
      margin: 0;
      padding: 0;
      list-style: none;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    ol.chapters li {
      display: flex;
      gap: 4px;
      align-items: center;
    }
    ol.chapters li[aria-current='true'] .name {
      font-weight: 700;
    }
    .name {
      flex: 1;
      text-align: left;
      border: none;
      padding: 2px 4px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    ul.items {
      margin: 0;
      padding: 0 0 0 1em;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    q {
      font-style: italic;
    }
    .hint {
      color: #4a4f5c;
      font-size: 12.5px;
      margin: 0;
    }
    .message {
      color: #1b5e20;
      margin: 0;
    }
    .error {
      color: var(--hsr-danger);
      margin: 0;
    }
    .error p {
      margin: 0 0 2px;
    }
    .problems {
      margin: 0;
      padding-left: 1.2em;
      color: var(--hsr-warn-ink);
      font-size: 12.5px;
    }
  `;

  private textPair(value: StoryText, label: string, onInput: (v: StoryText) => void, area = false) {
    // A story carries its texts in both of the data's languages.
    const input = (lang: keyof StoryText) => {
      const set = (e: Event) => onInput({ ...value, [lang]: (e.target as HTMLInputElement | HTMLTextAreaElement).value });
      const name = `${label} (${languageName(lang)})`;
      return html`<label lang=${htmlLang(lang)}>${name}${area ? html`<textarea .value=${value[lang]} @change=${set}></textarea>` : html`<input type="text" .value=${value[lang]} @change=${set} />`}</label>`;
    };
    return html`<div class="pair">${input('en')}${input('zh')}</div>`;
  }

  private chapterForm(ch: Chapter, i: number) {
    const lang = this.lang;
    const docs = this.data?.manifest.documents ?? [];
    const name = (id: string) => {
      const f = this.data?.byId.get(id);
      return f ? field(lang, f.properties, 'name') : id;
    };
    const docTitle = (file: string) => {
      const d = docs.find((x) => x.file === file);
      return d ? field(lang, d, 'title') : file;
    };
    const selected = this.state?.selected;
    return html`<fieldset class="chapter" data-chapter=${ch.id}>
      <legend>${t(lang, 'editor.chapterN', { n: i + 1 })}</legend>
      <label>${t(lang, 'editor.chapterId')}<input type="text" class="chapter-id" .value=${ch.id} @change=${(e: Event) => this.editChapter(i, (c) => ({ ...c, id: (e.target as HTMLInputElement).value.trim() }))} /></label>
      ${this.textPair(ch.title, t(lang, 'editor.title'), (v) => this.editChapter(i, (c) => ({ ...c, title: v })))}
      ${this.textPair(ch.text, t(lang, 'editor.text'), (v) => this.editChapter(i, (c) => ({ ...c, text: v })), true)}
      ${this.textPair(ch.notes ?? blank(), t(lang, 'editor.notes'), (v) => this.editChapter(i, (c) => ({ ...c, notes: v })), true)}
      <div class="row">
        <button type="button" class="use-view" @click=${() => this.useView(i)}>${t(lang, 'editor.useView')}</button>
        <span class="hint">${t(lang, 'editor.viewSummary', { zoom: ch.camera.zoom, layers: ch.layers.length })}</span>
      </div>
      <p class="hint">${t(lang, 'editor.highlights')}</p>
      <ul class="items highlights">
        ${ch.highlight.map((id) => html`<li>${name(id)} <button type="button" class="small" aria-label=${t(lang, 'editor.remove', { what: name(id) })} @click=${() => this.editChapter(i, (c) => ({ ...c, highlight: c.highlight.filter((h) => h !== id) }))}>×</button></li>`)}
      </ul>
      <div class="row">
        <button type="button" class="add-selected" ?disabled=${!selected || ch.highlight.includes(selected)} @click=${() => selected && this.editChapter(i, (c) => ({ ...c, highlight: [...c.highlight, selected] }))}>${t(lang, 'editor.addSelected')}</button>
      </div>
      <p class="hint">${t(lang, 'editor.sources')}</p>
      <ul class="items sources">
        ${ch.sources.map(
          (s, k) =>
            html`<li><strong>${docTitle(s.doc)}</strong>: <q>${s.quote}</q> <button type="button" class="small" aria-label=${t(lang, 'editor.remove', { what: docTitle(s.doc) })} @click=${() => this.editChapter(i, (c) => ({ ...c, sources: c.sources.filter((_, j) => j !== k) }))}>×</button></li>`,
        )}
      </ul>
      <label>${t(lang, 'editor.pickDoc')}
        <select class="pick-doc" @change=${(e: Event) => {
          const select = e.target as HTMLSelectElement;
          this.openReader(select.value);
          // Ready for the next source.
          select.value = '';
        }}>
          <option value="">—</option>
          ${docs.map((d) => html`<option value=${d.file}>${field(lang, d, 'title')}</option>`)}
        </select>
      </label>
      <p class="hint">${t(lang, 'editor.pickHint')}</p>
    </fieldset>`;
  }

  override render() {
    const lang = this.lang;
    const s = this.current;
    const problems = s ? checkStory(storyForFile(s)).problems : [];
    return html`<div class="head">
        <h2 id="editor-title">${t(lang, 'editor.heading')}</h2>
        <button type="button" class="close" aria-label=${t(lang, 'editor.close')} @click=${() => this.dispatchEvent(editorEvent({ kind: 'close' }))}>×</button>
      </div>
      <div class="body"
        @dragover=${(e: DragEvent) => (e.preventDefault(), (this.dragging = true))}
        @dragleave=${() => (this.dragging = false)}
        @drop=${this.onDrop}>
        <div class="row">
          <button type="button" class="new" @click=${this.newStory}>${t(lang, 'editor.new')}</button>
          <button type="button" class="copy" @click=${this.copyShipped}>${t(lang, 'editor.copy')}</button>
          <button type="button" class="open" @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click()}>${t(lang, 'editor.open')}</button>
          <input type="file" accept=".json,application/json" hidden aria-label=${t(lang, 'editor.open')} @change=${this.onFileInput} />
        </div>
        <p class="hint">${t(lang, 'editor.dropHint')}</p>
        ${
          this.stories.length
            ? html`<label>${t(lang, 'editor.stored')}
              <select class="stored" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
                ${this.stories.map((x) => html`<option value=${x.id} ?selected=${x.id === s?.id}>${pick(lang, x.title) ? `${pick(lang, x.title)} (${x.id})` : x.id}</option>`)}
              </select>
            </label>`
            : nothing
        }
        <div role="status" aria-live="polite">${this.message ? html`<p class="message">${this.message}</p>` : nothing}</div>
        ${this.error.length ? html`<div class="error" role="alert">${this.error.map((l) => html`<p>${l}</p>`)}</div>` : nothing}
        ${
          s
            ? html`<fieldset class="story">
                <legend>${t(lang, 'editor.story')}</legend>
                <label>${t(lang, 'editor.storyId')}<input type="text" class="story-id" .value=${s.id} @change=${(e: Event) => {
                  const id = (e.target as HTMLInputElement).value.trim();
                  if (STORY_ID.test(id) && !this.stories.some((x) => x.id === id && x !== s)) this.save({ ...s, id }, s.id);
                  else this.say('editor.badId');
                }} /></label>
                ${this.textPair(s.title, t(lang, 'editor.title'), (v) => this.edit((x) => ({ ...x, title: v })))}
                <div class="row">
                  <button type="button" class="rehearse primary" @click=${this.rehearse}>${t(lang, 'editor.rehearse')}</button>
                  <button type="button" class="download" @click=${this.download}>${t(lang, 'editor.download')}</button>
                  <button type="button" class="delete" @click=${this.deleteStory}>${t(lang, 'editor.delete')}</button>
                </div>
              </fieldset>
              <fieldset class="chapters">
                <legend>${t(lang, 'editor.chapters')}</legend>
                <ol class="chapters">
                  ${s.chapters.map(
                    (c, i) => html`<li aria-current=${i === this.chapter ? 'true' : 'false'}>
                      <button type="button" class="name" @click=${() => (this.chapter = i)}>${i + 1}. ${pick(lang, c.title) || c.id}</button>
                      <button type="button" class="small up" ?disabled=${i === 0} aria-label=${t(lang, 'editor.up', { n: i + 1 })} @click=${() => this.move(i, -1)}>↑</button>
                      <button type="button" class="small down" ?disabled=${i === s.chapters.length - 1} aria-label=${t(lang, 'editor.down', { n: i + 1 })} @click=${() => this.move(i, 1)}>↓</button>
                      <button type="button" class="small remove" aria-label=${t(lang, 'editor.deleteChapter', { n: i + 1 })} @click=${() => this.removeChapter(i)}>×</button>
                    </li>`,
                  )}
                </ol>
                <button type="button" class="add-view primary" @click=${this.addView}>${t(lang, 'editor.addView')}</button>
                <p class="hint">${t(lang, 'editor.addViewHint')}</p>
              </fieldset>
              ${this.chapter >= 0 && s.chapters[this.chapter] ? this.chapterForm(s.chapters[this.chapter]!, this.chapter) : nothing}
              ${
                problems.length
                  ? html`<div><p class="hint">${t(lang, 'editor.toDo', { count: problems.length })}</p><ul class="problems">${problems.slice(0, 8).map((p) => html`<li>${problemText(p, lang)}</li>`)}</ul></div>`
                  : html`<p class="message ready">${t(lang, 'editor.ready')}</p>`
              }`
            : html`<p class="hint">${t(lang, 'editor.empty')}</p>`
        }
      </div>`;
  }
}

customElements.define('hsr-story-editor', HsrStoryEditor);
