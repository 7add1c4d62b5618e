import { describe, expect, it } from 'vitest';
import { PropensityError } from './propensity-error.ts';
import { timeSplit } from './time-split.ts';

describe('timeSplit', () => {
  it('puts the evaluation cutoff one horizon before as-of and the training cutoff one horizon before that', () => {
    expect(timeSplit('2025-09-02', '2025-11-30', 7)).toEqual({
      horizonDays: 7, dataStart: '2025-09-02', asOf: '2025-11-30', trainCutoff: '2025-11-16', evaluationCutoff: '2025-11-23',
    });
    // Across a month boundary.
    expect(timeSplit('2025-01-01', '2025-03-02', 14)).toMatchObject({ trainCutoff: '2025-02-02', evaluationCutoff: '2025-02-16' });
  });

  it('refuses a horizon the history cannot hold and names the longest that fits', () => {
    // 30 days from 11-01: the first cutoff needs 7 days of history (≥ 11-07), so 2 × horizon ≤ 23.
    expect(timeSplit('2025-11-01', '2025-11-30', 11).trainCutoff).toBe('2025-11-08');
    let caught: unknown;
    try {
      timeSplit('2025-11-01', '2025-11-30', 12);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PropensityError);
    expect((caught as PropensityError).parameter).toBe('horizon_days');
    expect((caught as PropensityError).message).toMatch(/at most 11/);
  });
});
