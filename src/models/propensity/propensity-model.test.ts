import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../random/seeded-random.ts';
import { topReasons } from './explain-prediction.ts';
import { logisticScore } from './logistic-regression.ts';
import { PROPENSITY_FEATURES } from './propensity-features.ts';
import { explainPropensity, fitPropensity, predictPropensity } from './propensity-model.ts';
import { scaleRow } from './feature-scaler.ts';

const FEATURES = ['carts_7d', 'sessions_30d', 'days_since_last_visit', 'gender_female'].map((id) => {
  const feature = PROPENSITY_FEATURES.find((candidate) => candidate.id === id);
  if (!feature) throw new Error(`no feature ${id}`);
  return feature;
});

/** Buyers are exactly the users with at least two add-to-carts this week; the other features are noise. */
function synthetic(count: number, seed: number): { raw: (number | null)[][]; labels: Uint8Array } {
  const random = new SeededRandom(seed, 'propensity-model');
  const raw = Array.from({ length: count }, () => [
    random.integer(0, 4),
    random.integer(0, 20),
    random.next() < 0.2 ? null : random.integer(0, 60),
    random.integer(0, 1),
  ]);
  return { raw, labels: Uint8Array.from(raw, (row) => ((row[0] as number) >= 2 ? 1 : 0)) };
}

describe('propensity model explanations', () => {
  const { raw, labels } = synthetic(1500, 1);
  const fitted = fitPropensity(raw, labels, FEATURES);

  it('logistic-regression contributions add up to the score minus the intercept', () => {
    for (const row of raw.slice(0, 20)) {
      const contributions = explainPropensity(fitted, 'logistic_regression', row);
      const sum = contributions.reduce((total, entry) => total + entry.contribution, 0);
      expect(sum).toBeCloseTo(logisticScore(fitted.logistic, scaleRow(FEATURES, fitted.scaler, row)) - fitted.logistic.intercept, 9);
    }
  });

  it('names the feature that decides the label first, in both languages', () => {
    const buyer = [3, 5, 10, 0];
    const nonBuyer = [0, 5, 10, 0];
    for (const kind of ['logistic_regression', 'boosted_trees'] as const) {
      expect(predictPropensity(fitted, kind, buyer)).toBeGreaterThan(predictPropensity(fitted, kind, nonBuyer));
      const [first] = topReasons(FEATURES, explainPropensity(fitted, kind, buyer));
      expect(first?.feature).toBe('carts_7d');
      expect(first?.direction).toBe('raises');
      expect(first?.text_en).toBe('3 add-to-cart(s) in the last 7 days (raises the chance)');
      expect(first?.text_zh).toBe('近7天加购 3 次(提高购买可能)');
      const [against] = topReasons(FEATURES, explainPropensity(fitted, kind, nonBuyer));
      expect(against?.feature).toBe('carts_7d');
      expect(against?.direction).toBe('lowers');
    }
  });

  it('gives a feature the trees never split on no boosted-tree contribution', () => {
    // gender_female is constant in training, so no tree can split on it.
    const constant = raw.map((row) => [row[0] ?? null, row[1] ?? null, row[2] ?? null, 0]);
    const model = fitPropensity(constant, labels, FEATURES);
    const used = new Set(model.boosted.trees.flatMap((tree) => tree.filter((node) => node.feature >= 0).map((node) => node.feature)));
    expect(used.has(3)).toBe(false);
    expect(used.has(0)).toBe(true);
    const contributions = explainPropensity(model, 'boosted_trees', [3, 5, null, 1]);
    expect(Math.abs(contributions[3]?.contribution ?? Number.NaN)).toBeLessThan(1e-12);
    expect(contributions[0]?.contribution).toBeGreaterThan(0.1);
  });
});
