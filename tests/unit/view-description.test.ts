import { describe, expect, it } from 'vitest';
import { describeView } from '../../src/map/view-description.ts';
import type { MapFeature, PointDatum } from '../../src/data/dataset.ts';
import type { LayerId } from '../../src/layers/registry.ts';
import { feat } from '../helpers/features.ts';

const place = (name_en: string, name_zh: string, country: string, coordinates: [number, number], precision: 'city' | 'province' | 'country' = 'city') => ({
  id: name_en,
  name_en,
  name_zh,
  country,
  precision,
  coordinates,
});

function at(layer: LayerId, id: string, pl: ReturnType<typeof place>): PointDatum {
  const f = feat(layer, id, { type: 'Point', coordinates: pl.coordinates }, { places: [pl], countries: [pl.country] }) as MapFeature;
  return { position: pl.coordinates, feature: f };
}

const NAMES: Record<string, { en: string; zh: string }> = { CN: { en: 'China', zh: '中国' }, CZ: { en: 'Czech Republic', zh: '捷克' } };
const nanning = place('Nanning', '南宁', 'CN', [108.3, 22.8]);
const beijing = place('Beijing', '北京', 'CN', [116.4, 39.9]);
const prague = place('Prague', '布拉格', 'CZ', [14.4, 50.1]);
const view = [at('projects', 'p1', nanning), at('projects', 'p2', nanning), at('projects', 'p3', beijing), at('projects', 'p4', prague), at('events', 'e1', beijing), at('tcm-centres', 't1', nanning)];

describe('describeView', () => {
  it('counts each layer in view and says where most of it is, in English', () => {
    expect(describeView(view, 'en', (c) => NAMES[c]!.en)).toBe(
      '4 key projects, 1 Chinese medicine centre and 1 forum, meeting or signing in view; 5 in China (Nanning and Beijing), 1 in Czech Republic.',
    );
  });

  it('says it in Chinese', () => {
    expect(describeView(view, 'zh', (c) => NAMES[c]!.zh)).toBe('视图中有4个重点项目、1个中医药中心和1场论坛、会议与签约；其中5个在中国（南宁和北京）、1个在捷克。');
  });

  it('counts a feature with several positions in view once', () => {
    const f = at('projects', 'multi', nanning);
    const again: PointDatum = { position: beijing.coordinates, feature: { ...f.feature, properties: { ...f.feature.properties, places: [nanning, beijing] } } };
    const first: PointDatum = { ...f, feature: again.feature };
    expect(describeView([first, again], 'en', (c) => NAMES[c]!.en)).toMatch(/^1 key project in view; 1 in China \(Beijing and Nanning\)\.$/);
  });

  it('says when nothing is in view', () => {
    expect(describeView([], 'en', String)).toBe('No point features in view.');
    expect(describeView([], 'zh', String)).toBe('视图中没有点状要素。');
  });
});
