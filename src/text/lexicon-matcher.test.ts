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
