/**
 * The talk, for `<hsr-app>`: the story being presented and the windows that
 * present it. A Lit reactive controller: the host re-renders when any of it
 * changes.
 *
 * - It loads the story of `state.story` (`story/load-story.ts`): a story that
 *   cannot be read is refused with a message (`error`) and the view is kept.
 * - It keeps this window in step with the talk's other window
 *   (`story/talk-sync.ts`: chapter, language, blank screen, the clock): either
 *   window drives; closing one leaves the other working; reloading rejoins.
 * - It answers the presenter's controls (`hsr-talk`): blank, end the talk, open
 *   the presenter view, make the handout.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StateStore } from './store.ts';
import type { HsrEvent } from './events.ts';
import type { AppState } from '../state/app-state.ts';
import type { Dataset } from '../data/dataset.ts';
import { serializeUrlState } from '../state/url-state.ts';
import { t } from '../i18n/i18n.ts';
import type { Story } from '../story/story.ts';
import { loadStory, type StoryError } from '../story/load-story.ts';
import { storyKey, storyRef, type StoryPosition } from '../story/story-src.ts';
import { TalkSync, channelName, moveClock, startClock, type TalkClock, type TalkRole, type TalkState } from '../story/talk-sync.ts';
import type { Map as MapLibreMap } from 'maplibre-gl';

/** Where the handout is: making page `done` of `total`, saved, or failed. */
export type HandoutStatus = { state: 'busy'; done: number; total: number } | { state: 'done'; file: string } | { state: 'failed'; detail: string };

/** What the talk needs of the page besides the store. */
export interface TalkPage {
  /** The live map, when it is ready (the handout draws from it). */
  readyMap(): MapLibreMap | undefined;
  /** Every layer, detailed where the story's chapters need it (a handout prints every chapter). */
  handoutData(layers: readonly string[]): Promise<Dataset | null>;
  /** Ends the presentation in this window as the presenter's Esc does (back to the view before), when it is presenting. */
  endPresentation(): boolean;
}

export class TalkController implements ReactiveController {
  /** The story of `state.story`, once loaded and checked (null before, and when it could not be). */
  story: Story | null = null;
  /** Why the last story asked for could not be presented (shown until dismissed). */
  error: StoryError | null = null;
  /** What this window shares with the talk's other window besides the URL state: blank screen, clock. */
  talk: { blanked: boolean; clock: TalkClock } | null = null;
  /** The presenter view: the audience window ended the talk (it waits for the next start). */
  ended = false;
  /** The talk's other windows now open, by role. */
  peers: Record<TalkRole, number> = { audience: 0, presenter: 0 };
  /** The handout being made (or its outcome), for the presenter's controls. */
  handout: HandoutStatus | null = null;

  /** The loaded story's key (`storyKey`), and the one being loaded. */
  private loaded: string | null = null;
  private loading: string | null = null;
  /** This window's end of the talk's channel, while it takes part in a talk. */
  private sync: TalkSync | null = null;
  /** The talk was started in this window (Present, Rehearse): its state is the talk's, not a newcomer's. */
  private startedHere = false;
  /** The story was left because another window ended the talk (no need to tell the others). */
  private exitFromRemote = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly store: StateStore,
    private readonly page: TalkPage,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('hsr-talk', this.onTalk);
    window.addEventListener('pagehide', this.onPageHide);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('hsr-talk', this.onTalk);
    window.removeEventListener('pagehide', this.onPageHide);
    this.sync?.leave();
    this.sync = null;
  }

  /** Starts the default or a stored story here (Present, Rehearse): this window's state is the talk's. */
  start(story: StoryPosition): void {
    this.startedHere = true;
    this.store.apply({ story, kiosk: null });
  }

  /** Forgets the loaded story, so that the next presentation reads it again (the editor changed it). */
  reload(): void {
    this.loaded = null;
    this.story = null;
  }

  dismissError(): void {
    this.error = null;
    this.host.requestUpdate();
  }

  /** After every state change: load the story, and keep the talk in step. */
  stateChanged(s: AppState): void {
    this.loadStoryOf(s.story);
    this.step(s);
  }

  private loadStoryOf(pos: StoryPosition | null) {
    if (!pos) return;
    const key = storyKey(pos);
    if (key === this.loaded || key === this.loading) return;
    this.loading = key;
    void (async () => {
      const r = await loadStory(storyRef(pos), { base: document.baseURI, storage: globalThis.localStorage });
      if (this.loading !== key) return;
      this.loading = null;
      if (r.ok) {
        this.story = r.story;
        this.loaded = key;
        this.error = null;
      } else {
        // Refused (malformed, hostile, missing): say why, and stay on the view the visitor had.
        this.error = r.error;
        const now = this.store.state.story;
        if (now && storyKey(now) === key) this.store.apply({ story: null, kiosk: null, presenter: false }, true);
      }
      this.host.requestUpdate();
    })();
  }

  /** What this window tells the talk's other window. */
  private snapshot(s: AppState): Omit<TalkState, 'at' | 'by' | 'role'> {
    const talk = this.talk ?? { blanked: false, clock: startClock(Date.now()) };
    return { story: s.story!, lang: s.lang, blanked: talk.blanked, clock: talk.clock };
  }

  /**
   * Joins the channel when a story starts here, publishes a change of chapter,
   * story or language made here, and ends the talk for everyone when this
   * audience window leaves it. (A change that came from the other window equals
   * what the channel holds: nothing is sent back.)
   */
  private step(s: AppState) {
    if (s.story && !this.sync) {
      const role: TalkRole = s.presenter ? 'presenter' : 'audience';
      this.sync = new TalkSync(role, { onState: this.onRemote, onExit: this.onRemoteExit, onPeers: this.onPeers }, { name: channelName(location.pathname) });
      this.talk = { blanked: false, clock: startClock(Date.now()) };
      this.ended = false;
      this.sync.join(this.snapshot(s));
      if (this.startedHere) this.sync.publish(this.snapshot(s));
      this.startedHere = false;
      return;
    }
    if (!this.sync) return;
    if (!s.story) {
      if (!this.exitFromRemote) this.sync.exit();
      this.exitFromRemote = false;
      this.sync.leave();
      this.sync = null;
      this.talk = null;
      return;
    }
    const cur = this.sync.current;
    if (this.startedHere || !cur || storyKey(cur.story) !== storyKey(s.story) || cur.story.chapter !== s.story.chapter || cur.lang !== s.lang) {
      // A talk restarted here, or moved on here: the clock counts the chapter just left.
      const now = Date.now();
      const same = cur && storyKey(cur.story) === storyKey(s.story) && this.talk && !this.startedHere;
      const clock = same ? moveClock(this.talk!.clock, cur.story.chapter, s.story.chapter, now) : startClock(now);
      this.talk = { blanked: this.talk?.blanked ?? false, clock };
      this.ended = false;
      this.startedHere = false;
      this.sync.publish(this.snapshot(s));
    }
  }

  /** The other window moved the talk: follow it (no history step: the other window drives). */
  private onRemote = (t: TalkState) => {
    this.talk = { blanked: t.blanked, clock: t.clock };
    this.ended = false;
    this.host.requestUpdate();
    const s = this.store.state;
    if (s.story && storyKey(s.story) === storyKey(t.story) && s.story.chapter === t.story.chapter && s.lang === t.lang) return;
    this.store.apply({ story: t.story, lang: t.lang }, true);
  };

  /** The other window ended the talk: the audience window returns to its view before; the presenter view waits. */
  private onRemoteExit = () => {
    if (this.store.state.presenter) {
      this.ended = true;
      this.host.requestUpdate();
      return;
    }
    this.exitFromRemote = true;
    if (!this.page.endPresentation()) this.store.apply({ story: null, kiosk: null });
  };

  private onPeers = (peers: ReadonlyMap<string, TalkRole>) => {
    const count = { audience: 0, presenter: 0 };
    for (const r of peers.values()) count[r]++;
    this.peers = count;
    this.host.requestUpdate();
  };

  private onPageHide = () => {
    // Closing (or reloading) this window: the other carries on alone, and a reload joins again.
    this.sync?.leave();
    this.sync = null;
  };

  /** The presenter's controls: blank, end, open the presenter view, make the handout. */
  private onTalk = (e: HsrEvent<'hsr-talk'>) => {
    e.stopPropagation();
    const req = e.detail;
    const s = this.store.state;
    if (req.kind === 'blank') {
      if (!this.talk || !s.story) return;
      this.talk = { ...this.talk, blanked: req.blanked };
      this.sync?.publish(this.snapshot(s));
    } else if (req.kind === 'exit') {
      // From the presenter view: the audience window leaves the story; this one waits for the next start.
      this.sync?.exit();
      this.ended = true;
    } else if (req.kind === 'presenter-view') {
      const hash = serializeUrlState({ ...s, presenter: true });
      window.open(`${location.origin}${location.pathname}${this.store.search}#${hash}`, 'hsr-presenter-view', 'popup,width=1280,height=800');
    } else void this.makeHandout();
    this.host.requestUpdate();
  };

  /** The handout of the presented story, in the current language, downloaded as a PDF. */
  private async makeHandout() {
    const story = this.story;
    const s = this.store.state;
    const pos = s.story;
    if (!story || !pos || this.handout?.state === 'busy') return;
    const lang = s.lang;
    const progress = (h: HandoutStatus) => {
      this.handout = h;
      this.host.requestUpdate();
    };
    progress({ state: 'busy', done: 0, total: story.chapters.length });
    try {
      const map = this.page.readyMap();
      if (!map) throw new Error(t(lang, 'map.noWebgl'));
      const data = await this.page.handoutData(story.chapters.flatMap((c) => c.layers));
      if (!data) throw new Error(t(lang, 'map.loading'));
      const { exportHandout } = await import('../export/handout.ts');
      const r = await exportHandout({ state: s, data, story, ref: storyRef(pos), liveMap: map }, { lang, onProgress: (done, total) => progress({ state: 'busy', done, total }) });
      const file = `${story.id}-handout-${lang}.pdf`;
      const url = URL.createObjectURL(new Blob([r.bytes as BlobPart], { type: 'application/pdf' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      progress({ state: 'done', file });
    } catch (e) {
      progress({ state: 'failed', detail: e instanceof Error ? e.message : String(e) });
    }
  }
}
