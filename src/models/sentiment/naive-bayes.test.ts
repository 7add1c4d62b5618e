import { describe, expect, it } from 'vitest';
import { trainNaiveBayes } from './naive-bayes.ts';

describe('trainNaiveBayes', () => {
  // Positive: {good, fast}, {good}; negative: {slow}, {slow, good} (good counted once in "good good").
  const documents = [
    { features: ['good', 'fast'], positive: true },
    { features: ['good', 'good'], positive: true },
    { features: ['slow'], positive: false },
    { features: ['slow', 'good'], positive: false },
  ];

  it('computes smoothed log-likelihood ratios that match a hand calculation', () => {
    const model = trainNaiveBayes(documents);
    // Vocabulary {fast, good, slow}; positive counts good 2, fast 1, slow 0 → total 3 + 3 = 6;
    // negative counts slow 2, good 1, fast 0 → total 3 + 3 = 6.
    expect(model.weightOf('good')).toBeCloseTo(Math.log(3 / 6) - Math.log(2 / 6), 12);
    expect(model.weightOf('fast')).toBeCloseTo(Math.log(2 / 6) - Math.log(1 / 6), 12);
    expect(model.weightOf('slow')).toBeCloseTo(Math.log(1 / 6) - Math.log(3 / 6), 12);
    expect(model.logPriorOdds).toBe(0);
    expect(model.logOdds(['good', 'slow', 'unknown'])).toBeCloseTo(Math.log(3 / 2) + Math.log(1 / 3), 12);
    expect(model.probabilityPositive(['fast'])).toBeCloseTo(2 / 3, 12);
  });

  it('adds prior pseudo-counts before smoothing, so a word never seen in training still has a polarity', () => {
    const model = trainNaiveBayes(documents, { prior: new Map([['great', { positive: 2, negative: 0 }]]) });
    // Vocabulary {fast, good, great, slow}; positive total 3 + 2 + 4 = 9, negative total 3 + 4 = 7.
    expect(model.weightOf('great')).toBeCloseTo(Math.log(3 / 9) - Math.log(1 / 7), 12);
    expect(model.weightOf('good')).toBeCloseTo(Math.log(3 / 9) - Math.log(2 / 7), 12);
  });

  it('refuses a training set with one class only', () => {
    expect(() => trainNaiveBayes([{ features: ['a'], positive: true }])).toThrow(/both classes/);
  });
});
