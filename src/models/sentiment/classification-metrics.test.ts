import { describe, expect, it } from 'vitest';
import { binaryClassificationMetrics } from './classification-metrics.ts';

describe('binaryClassificationMetrics', () => {
  it('matches a hand-counted confusion matrix', () => {
    // TP 3, FN 1, FP 2, TN 4.
    const cases = [
      ...Array.from({ length: 3 }, () => ({ actual: true, predicted: true })),
      { actual: true, predicted: false },
      ...Array.from({ length: 2 }, () => ({ actual: false, predicted: true })),
      ...Array.from({ length: 4 }, () => ({ actual: false, predicted: false })),
    ];
    const metrics = binaryClassificationMetrics(cases);
    expect(metrics.accuracy).toBeCloseTo(7 / 10, 12);
    expect(metrics.positive.precision).toBeCloseTo(3 / 5, 12);
    expect(metrics.positive.recall).toBeCloseTo(3 / 4, 12);
    expect(metrics.positive.f1).toBeCloseTo((2 * 0.6 * 0.75) / 1.35, 12);
    expect(metrics.negative.precision).toBeCloseTo(4 / 5, 12);
    expect(metrics.negative.recall).toBeCloseTo(4 / 6, 12);
    expect(metrics.macroF1).toBeCloseTo((metrics.positive.f1 + metrics.negative.f1) / 2, 12);
  });

  it('gives a class that is never predicted precision, recall and F1 of zero', () => {
    const metrics = binaryClassificationMetrics([{ actual: true, predicted: true }, { actual: false, predicted: true }]);
    expect(metrics.negative).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(metrics.accuracy).toBe(0.5);
  });
});
