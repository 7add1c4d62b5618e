import { describe, expect, it } from 'vitest';
import { distinctiveTerms, termsOf } from './theme-terms.ts';

describe('termsOf', () => {
  it('segments Chinese with jieba and drops punctuation, stop words and single Latin letters', () => {
    expect(termsOf('华为手机, the X phone')).toEqual(['华为', '手机', 'phone']);
  });
});

describe('distinctiveTerms', () => {
  it('ranks terms common in a group and rare elsewhere, weighted by searches', () => {
    const terms = distinctiveTerms([
      [{ text: '华为 手机', weight: 5 }, { text: '拍照手机', weight: 3 }, { text: 'phone case', weight: 1 }],
      [{ text: '坚果 零食', weight: 4 }, { text: '零食 大礼包', weight: 2 }],
    ], 2);
    expect(terms[0]?.[0]).toBe('手机');
    expect(terms[1]?.[0]).toBe('零食');
    expect(terms[0]).not.toContain('零食');
  });
});
