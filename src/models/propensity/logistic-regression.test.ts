import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../random/seeded-random.ts';
import { fitLogisticRegression, predictLogistic, sigmoid } from './logistic-regression.ts';
import { rocAuc } from './roc-auc.ts';

function uniformRows(count: number, width: number, seed: number): Float64Array[] {
  const random = new SeededRandom(seed, 'logistic-test');
  return Array.from({ length: count }, () => Float64Array.from({ length: width }, () => random.uniform(-1, 1)));
}

describe('fitLogisticRegression', () => {
  it('separates a linearly separable problem with coefficients of the right signs (both solvers)', () => {
    const rows = uniformRows(2000, 3, 1);
    // Label = 1 exactly when x0 − 2·x1 > 0; x2 is noise.
    const labels = Uint8Array.from(rows, (row) => ((row[0] as number) - 2 * (row[1] as number) > 0 ? 1 : 0));
    for (const solver of ['newton', 'gradient'] as const) {
      const fit = fitLogisticRegression(rows, labels, { l2: 1e-3, solver, maxIterations: solver === 'gradient' ? 3000 : 50 });
      const scores = rows.map((row) => predictLogistic(fit.model, row));
      const auc = rocAuc(scores, labels);
      const [first, second, noise] = fit.model.coefficients as unknown as number[];
      console.log(`${solver}: AUC ${auc.toFixed(4)}, coefficients ${[first, second, noise].map((value) => value?.toFixed(3)).join(', ')}, ${fit.iterations} iterations`);
      expect(auc).toBeGreaterThan(0.99);
      expect(first).toBeGreaterThan(0);
      expect(second).toBeLessThan(0);
      // The boundary x0 = 2·x1: the second coefficient is about twice the first, the noise one far smaller.
      expect(Math.abs(second as number) / (first as number)).toBeGreaterThan(1.6);
      expect(Math.abs(second as number) / (first as number)).toBeLessThan(2.4);
      expect(Math.abs(noise as number)).toBeLessThan(0.1 * Math.abs(second as number));
    }
  });

  it('recovers the parameters that generated the labels', () => {
    const rows = uniformRows(20000, 2, 2);
    const truth = { intercept: -0.5, coefficients: [1.5, -1] };
    const random = new SeededRandom(3, 'labels');
    const labels = Uint8Array.from(rows, (row) =>
      random.next() < sigmoid(truth.intercept + truth.coefficients[0]! * row[0]! + truth.coefficients[1]! * row[1]!) ? 1 : 0);
    const newton = fitLogisticRegression(rows, labels, { l2: 0, solver: 'newton' });
    expect(newton.converged).toBe(true);
    expect(newton.model.intercept).toBeCloseTo(truth.intercept, 1);
    expect(Math.abs(newton.model.coefficients[0]! - 1.5)).toBeLessThan(0.15);
    expect(Math.abs(newton.model.coefficients[1]! + 1)).toBeLessThan(0.15);
    // The first-order solver reaches the same optimum.
    const gradient = fitLogisticRegression(rows, labels, { l2: 0, solver: 'gradient', maxIterations: 5000, tolerance: 1e-7 });
    expect(gradient.model.intercept).toBeCloseTo(newton.model.intercept, 3);
    expect(gradient.model.coefficients[0]).toBeCloseTo(newton.model.coefficients[0]!, 3);
    expect(gradient.model.coefficients[1]).toBeCloseTo(newton.model.coefficients[1]!, 3);
  });

  it('is deterministic and shrinks coefficients as the L2 penalty grows', () => {
    const rows = uniformRows(500, 2, 4);
    const labels = Uint8Array.from(rows, (row) => (row[0]! + 0.3 * row[1]! > 0 ? 1 : 0));
    const once = fitLogisticRegression(rows, labels, { l2: 0.01 });
    const again = fitLogisticRegression(rows, labels, { l2: 0.01 });
    expect(Array.from(again.model.coefficients)).toEqual(Array.from(once.model.coefficients));
    const strong = fitLogisticRegression(rows, labels, { l2: 1 });
    expect(Math.abs(strong.model.coefficients[0]!)).toBeLessThan(Math.abs(once.model.coefficients[0]!));
  });

  it('refuses mismatched rows and labels with a message that says what to pass', () => {
    expect(() => fitLogisticRegression([Float64Array.of(1)], Uint8Array.of(1, 0))).toThrow(/one label per row/);
  });
});
