/**
 * The data's vocabulary, declared once: every list of allowed values is an
 * exported constant, and the types (`Status`, `Direction`…) and the validators
 * (the zod schemas of the data build, the site's checks of arriving features
 * and of URL values) derive from it. Shared by `geo/` and `src/`. Pure.
 */

/** Key projects and their kin: `planned` (计划实施), `intended` (意向实施); centres `established`, events `held`. */
export const STATUSES = ['planned', 'intended', 'established', 'held'] as const;
export type Status = (typeof STATUSES)[number];

/** The two directions of the Belt and Road (plan §二). */
export const DIRECTIONS = ['belt', 'maritime'] as const;
export type Direction = (typeof DIRECTIONS)[number];
/** What a feature may say of its direction: one of them, or both. */
export const FEATURE_DIRECTIONS = [...DIRECTIONS, 'both'] as const;
/** What the direction filter may be set to. */
export const DIRECTION_FILTERS = ['all', ...DIRECTIONS] as const;
export type DirectionFilter = (typeof DIRECTION_FILTERS)[number];

/**
 * How precisely a feature is placed, finest first. A district or province is
 * drawn at its seat; a country at an interior point; a region is a computed
 * area; a schematic route is drawn through the cities it links.
 */
export const PRECISIONS = ['city', 'district', 'province', 'country', 'region', 'schematic'] as const;
export type Precision = (typeof PRECISIONS)[number];
/** The precisions a point record may declare (`seeds/tables`). */
export const POINT_PRECISIONS = ['city', 'district', 'province', 'country'] as const;

/**
 * The languages of the site and of the data (every name and summary has both).
 * Each has its locale table (`src/i18n/locales/<lang>.ts`), which `src/i18n/i18n.ts`
 * registers: the type checker holds the two lists equal.
 */
export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * The directions of a hatch (degrees, deck.gl's procedural pattern), in the order
 * the data build hands them out: disease zones that overlap are hatched in
 * different directions, so neither hides the other (`geo/layers/areas.ts`).
 */
export const HATCH_ANGLES = [45, 135, 90, 0] as const;
export type HatchAngle = (typeof HATCH_ANGLES)[number];

/** The six groups of cross-border disease control, each drawn with its own colour and dash. */
export const DISEASE_GROUPS = ['vector-borne', 'zoonoses', 'hiv-tb-respiratory', 'parasitic', 'vaccine-preventable', 'emergencies'] as const;

/** The eight areas of the implementation plan (§三). */
export const AREA_IDS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
