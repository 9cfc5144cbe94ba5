/**
 * Seeds → validated features, without writing anything. Tests call this on
 * small fixture seeds; `outputs.ts` serialises its result.
 */
import { join } from 'node:path';
import { type Atlas, loadAtlas } from './atlas.ts';
import type { DataIssue, DataIssue as Issue } from './errors.ts';
import { roundShipped } from './output.ts';
import { geonames, resolvePlace, type ResolvedPlace } from './gazetteer.ts';
import { loadSeeds, type Seeds } from './load.ts';
import { type LayerId } from '../src/layers/registry.ts';
import { BASE_WORLDVIEW, WORLDVIEWS, type Worldview } from '../src/data/worldviews.ts';
import type { BuildContext, CountryPlaced, LayerFeature } from './layers/context.ts';
import { eventsLayer, hospitalsLayer, organisationsLayer, projectsLayer, tcmLayer, trainingLayer } from './layers/points.ts';
import { corridorsLayer, directionsLayer, missionsLayer } from './layers/routes.ts';
import { diseaseZonesLayer, mechanismsLayer, priorityCountriesLayer, statementLayer } from './layers/areas.ts';
import { countryName, countryTerms } from './country-names.ts';
import {
  checkCountryNames,
  checkGroupMembers,
  checkProjectsAbroad,
  checkCorridorCountries,
  checkDirectionMechanisms,
  checkDocumentMeta,
  checkFigureUnits,
  checkGeometry,
  checkIds,
  checkLinkedYears,
  checkNames,
  checkPlaceCountries,
  checkPlaces,
  checkProjectNumbers,
  checkQuotes,
} from './validate.ts';

/**
 * The layers made of country outlines: one version per worldview (the rest are
 * the same in every worldview, one file each).
 */
export const WORLDVIEW_LAYERS = ['mechanisms', 'priority-countries', 'statement-2020', 'disease-zones'] as const satisfies readonly LayerId[];
export type WorldviewLayerId = (typeof WORLDVIEW_LAYERS)[number];

export interface Dataset {
  seeds: Seeds;
  places: ResolvedPlace[];
  /** Every layer, in the base worldview (`intl`). */
  layers: Record<LayerId, LayerFeature[]>;
  /** The country-shaped layers in each worldview (the base one is `layers`' own). */
  worldviews: Record<Worldview, Record<WorldviewLayerId, LayerFeature[]>>;
  issues: DataIssue[];
  /** Point records drawn at country interior points (they name no place), sorted by layer and id. */
  countryPlaced: CountryPlaced[];
}

const atlases = new Map<Worldview, Atlas>();
/** An atlas is the same for every build in a process: load each worldview's once. */
export function sharedAtlas(worldview: Worldview = BASE_WORLDVIEW): Atlas {
  let a = atlases.get(worldview);
  if (!a) atlases.set(worldview, (a = loadAtlas(worldview)));
  return a;
}

/** The country-shaped layers in one worldview. */
function worldviewLayers(ctx: BuildContext, seeds: Seeds): Record<WorldviewLayerId, LayerFeature[]> {
  const t = seeds.tables;
  return {
    mechanisms: mechanismsLayer(ctx, t.mechanisms),
    'priority-countries': priorityCountriesLayer(ctx, t.directions, seeds.groups),
    'statement-2020': statementLayer(ctx, t['statement-2020']),
    'disease-zones': diseaseZonesLayer(ctx, t['disease-zones']),
  };
}

export function buildDataset(root = 'seeds'): Dataset {
  const issues: DataIssue[] = [];
  const seeds = loadSeeds(root, issues);
  const cities = geonames();
  const places: ResolvedPlace[] = [];
  const theAtlas = sharedAtlas();
  for (const p of seeds.places) {
    const r = resolvePlace(p, cities, (c) => theAtlas.anchor(c));
    if (typeof r === 'string') issues.push({ table: 'places', record: p.id, field: p.kind === 'city' ? 'geonameid' : p.kind === 'country' ? 'country' : 'capital_geonameid', message: r });
    else places.push(r);
  }
  const ctx: BuildContext = { atlas: theAtlas, places: new Map(places.map((p) => [p.id, p])), issues, countryPlaced: [] };
  const t = seeds.tables;
  const base = worldviewLayers(ctx, seeds);
  const views = { [BASE_WORLDVIEW]: base } as Record<Worldview, Record<WorldviewLayerId, LayerFeature[]>>;
  const key = (i: Issue) => `${i.table}\0${i.record}\0${i.field}\0${i.message}`;
  for (const wv of WORLDVIEWS) {
    if (wv === BASE_WORLDVIEW) continue;
    // Another worldview's shapes: its own problems are reported too, named by worldview.
    const own: Issue[] = [];
    views[wv] = worldviewLayers({ ...ctx, atlas: sharedAtlas(wv), issues: own }, seeds);
    const known = new Set(issues.map(key));
    for (const i of own) if (!known.has(key(i))) issues.push({ ...i, message: `${i.message} (worldview ${wv})` });
  }
  const layers: Record<LayerId, LayerFeature[]> = {
    ...base,
    corridors: corridorsLayer(ctx, t.corridors),
    directions: directionsLayer(ctx, t.directions),
    'cataract-missions': missionsLayer(ctx, t['cataract-missions'], t.projects),
    organisations: organisationsLayer(ctx, t.organisations),
    events: eventsLayer(ctx, t.events, t.projects),
    training: trainingLayer(ctx, t.training, t.projects),
    hospitals: hospitalsLayer(ctx, t.hospitals, t.projects),
    'tcm-centres': tcmLayer(ctx, t['tcm-centres'], t.projects),
    projects: projectsLayer(ctx, t.projects),
  };
  // Validate what is shipped: geometry rounded as it will be written.
  for (const fs of Object.values(layers)) for (const f of fs) f.geometry = roundShipped(f.geometry);
  for (const wv of WORLDVIEWS) if (wv !== BASE_WORLDVIEW) for (const fs of Object.values(views[wv])) for (const f of fs) f.geometry = roundShipped(f.geometry);
  const all = Object.values(layers).flat();
  const otherShapes = WORLDVIEWS.filter((wv) => wv !== BASE_WORLDVIEW).flatMap((wv) => Object.values(views[wv]).flat());
  issues.push(
    ...checkDocumentMeta(seeds),
    ...checkQuotes(seeds),
    ...checkIds(
      seeds,
      layers['priority-countries'].map((f) => f.id),
    ),
    ...checkNames(seeds),
    ...checkProjectNumbers(seeds),
    ...checkPlaces(places, ctx.atlas),
    ...checkPlaceCountries(all),
    ...checkGeometry(all),
    ...checkGeometry(otherShapes),
    ...checkCorridorCountries(seeds, ctx.places),
    ...checkFigureUnits(seeds),
    ...checkLinkedYears(seeds),
    ...checkDirectionMechanisms(seeds),
    ...checkProjectsAbroad(all),
    ...checkGroupMembers(all, seeds.groups, countryTerms),
    ...checkCountryNames(all, countryName),
  );
  // Generated ids (priority countries) must not collide with curated ones either.
  const ids = new Map<string, string>();
  for (const f of all) {
    const prior = ids.get(f.id);
    if (prior && prior !== f.properties.layer) issues.push({ table: f.properties.layer, record: f.id, field: 'id', message: `duplicate id (also in ${prior})` });
    ids.set(f.id, f.properties.layer);
  }
  const countryPlaced = [...ctx.countryPlaced!].sort((a, b) => a.layer.localeCompare(b.layer) || a.id.localeCompare(b.id));
  // A table that is not there reads as empty, so what refers to it fails as unknown ids: say first that the file is
  // missing (a deleted or misnamed file), before the references that follow from it.
  if (issues.length) {
    const missing = seeds.missingTables.map((name) => ({
      table: name,
      record: '-',
      field: '-',
      message: `the table is missing: ${join(root, 'tables', `${name}.json`)} (references to its records fail below)`,
    }));
    issues.unshift(...missing);
  }
  return { seeds, places, layers, worldviews: views, issues, countryPlaced };
}
