import { describe, expect, it } from 'vitest';
import { CATEGORIES } from './catalogue.ts';
import { SeededRandom } from '../random/seeded-random.ts';
import { composeReview, ratingAgreesWith } from './review-text.ts';

const aspects = CATEGORIES.find((category) => category.key === 'headphones')!.aspects;

describe('composeReview', () => {
  it('agrees with its own text 85–92% of the time, on purpose not always', () => {
    const random = new SeededRandom(11);
    let agreeing = 0;
    const total = 6000;
    for (let index = 0; index < total; index++) {
      const review = composeReview(random, {
        language: index % 2 === 0 ? 'zh' : 'en',
        aspects,
        satisfaction: random.uniform(0.2, 0.95),
        slowDelivery: random.chance(0.2),
        defectPhrase: undefined,
      });
      expect(review.ratingAgrees).toBe(ratingAgreesWith(review.sentiment, review.rating));
      if (review.ratingAgrees) agreeing++;
    }
    expect(agreeing / total).toBeGreaterThan(0.85);
    expect(agreeing / total).toBeLessThan(0.92);
  });

  it('rates praise higher than complaints on average', () => {
    const random = new SeededRandom(3);
    const average = (satisfaction: number): number => {
      let sum = 0;
      for (let index = 0; index < 2000; index++) {
        sum += composeReview(random, { language: 'zh', aspects, satisfaction, slowDelivery: false, defectPhrase: undefined }).rating;
      }
      return sum / 2000;
    };
    expect(average(0.95)).toBeGreaterThan(average(0.2) + 1.5);
  });

  it('writes mixed opinions with a contrast word and always includes a given defect complaint', () => {
    const random = new SeededRandom(8);
    const mixedZh: string[] = [];
    const mixedEn: string[] = [];
    for (let index = 0; index < 3000; index++) {
      const language = index % 2 === 0 ? 'zh' : 'en';
      const defectPhrase = index % 10 === 0 ? (language === 'zh' ? '左耳经常断连' : 'the left earbud keeps disconnecting') : undefined;
      const review = composeReview(random, { language, aspects, satisfaction: 0.6, slowDelivery: true, defectPhrase });
      if (defectPhrase) expect(review.text.toLowerCase()).toContain(defectPhrase.toLowerCase());
      if (review.sentiment === 'mixed') (language === 'zh' ? mixedZh : mixedEn).push(review.text);
      if (defectPhrase) expect(review.sentiment).not.toBe('positive');
    }
    expect(mixedZh.length).toBeGreaterThan(100);
    expect(mixedZh.every((text) => /但是|不过|就是|可惜|好在|还好/.test(text))).toBe(true);
    expect(mixedEn.every((text) => /but|although|however|on the plus side/.test(text))).toBe(true);
    expect(mixedEn.every((text) => text[0] === text[0]!.toUpperCase())).toBe(true);
  });

  it('varies its wording', () => {
    const random = new SeededRandom(21);
    const texts = new Set<string>();
    for (let index = 0; index < 500; index++) {
      texts.add(composeReview(random, { language: 'zh', aspects, satisfaction: 0.8, slowDelivery: false, defectPhrase: undefined }).text);
    }
    expect(texts.size).toBeGreaterThan(300);
  });
});
