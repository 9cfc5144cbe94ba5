/**
 * Small, valid seeds written to a temporary folder, for tests that break one
 * thing at a time and check the build names the record and field.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOC_FILES } from '../../geo/schema.ts';

export const PLAN_TEXT = [
  '国家卫生计生委关于推进“一带一路”卫生交流合作三年实施方案',
  ...Array.from({ length: 38 }, (_, i) => `${i + 1}．第${i + 1}号重点项目在布拉格举办卫生合作论坛。`),
  '在“丝绸之路经济带”方向，举办中国—中东欧国家卫生部长论坛。',
].join('\n');

export const EN_TEXT = 'The Belt and Road health cooperation forum was held in Prague, the Czech Republic, in June 2015.';

type Json = Record<string, unknown>;

export interface FixtureTables {
  places: Json[];
  projects: Json[];
  events: Json[];
  [table: string]: Json[];
}

export function validTables(): FixtureTables {
  return {
    places: [
      { id: 'prague', kind: 'city', geonameid: 3067696, country: 'CZ', name_en: 'Prague', name_zh: '布拉格' },
      { id: 'beijing', kind: 'city', geonameid: 1816670, country: 'CN', name_en: 'Beijing', name_zh: '北京' },
    ],
    projects: Array.from({ length: 38 }, (_, i) => ({
      id: `project-${String(i + 1).padStart(2, '0')}`,
      name_en: `Key project ${i + 1}`,
      name_zh: `第${i + 1}号重点项目`,
      summary_en: `Key project number ${i + 1}, a forum in Prague.`,
      summary_zh: `第${i + 1}号重点项目，在布拉格举办论坛。`,
      sources: [{ doc: 'implementation-plan-2015.zh.txt', quote: `第${i + 1}号重点项目在布拉格举办卫生合作论坛。` }],
      countries: ['CN', 'CZ'],
      places: ['prague'],
      project_no: i + 1,
      area: (i % 8) + 1,
      status: i % 2 ? 'intended' : 'planned',
      lead_units: [{ en: 'National Health and Family Planning Commission', zh: '国家卫生计生委' }],
      participating_units: [],
      figures: [],
    })),
    events: [
      {
        id: 'event-2015-prague-forum',
        name_en: 'China–CEEC Health Ministers’ Forum',
        name_zh: '中国—中东欧国家卫生部长论坛',
        summary_en: 'Forum of health ministers held in Prague in 2015.',
        summary_zh: '2015年在布拉格举办的卫生部长论坛。',
        sources: [{ doc: 'communique-2017.en.txt', quote: 'The Belt and Road health cooperation forum was held in Prague' }],
        countries: ['CZ', 'CN'],
        places: ['prague'],
        kind: 'forum',
        date: '2015-06',
        related: ['project-03'],
      },
    ],
  };
}

/** Writes documents, metadata and the given tables to a fresh temp folder; returns its path. */
export function writeSeeds(tables: FixtureTables): string {
  const root = mkdtempSync(join(tmpdir(), 'hsr-seeds-'));
  mkdirSync(join(root, 'documents'));
  mkdirSync(join(root, 'tables'));
  for (const f of DOC_FILES) writeFileSync(join(root, 'documents', f), f.endsWith('.zh.txt') ? PLAN_TEXT : EN_TEXT);
  writeFileSync(
    join(root, 'documents.json'),
    JSON.stringify(
      DOC_FILES.map((file) => ({
        file,
        original_file: 'x.txt',
        title_en: 'Title',
        title_zh: '标题',
        date: '2015',
        publisher_en: 'P',
        publisher_zh: '出版',
        language: file.endsWith('.zh.txt') ? 'zh' : 'en',
      })),
    ),
  );
  for (const [name, rows] of Object.entries(tables)) writeFileSync(join(root, 'tables', `${name}.json`), JSON.stringify(rows, null, 2));
  return root;
}
