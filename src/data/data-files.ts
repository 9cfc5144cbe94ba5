/**
 * Which file serves a layer or a base map file, in a worldview, at a level of
 * detail: read from the manifest, the one place that says so (the data build
 * writes it). A worldview without files of its own for an entry (point layers,
 * the graticule) uses the entry's own.
 */
import type { Manifest, ManifestFile } from './contract.ts';
import type { Worldview } from './worldviews.ts';

export type LevelOfDetail = 'overview' | 'detailed';

type Entry = ManifestFile & { worldviews?: { [worldview: string]: ManifestFile } };

/** The file (relative to `data/`) of an entry in a worldview: its overview when asked for and there is one. */
export function dataFile(entry: Entry, worldview: Worldview, lod: LevelOfDetail = 'detailed'): string {
  const own = entry.worldviews?.[worldview] ?? entry;
  return lod === 'overview' && own.overview ? own.overview.file : own.file;
}

/** The entry's brief first file in a worldview (`brief.ts`), or undefined when the manifest names none. */
export function briefFile(entry: Entry, worldview: Worldview): string | undefined {
  return (entry.worldviews?.[worldview] ?? entry).brief?.file;
}

/** Whether the entry has an overview file (in that worldview). */
export function hasOverview(entry: Entry, worldview: Worldview): boolean {
  return !!(entry.worldviews?.[worldview] ?? entry).overview;
}

/** The base map's files in a worldview: name → URL (absolute, from `base`, the `data/` URL), or undefined for a name the manifest lacks. */
export function basemapFiles(manifest: Pick<Manifest, 'basemap'>, worldview: Worldview, base: URL): (name: string, lod?: LevelOfDetail) => string | undefined {
  return (name, lod = 'detailed') => {
    const entry = manifest.basemap.find((b) => b.id === name);
    return entry ? new URL(dataFile(entry, worldview, lod), base).href : undefined;
  };
}
