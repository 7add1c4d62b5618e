import { initialState, runHoltWinters, type HoltWintersParameters, type HoltWintersRun } from './holt-winters.ts';

export interface FittedHoltWinters {
  parameters: HoltWintersParameters;
  run: HoltWintersRun;
  /** Residual standard deviation of the counted one-step errors. */
  sigma: number;
  /** How many one-step errors count (not skipped, after the first season). */
  residualCount: number;
}

const ALPHAS = [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95];
const BETAS = [0, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5];
const GAMMAS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const PHIS = [0.8, 0.9, 0.95, 0.98, 1];

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/**
 * Fits α, β, γ, φ by minimising the one-step-ahead SSE (first season excluded, promotion days skipped):
 * a 10 α × 7 β × 10 γ × 5 φ grid, then a pattern search on α, β, γ from the best grid point (try ± step on
 * each, halve the step when nothing improves, stop below 0.002). Deterministic; tens of milliseconds for
 * a year of days.
 */
export function fitHoltWinters(values: readonly number[], period: number, skip: readonly boolean[] = values.map(() => false)): FittedHoltWinters {
  const initial = initialState(values, period, skip);
  const sseOf = (parameters: HoltWintersParameters) => runHoltWinters(values, period, parameters, { skip, countFrom: period, initial }).sse;
  let best: HoltWintersParameters = { alpha: 0.5, beta: 0, gamma: 0.1, phi: 1 };
  let bestSse = Infinity;
  for (const phi of PHIS) {
    for (const alpha of ALPHAS) {
      for (const beta of BETAS) {
        for (const gamma of GAMMAS) {
          const sse = sseOf({ alpha, beta, gamma, phi });
          if (bestSse === Infinity || sse < bestSse - 1e-9 * Math.abs(bestSse)) {
            bestSse = sse;
            best = { alpha, beta, gamma, phi };
          }
        }
      }
    }
  }
  // φ stays on its grid: the one-step SSE barely sees damping, so refining it would only chase noise.
  const keys: ('alpha' | 'beta' | 'gamma')[] = ['alpha', 'beta', 'gamma'];
  for (let step = 0.05; step >= 0.002; step /= 2) {
    let improved = true;
    while (improved) {
      improved = false;
      for (const key of keys) {
        for (const direction of [1, -1]) {
          const candidate = { ...best, [key]: clamp(best[key] + direction * step) };
          const sse = sseOf(candidate);
          if (sse < bestSse - 1e-9 * Math.abs(bestSse)) {
            bestSse = sse;
            best = candidate;
            improved = true;
          }
        }
      }
    }
  }
  const run = runHoltWinters(values, period, best, { skip, countFrom: period, initial });
  const counted = run.residuals.filter((_, time) => time >= period && !skip[time]);
  const residualCount = counted.length;
  const sigma = residualCount > 0 ? Math.sqrt(counted.reduce((sum, error) => sum + error * error, 0) / residualCount) : 0;
  return { parameters: best, run, sigma, residualCount };
}
