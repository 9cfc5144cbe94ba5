/**
 * The map's point symbols as things a person reaches, for `<hsr-map>` (a Lit
 * reactive controller): the hit test a click, a tap and hover share
 * (`markAt`, from the symbols' drawn positions and sizes), the badge's menu,
 * the keyboard's focus moving between symbols, and the live region's
 * sentence. Lines and areas are still picked by deck.gl, through the host.
 *
 * The host rebuilds the marks with the layers (`setMarks`) and draws what this
 * holds: `menu`, `focusKey` (the ring) and `announcement`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { PickingInfo } from '@deck.gl/core';
import { changeEvent } from '../app/events.ts';
import type { Dataset, MapFeature, PointDatum } from '../data/dataset.ts';
import { countryLabel, countryNames } from '../data/search-index.ts';
import { field, pick, punctuation, t } from '../i18n/i18n.ts';
import { markSize, type PathDatum } from '../layers/build-layers.ts';
import { isCluster, type Mark } from '../layers/cluster.ts';
import { layerSpec } from '../layers/registry.ts';
import type { Lang } from '../state/app-state.ts';
import { reducedMotion, screenOf } from './camera-moves.ts';
import { ARROWS, nearestInDirection, nearestTo } from './keyboard-nav.ts';
import { describeView } from './view-description.ts';
import type { ClickChoice } from './pick-areas.ts';

/**
 * How far outside a symbol's edge a click still reaches it (CSS pixels): a
 * finger covers more than a pointer, and a tap is never as precise.
 */
export const HIT_SLOP = { mouse: 4, touch: 14 } as const;
/** After the camera rests this long, the view is described to screen readers (a burst of moves says it once). */
const DESCRIBE_AFTER_MS = 900;
/** The badge's tooltip names this many features, then says how many more. */
const TOOLTIP_NAMES = 8;

/** What the controller needs of the map element. */
export interface MarksHost extends ReactiveControllerHost, HTMLElement {
  readonly lang: Lang;
  readonly data: Dataset | null;
  /** The MapLibre map, when there is one. */
  getMap(): MapLibreMap | undefined;
  /** How much larger than the site's the symbols are drawn (the projector's theme). */
  symbolScale(): number;
  /** deck.gl's pick at a point (lines and areas), or null. */
  pickAt(x: number, y: number, radius: number): PickingInfo | null;
  /** The features of the layers shown whose areas overlap by design (disease zones), as drawn. */
  overlappingAreas(): MapFeature[];
}

/** The feature a deck.gl pick found (a point's datum, a path's, or a GeoJSON feature). */
export function featureOf(info: PickingInfo): MapFeature | undefined {
  const o = info.object as (MapFeature & Partial<PointDatum & PathDatum>) | undefined;
  if (!o) return undefined;
  if ('feature' in o && o.feature) return o.feature;
  return (o as MapFeature).properties ? o : undefined;
}

/** The features of a badge, once each (a feature with two positions in one badge is one item). */
export function uniqueMembers(m: Mark): PointDatum[] {
  const seen = new Set<string>();
  return m.members.filter((d) => !seen.has(d.feature.properties.id) && !!seen.add(d.feature.properties.id));
}

export class MarksInteraction implements ReactiveController {
  /** The point symbols drawn (each feature's own, or badges). */
  private marks: Mark[] = [];
  /** The badge whose features the menu lists, and whether it was opened from the keyboard. */
  menu: { mark: Mark; keyboard: boolean } | null = null;
  /** The mark the keyboard is on (its key), or null. */
  focusKey: string | null = null;
  /** The live region's sentence: the view once the camera rests, or the feature the keyboard is on. */
  announcement = '';
  private describeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: MarksHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.describeTimer);
  }

  /** Listens on a new map (the host makes one at start, after a language switch and a lost context). */
  attach(map: MapLibreMap, container: HTMLElement): void {
    map.on('click', (e) => void this.onClick(e));
    map.on('move', () => this.placeFocusRing());
    map.on('movestart', () => {
      if (this.menu && !this.menu.keyboard) this.set({ menu: null });
    });
    // The keyboard on the map: arrows move between features (before MapLibre pans with them), Enter opens one.
    container.addEventListener('keydown', this.onKey, { capture: true });
    map.getCanvas().addEventListener('blur', () => {
      if (!this.menu) this.set({ focusKey: null });
    });
  }

  /** New marks (a zoom level crossed, a filter): the focus stays on the mark holding the same feature. */
  setMarks(marks: Mark[]): void {
    this.marks = marks;
    if (this.focusKey && !marks.some((m) => m.key === this.focusKey)) {
      const first = this.focusKey.split('|')[0]!.split('@')[0];
      const m = marks.find((x) => x.members.some((d) => d.feature.properties.id === first));
      this.set({ focusKey: m?.key ?? null });
      this.placeFocusRing();
    }
    this.scheduleDescription();
  }

  /** The positions at which a feature's symbol is drawn (none when it has no symbol on screen). */
  positionsOf(id: string): [number, number][] {
    return this.marks.filter((m) => m.members.some((d) => d.feature.properties.id === id)).map((m) => m.position);
  }

  private set(s: Partial<Pick<MarksInteraction, 'menu' | 'focusKey' | 'announcement'>>) {
    Object.assign(this, s);
    this.host.requestUpdate();
  }

  /** The mark under a point (the nearest whose symbol, widened by `slop`, contains it), or null. */
  markAt(x: number, y: number, slop: number = HIT_SLOP.mouse): Mark | null {
    const map = this.host.getMap();
    if (!map) return null;
    const scale = this.host.symbolScale();
    let best: Mark | null = null;
    let bestD = Infinity;
    for (const m of this.marks) {
      const p = screenOf(map, m.position);
      const d = Math.hypot(p.x - x, p.y - y);
      if (d <= markSize(m, scale) / 2 + slop && d < bestD) {
        best = m;
        bestD = d;
      }
    }
    return best;
  }

  /**
   * What hover names: symbols and badges by the same hit test as a click (their
   * drawn positions and sizes), so what is named is what a click opens; lines
   * and areas by deck.gl's pick.
   */
  tooltip(info: PickingInfo): { text: string; className: string } | null {
    const lang = this.host.lang;
    const mark = info.x >= 0 && info.y >= 0 ? this.markAt(info.x, info.y) : null;
    if (mark && isCluster(mark)) {
      // A badge names every feature it holds (the first few, and how many more).
      const members = uniqueMembers(mark);
      const names = members.slice(0, TOOLTIP_NAMES).map((d) => `• ${field(lang, d.feature.properties, 'name')}`);
      const more = members.length > TOOLTIP_NAMES ? [t(lang, 'map.badge.more', { count: members.length - TOOLTIP_NAMES })] : [];
      return { text: [t(lang, 'map.badge.tooltip', { count: members.length }), ...names, ...more].join('\n'), className: 'hsr-tooltip' };
    }
    const o = info.object as Partial<Mark> | undefined;
    const f = mark ? mark.members[0]!.feature : o && Array.isArray(o.members) ? undefined : featureOf(info);
    if (!f) return null;
    return { text: `${field(lang, f.properties, 'name')}\n${pick(lang, layerSpec(f.properties.layer).title)}`, className: 'hsr-tooltip' };
  }

  /**
   * A click or tap, on release: a symbol or badge by its drawn position and
   * size (no GPU picking: immediate on any device; a finger gets a wider
   * margin), else a line or area by deck.gl's pick at that point.
   */
  /** Clicks so far: a click whose choice waited for pick-areas.ts gives way to any made meanwhile. */
  private clicks = 0;

  private async onClick(e: MapMouseEvent) {
    const click = ++this.clicks;
    const touch = (e.originalEvent as PointerEvent).pointerType === 'touch' || (e.originalEvent as PointerEvent).pointerType === 'pen';
    const mark = this.markAt(e.point.x, e.point.y, touch ? HIT_SLOP.touch : HIT_SLOP.mouse);
    this.set({ focusKey: null });
    if (mark) {
      if (isCluster(mark)) this.openMenu(mark, false);
      else {
        this.set({ menu: null });
        this.select(mark.members[0]!.feature.properties.id);
      }
      return;
    }
    this.set({ menu: null });
    const info = this.host.pickAt(e.point.x, e.point.y, touch ? 10 : 3);
    const at = e.lngLat.wrap().toArray() as [number, number];
    const top = info ? featureOf(info) : undefined;
    // Zones drawn to overlap (`role: 'hatch'`) may hide others under the click: their point-in-polygon
    // test (pick-areas.ts, with turf) is loaded on the first such click, not with the page.
    const choice: ClickChoice =
      top && layerSpec(top.properties.layer)?.role === 'hatch'
        ? await import('./pick-areas.ts').then(
            (m) => m.clickChoice(top, this.host.overlappingAreas(), at),
            () => ({ kind: 'select', id: top.properties.id }),
          )
        : { kind: 'select', id: top?.properties.id ?? null };
    if (click !== this.clicks) return;
    if (choice.kind === 'menu') {
      // Zones overlapping at the point: the menu offers each, as a badge offers its points.
      this.openMenu(
        { key: `areas:${choice.features.map((f) => f.properties.id).join(',')}`, position: at, members: choice.features.map((feature) => ({ position: at, feature })), expansionZoom: null },
        false,
      );
      return;
    }
    this.host.dispatchEvent(changeEvent(choice.id ? { selected: choice.id, reveal: true } : { selected: null }));
  }

  /** Selects a feature the map offered (a click, the menu, Enter): the app keeps it clear of the detail panel. */
  private select(id: string) {
    this.host.dispatchEvent(changeEvent({ selected: id, reveal: true }));
  }

  private openMenu(mark: Mark, keyboard: boolean) {
    this.set({ menu: { mark, keyboard } });
    void this.host.updateComplete.then(() => this.host.querySelector('hsr-pick-menu')?.focusFirst());
  }

  closeMenu(keyboard: boolean): void {
    const mark = this.menu?.mark;
    this.set({ menu: null });
    if (keyboard) {
      // Back to the map, on the badge the menu came from.
      if (mark) this.set({ focusKey: mark.key });
      this.host.getMap()?.getCanvas().focus();
      this.placeFocusRing();
    }
  }

  chooseFromMenu(id: string): void {
    const keyboard = this.menu?.keyboard ?? false;
    this.set({ menu: null });
    if (keyboard) this.host.getMap()?.getCanvas().focus();
    this.select(id);
  }

  /** Zooms to where the badge's features draw apart (centred on it). */
  zoomIntoMenu(): void {
    const m = this.menu?.mark;
    const map = this.host.getMap();
    this.set({ menu: null });
    if (!m || m.expansionZoom === null || !map) return;
    map.easeTo({ center: m.position, zoom: Math.max(m.expansionZoom, map.getZoom() + 0.5), duration: reducedMotion() ? 0 : 600 });
  }

  /** Where the menu sits: beside its badge. */
  anchorOf(m: Mark): { x: number; y: number; r: number } {
    const map = this.host.getMap();
    if (!map) return { x: 0, y: 0, r: 10 };
    const p = screenOf(map, m.position);
    return { x: p.x, y: p.y, r: markSize(m, this.host.symbolScale()) / 2 };
  }

  /** The marks inside the map's view (with their screen positions). */
  private marksInView(): { mark: Mark; x: number; y: number }[] {
    const map = this.host.getMap();
    if (!map) return [];
    const { clientWidth: w, clientHeight: h } = map.getContainer();
    return this.marks.map((mark) => ({ mark, ...screenOf(map, mark.position) })).filter((p) => p.x >= 0 && p.y >= 0 && p.x <= w && p.y <= h);
  }

  /** The keyboard on the map: arrows move to the nearest feature that way; Enter opens it; Escape lets go. */
  private onKey = (e: KeyboardEvent) => {
    const map = this.host.getMap();
    if (!map || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if ((e.target as Element | null)?.closest?.('hsr-pick-menu')) return;
    const direction = ARROWS[e.key];
    const inView = this.marksInView();
    const current = inView.find((p) => p.mark.key === this.focusKey);
    if (direction) {
      let next: number;
      if (current) next = nearestInDirection(current, inView, direction);
      else {
        const { clientWidth: w, clientHeight: h } = map.getContainer();
        next = nearestTo({ x: w / 2, y: h / 2 }, inView);
      }
      // Nothing that way: MapLibre pans the map instead (the key goes on).
      if (next < 0) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      this.focusMark(inView[next]!.mark);
      return;
    }
    if ((e.key === 'Enter' || e.key === ' ') && current) {
      e.preventDefault();
      e.stopImmediatePropagation();
      if (isCluster(current.mark)) this.openMenu(current.mark, true);
      else this.select(current.mark.members[0]!.feature.properties.id);
      return;
    }
    if (e.key === 'Escape' && this.focusKey) this.set({ focusKey: null });
  };

  /** Puts the keyboard's focus on a mark, rings it and says what it is. */
  private focusMark(m: Mark) {
    this.set({ focusKey: m.key });
    this.placeFocusRing();
    const lang = this.host.lang;
    if (isCluster(m)) {
      const members = uniqueMembers(m);
      this.set({ announcement: t(lang, 'map.focus.many', { count: members.length, names: members.map((d) => field(lang, d.feature.properties, 'name')).join(punctuation(lang).semicolon) }) });
    } else {
      const p = m.members[0]!.feature.properties;
      this.set({ announcement: t(lang, 'map.focus.one', { name: field(lang, p, 'name'), layer: pick(lang, layerSpec(p.layer).title) }) });
    }
  }

  /** Moves the focus ring to the focused mark (it follows the map as it moves). */
  private placeFocusRing() {
    const ring = this.host.querySelector<HTMLElement>('.hsr-map__focus');
    const m = this.focusKey ? this.marks.find((x) => x.key === this.focusKey) : undefined;
    const map = this.host.getMap();
    if (!ring || !m || !map) return;
    const p = screenOf(map, m.position);
    const r = markSize(m, this.host.symbolScale()) / 2 + 7;
    ring.style.width = ring.style.height = `${2 * r}px`;
    ring.style.transform = `translate(${Math.round(p.x - r)}px, ${Math.round(p.y - r)}px)`;
  }

  /** Describes the view to screen readers once the camera rests (after a burst of moves, once). */
  scheduleDescription(): void {
    clearTimeout(this.describeTimer);
    this.describeTimer = setTimeout(() => {
      const data = this.host.data;
      if (!data || !this.host.getMap() || this.focusKey || this.menu) return;
      const names = countryNames([], data.manifest.countries);
      const inView = this.marksInView().flatMap((p) => p.mark.members);
      this.set({ announcement: describeView(inView, this.host.lang, (iso2) => countryLabel(names, iso2, this.host.lang)) });
    }, DESCRIBE_AFTER_MS);
  }
}
