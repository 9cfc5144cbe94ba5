/**
 * Loads the site's data in the order a visitor needs it, so the first paint
 * downloads as little as possible:
 *
 * 1. `start(visible)`: the manifest and the layers on the map, polygon layers as
 *    their overview outlines (a fraction of the bytes; the map opens at world
 *    scale);
 * 2. `loadRest()`: every other layer (overviews too), once the map has drawn —
 *    the list, the search and layers switched on later need them;
 * 3. `ensureDetailed(ids)`: the detailed outlines of polygon layers, when the map
 *    is zoomed in past the overview's `max_zoom` or an image is exported.
 *
 * Each step publishes a new immutable `Dataset` through `onData`. A layer that
 * fails to load, or a malformed record, goes to the report; the rest still loads.
 */
import { LAYER_IDS, type LayerId, type Manifest } from './contract.ts';
import { makeLodDataset, type Dataset, type MapFeature } from './dataset.ts';
import { emptyReport, loadLayers, loadManifest, type FetchLike, type LoadReport } from './load-data.ts';

export class DataLoader {
  private manifest?: Manifest;
  private readonly overview: Partial<Record<LayerId, MapFeature[]>> = {};
  private readonly detailed: Partial<Record<LayerId, MapFeature[]>> = {};
  /** Requests under way, so a layer is never fetched twice at the same detail. */
  private readonly pending = new Map<string, Promise<void>>();
  readonly report: LoadReport = emptyReport();
  /** Layers that failed to load (reported once). */
  private readonly failed = new Set<LayerId>();
  dataset: Dataset | null = null;

  constructor(
    private readonly base: URL,
    private readonly onData: (d: Dataset, report: LoadReport) => void,
    private readonly fetchFn: FetchLike = (u) => fetch(u),
  ) {}

  /** Loads the manifest and the given layers (overviews where there are). Rejects when the manifest cannot load. */
  async start(visible: readonly LayerId[]): Promise<Dataset> {
    this.manifest = await loadManifest(this.base, this.fetchFn);
    await this.load([...new Set(visible)], 'overview');
    // Nothing on the map (a link with no layers): the page still gets its (empty) dataset now.
    if (!this.dataset) this.publish();
    return this.dataset!;
  }

  /** Loads every layer not loaded yet (overviews where there are). */
  loadRest(): Promise<void> {
    return this.load(
      LAYER_IDS.filter((id) => !this.has(id)),
      'overview',
    );
  }

  /** Loads the detailed outlines of these layers where only their overview is loaded. */
  ensureDetailed(ids: readonly LayerId[]): Promise<void> {
    const m = this.manifest;
    if (!m) return Promise.resolve();
    return this.load(
      ids.filter((id) => m.layers.find((l) => l.id === id)?.overview && !this.detailed[id] && !this.failed.has(id)),
      'detailed',
    );
  }

  /** Whether every polygon layer among `ids` has its detailed outlines. */
  isDetailed(ids: readonly LayerId[]): boolean {
    const m = this.manifest;
    return !!m && ids.every((id) => !m.layers.find((l) => l.id === id)?.overview || !!this.detailed[id]);
  }

  private has(id: LayerId): boolean {
    return !!(this.overview[id] ?? this.detailed[id]) || this.failed.has(id);
  }

  private async load(ids: readonly LayerId[], variant: 'overview' | 'detailed'): Promise<void> {
    const m = this.manifest;
    if (!m) return;
    const waits: Promise<void>[] = [];
    const todo: LayerId[] = [];
    for (const id of ids) {
      const key = `${variant}:${id}`;
      const p = this.pending.get(key);
      if (p) waits.push(p);
      else todo.push(id);
    }
    if (todo.length) {
      const failedBefore = this.report.failedLayers.length;
      const run = loadLayers(this.base, m, todo, this.report, this.fetchFn, variant).then((loaded) => {
        // A layer that failed is reported, and not tried again; a failed detailed file leaves its overview in place.
        const failed = new Set(this.report.failedLayers.slice(failedBefore).map((l) => l.id));
        for (const id of failed) this.failed.add(id);
        for (const id of todo) {
          const features = loaded[id];
          if (!features || failed.has(id)) continue;
          const isOverview = variant === 'overview' && !!m.layers.find((l) => l.id === id)?.overview;
          (isOverview ? this.overview : this.detailed)[id] = features;
        }
        this.publish();
      });
      for (const id of todo) this.pending.set(`${variant}:${id}`, run);
      waits.push(run);
    }
    await Promise.all(waits);
  }

  private publish() {
    this.dataset = makeLodDataset(this.manifest!, { overview: { ...this.overview }, detailed: { ...this.detailed } });
    this.onData(this.dataset, this.report);
  }
}
