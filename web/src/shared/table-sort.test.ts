import { describe, expect, it } from 'vitest';
import { compareCells, nextSortDirection, sortRows } from './table-sort.ts';

describe('sortRows', () => {
  const rows = [
    { name: 'b', value: 10 },
    { name: 'a', value: null },
    { name: 'c', value: 2 },
    { name: 'd', value: 10 },
  ];

  it('sorts numbers numerically in both directions, keeping empty cells last and ties stable', () => {
    expect(sortRows(rows, 'value', 'ascending').map((row) => row.name)).toEqual(['c', 'b', 'd', 'a']);
    expect(sortRows(rows, 'value', 'descending').map((row) => row.name)).toEqual(['b', 'd', 'c', 'a']);
  });

  it('does not change the input', () => {
    const copy = structuredClone(rows);
    sortRows(rows, 'value', 'descending');
    expect(rows).toEqual(copy);
  });

  it('compares numeric strings (big integers) as numbers and text naturally', () => {
    expect(compareCells('9007199254740993', '100', 'en')).toBeGreaterThan(0);
    expect(sortRows([{ sku: 'SKU-10' }, { sku: 'SKU-2' }], 'sku', 'ascending').map((row) => row.sku)).toEqual(['SKU-2', 'SKU-10']);
  });

  it('sorts Chinese text by pinyin with the zh-CN collation', () => {
    const cities = [{ city: '上海' }, { city: '北京' }, { city: '广州' }];
    expect(sortRows(cities, 'city', 'ascending', 'zh-CN').map((row) => row.city)).toEqual(['北京', '广州', '上海']);
  });
});

describe('nextSortDirection', () => {
  it('starts figures largest-first, text A–Z, and flips on a second click', () => {
    expect(nextSortDirection(null, 'gmv', true)).toBe('descending');
    expect(nextSortDirection(null, 'city', false)).toBe('ascending');
    expect(nextSortDirection({ columnId: 'gmv', direction: 'descending' }, 'gmv', true)).toBe('ascending');
    expect(nextSortDirection({ columnId: 'gmv', direction: 'descending' }, 'city', false)).toBe('ascending');
  });
});
