import { describe, expect, it } from 'vitest';
import { characterNgrams } from './character-ngrams.ts';
import { clauseLexiconScore, lexiconScore } from './lexicon-scorer.ts';

describe('general opinion lexicon scorer', () => {
  it('reads plain praise and complaints in both languages', () => {
    for (const text of ['客服很耐心', '做工精细', 'The strap is sturdy', 'excellent blender']) expect(lexiconScore(text), text).toBeGreaterThan(0);
    for (const text of ['屏幕有坏点', '鞋垫开胶了', 'The lid is flimsy', 'terrible smell']) expect(lexiconScore(text), text).toBeLessThan(0);
    expect(lexiconScore('今天下午收到')).toBe(0);
  });

  it('flips negated opinions, a little weaker', () => {
    expect(clauseLexiconScore('不太好')).toBeLessThan(0);
    expect(clauseLexiconScore('一点都不好用')).toBeLessThan(0);
    expect(clauseLexiconScore('没有色差')).toBeGreaterThan(0);
    expect(clauseLexiconScore('not bad')).toBeGreaterThan(0);
    expect(clauseLexiconScore("doesn't feel cheap")).toBeGreaterThan(0);
    expect(clauseLexiconScore('not worth it')).toBeLessThan(0);
    expect(Math.abs(clauseLexiconScore('not good'))).toBeLessThan(clauseLexiconScore('good'));
    // A negator far before the opinion does not reach it.
    expect(clauseLexiconScore('no box or manual, solid')).toBeGreaterThan(0);
  });

  it('scales by degree words', () => {
    expect(clauseLexiconScore('非常好')).toBeGreaterThan(clauseLexiconScore('好'));
    expect(clauseLexiconScore('有点贵')).toBeGreaterThan(clauseLexiconScore('贵'));
    expect(clauseLexiconScore('very good')).toBeGreaterThan(clauseLexiconScore('good'));
    expect(clauseLexiconScore('a bit slow')).toBeGreaterThan(clauseLexiconScore('slow'));
  });

  it('weights the clause after a contrast over the conceded one', () => {
    expect(lexiconScore('虽然有点贵但是值得')).toBeGreaterThan(0);
    expect(lexiconScore('虽然便宜，但是质量很差')).toBeLessThan(0);
    expect(lexiconScore('pricey, but worth the money')).toBeGreaterThan(0);
    expect(lexiconScore('Although it looks nice, it broke on day two')).toBeLessThan(0);
  });

  it('matches English entries only as whole words', () => {
    expect(clauseLexiconScore('goodness')).toBe(0);
    expect(clauseLexiconScore('badminton racket')).toBe(0);
  });
});

describe('character n-grams', () => {
  it('gives Han bigrams and edge-padded Latin trigrams', () => {
    expect(characterNgrams('质量差')).toEqual(['c:质量', 'c:量差']);
    expect(characterNgrams('Flimsy')).toEqual(['c:^fl', 'c:fli', 'c:lim', 'c:ims', 'c:msy', 'c:sy$']);
    expect(characterNgrams('好 ok')).toEqual(['c:好', 'c:^ok', 'c:ok$']);
  });
});
