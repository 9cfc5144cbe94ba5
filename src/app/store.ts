/**
 * The application state's one owner: the current `AppState`, the URL that
 * mirrors it and the browser history. Panels and the map ask for changes with
 * `hsr-change` patches; `<hsr-app>` hands them to `apply`, which computes the
 * next state (`applyPatch`, pure), remembers the language, writes the URL
 * (a new history entry for a new view, the same entry for camera moves and the
 * later steps of one gesture) and tells the subscribers.
 *
 * The URL is read once at start — the query moved into the hash (see
 * `state/url-state.ts`) — and again on back/forward or a hand-edited hash
 * (`navigate`), which writes back the cleaned address.
 */
import type { StatePatch } from './events.ts';
import type { AppState, Lang } from '../state/app-state.ts';
import { parseParams, parseUrlState, serializeUrlState, startAddress } from '../state/url-state.ts';
import { unknownValuesPatch } from '../state/known-values.ts';
import { preferredLang, rememberLang } from '../i18n/i18n.ts';
import { preferredWorldview, rememberWorldview } from '../state/worldview-preference.ts';
import type { Dataset } from '../data/dataset.ts';
import { type LayerId } from '../layers/registry.ts';

/** Patches that only move the camera replace the history entry instead of adding one. */
export function isCameraOnly(p: StatePatch): boolean {
  return Object.keys(p).every((k) => k === 'camera');
}

/** The state after a patch: its fields replaced, its filters merged into the current ones. Pure. */
export function applyPatch(s: AppState, patch: StatePatch): AppState {
  const { filters, focus: _focus, replace: _replace, reveal: _reveal, ...rest } = patch;
  return { ...s, ...rest, filters: filters ? { ...s.filters, ...filters } : s.filters };
}

/** What the store needs of the browser (a test can pass its own). */
export interface StoreEnv {
  location: Pick<Location, 'href' | 'pathname' | 'search' | 'hash'>;
  history: Pick<History, 'pushState' | 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  languages: readonly string[];
}

const browserEnv = (): StoreEnv => ({
  location,
  history,
  storage: globalThis.localStorage,
  languages: navigator.languages ?? [navigator.language],
});

export type StoreListener = (state: AppState, previous: AppState) => void;

export class StateStore {
  private current: AppState;
  /** The query string kept in the address: what is not state (`?test`, `?export`). */
  readonly search: string;
  private readonly listeners = new Set<StoreListener>();

  constructor(private readonly env: StoreEnv = browserEnv()) {
    const start = startAddress(env.location.href);
    this.search = start.search;
    // A link without `lang=` or `wv=` opens in the remembered language and worldview.
    this.current = parseParams(start.params, preferredLang(env.storage, env.languages), { fallbackWorldview: preferredWorldview(env.storage) });
    // Every history entry names its language (and loses malformed values): back/forward and copied links restore the view.
    this.write(this.current, true);
  }

  get state(): AppState {
    return this.current;
  }

  /** Calls `fn` after every change; returns the function that stops it. */
  subscribe(fn: StoreListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Applies a patch and writes the URL: a new history entry, or (`replace`, camera-only patches) the current one. */
  apply(patch: StatePatch, replace = patch.replace ?? isCameraOnly(patch)): AppState {
    const next = applyPatch(this.current, patch);
    if (patch.lang && patch.lang !== this.current.lang) rememberLang(this.env.storage, patch.lang);
    if (patch.worldview && patch.worldview !== this.current.worldview) rememberWorldview(this.env.storage, patch.worldview);
    this.set(next);
    this.write(next, replace);
    return next;
  }

  /** Back/forward or a hand-edited hash: the state the address now says, and the address cleaned of what was refused. */
  navigate(): AppState {
    // Every entry the app writes names its language; a hand-edited hash without one keeps the current language.
    // An entry without `wv=` was written in the default worldview.
    const next = parseUrlState(this.env.location.href, this.current.lang);
    this.set(next);
    this.write(next, true);
    return next;
  }

  /**
   * Drops what the data does not know from the state (a stale or hostile link:
   * `sel`, `mech`, `country`, `status`, `doc`), replacing the history entry.
   * Values that depend on a layer that failed to load are kept.
   */
  dropUnknown(data: Dataset, failed: readonly LayerId[]): void {
    const patch = unknownValuesPatch(this.current, data, failed);
    if (patch) this.apply(patch, true);
  }

  /**
   * The address of a state (same page, same non-state query), absolute: a path
   * that starts with `//` (a host's doubled slash) would otherwise read as
   * another host, which history refuses.
   */
  href(s: AppState): string {
    const hash = serializeUrlState(s);
    return `${new URL(this.env.location.href).origin}${this.env.location.pathname}${this.search}${hash ? `#${hash}` : ''}`;
  }

  /** The language the page is in. */
  get lang(): Lang {
    return this.current.lang;
  }

  private set(next: AppState) {
    const previous = this.current;
    this.current = next;
    for (const fn of this.listeners) fn(next, previous);
  }

  private write(s: AppState, replace: boolean) {
    const url = this.href(s);
    if (url === this.env.location.href) return;
    if (replace) this.env.history.replaceState(null, '', url);
    else this.env.history.pushState(null, '', url);
  }
}
