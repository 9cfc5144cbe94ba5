/**
 * The data, for `<hsr-app>`: loading in the order a visitor needs it, levels of
 * detail, and what the page reports about it. A Lit reactive controller: the
 * host re-renders whenever the data, the report or the loading state changes.
 *
 * 1. `load(visible)`: the manifest and the layers on the map (polygon layers as
 *    overview outlines, records brief: `data/brief.ts`), so the map draws as soon
 *    as they arrive; then, once the map has drawn (`mapDrawn()`) and the browser
 *    is idle, every layer's whole records (the list, search, the detail panel
 *    and layers switched on later need them); the whole records of the layers
 *    on the map at once when a feature is opened (`hurry()`).
 * 2. `wantDetail(layers)`: the detailed outlines, when the map is zoomed in or an
 *    image is exported; polygon layers switched on later come detailed too.
 *
 * A manifest that cannot load is `error` (the page says so and the base map
 * still draws); a layer that fails or a malformed record goes to `report`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Geometry } from 'geojson';
import { DataLoader } from '../data/data-loader.ts';
import type { Dataset } from '../data/dataset.ts';
import type { LoadReport } from '../data/load-data.ts';
import { countryBounds, geometryBounds, type Bounds } from '../data/bounds.ts';
import { dataFile } from '../data/data-files.ts';
import type { Worldview } from '../data/worldviews.ts';
import type { Manifest } from '../data/contract.ts';
import { type LayerId } from '../layers/registry.ts';

/** Resolves when the browser is idle (or after a second): background work waits for the first paint to settle. */
const idle = () => new Promise<void>((resolve) => (window.requestIdleCallback ? window.requestIdleCallback(() => resolve(), { timeout: 1000 }) : setTimeout(resolve, 200)));

/** Should the map never finish drawing (a stalled GPU), the list and search still get everything after this long. */
const MAP_DRAWN_TIMEOUT_MS = 20_000;

export interface DataHooks {
  /** The layers on the map are in. */
  onFirst?(data: Dataset): void;
  /** Every layer is in (or has failed): `failed` names those that did. */
  onAll?(data: Dataset, failed: readonly LayerId[]): void;
}

export class DataController implements ReactiveController {
  /** The data loaded so far (null until the first layers are in). */
  data: Dataset | null = null;
  /** Layers that failed and records skipped; null when nothing went wrong. */
  report: LoadReport | null = null;
  /** Why the data could not load at all (the manifest), or null. */
  error: string | null = null;
  /** Every layer is loaded (or has failed). */
  complete = false;
  /** The manifest as soon as it is in (the map takes its base map files from it, before any layer). */
  manifest: Manifest | null = null;

  private readonly loader: DataLoader;
  /** Whether detailed outlines have been asked for: layers switched on later get them too. */
  private detailWanted = false;
  private resolveMapDrawn: () => void = () => undefined;
  private readonly drawn = new Promise<void>((resolve) => (this.resolveMapDrawn = resolve));
  private resolveFirstIn: () => void = () => undefined;
  /** The layers on the map are in (brief). */
  private readonly firstIn = new Promise<void>((resolve) => (this.resolveFirstIn = resolve));
  private hurried = false;
  /** Bounds of every country of the base map, one index per file (worldview). */
  private readonly countryIndexes = new Map<string, Promise<Map<string, Bounds>>>();

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly base: URL,
    private readonly hooks: DataHooks = {},
  ) {
    host.addController(this);
    this.loader = new DataLoader(base, (d, report) => {
      this.data = d;
      this.report = report.failedLayers.length || report.skipped.length ? { ...report } : null;
      host.requestUpdate();
    });
    this.loader.manifestLoaded.then(
      (m) => {
        this.manifest = m;
        host.requestUpdate();
      },
      () => undefined,
    );
  }

  hostConnected(): void {
    setTimeout(this.resolveMapDrawn, MAP_DRAWN_TIMEOUT_MS);
  }

  /** Loads the layers on the map first, the rest once the map has drawn. Never rejects. */
  async load(visible: readonly LayerId[]): Promise<void> {
    try {
      this.hooks.onFirst?.(await this.loader.start(visible));
      this.resolveFirstIn();
      await this.drawn;
      await idle();
      await this.loader.loadRest();
      const report = this.loader.report;
      if (report.skipped.length) console.warn('Skipped malformed records:', report.skipped);
      this.hooks.onAll?.(
        this.loader.dataset!,
        report.failedLayers.map((l) => l.id),
      );
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.complete = true;
      this.host.requestUpdate();
    }
  }

  /** Switches the worldview: the loaded layers' files for it come in, then the data is published once. */
  setWorldview(worldview: Worldview): Promise<void> {
    return this.loader.setWorldview(worldview);
  }

  /** The whole records are wanted now (a feature is open): the rest of the data comes at once. */
  hurry(): void {
    if (this.hurried) return;
    this.hurried = true;
    void this.firstIn.then(() => this.loader.loadWhole());
  }

  /** The map has drawn its first frame (or cannot draw): the rest of the data may come. */
  mapDrawn(): void {
    this.resolveMapDrawn();
  }

  /** The detailed outlines of these layers (zoomed-in map, export, a story chapter close up); from now on for layers switched on later too. */
  wantDetail(layers: readonly LayerId[]): void {
    this.detailWanted = true;
    void this.loader.ensureDetailed(layers);
  }

  /** The visible layers changed: a polygon layer switched on after zooming in comes detailed. */
  layersShown(layers: readonly LayerId[]): void {
    if (this.detailWanted) void this.loader.ensureDetailed(layers);
  }

  /** Every layer, with the detailed outlines of these (a handout prints every chapter of a story). */
  async everything(layers: readonly LayerId[]): Promise<Dataset | null> {
    await this.loader.loadRest();
    await this.loader.ensureDetailed([...new Set(layers)]);
    return this.data;
  }

  /** The data for an export of these layers, once their detailed outlines are in (prints show them); null until then. */
  exportData(layers: readonly LayerId[]): Dataset | null {
    return this.loader.isDetailed(layers) ? this.data : null;
  }

  /**
   * Where to look for a country: the bounds of its main parts in the base map
   * in the data's worldview, or of the data's places
   * in it when the base map does not have it; null when neither.
   */
  async countryBounds(iso2: string): Promise<Bounds | null> {
    const index = await this.loadCountryIndex();
    const places = this.data ? [...this.data.byId.values()].flatMap((f) => f.properties.places.filter((p) => p.country === iso2).map((p) => p.coordinates)) : [];
    return index.get(iso2) ?? geometryBounds({ type: 'MultiPoint', coordinates: places });
  }

  private loadCountryIndex(): Promise<Map<string, Bounds>> {
    const data = this.data;
    const entry = data?.manifest.basemap.find((b) => b.id === 'countries');
    if (!entry || !data) return Promise.resolve(new Map<string, Bounds>());
    // The file the map draws in this worldview (its overview outlines: already fetched, so from the cache, and plenty for framing).
    const url = new URL(dataFile(entry, data.worldview, 'overview'), this.base).href;
    const known = this.countryIndexes.get(url);
    if (known) return known;
    const index = fetch(url)
      .then((r) => (r.ok ? (r.json() as Promise<unknown>) : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((json) => {
        const fc = json as { features?: { properties?: { iso2?: unknown }; geometry?: Geometry }[] };
        const out = new Map<string, Bounds>();
        for (const f of fc.features ?? []) {
          const b = typeof f.properties?.iso2 === 'string' && f.geometry ? countryBounds(f.geometry) : null;
          if (b) out.set(f.properties!.iso2 as string, b);
        }
        return out;
      })
      .catch((e: Error) => {
        this.countryIndexes.delete(url);
        console.warn('country outlines unavailable:', e.message);
        return new Map<string, Bounds>();
      });
    this.countryIndexes.set(url, index);
    return index;
  }
}
