/** Iglewicz and Hoaglin's cut-off: a modified z-score of 3.5 or more marks a likely outlier. */
export const OUTLIER_Z = 3.5;

/** 0.6745 is the 75th percentile of the standard normal: it makes MAD-based z comparable to ordinary z-scores. */
const MAD_TO_Z = 0.6745;
/** Scale used when the MAD is zero (over half the values equal): the mean absolute deviation, as in IBM's variant. */
const MEAN_AD_TO_Z = 0.7979;

export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface RobustCentre {
  median: number;
  /** Median absolute deviation from the median. */
  mad: number;
  /** What one z unit is on the value's scale. 0 when all values are equal. */
  scale: number;
}

/**
 * Robust centre and spread: a few extreme values (the very bots we look for) move neither, unlike the mean and
 * standard deviation.
 */
export function robustCentre(values: ArrayLike<number>): RobustCentre {
  const centre = median(values);
  const deviations = Float64Array.from(values, (value) => Math.abs(value - centre));
  const mad = median(deviations);
  if (mad > 0) return { median: centre, mad, scale: mad / MAD_TO_Z };
  let meanDeviation = 0;
  for (const deviation of deviations) meanDeviation += deviation;
  meanDeviation /= Math.max(deviations.length, 1);
  return { median: centre, mad, scale: meanDeviation > 0 ? meanDeviation / MEAN_AD_TO_Z : 0 };
}

/** Modified z-score of `value` against `centre`; 0 when the reference values had no spread at all. */
export function robustZ(value: number, centre: RobustCentre): number {
  return centre.scale > 0 ? (value - centre.median) / centre.scale : 0;
}

export interface CountBaseline {
  median: number;
  scale: number;
}

/**
 * Robust baseline for counts (orders per hour, orders per user): the scale never falls below Poisson noise,
 * √median and at least 1, so sparse counts (a median of 0 or 1 with no spread) do not turn a single extra
 * order into an "outlier".
 */
export function countBaseline(reference: ArrayLike<number>): CountBaseline {
  const centre = robustCentre(reference);
  return { median: centre.median, scale: Math.max(centre.mad / MAD_TO_Z, Math.sqrt(Math.max(centre.median, 1))) };
}

export function countZ(count: number, baseline: CountBaseline): number {
  return (count - baseline.median) / baseline.scale;
}
