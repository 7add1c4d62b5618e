import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../random/seeded-random.ts';
import { fitBoostedTrees, predictBoostedTrees, predictWithFeature, rowPaths } from './gradient-boosted-trees.ts';
import { fitLogisticRegression, predictLogistic } from './logistic-regression.ts';
import { rocAuc } from './roc-auc.ts';

function xorProblem(count: number, seed: number): { rows: Float64Array[]; labels: Uint8Array } {
  const random = new SeededRandom(seed, 'xor');
  const rows = Array.from({ length: count }, () => Float64Array.of(random.uniform(-1, 1), random.uniform(-1, 1), random.uniform(-1, 1)));
  return { rows, labels: Uint8Array.from(rows, (row) => ((row[0]! > 0) !== (row[1]! > 0) ? 1 : 0)) };
}

describe('fitBoostedTrees', () => {
  it('learns an interaction (XOR) that a linear model cannot, and scores new rows from the same rule', () => {
    const training = xorProblem(3000, 1);
    const test = xorProblem(1000, 2);
    const boosted = fitBoostedTrees(training.rows, training.labels, { rounds: 60, maxDepth: 2 });
    const linear = fitLogisticRegression(training.rows, training.labels);
    const boostedAuc = rocAuc(test.rows.map((row) => predictBoostedTrees(boosted.model, row)), test.labels);
    const linearAuc = rocAuc(test.rows.map((row) => predictLogistic(linear.model, row)), test.labels);
    console.log(`XOR test AUC: boosted trees ${boostedAuc.toFixed(3)}, logistic regression ${linearAuc.toFixed(3)}`);
    expect(boostedAuc).toBeGreaterThan(0.97);
    expect(linearAuc).toBeLessThan(0.65);
  });

  it('starts from the base rate and is deterministic', () => {
    const { rows, labels } = xorProblem(400, 3);
    const positives = labels.reduce((sum, label) => sum + label, 0);
    const none = fitBoostedTrees(rows, labels, { rounds: 0 });
    expect(predictBoostedTrees(none.model, rows[0]!)).toBeCloseTo(positives / rows.length, 10);
    const once = fitBoostedTrees(rows, labels, { rounds: 20 });
    const again = fitBoostedTrees(rows, labels, { rounds: 20 });
    expect(again.model).toEqual(once.model);
  });

  it('respects the minimum leaf size: with it above half the rows no split is possible', () => {
    const { rows, labels } = xorProblem(100, 4);
    const fit = fitBoostedTrees(rows, labels, { rounds: 5, minRowsPerLeaf: 51 });
    expect(fit.model.trees.every((tree) => tree.length === 1)).toBe(true);
  });

  it('scores a row with one feature changed exactly as the whole model does, walking only the trees that test it', () => {
    const { rows, labels } = xorProblem(600, 5);
    const { model } = fitBoostedTrees(rows, labels, { rounds: 40, maxDepth: 3 });
    let compared = 0;
    for (const row of rows.slice(0, 25)) {
      const paths = rowPaths(model, row);
      expect(1 / (1 + Math.exp(-paths.score))).toBeCloseTo(predictBoostedTrees(model, row), 12);
      for (let feature = 0; feature < row.length; feature++) {
        for (const value of [-0.9, -0.1, 0, 0.3, 0.95, row[feature]!]) {
          const changed = Float64Array.from(row);
          changed[feature] = value;
          expect(predictWithFeature(model, row, paths, feature, value)).toBeCloseTo(predictBoostedTrees(model, changed), 12);
          compared += 1;
        }
      }
    }
    expect(compared).toBe(25 * 3 * 6);
  });
});
