import { describe, expect, it } from 'vitest';
import { countBaseline, countZ, median, robustCentre, robustZ } from './robust-z-score.ts';

describe('robust z-scores', () => {
  it('uses the median and MAD, so one extreme value does not hide itself', () => {
    const values = [1, 2, 3, 4, 100];
    const centre = robustCentre(values);
    // median 3; absolute deviations 2, 1, 0, 1, 97 → MAD 1; z = 0.6745 · (x − 3) / 1.
    expect(centre).toMatchObject({ median: 3, mad: 1 });
    expect(robustZ(100, centre)).toBeCloseTo(0.6745 * 97, 10);
    expect(robustZ(2, centre)).toBeCloseTo(-0.6745, 10);
  });

  it('falls back to the mean absolute deviation when over half the values are equal, and to 0 without spread', () => {
    const centre = robustCentre([5, 5, 5, 5, 9]);
    // MAD 0; mean absolute deviation 4/5 = 0.8; z = 0.7979 · (9 − 5) / 0.8.
    expect(centre.mad).toBe(0);
    expect(robustZ(9, centre)).toBeCloseTo((0.7979 * 4) / 0.8, 10);
    expect(robustZ(9, robustCentre([2, 2, 2]))).toBe(0);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('never lets the count scale fall below Poisson noise', () => {
    // Mostly zeros: MAD 0, median 0 → scale 1, so 5 orders is z 5.
    expect(countZ(5, countBaseline([0, 0, 0, 1, 0]))).toBe(5);
    // Median 100, MAD 5 (scale 7.41) is narrower than √100 = 10, so √median wins: 130 is z 3.
    expect(countZ(130, countBaseline([90, 95, 100, 105, 110]))).toBeCloseTo(3, 10);
    // Median 100, MAD 20 → scale 20 / 0.6745 = 29.65 > 10.
    expect(countZ(160, countBaseline([60, 80, 100, 120, 140]))).toBeCloseTo((60 * 0.6745) / 20, 10);
  });
});
