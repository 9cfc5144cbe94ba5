/**
 * Reads the seeds: the documents, their metadata, the gazetteer and the curated
 * tables. Schema problems are returned as issues (table, record, field) rather
 * than thrown one at a time, so a single run reports everything to fix.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DOC_FILES, Group, Place, TABLES, type DocFile, type TableName, type Tables } from './schema.ts';
import type { DataIssue } from './errors.ts';

export const DocumentMeta = z.strictObject({
  file: z.enum(DOC_FILES),
  original_file: z.string(),
  title_en: z.string().min(1),
  title_zh: z.string().min(1),
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  publisher_en: z.string().min(1),
  publisher_zh: z.string().min(1),
  language: z.enum(['en', 'zh']),
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

export interface Seeds {
  documents: Map<DocFile, string>;
  documentMeta: DocumentMeta[];
  places: Place[];
  /** Groups of countries named as a whole (groups.json). */
  groups: Group[];
  tables: Tables;
  /** Tables whose file is not there (read as empty: small fixtures leave most out). */
  missingTables: string[];
}

function readJson(path: string, table: string, issues: DataIssue[]): unknown[] {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!Array.isArray(value)) {
      issues.push({ table, record: '-', field: '-', message: 'the file must hold a JSON array of records' });
      return [];
    }
    return value;
  } catch (e) {
    issues.push({ table, record: '-', field: '-', message: `cannot read ${path}: ${(e as Error).message}` });
    return [];
  }
}

function parseRows<T>(rows: unknown[], schema: z.ZodType<T>, table: string, issues: DataIssue[]): T[] {
  const out: T[] = [];
  rows.forEach((row, i) => {
    const id = typeof (row as { id?: unknown })?.id === 'string' ? (row as { id: string }).id : `#${i}`;
    const r = schema.safeParse(row);
    if (r.success) out.push(r.data);
    else for (const issue of r.error.issues) issues.push({ table, record: id, field: issue.path.join('.') || '-', message: issue.message });
  });
  return out;
}

/**
 * Loads everything under `root` (default `seeds/`). Tables that are missing are
 * empty; `places*.json` files are merged into one gazetteer.
 */
export function loadSeeds(root = 'seeds', issues: DataIssue[] = []): Seeds {
  const documents = new Map<DocFile, string>();
  for (const file of DOC_FILES) {
    const path = join(root, 'documents', file);
    if (existsSync(path)) documents.set(file, readFileSync(path, 'utf8'));
    else issues.push({ table: 'documents', record: file, field: '-', message: `missing document ${path}` });
  }
  const metaPath = join(root, 'documents.json');
  const documentMeta = existsSync(metaPath) ? parseRows(readJson(metaPath, 'documents', issues), DocumentMeta, 'documents', issues) : [];

  const tablesDir = join(root, 'tables');
  const placeFiles = existsSync(tablesDir)
    ? readdirSync(tablesDir)
        .filter((f) => /^places(\.[a-z-]+)?\.json$/.test(f))
        .sort()
    : [];
  const places = placeFiles.flatMap((f) => parseRows(readJson(join(tablesDir, f), f.replace(/\.json$/, ''), issues), Place, f.replace(/\.json$/, ''), issues));

  const groupsPath = join(tablesDir, 'groups.json');
  const groups = existsSync(groupsPath) ? parseRows(readJson(groupsPath, 'groups', issues), Group, 'groups', issues) : [];
  const missingTables = [...(placeFiles.length ? [] : ['places']), ...(existsSync(groupsPath) ? [] : ['groups'])];

  const tables = {} as Record<TableName, unknown[]>;
  for (const name of Object.keys(TABLES) as TableName[]) {
    const path = join(tablesDir, `${name}.json`);
    if (!existsSync(path)) missingTables.push(name);
    tables[name] = existsSync(path) ? parseRows(readJson(path, name, issues), TABLES[name] as z.ZodType<unknown>, name, issues) : [];
  }
  return { documents, documentMeta, places, groups, tables: tables as Tables, missingTables };
}
