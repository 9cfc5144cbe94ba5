import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en as enLocale } from '../../src/i18n/locales/en.ts';
import { zh as zhLocale } from '../../src/i18n/locales/zh.ts';
import { preferredLang, t } from '../../src/i18n/i18n.ts';
import { PAGE_CJK_FAMILY } from '../../src/app/page-fonts.ts';
import { LAYERS, AREA_NAMES, DISEASE_GROUP_NAMES, DIRECTION_NAMES, STATUS_NAMES } from '../../src/layers/registry.ts';

const CJK = /[\u3400-\u9fff]/;
const en = enLocale.strings;
const zh = zhLocale.strings;

describe('i18n', () => {
  it("ends both languages' font stacks in the site's own CJK font, before the generic families", () => {
    for (const stack of [enLocale.font, zhLocale.font]) {
      const families = stack.split(',').map((f) => f.trim().replace(/"/g, ''));
      const at = families.indexOf(PAGE_CJK_FAMILY);
      expect(at).toBeGreaterThan(0);
      // Every family after it is generic: a system font named after it would never be reached for Chinese.
      expect(families.slice(at + 1).every((f) => ['system-ui', 'sans-serif'].includes(f))).toBe(true);
    }
  });

  it('has every UI key in both languages, and nothing extra', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('has no empty string, Chinese text in the Chinese table and English in the English one', () => {
    for (const [k, v] of Object.entries(en)) {
      expect(v.trim(), k).not.toBe('');
      // The language switch names the other language in its own script, and the search hint says Chinese works.
      if (k !== 'lang.switch' && k !== 'search.placeholder') expect(CJK.test(v.replace(/[（(][^)）]*[)）]/g, '')), `en ${k}: ${v}`).toBe(false);
    }
    for (const [k, v] of Object.entries(zh)) {
      expect(v.trim(), k).not.toBe('');
      if (k !== 'lang.switch' && !/^\{[a-z]+\} \/ \{[a-z]+\}$/.test(v)) expect(CJK.test(v), `zh ${k}: ${v}`).toBe(true);
    }
  });

  it('keeps the same placeholders in both languages', () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(ph(zh[k]), k).toBe(ph(en[k]));
  });

  it("has no key that nothing uses (keys built from data: kind., role., precision., layers.group., map.count., a story's problem.)", () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.startsWith(join('i18n', 'locales')));
    const code = files.map((f) => readFileSync(join('src', f), 'utf8')).join('\n');
    const dynamic = /^(kind|role|precision|layers\.group|map\.count|problem)\./;
    const unused = Object.keys(en).filter((k) => !dynamic.test(k) && !code.includes(`'${k}'`));
    expect(unused).toEqual([]);
  });

  it('names every kind, role and precision the shipped data uses (the detail panel shows them)', () => {
    const used = new Set<string>();
    for (const f of readdirSync('public/data').filter((n) => n.endsWith('.geojson'))) {
      const fc = JSON.parse(readFileSync(join('public/data', f), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
      for (const { properties: p } of fc.features) for (const field of ['kind', 'role', 'precision'] as const) if (typeof p[field] === 'string') used.add(`${field}.${p[field]}`);
    }
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter((k) => !(k in en) || !(k in zh));
    expect(missing).toEqual([]);
  });

  it('fills placeholders', () => {
    expect(t('en', 'layers.countOf', { shown: 3, total: 38 })).toBe('3 of 38');
    expect(t('zh', 'detail.project', { no: 23 })).toBe('第23号重点项目');
  });

  it('names every layer, legend item, area, disease group, direction and status in both languages', () => {
    const names = [
      ...LAYERS.flatMap((l) => [l.title, l.description, ...l.legend.map((i) => i.label)]),
      ...Object.values(AREA_NAMES),
      ...Object.values(DISEASE_GROUP_NAMES),
      ...Object.values(DIRECTION_NAMES),
      ...Object.values(STATUS_NAMES),
    ];
    for (const n of names) {
      expect(n.en.trim()).not.toBe('');
      expect(CJK.test(n.zh), n.zh).toBe(true);
    }
  });

  it('picks the start language: remembered, else the browser’s', () => {
    expect(preferredLang({ getItem: () => 'zh' }, ['en-US'])).toBe('zh');
    expect(preferredLang({ getItem: () => null }, ['zh-CN', 'en'])).toBe('zh');
    expect(preferredLang({ getItem: () => 'fr' }, ['de'])).toBe('en');
    expect(
      preferredLang(
        {
          getItem: () => {
            throw new Error('denied');
          },
        },
        ['en'],
      ),
    ).toBe('en');
  });
});
