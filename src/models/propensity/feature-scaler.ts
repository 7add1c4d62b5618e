import type { PropensityFeature } from './propensity-features.ts';

/** Everything learnt from the training rows to turn raw feature values into model inputs; reused unchanged on later cutoffs. */
export interface FeatureScaler {
  /** Value substituted for NULL per feature (fixed, or the training median). */
  fills: number[];
  means: number[];
  standardDeviations: number[];
}

function transformValue(feature: PropensityFeature, value: number | null, fill: number): number {
  let result = value ?? fill;
  if (feature.cap !== undefined) result = Math.min(result, feature.cap);
  return feature.transform === 'log1p' ? Math.log1p(Math.max(result, 0)) : result;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Fits fills (medians of the defined values), then means and standard deviations of the transformed columns. */
export function fitFeatureScaler(features: readonly PropensityFeature[], rows: readonly (readonly (number | null)[])[]): FeatureScaler {
  const fills = features.map((feature, column) => {
    if (feature.whenMissing !== 'median') return feature.whenMissing;
    const defined = rows.flatMap((row) => (row[column] === null || row[column] === undefined ? [] : [row[column] as number]));
    return median(defined.map((value) => (feature.cap === undefined ? value : Math.min(value, feature.cap))));
  });
  const means = features.map(() => 0);
  const standardDeviations = features.map(() => 0);
  features.forEach((feature, column) => {
    const transformed = rows.map((row) => transformValue(feature, row[column] ?? null, fills[column] as number));
    const mean = transformed.reduce((sum, value) => sum + value, 0) / Math.max(transformed.length, 1);
    const variance = transformed.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(transformed.length, 1);
    means[column] = mean;
    // A constant column (e.g. no tier-4 users) becomes all zeros instead of dividing by zero.
    standardDeviations[column] = variance > 1e-18 ? Math.sqrt(variance) : 1;
  });
  return { fills, means, standardDeviations };
}

/** One raw row as standardised model inputs. */
export function scaleRow(features: readonly PropensityFeature[], scaler: FeatureScaler, row: readonly (number | null)[]): Float64Array {
  const scaled = new Float64Array(features.length);
  features.forEach((feature, column) => {
    const value = transformValue(feature, row[column] ?? null, scaler.fills[column] as number);
    scaled[column] = (value - (scaler.means[column] as number)) / (scaler.standardDeviations[column] as number);
  });
  return scaled;
}
