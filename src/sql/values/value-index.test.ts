import { describe, expect, it } from 'vitest';
import { ValueIndex } from './value-index.ts';

const index = new ValueIndex([], [
  ['WHITE HANGING HEART T-LIGHT HOLDER', null],
  ['RED HANGING HEART T-LIGHT HOLDER', null],
  ['Apple AirPods 4 Black', '苹果 AirPods 4 黑色'],
  ['Apple AirPods Pro 2 White', '苹果 AirPods Pro 2 白色'],
]);

describe('ValueIndex product titles', () => {
  it('finds every title containing all the words, forgiving a plural, in either language, and returns stored titles', () => {
    expect(index.titlesContaining('white hanging heart t-light holders')).toEqual(['WHITE HANGING HEART T-LIGHT HOLDER']);
    expect(index.titlesContaining('hanging heart')).toEqual(['WHITE HANGING HEART T-LIGHT HOLDER', 'RED HANGING HEART T-LIGHT HOLDER']);
    expect(index.titlesContaining('airpods pro')).toEqual(['Apple AirPods Pro 2 White']);
    expect(index.titlesContaining('苹果 黑色')).toEqual(['Apple AirPods 4 Black']);
  });

  it('finds nothing for a word no title has, or when too many titles match', () => {
    expect(index.titlesContaining('hanging garden')).toEqual([]);
    expect(index.titlesContaining('apple', 1)).toEqual([]);
    expect(index.namesProduct('airpods')).toBe(true);
    expect(index.namesProduct('analysis')).toBe(false);
  });
});
