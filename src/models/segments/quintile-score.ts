export type ScoreDirection = 'higher-is-better' | 'lower-is-better';

/** First index in ascending `sorted` whose value is >= `value` (or > `value` when `strict`). */
function boundary(sorted: readonly number[], value: number, strict: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const candidate = sorted[middle] as number;
    if (candidate < value || (strict && candidate === value)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Quintile scores 1–5: score = 1 + floor(5 × (number of customers strictly worse) / n).
 * Ties always share one score (the score of the first tied position, like rank(method='min')), so a value
 * held by many customers (e.g. "one order") never gets split arbitrarily between two scores; the price is
 * that some scores can stay empty when one value covers more than a fifth of the customers.
 */
export function quintileScores(values: readonly number[], direction: ScoreDirection): number[] {
  const count = values.length;
  const sorted = [...values].sort((left, right) => left - right);
  return values.map((value) => {
    const worse = direction === 'higher-is-better' ? boundary(sorted, value, false) : count - boundary(sorted, value, true);
    return 1 + Math.floor((5 * worse) / count);
  });
}
