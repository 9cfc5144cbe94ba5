/**
 * Loads the site's data in the order a visitor needs it, so the first paint
 * downloads as little as possible:
 *
 * 1. `start(visible)`: the manifest and the layers on the map, polygon layers as
 *    their overview outlines (a fraction of the bytes; the map opens at world
 *    scale), their records brief (`brief.ts`: no summaries or quotes);
 * 2. `loadRest()`: every layer's whole records (overviews too), once the map
 *    has drawn — the list, the search, the detail panel and layers switched on
 *    later need them;
 * 3. `ensureDetailed(ids)`: the detailed outlines of polygon layers, when the map
 *    is zoomed in past the overview's `max_zoom` or an image is exported.
 *
 * Files come from the manifest for the current worldview (`data-files.ts`);
 * `setWorldview` fetches the new worldview's files of every layer loaded so far,
 * at the same detail (files the worldviews share are fetched once), and only
 * then publishes: the map, the list and the export switch together.
 *
 * Each step publishes a new immutable `Dataset` through `onData`. A layer that
 * fails to load, or a malformed record, goes to the report; the rest still loads.
 */
import { type Manifest } from './contract.ts';
import { LAYER_IDS, type LayerId } from '../layers/registry.ts';
import { makeLodDataset, type Dataset, type MapFeature } from './dataset.ts';
import { briefFile, dataFile, hasOverview, type LevelOfDetail } from './data-files.ts';
import { emptyReport, loadManifest, validateFeatures, type FetchLike, type LoadReport } from './load-data.ts';
import { DEFAULT_WORLDVIEW, type Worldview } from './worldviews.ts';

/** The files a layer has: its brief first file, its overview outlines, its detailed ones. */
type FileKind = LevelOfDetail | 'brief';
const FILE_KINDS: readonly FileKind[] = ['brief', 'overview', 'detailed'];

export class DataLoader {
  private manifest?: Manifest;
  /** Layers wanted at each detail (whatever the worldview); `brief`: their brief first file. */
  private readonly wanted: Record<FileKind, Set<LayerId>> = { brief: new Set(), overview: new Set(), detailed: new Set() };
  /** Loaded files by path (relative to `data/`): a file two worldviews share is loaded once. */
  private readonly files = new Map<string, MapFeature[]>();
  /** Requests under way, by path, so a file is never fetched twice at once. */
  private readonly pending = new Map<string, Promise<void>>();
  /** Files that failed (reported once, not tried again). */
  private readonly failedFiles = new Set<string>();
  private readonly reported = new Set<string>();
  readonly report: LoadReport = emptyReport();
  dataset: Dataset | null = null;

  constructor(
    private readonly base: URL,
    private readonly onData: (d: Dataset, report: LoadReport) => void,
    private readonly fetchFn: FetchLike = (u) => fetch(u),
    private worldview: Worldview = DEFAULT_WORLDVIEW,
  ) {
    // `start` reports a failed manifest itself; this promise is for those who wait on it.
    this.manifestLoaded.catch(() => undefined);
  }

  private resolveManifest: (m: Manifest) => void = () => undefined;
  private rejectManifest: (e: unknown) => void = () => undefined;
  /** Resolves with the manifest as soon as it is in (the map takes its base map files from it, before any layer). */
  readonly manifestLoaded = new Promise<Manifest>((resolve, reject) => {
    this.resolveManifest = resolve;
    this.rejectManifest = reject;
  });

  /** Loads the manifest and the given layers (overviews where there are). Rejects when the manifest cannot load. */
  async start(visible: readonly LayerId[]): Promise<Dataset> {
    try {
      this.manifest = await loadManifest(this.base, this.fetchFn);
      this.resolveManifest(this.manifest);
    } catch (e) {
      this.rejectManifest(e);
      throw e;
    }
    await this.load([...new Set(visible)], 'brief');
    // Nothing on the map (a link with no layers): the page still gets its (empty) dataset now.
    if (!this.dataset) this.publish();
    return this.dataset!;
  }

  /**
   * Loads every layer not loaded yet, and the whole records (overviews where
   * there are) of those loaded brief, waiting for any already on their way.
   * A layer wanted only detailed (switched on when zoomed in) has its whole
   * records already, and no overview is fetched for it.
   */
  loadRest(): Promise<void> {
    return this.load(
      LAYER_IDS.filter((id) => !this.wanted.detailed.has(id) || this.wanted.brief.has(id)),
      'overview',
    );
  }

  /** Loads the whole records of the layers loaded brief (a feature is open: its panel needs them). */
  loadWhole(): Promise<void> {
    // Files already in are not fetched again, and those on their way (the rest of the data) are waited for.
    return this.load([...this.wanted.brief], 'overview');
  }

  /** Loads the detailed outlines of these layers, and the whole records of those loaded brief. */
  ensureDetailed(ids: readonly LayerId[]): Promise<void> {
    return this.load(
      ids.filter((id) => this.entry(id)),
      'detailed',
    );
  }

  /** Whether every layer among `ids` has its detailed outlines and whole records (in the current worldview). */
  isDetailed(ids: readonly LayerId[]): boolean {
    const m = this.manifest;
    return (
      !!m &&
      ids.every((id) => {
        const e = this.entry(id);
        return !e || this.files.has(dataFile(e, this.worldview, 'detailed'));
      })
    );
  }

  /** Switches worldview: fetches its files for every layer loaded so far, then publishes once. */
  async setWorldview(worldview: Worldview): Promise<void> {
    if (worldview === this.worldview) return;
    this.worldview = worldview;
    if (!this.manifest) return;
    const whole = (id: LayerId) => this.wanted.overview.has(id) || this.wanted.detailed.has(id);
    await Promise.all(
      (['brief', 'overview', 'detailed'] as const).map((kind) =>
        this.fetchAll(
          [...this.wanted[kind]].filter((id) => kind !== 'brief' || !whole(id)),
          kind,
        ),
      ),
    );
    this.publish();
  }

  private entry(id: LayerId) {
    return this.manifest?.layers.find((l) => l.id === id);
  }

  private async load(ids: readonly LayerId[], kind: FileKind): Promise<void> {
    if (!this.manifest) return;
    for (const id of ids) this.wanted[kind].add(id);
    await this.fetchAll(ids, kind);
    this.publish();
  }

  /** A layer's file of that kind in the current worldview; its brief file is its overview (or only) file when the manifest names none. */
  private fileOf(e: NonNullable<ReturnType<DataLoader['entry']>>, kind: FileKind): string {
    return (kind === 'brief' && briefFile(e, this.worldview)) || dataFile(e, this.worldview, kind === 'brief' ? 'overview' : kind);
  }

  /** Fetches the current worldview's file of each layer of that kind (a failed file is not tried again). */
  private fetchAll(ids: readonly LayerId[], kind: FileKind): Promise<unknown> {
    return Promise.all(
      ids.map((id) => {
        const e = this.entry(id);
        if (!e) {
          this.fail(id, `missing:${id}`, 'not in the manifest');
          return Promise.resolve();
        }
        const path = this.fileOf(e, kind);
        if (this.files.has(path) || this.failedFiles.has(path)) return Promise.resolve();
        let p = this.pending.get(path);
        if (!p) {
          p = (kind === 'brief' && path === briefFile(e, this.worldview) ? this.fetchBrief(id, path) : this.fetchFile(id, path)).finally(() => this.pending.delete(path));
          this.pending.set(path, p);
        }
        return p;
      }),
    );
  }

  private async fetchFile(id: LayerId, path: string): Promise<void> {
    try {
      const r = await this.fetchFn(new URL(path, this.base).href);
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      const failedBefore = this.report.failedLayers.length;
      const features = validateFeatures(id, await r.json(), this.report);
      if (this.report.failedLayers.length > failedBefore) this.failedFiles.add(path);
      else this.files.set(path, features);
    } catch (e) {
      this.fail(id, path, (e as Error).message);
    }
  }

  /**
   * A layer's brief file. Should it fail, the layer's whole file comes instead,
   * and nothing is reported: only a failure of the whole records is the
   * visitor's concern (its malformed records too are reported with it).
   */
  private async fetchBrief(id: LayerId, path: string): Promise<void> {
    const scratch = emptyReport();
    try {
      const r = await this.fetchFn(new URL(path, this.base).href);
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      const features = validateFeatures(id, await r.json(), scratch, true);
      if (!scratch.failedLayers.length) {
        this.files.set(path, features);
        return;
      }
    } catch {
      // the whole file below
    }
    this.failedFiles.add(path);
    this.wanted.overview.add(id);
    await this.fetchAll([id], 'overview');
  }

  private fail(id: LayerId, path: string, reason: string) {
    this.failedFiles.add(path);
    if (this.reported.has(path)) return;
    this.reported.add(path);
    this.report.failedLayers.push({ id, reason });
  }

  private publish() {
    const m = this.manifest!;
    const wv = this.worldview;
    const overview: Partial<Record<LayerId, MapFeature[]>> = {};
    const detailed: Partial<Record<LayerId, MapFeature[]>> = {};
    const brief = new Set<LayerId>();
    for (const id of LAYER_IDS) {
      const e = this.entry(id);
      if (!e || !FILE_KINDS.some((kind) => this.wanted[kind].has(id))) continue;
      const d = this.files.get(dataFile(e, wv, 'detailed'));
      const o = hasOverview(e, wv) ? this.files.get(dataFile(e, wv, 'overview')) : undefined;
      // Brief records only until the whole ones are in.
      const briefPath = briefFile(e, wv);
      const b = !d && !o && briefPath ? this.files.get(briefPath) : undefined;
      // A layer with nothing of this worldview in yet but on its way (just after a switch): publish
      // once it is in, so a switch shows one worldview, whole. (Detailed outlines arriving later are fine.)
      const pending = (kind: FileKind) => this.wanted[kind].has(id) && this.pending.has(this.fileOf(e, kind));
      // (A layer not yet shown at all is simply left out until its file is in: the others do not wait for it.)
      if (!d && !o && !b && FILE_KINDS.some(pending) && this.dataset?.layers[id].length) return;
      if (d) detailed[id] = d;
      if (o) overview[id] = o;
      if (b) {
        (hasOverview(e, wv) ? overview : detailed)[id] = b;
        brief.add(id);
      }
    }
    this.dataset = makeLodDataset(m, { overview, detailed, brief }, wv);
    this.onData(this.dataset, this.report);
  }
}
