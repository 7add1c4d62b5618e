import { describe, expect, it } from 'vitest';
import { classificationMetrics, confusionMatrix, flagTopShare } from './classification-metrics.ts';

describe('classification metrics', () => {
  it('computes accuracy, precision, recall and F1 from a hand-made confusion matrix', () => {
    const metrics = classificationMetrics({ truePositives: 20, falsePositives: 5, trueNegatives: 60, falseNegatives: 15 });
    expect(metrics.accuracy).toBeCloseTo(80 / 100, 12);
    expect(metrics.precision).toBeCloseTo(20 / 25, 12);
    expect(metrics.recall).toBeCloseTo(20 / 35, 12);
    // F1 = 2·TP / (2·TP + FP + FN) = 40 / 60.
    expect(metrics.f1).toBeCloseTo(40 / 60, 12);
  });

  it('reports 0 rather than NaN when nothing was flagged', () => {
    expect(classificationMetrics({ truePositives: 0, falsePositives: 0, trueNegatives: 9, falseNegatives: 1 })).toEqual({ accuracy: 0.9, precision: 0, recall: 0, f1: 0 });
  });

  it('counts predictions against labels', () => {
    expect(confusionMatrix([1, 1, 0, 0, 1, 0], [1, 0, 0, 1, 1, 0])).toEqual({ truePositives: 2, falsePositives: 1, trueNegatives: 2, falseNegatives: 1 });
  });

  it('flags the top share of scores, ties at the boundary included', () => {
    const { flags, threshold } = flagTopShare([0.9, 0.1, 0.5, 0.7, 0.3], 0.4);
    expect(Array.from(flags)).toEqual([1, 0, 0, 1, 0]);
    expect(threshold).toBe(0.7);
    expect(Array.from(flagTopShare([0.5, 0.5, 0.1], 0.34).flags)).toEqual([1, 1, 0]);
    expect(Array.from(flagTopShare([0.5, 0.2], 0).flags)).toEqual([0, 0]);
  });
});
