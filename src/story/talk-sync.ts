/**
 * Keeping the windows of one talk in step — the audience window (the map on
 * the projector) and the presenter view (the speaker's laptop) — over a
 * `BroadcastChannel`, which reaches every window of the site in this browser
 * profile and nothing else (no server, works offline).
 *
 * What the windows share is a `TalkState`: the story and chapter, the
 * language, whether the screen is blanked, and the talk's clock. Each change is
 * stamped (`at`, then `by` to break ties) and the newer state wins, so either
 * window can drive. A window that opens (or reloads) says `hello` with a state
 * stamped 0, and adopts whatever an open window answers: reloading either
 * rejoins the talk where it is. A window that closes says `bye`; the other
 * carries on alone. `exit` ends the talk in every window.
 *
 * Pure parts (stamps, the clock, message checks) are exported for tests.
 */
import type { Lang } from '../state/app-state.ts';
import { isLang } from '../i18n/i18n.ts';
import { STORY_ID, parseStorySrc, type StoryPosition } from './story-src.ts';

export type TalkRole = 'audience' | 'presenter';

/** The talk's clock: when it started, when the current chapter started, and the time spent on each chapter before that. */
export interface TalkClock {
  /** Epoch milliseconds. */
  startedAt: number;
  chapterSince: number;
  /** Milliseconds spent on each chapter (by index), not counting the current stretch. */
  spent: number[];
}

export interface TalkState {
  story: StoryPosition;
  lang: Lang;
  blanked: boolean;
  clock: TalkClock;
  /** When this state was made (epoch ms); 0 for a window that has only just joined. */
  at: number;
  /** The window that made it (ties on `at` go to the audience window, then the larger id). */
  by: string;
  role: TalkRole;
}

export type SyncMessage =
  | { type: 'hello'; from: string; role: TalkRole }
  | { type: 'state'; from: string; role: TalkRole; state: TalkState }
  | { type: 'exit'; from: string; role: TalkRole }
  | { type: 'bye'; from: string; role: TalkRole };

/** A new clock starting at `now` on chapter `chapter`. */
export function startClock(now: number): TalkClock {
  return { startedAt: now, chapterSince: now, spent: [] };
}

/** The clock after moving from chapter `from` to `to` at `now` (the stretch on `from` is added to it). */
export function moveClock(clock: TalkClock, from: number, to: number, now: number): TalkClock {
  if (from === to) return clock;
  const spent = [...clock.spent];
  while (spent.length <= from) spent.push(0);
  spent[from] = (spent[from] ?? 0) + Math.max(0, now - clock.chapterSince);
  return { ...clock, chapterSince: now, spent };
}

/** Milliseconds since the talk started. */
export function elapsed(clock: TalkClock, now: number): number {
  return Math.max(0, now - clock.startedAt);
}

/** Milliseconds spent on chapter `index`, counting the current stretch when it is the current chapter. */
export function chapterTime(clock: TalkClock, index: number, current: number, now: number): number {
  return (clock.spent[index] ?? 0) + (index === current ? Math.max(0, now - clock.chapterSince) : 0);
}

/** Milliseconds on the current chapter so far (this stretch and earlier visits). */
export function chapterElapsed(clock: TalkClock, now: number, current?: number): number {
  return current === undefined ? Math.max(0, now - clock.chapterSince) : chapterTime(clock, current, current, now);
}

/** `m:ss`, or `h:mm:ss` from an hour. */
export function formatDuration(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** Whether `a` should replace `b`: made later, or at the same time by the audience window (then by the larger id). */
export function isNewer(a: Pick<TalkState, 'at' | 'by' | 'role'>, b: Pick<TalkState, 'at' | 'by' | 'role'>): boolean {
  if (a.at !== b.at) return a.at > b.at;
  if (a.role !== b.role) return a.role === 'audience';
  return a.by > b.by;
}

const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const str = (x: unknown, max = 200): x is string => typeof x === 'string' && x.length <= max;
const role = (x: unknown): x is TalkRole => x === 'audience' || x === 'presenter';

/** A story position as it may arrive: checked as strictly as the URL checks it. */
function position(x: unknown): StoryPosition | null {
  const p = x as { id?: unknown; src?: unknown; chapter?: unknown } | null;
  if (!p || !num(p.chapter) || !Number.isInteger(p.chapter) || p.chapter < 0 || p.chapter > 999) return null;
  if (str(p.src) && parseStorySrc(p.src)) return { src: p.src, chapter: p.chapter };
  if (str(p.id) && STORY_ID.test(p.id)) return { id: p.id, chapter: p.chapter };
  return null;
}

/**
 * The message, checked, or null. Only this site's windows can post on the
 * channel, but an older build of the site (a tab open across a deploy) may
 * speak differently: anything unexpected is ignored.
 */
export function parseSyncMessage(x: unknown): SyncMessage | null {
  const m = x as Record<string, unknown> | null;
  if (!m || typeof m !== 'object' || !str(m.from, 64) || !role(m.role)) return null;
  const base = { from: m.from, role: m.role };
  if (m.type === 'hello' || m.type === 'exit' || m.type === 'bye') return { type: m.type, ...base };
  if (m.type !== 'state') return null;
  const s = m.state as Record<string, unknown> | null;
  const story = position(s?.story);
  const c = s?.clock as Record<string, unknown> | null | undefined;
  if (!s || !story || !isLang(s.lang) || typeof s.blanked !== 'boolean' || !num(s.at) || !str(s.by, 64) || !role(s.role)) return null;
  if (!c || !num(c.startedAt) || !num(c.chapterSince) || !Array.isArray(c.spent) || c.spent.length > 1000 || !c.spent.every(num)) return null;
  const clock: TalkClock = { startedAt: c.startedAt, chapterSince: c.chapterSince, spent: c.spent as number[] };
  return { type: 'state', ...base, state: { story, lang: s.lang, blanked: s.blanked, clock, at: s.at, by: s.by, role: s.role } };
}

/** The channel of this site (its path: two copies of the site on one host do not mix). */
export function channelName(pathname: string): string {
  return `hsr-talk:${pathname}`;
}

/** What a window hears from the others. */
export interface TalkListener {
  /** A newer state from another window: adopt it. */
  onState(state: TalkState): void;
  /** Another window ended the talk. */
  onExit(): void;
  /** The other windows now open, by role (for "audience window connected"). */
  onPeers?(peers: ReadonlyMap<string, TalkRole>): void;
}

type Channel = Pick<BroadcastChannel, 'postMessage' | 'close'> & { onmessage: ((e: MessageEvent) => void) | null };

/**
 * One window's end of the channel. `publish` a local change (stamped now);
 * `join` (on opening) says hello with the window's state stamped 0, so an open
 * window's state wins; `leave` says bye and closes.
 */
export class TalkSync {
  readonly id: string;
  private state: TalkState | null = null;
  private readonly peers = new Map<string, TalkRole>();
  private readonly channel: Channel;
  private closed = false;

  constructor(
    private readonly role: TalkRole,
    private readonly listener: TalkListener,
    options: { name: string; channel?: (name: string) => Channel; id?: string; now?: () => number },
  ) {
    this.id = options.id ?? Math.random().toString(36).slice(2, 12);
    this.now = options.now ?? Date.now;
    this.channel = (options.channel ?? ((n) => new BroadcastChannel(n)))(options.name);
    this.channel.onmessage = (e) => this.receive(e.data);
  }

  private readonly now: () => number;

  /** The state this window holds (after `join`, `publish` or adopting another's). */
  get current(): TalkState | null {
    return this.state;
  }

  /** Opens the window's part in the talk with its own view, stamped 0 (an open window's wins). */
  join(state: Omit<TalkState, 'at' | 'by' | 'role'>): void {
    this.state = { ...state, at: 0, by: this.id, role: this.role };
    this.post({ type: 'hello', from: this.id, role: this.role });
  }

  /** A change made in this window: stamped now and sent. */
  publish(state: Omit<TalkState, 'at' | 'by' | 'role'>): TalkState {
    // Later than anything seen, even if this machine's clock stepped back.
    const at = Math.max(this.now(), (this.state?.at ?? 0) + 1);
    this.state = { ...state, at, by: this.id, role: this.role };
    this.post({ type: 'state', from: this.id, role: this.role, state: this.state });
    return this.state;
  }

  /** Ends the talk in every window. */
  exit(): void {
    this.state = null;
    this.post({ type: 'exit', from: this.id, role: this.role });
  }

  /** This window closes (or stops presenting): the others carry on. */
  leave(): void {
    if (this.closed) return;
    this.post({ type: 'bye', from: this.id, role: this.role });
    this.closed = true;
    this.channel.onmessage = null;
    this.channel.close();
  }

  private post(m: SyncMessage) {
    if (!this.closed) this.channel.postMessage(m);
  }

  private seen(from: string, role: TalkRole, present: boolean) {
    const had = this.peers.get(from);
    if (present && had !== role) this.peers.set(from, role);
    else if (!present && had !== undefined) this.peers.delete(from);
    else return;
    this.listener.onPeers?.(this.peers);
  }

  /** Handles a message from another window. */
  receive(data: unknown): void {
    const m = parseSyncMessage(data);
    if (!m || m.from === this.id || this.closed) return;
    this.seen(m.from, m.role, m.type !== 'bye');
    switch (m.type) {
      case 'hello':
        // Tell the newcomer where the talk is (it keeps its own view if this window has none).
        if (this.state) this.post({ type: 'state', from: this.id, role: this.role, state: this.state });
        return;
      case 'state':
        if (!this.state || isNewer(m.state, this.state)) {
          this.state = m.state;
          this.listener.onState(m.state);
        }
        return;
      case 'exit':
        this.state = null;
        this.listener.onExit();
        return;
      case 'bye':
        return;
    }
  }
}
