import { describe, expect, it } from 'vitest';
import { meanAbsolutePercentageError, seasonalNaive, symmetricMeanAbsolutePercentageError } from './forecast-accuracy.ts';

describe('forecast accuracy', () => {
  it('computes MAPE by hand, leaving out days whose actual is 0', () => {
    // |100−110|/100 = 0.1, |200−180|/200 = 0.1, the 0 day is skipped, |50−50|/50 = 0 → mean 0.2/3.
    expect(meanAbsolutePercentageError([100, 200, 0, 50], [110, 180, 5, 50])).toBeCloseTo((100 * 0.2) / 3, 12);
    expect(meanAbsolutePercentageError([0, 0], [1, 2])).toBeNaN();
  });

  it('computes sMAPE by hand, a 0/0 day counting as no error', () => {
    const expected = (100 * ((2 * 10) / 210 + (2 * 20) / 380 + (2 * 5) / 5 + 0 + 0)) / 5;
    expect(symmetricMeanAbsolutePercentageError([100, 200, 0, 50, 0], [110, 180, 5, 50, 0])).toBeCloseTo(expected, 12);
  });

  it('repeats the last season, or the latest non-skipped same weekday', () => {
    const history = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // Period 7: the last season is indices 3 … 9 (values 4 … 10).
    expect(seasonalNaive(history, 7, 10)).toEqual([4, 5, 6, 7, 8, 9, 10, 4, 5, 6]);
    const skip = history.map((_, index) => index === 4 || index === 9);
    // Index 4 is skipped → 4 − 7 < 0, keep it; index 9 is skipped → index 2 (value 3).
    expect(seasonalNaive(history, 7, 7, skip)).toEqual([4, 5, 6, 7, 8, 9, 3]);
  });
});
