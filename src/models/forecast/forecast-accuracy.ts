/**
 * Mean absolute percentage error in percent over the days whose actual value is not 0 (a percentage of
 * zero is undefined); NaN when no day qualifies.
 */
export function meanAbsolutePercentageError(actual: readonly number[], forecast: readonly number[]): number {
  let sum = 0;
  let count = 0;
  actual.forEach((value, index) => {
    if (value === 0) return;
    sum += Math.abs(value - (forecast[index] as number)) / Math.abs(value);
    count += 1;
  });
  return count === 0 ? Number.NaN : (100 * sum) / count;
}

/** Symmetric MAPE in percent: mean of 2|y − ŷ| / (|y| + |ŷ|), a day with both 0 counting as 0 error. */
export function symmetricMeanAbsolutePercentageError(actual: readonly number[], forecast: readonly number[]): number {
  if (actual.length === 0) return Number.NaN;
  const sum = actual.reduce((total, value, index) => {
    const predicted = forecast[index] as number;
    const denominator = Math.abs(value) + Math.abs(predicted);
    return total + (denominator === 0 ? 0 : (2 * Math.abs(value - predicted)) / denominator);
  }, 0);
  return (100 * sum) / actual.length;
}

/**
 * Seasonal naive forecast: each future day repeats the same weekday of the last observed season. With
 * `skip`, it repeats the latest same-weekday day that is not skipped (outside promotion windows), which is
 * the fairer baseline right after a festival.
 */
export function seasonalNaive(history: readonly number[], period: number, horizon: number, skip?: readonly boolean[]): number[] {
  const length = history.length;
  return Array.from({ length: horizon }, (_, index) => {
    let source = length - period + (index % period);
    if (skip) {
      let candidate = source;
      while (candidate >= 0 && skip[candidate]) candidate -= period;
      if (candidate >= 0) source = candidate;
    }
    return history[source] as number;
  });
}
