/**
 * Additive Holt-Winters with a damped trend (ETS(A,Ad,A)) in error-correction form, with the classic
 * smoothing weights α (level), β (trend, as a share of the level correction), γ (season) in [0, 1] and the
 * damping φ in (0, 1]:
 *   ŷ_t = ℓ + φb + s[t mod m];  ε_t = y_t − ŷ_t
 *   ℓ ← ℓ + φb + αε;  b ← φb + αβε;  s[t mod m] ← s[t mod m] + γ(1 − α)ε
 * which is algebraically the textbook recursion (ℓ_t = α(y_t − s_{t−m}) + (1 − α)(ℓ + φb) …); φ = 1 is plain
 * Holt-Winters. Additive because daily shop series swing by a roughly constant amount per weekday and can
 * contain zero days, which a multiplicative season cannot handle. Damping keeps a trend learnt from a few
 * noisy weeks from running away over a 60-day horizon.
 */
export interface HoltWintersParameters {
  alpha: number;
  beta: number;
  gamma: number;
  /** Trend damping; 1 = undamped. */
  phi: number;
}

export interface HoltWintersState {
  level: number;
  trend: number;
  /** Seasonal offset per phase t mod period. */
  seasonal: number[];
}

export interface HoltWintersRun {
  /** One-step-ahead forecast of every observation (made before seeing it). */
  fitted: number[];
  /** y − fitted; 0 on skipped (promotion) days. */
  residuals: number[];
  /** Sum of squared one-step errors over the observations that count (not skipped). */
  sse: number;
  /** State after the last observation. */
  state: HoltWintersState;
}

function meanOf(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Initial state from the first two seasons (skipped days left out): level = first season's mean moved back
 * to just before t = 0 by the trend, trend = difference of the two seasons' means / m, season = average
 * deviation of each phase from its season's mean.
 */
export function initialState(values: readonly number[], period: number, skip: readonly boolean[]): HoltWintersState {
  const seasonValues = (season: number) => {
    const slice: (number | null)[] = [];
    for (let phase = 0; phase < period; phase++) {
      const index = season * period + phase;
      slice.push(skip[index] ? null : (values[index] as number));
    }
    return slice;
  };
  const seasons = [seasonValues(0), seasonValues(1)];
  const means = seasons.map((slice) => meanOf(slice.filter((value): value is number => value !== null)));
  const firstMean = means[0] as number;
  const secondMean = Number.isFinite(means[1]) ? (means[1] as number) : firstMean;
  const trend = (secondMean - firstMean) / period;
  const seasonal = Array.from({ length: period }, (_, phase) => {
    const deviations = seasons.flatMap((slice, season) => {
      const value = slice[phase];
      // Each season's deviation is measured against that season's mean, detrended to the phase.
      return value === null || value === undefined ? [] : [value - ((means[season] as number) + trend * (phase - (period - 1) / 2))];
    });
    return deviations.length > 0 ? meanOf(deviations) : 0;
  });
  const seasonalMean = meanOf(seasonal);
  return {
    level: firstMean - trend * ((period + 1) / 2),
    trend,
    seasonal: seasonal.map((value) => value - seasonalMean),
  };
}

/**
 * Runs the recursion over `values`. Days with `skip[t]` (known promotion days) are forecast but do not
 * update the state and do not count in the SSE: a one-day 4× spike would otherwise drag level and season.
 * `countFrom` leaves the first observations (explained by the initial state itself) out of the SSE.
 */
export function runHoltWinters(
  values: readonly number[],
  period: number,
  parameters: HoltWintersParameters,
  options: { skip?: readonly boolean[]; countFrom?: number; initial?: HoltWintersState } = {},
): HoltWintersRun {
  const skip = options.skip ?? values.map(() => false);
  const start = options.initial ?? initialState(values, period, skip);
  let level = start.level;
  let trend = start.trend;
  const seasonal = [...start.seasonal];
  const fitted: number[] = [];
  const residuals: number[] = [];
  let sse = 0;
  const { alpha, beta, gamma, phi } = parameters;
  values.forEach((value, time) => {
    const phase = time % period;
    const forecast = level + phi * trend + (seasonal[phase] as number);
    fitted.push(forecast);
    if (skip[time]) {
      residuals.push(0);
      level += phi * trend;
      trend *= phi;
      return;
    }
    const error = value - forecast;
    residuals.push(error);
    if (time >= (options.countFrom ?? 0)) sse += error * error;
    level = level + phi * trend + alpha * error;
    trend = phi * trend + alpha * beta * error;
    seasonal[phase] = (seasonal[phase] as number) + gamma * (1 - alpha) * error;
  });
  return { fitted, residuals, sse, state: { level, trend, seasonal } };
}

/** Point forecasts for the `horizon` days after the last observation (index `length` onwards): ℓ + (φ + … + φ^h)b + s. */
export function forecastAhead(state: HoltWintersState, length: number, period: number, horizon: number, phi = 1): number[] {
  let damping = 0;
  let power = 1;
  return Array.from({ length: horizon }, (_, index) => {
    power *= phi;
    damping += power;
    return state.level + damping * state.trend + (state.seasonal[(length + index) % period] as number);
  });
}
