import { fitFeatureScaler, scaleRow, type FeatureScaler } from './feature-scaler.ts';
import type { FeatureContribution } from './explain-prediction.ts';
import { fitBoostedTrees, predictBoostedTrees, predictWithFeature, rowPaths, type BoostedTreesModel, type BoostingOptions } from './gradient-boosted-trees.ts';
import { fitLogisticRegression, logisticScore, sigmoid, type LogisticRegressionModel } from './logistic-regression.ts';
import { PROPENSITY_FEATURES, type PropensityFeature } from './propensity-features.ts';

export const PROPENSITY_MODEL_KINDS = ['logistic_regression', 'boosted_trees'] as const;
export type PropensityModelKind = (typeof PROPENSITY_MODEL_KINDS)[number];

export const MODEL_NAMES: Record<PropensityModelKind, { en: string; zh: string }> = {
  logistic_regression: { en: 'logistic regression (L2, standardised features)', zh: '逻辑回归(L2 正则,标准化特征)' },
  boosted_trees: { en: 'gradient-boosted trees (150 depth-3 trees)', zh: '梯度提升树(150 棵深度 3 的树)' },
};

/** L2 strength of the behaviour-feature logistic regression (mean log-loss scale). */
export const LOGISTIC_L2 = 1e-3;
export const BOOSTING_OPTIONS: BoostingOptions = { rounds: 150, maxDepth: 3, learningRate: 0.1, minRowsPerLeaf: 20, l2: 1, maxBins: 32 };

/** Both propensity models trained on one cutoff, plus what is needed to score and explain new rows. */
export interface FittedPropensity {
  features: readonly PropensityFeature[];
  scaler: FeatureScaler;
  logistic: LogisticRegressionModel;
  boosted: BoostedTreesModel;
  /** Evenly spaced scaled training rows: the population a boosted-tree explanation compares a user's value with. */
  background: Float64Array[];
  seconds: Record<PropensityModelKind, number>;
}

/** Rows in the explanation background sample; 200 keeps a 20-user explanation well under a second. */
export const BACKGROUND_ROWS = 200;

function evenlySpaced(rows: readonly Float64Array[], count: number): Float64Array[] {
  if (rows.length <= count) return [...rows];
  return Array.from({ length: count }, (_, index) => rows[Math.floor((index * rows.length) / count)] as Float64Array);
}

export function fitPropensity(raw: readonly (readonly (number | null)[])[], labels: ArrayLike<number>, features: readonly PropensityFeature[] = PROPENSITY_FEATURES): FittedPropensity {
  const scaler = fitFeatureScaler(features, raw);
  const rows = raw.map((row) => scaleRow(features, scaler, row));
  let started = performance.now();
  const logistic = fitLogisticRegression(rows, labels, { l2: LOGISTIC_L2 }).model;
  const logisticSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const boosted = fitBoostedTrees(rows, labels, BOOSTING_OPTIONS).model;
  const boostedSeconds = (performance.now() - started) / 1000;
  return { features, scaler, logistic, boosted, background: evenlySpaced(rows, BACKGROUND_ROWS), seconds: { logistic_regression: logisticSeconds, boosted_trees: boostedSeconds } };
}

export function predictPropensity(model: FittedPropensity, kind: PropensityModelKind, raw: readonly (number | null)[]): number {
  const row = scaleRow(model.features, model.scaler, raw);
  return kind === 'logistic_regression' ? sigmoid(logisticScore(model.logistic, row)) : predictBoostedTrees(model.boosted, row);
}

/**
 * Why one user scores as they do. Logistic regression: coefficient × standardised value, the log-odds each
 * feature adds against an average user (exact: they sum to score − intercept). Boosted trees: the user's
 * probability minus its average when that one feature takes the background sample's values instead (other
 * features kept), so a feature counts when this user's value beats what shoppers usually have.
 */
export function explainPropensity(model: FittedPropensity, kind: PropensityModelKind, raw: readonly (number | null)[]): FeatureContribution[] {
  const row = scaleRow(model.features, model.scaler, raw);
  if (kind === 'logistic_regression') {
    return model.features.map((feature, column) => ({ feature: feature.id, contribution: (model.logistic.coefficients[column] as number) * (row[column] as number), value: raw[column] ?? null }));
  }
  const probability = predictBoostedTrees(model.boosted, row);
  // 200 background values × 150 trees per feature made 20 explanations ≈1.4 s; only trees that test the feature on
  // this row's path can change, so only those are walked again (same result up to rounding).
  const paths = rowPaths(model.boosted, row);
  return model.features.map((feature, column) => {
    let sum = 0;
    for (const background of model.background) sum += predictWithFeature(model.boosted, row, paths, column, background[column] as number);
    return { feature: feature.id, contribution: probability - sum / Math.max(model.background.length, 1), value: raw[column] ?? null };
  });
}
