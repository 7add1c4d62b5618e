import { describe, expect, it } from 'vitest';
import { markNegation } from './negation.ts';
import { clauseFeatures, clauseWords, reviewFeatures } from './review-tokens.ts';

describe('negation marking', () => {
  it('makes "不好" and "好" different features', () => {
    expect(clauseFeatures('好')).toEqual(['好']);
    expect(clauseFeatures('不好')).toEqual(['NEG_好']);
    expect(clauseFeatures('不好')).not.toContain('好');
  });

  it('marks the three words after a standalone Chinese negator', () => {
    // jieba cuts 没有想象中好 into 没有 / 想象 / 中好; the negator itself is not a feature.
    expect(markNegation(['没有', '想象', '中好'])).toEqual(['NEG_想象', 'NEG_中好']);
    expect(markNegation(['不', '推荐', '这', '款', '耳机'])).toEqual(['NEG_推荐', 'NEG_这', 'NEG_款', '耳机']);
  });

  it('splits words that carry their negation inside, keeps look-alikes that do not negate', () => {
    expect(markNegation(['不太好'])).toEqual(['NEG_好']);
    expect(markNegation(['性价比', '不高'])).toEqual(['性价比', 'NEG_高']);
    expect(markNegation(['不会', '再', '买'])).toEqual(['NEG_会', 'NEG_再', 'NEG_买']);
    expect(markNegation(['不过', '物流', '慢'])).toEqual(['不过', '物流', '慢']);
    expect(markNegation(['没想到', '这么', '好'])).toEqual(['没想到', '这么', '好']);
  });

  it('handles English negators, including n\'t forms and hardly', () => {
    expect(clauseWords("Isn't great, NOT bad")).toEqual(["isn't", 'great', 'not', 'bad']);
    expect(markNegation(['not', 'bad', 'at', 'all', 'really'])).toEqual(['NEG_bad', 'NEG_at', 'NEG_all', 'really']);
    expect(markNegation(["doesn't", 'work'])).toEqual(['NEG_work']);
    expect(markNegation(['hardly', 'works'])).toEqual(['NEG_works']);
    expect(markNegation(['never', 'again'])).toEqual(['NEG_again']);
    expect(clauseFeatures('not bad')).toEqual(['NEG_bad']);
    expect(clauseFeatures('bad')).toEqual(['bad']);
  });

  it('never carries negation across a clause boundary, and adds bigrams inside clauses only', () => {
    const features = reviewFeatures('不好，物流快');
    expect(features).toContain('NEG_好');
    expect(features).toContain('物流');
    expect(features).not.toContain('NEG_物流');
    expect(features.filter((feature) => feature.includes(' '))).toEqual(['物流 快']);
    expect(reviewFeatures('not good but fast')).toEqual(['NEG_good', 'fast']);
  });
});
