import { describe, expect, it } from 'vitest';
import { horizonSpread, totalSpread } from './prediction-interval.ts';

describe('totalSpread (error of a summed forecast)', () => {
  it('equals the one-step spread for one day and follows the innovations algebra for two', () => {
    const parameters = { alpha: 0.5, beta: 0, gamma: 0, phi: 1 };
    expect(totalSpread(parameters, 7, 1)).toBeCloseTo(1, 12);
    // e1 = ε1, e2 = ε2 + 0.5·ε1 → e1 + e2 = 1.5·ε1 + ε2, variance 2.25 + 1.
    expect(totalSpread(parameters, 7, 2)).toBeCloseTo(Math.sqrt(3.25), 12);
  });

  it('lies between independent days and perfectly correlated days', () => {
    const parameters = { alpha: 0.3, beta: 0.1, gamma: 0.2, phi: 0.9 };
    const daily = Array.from({ length: 7 }, (_, index) => horizonSpread(parameters, 7, index + 1));
    const total = totalSpread(parameters, 7, 7);
    expect(total).toBeGreaterThan(Math.sqrt(daily.reduce((sum, value) => sum + value * value, 0)));
    expect(total).toBeLessThan(daily.reduce((sum, value) => sum + value, 0));
  });
});
