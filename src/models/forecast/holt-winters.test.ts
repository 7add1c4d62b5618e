import { describe, expect, it } from 'vitest';
import { dateRange } from './calendar-days.ts';
import { fitHoltWinters } from './fit-holt-winters.ts';
import { ForecastError } from './forecast-error.ts';
import { forecastDailySeries } from './forecast-series.ts';
import { forecastAhead } from './holt-winters.ts';
import { horizonSpread } from './prediction-interval.ts';

const SEASON = [12, -8, -5, 0, 3, 20, -22];

function truth(time: number): number {
  return 500 + 1.5 * time + (SEASON[time % 7] as number);
}

/** Deterministic pseudo-noise in [−amplitude, amplitude] (a sine hash, no generator state needed). */
function noise(time: number, amplitude: number): number {
  const value = Math.sin(time * 12.9898) * 43758.5453;
  return amplitude * 2 * (value - Math.floor(value) - 0.5);
}

describe('Holt-Winters', () => {
  it('reproduces a noise-free level + trend + weekly season exactly', () => {
    const values = Array.from({ length: 70 }, (_, time) => truth(time));
    const fitted = fitHoltWinters(values, 7);
    const forecast = forecastAhead(fitted.run.state, values.length, 7, 21, fitted.parameters.phi);
    forecast.forEach((value, index) => expect(value).toBeCloseTo(truth(70 + index), 6));
    expect(fitted.sigma).toBeLessThan(1e-6);
  });

  it('forecasts a noisy series close to the true curve', () => {
    const values = Array.from({ length: 84 }, (_, time) => truth(time) + noise(time, 15));
    const fitted = fitHoltWinters(values, 7);
    const forecast = forecastAhead(fitted.run.state, values.length, 7, 14, fitted.parameters.phi);
    const worst = Math.max(...forecast.map((value, index) => Math.abs(value - truth(84 + index)) / truth(84 + index)));
    expect(worst).toBeLessThan(0.04);
    // The fitted σ is near the noise's standard deviation (uniform on ±15: 15/√3 ≈ 8.7).
    expect(fitted.sigma).toBeGreaterThan(5);
    expect(fitted.sigma).toBeLessThan(14);
  });

  it('widens prediction intervals with the horizon, by the ETS(A,Ad,A) formula', () => {
    const parameters = { alpha: 0.5, beta: 0.2, gamma: 0.4, phi: 1 };
    // c1 = 0.5·(1 + 0.2) = 0.6, c2 = 0.5·(1 + 0.4) = 0.7.
    expect(horizonSpread(parameters, 7, 3)).toBeCloseTo(Math.sqrt(1 + 0.36 + 0.49), 12);
    // c7 adds the season's weight γ(1 − α) = 0.2.
    const c = (j: number) => 0.5 * (1 + 0.2 * j) + (j === 7 ? 0.2 : 0);
    const expected = Math.sqrt(1 + [1, 2, 3, 4, 5, 6, 7].reduce((sum, j) => sum + c(j) ** 2, 0));
    expect(horizonSpread(parameters, 7, 8)).toBeCloseTo(expected, 12);

    const dates = dateRange('2025-01-01', '2025-03-31');
    const values = dates.map((_, time) => truth(time) + noise(time, 20));
    const result = forecastDailySeries(dates, values, 30);
    const widths = result.forecast.map((day) => day.upper - day.lower);
    for (let index = 1; index < widths.length; index++) expect(widths[index]).toBeGreaterThanOrEqual((widths[index - 1] as number) - 1e-9);
    expect(widths[29]).toBeGreaterThan(widths[0] as number);
    for (const day of result.forecast) expect(day.lower).toBeLessThanOrEqual(day.forecast);
  });

  it('skips the Double 11 window when fitting, so a 10× spike does not bend the forecast', () => {
    const dates = dateRange('2025-09-01', '2025-11-30');
    const values = dates.map((date, time) => {
      const base = truth(time) + noise(time, 10);
      if (date === '2025-11-11') return base * 10;
      if (date >= '2025-11-12' && date <= '2025-11-18') return base * 0.7;
      return base;
    });
    const windowSkipped = forecastDailySeries(dates, values, 14);
    const notSkipped = forecastDailySeries(dates, values, 14, { promotionSkip: 'none' });
    const error = (result: typeof windowSkipped) =>
      result.forecast.reduce((sum, day, index) => sum + Math.abs(day.forecast - truth(dates.length + index)) / truth(dates.length + index), 0) / result.forecast.length;
    expect(error(windowSkipped)).toBeLessThan(0.05);
    expect(error(windowSkipped)).toBeLessThan(error(notSkipped));
    expect(windowSkipped.promotions).toHaveLength(1);
    expect(windowSkipped.promotions[0]?.date).toBe('2025-11-11');
    expect(windowSkipped.history.filter((day) => day.skipped).map((day) => day.date)).toEqual(dateRange('2025-11-01', '2025-11-18'));
    expect(windowSkipped.backtest?.days).toBe(14);
    expect(windowSkipped.backtest?.trainedThrough).toBe('2025-11-16');
  });

  it('refuses fewer than two weeks and skips the back-test below three', () => {
    const short = dateRange('2025-01-01', '2025-01-13');
    expect(() => forecastDailySeries(short, short.map(() => 1), 7)).toThrow(ForecastError);
    const twoWeeks = dateRange('2025-01-01', '2025-01-14');
    expect(forecastDailySeries(twoWeeks, twoWeeks.map((_, time) => truth(time)), 7).backtest).toBeNull();
    const threeWeeks = dateRange('2025-01-01', '2025-01-21');
    expect(forecastDailySeries(threeWeeks, threeWeeks.map((_, time) => truth(time)), 7).backtest?.days).toBe(7);
  });

  it('says so instead of forecasting NaN when festival windows leave too few days to fit', () => {
    // 30 days ending 2025-11-30: the Double 11 window (11-01 … 11-18) leaves 12 usable days.
    const days = dateRange('2025-11-01', '2025-11-30');
    const values = days.map((_, time) => truth(time) + noise(time, 20));
    expect(() => forecastDailySeries(days, values, 7)).toThrow(/only 12 of 30 days lie outside festival windows/);
    expect(() => forecastDailySeries(days, values, 7)).toThrow(ForecastError);
  });
});
