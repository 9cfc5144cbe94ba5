/**
 * The data contract between the geo build and the site: what every feature in
 * `public/data/<layer>.geojson` carries. The geo build writes these shapes; the
 * site reads them. Types only — no runtime code — so both sides can import it.
 */
import type { Direction, HatchAngle, Lang, Precision, Status } from './vocabulary.ts';
import type { LayerId } from '../layers/registry.ts';

/** Thematic layer ids (the registry owns them: `src/layers/registry.ts`). */
export type { LayerId };

/** A verbatim quote from one of the documents in `seeds/documents/` (also served under `data/documents/`). */
export interface Citation {
  doc: string;
  quote: string;
}

/** A fact from outside the five documents, named so it can be checked. */
export interface ExternalCitation {
  title: string;
  publisher: string;
  date: string;
  note?: string;
}

export interface Bilingual {
  en: string;
  zh: string;
}

export interface PlaceRef {
  id: string;
  name_en: string;
  name_zh: string;
  country: string;
  precision: Precision;
  coordinates: [number, number];
}

export interface FigureValue {
  label: Bilingual;
  value: number;
  unit: Bilingual;
  source: Citation;
}

/** Properties every feature has. */
export interface BaseProps {
  id: string;
  layer: LayerId;
  name_en: string;
  name_zh: string;
  summary_en: string;
  summary_zh: string;
  precision: Precision;
  sources: Citation[];
  external_sources?: ExternalCitation[];
  /** ISO 3166-1 alpha-2 codes of the countries concerned. */
  countries: string[];
  places: PlaceRef[];
  year_start?: number;
  year_end?: number;
  related: string[];
  /** Direction of the Belt and Road the feature belongs to, when it has one. */
  direction?: Direction | 'both';
  /** Key-project area 1–8 when the feature is, or belongs to, one of the 38 key projects. */
  area?: number;
  project_no?: number;
  status?: Status;
  figures?: FigureValue[];
  /** How the record reads a name the documents do not spell out (shown in the detail panel). */
  identification_note?: Bilingual;
  /**
   * Key projects naming countries abroad but drawn only in China say why: a
   * venue in China, a base in China serving partners, or border provinces.
   */
  drawn_in_china?: 'venue' | 'base' | 'border';
  /** Disease zones: the direction of the zone's hatch, unlike any zone it overlaps. */
  hatch_angle?: HatchAngle;
  /** Disease zones: the zone's area (km²): the larger are drawn first, under the smaller. */
  area_km2?: number;
  [extra: string]: unknown;
}

/**
 * A country as the data names it (one name per country across layers), with
 * the other names search finds it by (today's name of a renamed country, a
 * formal or short form).
 */
export interface CountryName {
  iso2: string;
  name_en: string;
  name_zh: string;
  aliases_en?: string[];
  aliases_zh?: string[];
}

/** A data file and, for outlines, its overview version. */
export interface ManifestFile {
  file: string;
  bytes?: number;
  /** The same features with outlines simplified for zooms below `max_zoom` (loaded first). */
  overview?: { file: string; bytes?: number; max_zoom: number };
  /** The first file the page loads (the overview where there is one) with brief records, for the first frame (`brief.ts`). */
  brief?: { file: string; bytes?: number };
}

/**
 * `file` and `overview` serve the base worldview (`intl`) and every worldview
 * `worldviews` does not name; where a worldview's outlines differ (layers made
 * of countries, the base map), `worldviews[id]` names its own files.
 */
export interface ManifestLayer extends ManifestFile {
  id: LayerId;
  title_en: string;
  title_zh: string;
  geometry: 'Point' | 'LineString' | 'Polygon';
  count: number;
  bytes: number;
  worldviews?: { [worldview: string]: ManifestFile };
}

export interface ManifestBasemapFile extends ManifestFile {
  id: string;
  worldviews?: { [worldview: string]: ManifestFile };
}

/**
 * Below this zoom the site draws the overview outlines (`overview/*.geojson`,
 * `basemap/overview/*`); from it, the detailed ones. Zoom 3 shows a continent.
 */
export const OVERVIEW_MAX_ZOOM = 3;

export interface Manifest {
  version: 1;
  /** SHA-256 of every data file listed, in order: changes whenever any data changes. */
  content_hash: string;
  layers: ManifestLayer[];
  documents: { file: string; title_en: string; title_zh: string; date: string; language: Lang; sha256: string }[];
  /** The worldviews the data has, with their names (`src/data/worldviews.ts`). */
  worldviews?: { id: string; title_en: string; title_zh: string }[];
  basemap: ManifestBasemapFile[];
  extras: { id: string; file: string; description: string }[];
  /** Every country the features mention, as the data names it. */
  countries?: CountryName[];
}
