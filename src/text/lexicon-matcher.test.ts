import { describe, expect, it } from 'vitest';
import { LexiconMatcher } from './lexicon-matcher.ts';
import { normalizeQuestion } from './normalize-question.ts';

describe('LexiconMatcher', () => {
  const matcher = new LexiconMatcher([
    { phrase: 'UV', meaning: 'uv' },
    { phrase: 'revenue', meaning: 'gmv' },
    { phrase: '手机', meaning: 'category:Phones' },
    { phrase: '手机端', meaning: 'device:mobile' },
    { phrase: 'conversion rate', meaning: 'conversion_rate' },
    { phrase: 'conversion', meaning: 'conversion_rate' },
  ]);

  it('prefers the longest phrase and never overlaps', () => {
    const matches = matcher.findAll(normalizeQuestion('手机端的UV和手机品类'));
    expect(matches.map((match) => match.meaning)).toEqual(['device:mobile', 'uv', 'category:Phones']);
  });

  it('respects English word boundaries', () => {
    expect(matcher.findAll('revenue by city').map((match) => match.meaning)).toEqual(['gmv']);
    expect(matcher.findAll('uvula').length).toBe(0);
    expect(matcher.findAll('conversion rate by device').map((match) => match.phrase)).toEqual(['conversion rate']);
  });

  it('finds every occurrence of a phrase; of overlapping ones the longer, then the earlier English one or the Chinese one listed first', () => {
    const repeated = new LexiconMatcher([{ phrase: '哈哈', meaning: 'laugh' }]);
    expect(repeated.findAll('哈哈哈哈哈').map((match) => match.start)).toEqual([0, 2]);
    // Chinese has no word edges: of two equally long overlapping phrases the one listed first is read.
    const sameLength = new LexiconMatcher([{ phrase: '乙丙', meaning: 'second' }, { phrase: '甲乙', meaning: 'first' }, { phrase: '甲', meaning: 'short' }]);
    expect(sameLength.findAll('甲乙丙').map((match) => `${match.meaning}@${match.start}`)).toEqual(['short@0', 'second@1']);
    expect(sameLength.findAll('甲乙 甲乙').map((match) => `${match.meaning}@${match.start}`)).toEqual(['first@0', 'first@3']);
    // English words have edges: "new vs returning buyers" reads the split that starts first.
    const english = new LexiconMatcher([{ phrase: 'returning buyers', meaning: 'metric' }, { phrase: 'new vs returning', meaning: 'split' }]);
    expect(english.findAll('new vs returning buyers').map((match) => `${match.meaning}@${match.start}`)).toEqual(['split@0']);
  });

  it('skips spans other passes already took', () => {
    const text = 'uv of 手机';
    const taken = new Array(text.length).fill(false);
    taken[0] = true;
    expect(matcher.findAll(text, taken).map((match) => match.meaning)).toEqual(['category:Phones']);
  });
});

describe('normalizeQuestion', () => {
  it('folds full-width characters and zero-width spaces', () => {
    expect(normalizeQuestion('ＧＭＶ\u200b 按　城市？')).toBe('gmv 按 城市?');
  });
});
