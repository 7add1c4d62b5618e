import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rocAuc } from './roc-auc.ts';

/** AUC by definition: share of (positive, negative) pairs ranked correctly, ties counting one half. */
function pairwiseAuc(scores: number[], labels: number[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((positive, first) => {
    if (labels[first] !== 1) return;
    scores.forEach((negative, second) => {
      if (labels[second] !== 0) return;
      pairs += 1;
      wins += positive > negative ? 1 : positive === negative ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('rocAuc', () => {
  it('matches hand-computed examples', () => {
    // Pairs (positive, negative): (0.35, 0.1) ✓ (0.35, 0.4) ✗ (0.8, 0.1) ✓ (0.8, 0.4) ✓ → 3/4.
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    // A tie between a positive and a negative counts one half: (0.5, 0.5) ½ (0.5, 0.2) 1 (0.9, 0.5) 1 (0.9, 0.2) 1 → 3.5/4.
    expect(rocAuc([0.5, 0.5, 0.2, 0.9], [1, 0, 0, 1])).toBe(0.875);
    expect(rocAuc([1, 2, 3], [1, 1, 0])).toBe(0);
    expect(rocAuc([7, 7, 7, 7], [1, 0, 1, 0])).toBe(0.5);
  });

  it('is undefined (NaN) without both classes', () => {
    expect(rocAuc([0.2, 0.4], [1, 1])).toBeNaN();
    expect(rocAuc([], [])).toBeNaN();
  });

  it('equals the pairwise definition on random data with ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1 })), { minLength: 2, maxLength: 60 })
          .filter((pairs) => pairs.some(([, label]) => label === 1) && pairs.some(([, label]) => label === 0)),
        (pairs) => {
          const scores = pairs.map(([score]) => score);
          const labels = pairs.map(([, label]) => label);
          expect(rocAuc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });
});
