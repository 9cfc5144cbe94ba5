/**
 * Quick check of one curated table while editing it:
 *   npx tsx geo/lint-table.ts seeds/tables/projects.json
 * Runs the table's schema and the quote check; the full validation runs in `npm run data`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { TABLES, type TableName, Group, Place } from './schema.ts';
import { quoteInDocument, minQuoteLength } from './quotes.ts';
import { z } from 'zod';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx geo/lint-table.ts seeds/tables/<table>.json');
const name = basename(file, '.json');
const schema = name.startsWith('places') ? Place : name === 'groups' ? Group : TABLES[name as TableName];
if (!schema) throw new Error(`unknown table ${name}`);
const rows = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
let errors = 0;
const docs = new Map<string, string>();
const doc = (f: string) => docs.get(f) ?? docs.set(f, readFileSync(`seeds/documents/${f}`, 'utf8')).get(f)!;
rows.forEach((row, i) => {
  const id = (row as { id?: string }).id ?? `#${i}`;
  const parsed = (schema as z.ZodType).safeParse(row);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${file}: ${id}: ${issue.path.join('.')}: ${issue.message}`);
    errors++;
    return;
  }
  const visit = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, j) => visit(x, `${path}[${j}]`));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.doc === 'string' && typeof o.quote === 'string') {
        if (!quoteInDocument(o.quote, doc(o.doc))) {
          console.error(`${file}: ${id}: ${path}.quote not found in ${o.doc}: «${o.quote}»`);
          errors++;
        } else if (o.quote.trim().length < minQuoteLength(o.quote)) {
          console.error(`${file}: ${id}: ${path}.quote too short`);
          errors++;
        }
      }
      for (const [k, x] of Object.entries(o)) visit(x, path ? `${path}.${k}` : k);
    }
  };
  visit(row, '');
});
console.log(`${file}: ${rows.length} records, ${errors} errors`);
process.exit(errors ? 1 : 0);
