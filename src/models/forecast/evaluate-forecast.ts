import { loadAsOfDate } from '../../sql/semantic/index.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { ModelReport } from '../model-report.ts';
import { FORECAST_METRICS, loadMetricSeries } from './daily-series.ts';
import { ForecastError } from './forecast-error.ts';
import { forecastNotes } from './forecast-notes.ts';
import { forecastDailySeries } from './forecast-series.ts';

/** Fits each daily metric (GMV, orders, UV, units), back-tests it on the last 14 days and reports the errors. */
export async function evaluateForecast(warehouse: Warehouse): Promise<ModelReport> {
  const asOf = await loadAsOfDate(warehouse);
  const metrics: Record<string, number> = {};
  const details: string[] = [];
  let days = 0;
  let firstDay = '';
  for (const metric of FORECAST_METRICS) {
    const started = performance.now();
    try {
      const series = await loadMetricSeries(warehouse, metric, asOf);
      days = series.dates.length;
      firstDay = series.dates[0] ?? '';
      const result = forecastDailySeries(series.dates, series.values, 14);
      metrics[`${metric}_training_ms`] = performance.now() - started;
      metrics[`${metric}_alpha`] = result.parameters.alpha;
      metrics[`${metric}_beta`] = result.parameters.beta;
      metrics[`${metric}_gamma`] = result.parameters.gamma;
      metrics[`${metric}_phi`] = result.parameters.phi;
      metrics[`${metric}_residual_sd`] = result.sigma;
      if (result.backtest) {
        metrics[`${metric}_backtest_mape`] = result.backtest.mape;
        metrics[`${metric}_backtest_smape`] = result.backtest.smape;
        metrics[`${metric}_seasonal_naive_mape`] = result.backtest.baselineMape;
        metrics[`${metric}_clean_seasonal_naive_mape`] = result.backtest.cleanBaselineMape;
      }
      // The same back-test when only the festival day (not its warm-up and slump) is skipped: why windows are skipped.
      const dayOnly = forecastDailySeries(series.dates, series.values, 14, { promotionSkip: 'day' }).backtest;
      if (dayOnly) metrics[`${metric}_backtest_mape_skip_day_only`] = dayOnly.mape;
      details.push(...forecastNotes(result).slice(0, -1).map((note) => `${metric}: ${note.en}`));
    } catch (error) {
      if (!(error instanceof ForecastError)) throw error;
      details.push(`${metric}: ${error.message}`);
    }
  }
  return {
    model: 'forecast: additive damped Holt-Winters, weekly season',
    trainedOn: `${warehouse.path}: ${days} days ${firstDay} … ${asOf}`,
    metrics,
    details,
  };
}
