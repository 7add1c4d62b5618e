import { describe, expect, it } from 'vitest';
import type { ResultTable } from '../../presentation/result-table.ts';
import { pluralLabel, rankSentence } from './rank-position.ts';

const table = (rows: { city: string; gmv: number }[], direction: 'asc' | 'desc' = 'desc'): ResultTable => ({
  shape: 'ranking',
  direction,
  sql: '',
  assumptions: [],
  columns: [
    { id: 'city', label_en: 'City', label_zh: '城市', unit: 'text', role: 'dimension' },
    { id: 'gmv', label_en: 'GMV', label_zh: '成交额', unit: 'currency', currency: 'CNY', role: 'metric' },
  ],
  rows,
});
const rows = [{ city: 'Shanghai', gmv: 300 }, { city: 'Beijing', gmv: 200 }, { city: 'Hangzhou', gmv: 100 }];
const zhLabels: Record<string, string> = { Shanghai: '上海', Beijing: '北京', Hangzhou: '杭州' };

describe('rankSentence', () => {
  it("states the named value's place among all rows and the leader, in either language", () => {
    expect(rankSentence(table(rows), { dimension: 'city', value: 'Hangzhou' }, 'en')).toEqual({
      sentence: 'By GMV, Hangzhou (¥100.00) ranks 3rd of 3 cities; the highest is Shanghai (¥300.00).',
    });
    const labelled = rankSentence(table(rows), { dimension: 'city', value: 'Shanghai' }, 'zh', (_, value) => zhLabels[String(value)] ?? String(value));
    expect(labelled).toEqual({ sentence: '按成交额从高到低,上海(¥300.00)在 3 个城市中排第 1,是最高的。' });
  });

  it('matches a filter value written in the other language through the labels', () => {
    const zhRows = rows.map((row) => ({ ...row, city: zhLabels[row.city]! }));
    const result = rankSentence(table(zhRows), { dimension: 'city', value: 'Beijing' }, 'zh', (_, value) => zhLabels[String(value)] ?? String(value));
    expect(result).toEqual({ sentence: '按成交额从高到低,北京(¥200.00)在 3 个城市中排第 2;最高的是 上海(¥300.00)。' });
  });

  it('says the value has no data rather than ranking something else', () => {
    expect(rankSentence(table(rows), { dimension: 'city', value: 'Lhasa' }, 'en')).toEqual({ missing: 'Lhasa has no data in this period, so it has no rank.' });
  });

  it('pluralises dimension labels', () => {
    expect(['City', 'Acquisition channel', 'Category', 'Brand', 'Search query'].map(pluralLabel)).toEqual(['cities', 'acquisition channels', 'categories', 'brands', 'search queries']);
  });
});
