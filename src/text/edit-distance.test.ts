import { describe, expect, it } from 'vitest';
import { bigramSimilarity, editDistance } from './edit-distance.ts';

describe('editDistance', () => {
  it('counts substitutions, insertions, deletions and neighbour swaps', () => {
    expect(editDistance('revenue', 'revenue')).toBe(0);
    expect(editDistance('reveune', 'revenue')).toBe(1);
    expect(editDistance('convertion', 'conversion')).toBe(1);
    expect(editDistance('转换率', '转化率')).toBe(1);
    expect(editDistance('categry', 'category')).toBe(1);
    expect(editDistance('city', 'country')).toBe(4);
  });

  it('stops at the limit', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 1)).toBe(2);
  });
});

describe('bigramSimilarity', () => {
  it('ranks close spellings above unrelated words', () => {
    expect(bigramSimilarity('countries', 'country')).toBeGreaterThan(bigramSimilarity('countries', 'city'));
    expect(bigramSimilarity('x', 'x')).toBe(1);
  });
});
