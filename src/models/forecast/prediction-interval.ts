import type { HoltWintersParameters } from './holt-winters.ts';

/** Two-sided normal quantiles for the supported interval levels. */
export const Z_BY_LEVEL: Readonly<Record<string, number>> = { '0.8': 1.2816, '0.9': 1.6449, '0.95': 1.96 };

/**
 * Standard deviation of the h-step forecast error relative to the one-step σ, for additive damped
 * Holt-Winters (Hyndman et al. 2008, class 1, ETS(A,Ad,A)): var_h = σ² (1 + Σ_{j=1}^{h−1} c_j²), with
 * c_j = α(1 + β(φ + … + φ^j)) + γ(1 − α)·[j mod m = 0]. It never shrinks with h, so later days get wider
 * intervals.
 */
export function horizonSpread(parameters: HoltWintersParameters, period: number, horizon: number): number {
  let sum = 1;
  let damping = 0;
  let power = 1;
  for (let step = 1; step < horizon; step++) {
    power *= parameters.phi;
    damping += power;
    const c = parameters.alpha * (1 + parameters.beta * damping) + (step % period === 0 ? parameters.gamma * (1 - parameters.alpha) : 0);
    sum += c * c;
  }
  return Math.sqrt(sum);
}

export interface IntervalPoint {
  forecast: number;
  lower: number;
  upper: number;
}

/**
 * Intervals for point forecasts 1 … H days ahead: forecast ± z·σ·spread(h). Metrics that cannot be
 * negative (GMV, orders, visitors, units) get their lower bound and forecast clipped at 0.
 */
export function predictionIntervals(
  forecasts: readonly number[],
  parameters: HoltWintersParameters,
  period: number,
  sigma: number,
  options: { level?: number; nonNegative?: boolean } = {},
): IntervalPoint[] {
  const z = Z_BY_LEVEL[String(options.level ?? 0.95)] ?? 1.96;
  const floor = options.nonNegative === false ? -Infinity : 0;
  return forecasts.map((forecast, index) => {
    const half = z * sigma * horizonSpread(parameters, period, index + 1);
    return { forecast: Math.max(floor, forecast), lower: Math.max(floor, forecast - half), upper: Math.max(floor, forecast + half) };
  });
}

/**
 * Standard deviation of the error of the SUM of the 1 … H step forecasts, relative to σ. Under the same linear
 * innovations model the h-step error is ε_h + Σ_{j=1}^{h−1} c_j ε_{h−j}, so the summed error is
 * Σ_k ε_k (1 + Σ_{j=1}^{H−k} c_j) and its variance σ² Σ_k (1 + Σ_{j=1}^{H−k} c_j)². Summing the daily bounds
 * instead would treat the days' errors as perfectly correlated and overstate the band of a weekly total.
 */
export function totalSpread(parameters: HoltWintersParameters, period: number, horizon: number): number {
  const weights: number[] = [];
  let damping = 0;
  let power = 1;
  for (let step = 1; step < horizon; step++) {
    power *= parameters.phi;
    damping += power;
    weights.push(parameters.alpha * (1 + parameters.beta * damping) + (step % period === 0 ? parameters.gamma * (1 - parameters.alpha) : 0));
  }
  let sum = 0;
  for (let shock = 1; shock <= horizon; shock++) {
    let loading = 1;
    for (let j = 1; j <= horizon - shock; j++) loading += weights[j - 1] as number;
    sum += loading * loading;
  }
  return Math.sqrt(sum);
}
