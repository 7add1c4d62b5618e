import { addDays } from './calendar-days.ts';
import { fitHoltWinters } from './fit-holt-winters.ts';
import { ForecastError } from './forecast-error.ts';
import { forecastAhead, type HoltWintersParameters } from './holt-winters.ts';
import { meanAbsolutePercentageError, seasonalNaive, symmetricMeanAbsolutePercentageError } from './forecast-accuracy.ts';
import { predictionIntervals } from './prediction-interval.ts';
import { KNOWN_PROMOTIONS, promotionOn, promotionWindowOn, type Promotion } from './promotion-days.ts';

export const WEEKLY_PERIOD = 7;
export const BACKTEST_DAYS = 14;

export interface ForecastOptions {
  period?: number;
  /** Interval level: 0.8, 0.9 or 0.95 (default). */
  level?: number;
  backtestDays?: number;
  promotions?: readonly Promotion[];
  /** Skip only festival days ('day') or their whole warm-up … slump window ('window', default) when fitting. */
  promotionSkip?: 'day' | 'window' | 'none';
  /** Clip forecasts and bounds at 0 (default true: shop metrics are never negative). */
  nonNegative?: boolean;
}

export interface FlaggedPromotion {
  date: string;
  name_en: string;
  name_zh: string;
  actual: number;
  /** What the model expected for that day without the promotion. */
  expected: number;
}

export interface Backtest {
  days: number;
  trainedThrough: string;
  mape: number;
  smape: number;
  /** Seasonal naive: same weekday of the last training week. */
  baselineMape: number;
  baselineSmape: number;
  /** Seasonal naive from the latest same weekday outside promotion windows. */
  cleanBaselineMape: number;
  rows: { date: string; actual: number; forecast: number; baseline: number; cleanBaseline: number }[];
}

export interface SeriesForecast {
  parameters: HoltWintersParameters;
  sigma: number;
  trainingMilliseconds: number;
  /** `promotion` names the festival whose window the day is in; `skipped` days did not update the model. */
  history: { date: string; value: number; fitted: number; promotion: string | null; skipped: boolean }[];
  forecast: { date: string; forecast: number; lower: number; upper: number; promotion: string | null }[];
  backtest: Backtest | null;
  promotions: FlaggedPromotion[];
  /** Future known promotion days inside the horizon, which the forecast does NOT include. */
  promotionsAhead: { date: string; name_en: string; name_zh: string }[];
}

/** Fewest days for two full seasons, which the initial state needs. */
export function minimumHistory(period = WEEKLY_PERIOD): number {
  return 2 * period;
}

/**
 * Holt-Winters forecast of a daily series with prediction intervals, plus a back-test: the last
 * `backtestDays` days (at most 14, at least one season; skipped if the history is too short) are forecast
 * from a model fitted on the days before them and compared with what happened, next to a seasonal-naive
 * baseline ("same weekday last week").
 */
export function forecastDailySeries(dates: readonly string[], values: readonly number[], horizon: number, options: ForecastOptions = {}): SeriesForecast {
  const period = options.period ?? WEEKLY_PERIOD;
  const promotions = options.promotions ?? KNOWN_PROMOTIONS;
  if (values.length < minimumHistory(period)) {
    throw new ForecastError(
      `Forecasting needs at least ${minimumHistory(period)} days of history (two weeks) to learn the weekly pattern; this series has ${values.length}. Import a longer period.`,
      { kind: 'not_enough_data' },
    );
  }
  const skipMode = options.promotionSkip ?? 'window';
  const skip = dates.map((date) =>
    skipMode === 'none' ? false : (skipMode === 'day' ? promotionOn(date, promotions) : promotionWindowOn(date, promotions)) !== undefined,
  );
  const started = performance.now();
  const fitted = fitHoltWinters(values, period, skip);
  const trainingMilliseconds = performance.now() - started;
  const points = forecastAhead(fitted.run.state, values.length, period, horizon, fitted.parameters.phi);
  // Festival windows are left out of fitting; too few days outside them leave the model without a state or an error
  // spread (NaN), which must be said, not shown as empty forecasts.
  if (!Number.isFinite(fitted.sigma) || points.some((point) => !Number.isFinite(point))) {
    const usable = skip.filter((skipped) => !skipped).length;
    throw new ForecastError(
      `The forecast model could not be fitted: only ${usable} of ${values.length} days lie outside festival windows (left out of fitting so they do not distort the weekly pattern), and it needs at least ${minimumHistory(period)}. Import a longer period.`,
      { kind: 'not_enough_data' },
    );
  }
  const intervals = predictionIntervals(points, fitted.parameters, period, fitted.sigma, { level: options.level, nonNegative: options.nonNegative });
  const lastDate = dates[dates.length - 1] as string;
  const forecast = intervals.map((interval, index) => {
    const date = addDays(lastDate, index + 1);
    return { date, ...interval, promotion: promotionWindowOn(date, promotions)?.name_en ?? null };
  });
  const history = dates.map((date, index) => ({
    date,
    value: values[index] as number,
    fitted: fitted.run.fitted[index] as number,
    promotion: promotionWindowOn(date, promotions)?.name_en ?? null,
    skipped: skip[index] as boolean,
  }));
  const flagged = history.flatMap((day) => {
    const promotion = promotionOn(day.date, promotions);
    return promotion ? [{ date: day.date, name_en: promotion.name_en, name_zh: promotion.name_zh, actual: day.value, expected: day.fitted }] : [];
  });
  const promotionsAhead = forecast.flatMap((day) => {
    const promotion = promotionOn(day.date, promotions);
    return promotion ? [{ date: day.date, name_en: promotion.name_en, name_zh: promotion.name_zh }] : [];
  });
  return {
    parameters: fitted.parameters,
    sigma: fitted.sigma,
    trainingMilliseconds,
    history,
    forecast,
    backtest: backtestSeries(dates, values, period, skip, options.backtestDays ?? BACKTEST_DAYS),
    promotions: flagged,
    promotionsAhead,
  };
}

function backtestSeries(dates: readonly string[], values: readonly number[], period: number, skip: readonly boolean[], wantedDays: number): Backtest | null {
  const days = Math.min(wantedDays, values.length - minimumHistory(period));
  if (days < period) return null;
  const trainLength = values.length - days;
  const training = values.slice(0, trainLength);
  const model = fitHoltWinters(training, period, skip.slice(0, trainLength));
  const predicted = forecastAhead(model.run.state, trainLength, period, days, model.parameters.phi).map((value) => Math.max(0, value));
  const baseline = seasonalNaive(training, period, days);
  const cleanBaseline = seasonalNaive(training, period, days, skip.slice(0, trainLength));
  const actual = values.slice(trainLength);
  return {
    days,
    trainedThrough: dates[trainLength - 1] as string,
    mape: meanAbsolutePercentageError(actual, predicted),
    smape: symmetricMeanAbsolutePercentageError(actual, predicted),
    baselineMape: meanAbsolutePercentageError(actual, baseline),
    baselineSmape: symmetricMeanAbsolutePercentageError(actual, baseline),
    cleanBaselineMape: meanAbsolutePercentageError(actual, cleanBaseline),
    rows: actual.map((value, index) => ({
      date: dates[trainLength + index] as string,
      actual: value,
      forecast: predicted[index] as number,
      baseline: baseline[index] as number,
      cleanBaseline: cleanBaseline[index] as number,
    })),
  };
}
