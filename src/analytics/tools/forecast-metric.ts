import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { FORECAST_METRICS, METRIC_INFO, loadMetricSeries } from '../../models/forecast/daily-series.ts';
import { forecastNotes } from '../../models/forecast/forecast-notes.ts';
import { forecastDailySeries, WEEKLY_PERIOD } from '../../models/forecast/forecast-series.ts';
import { totalSpread, Z_BY_LEVEL } from '../../models/forecast/prediction-interval.ts';

/** Days of history returned next to the forecast: four weeks show the weekly rhythm the forecast continues. */
const HISTORY_TAIL_DAYS = 28;

export const forecastMetricParameters = z.object({
  metric: z.enum(FORECAST_METRICS).describe('gmv (paid line amounts), orders (paid orders), uv (unique visitors), units (units sold)'),
  horizon: z.number().int().min(1).max(60).default(14).describe('days to forecast after the last day of data, 1–60'),
  category: z.string().min(1).optional().describe('only this product category, English or Chinese name (e.g. Phones or 手机)'),
});

function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}

export const forecastMetricTool = defineTool({
  name: 'forecast_metric',
  description: [
    'Forecast a daily metric (gmv, orders, uv, units; optionally for one category) for the next 1–60 days with 95% prediction',
    'intervals, using Holt-Winters with a weekly season fitted on this shop\'s history. Also returns the recent history, a',
    '14-day back-test error (MAPE) against a same-weekday-last-week baseline, and notes on festival days (Double 11 / 618) that',
    'were left out of fitting. Use for "predict / forecast / next week / 预测 / 未来7天".',
  ].join(' '),
  parameters: forecastMetricParameters,
  async execute(argumentsValue, context) {
    const { metric, horizon, category } = forecastMetricParameters.parse(argumentsValue);
    const info = METRIC_INFO[metric];
    const started = performance.now();
    const series = await loadMetricSeries(context.warehouse, metric, context.asOf, category);
    const result = forecastDailySeries(series.dates, series.values, horizon);
    const seconds = (performance.now() - started) / 1000;
    const digits = info.unit === 'currency' ? 2 : 1;
    const historyTail = result.history.slice(-HISTORY_TAIL_DAYS).map((day) => ({ date: day.date, value: round(day.value, digits), promotion: day.promotion }));
    const forecast = result.forecast.map((day) => ({ date: day.date, forecast: round(day.forecast, digits), lower: round(day.lower, digits), upper: round(day.upper, digits) }));
    const label = context.language === 'zh' ? info.name_zh : info.name_en;
    // The headline: the whole period's total with a 95% band for the total (not the sum of the daily bands).
    const total = result.forecast.reduce((sum, day) => sum + day.forecast, 0);
    const half = (Z_BY_LEVEL['0.95'] ?? 1.96) * result.sigma * totalSpread(result.parameters, WEEKLY_PERIOD, result.forecast.length);
    const forecastTotal = {
      start: result.forecast[0]?.date ?? null,
      end: result.forecast[result.forecast.length - 1]?.date ?? null,
      days: result.forecast.length,
      total: round(total, digits),
      lower: round(Math.max(0, total - half), digits),
      upper: round(total + half, digits),
      level: 0.95,
    };
    const notes = forecastNotes(result);
    return {
      metric,
      metric_name: label,
      category: series.category ?? null,
      as_of: context.asOf,
      horizon,
      model: {
        kind: 'additive damped Holt-Winters, weekly season',
        alpha: round(result.parameters.alpha, 4),
        beta: round(result.parameters.beta, 4),
        gamma: round(result.parameters.gamma, 4),
        phi: result.parameters.phi,
        residual_sd: round(result.sigma, digits),
        history_days: series.dates.length,
      },
      seconds: round(seconds, 3),
      history_tail: historyTail,
      forecast,
      forecast_total: forecastTotal,
      backtest: result.backtest
        ? {
            days: result.backtest.days,
            trained_through: result.backtest.trainedThrough,
            mape: round(result.backtest.mape),
            smape: round(result.backtest.smape),
            baseline_mape: round(result.backtest.baselineMape),
            clean_baseline_mape: round(result.backtest.cleanBaselineMape),
          }
        : null,
      notes: notes.map((note) => (context.language === 'zh' ? note.zh : note.en)),
      notes_bilingual: notes,
      // One table for the chart: recent actuals, then forecast with its interval.
      columns: [
        { id: 'date', label_en: 'Date', label_zh: '日期', unit: 'date', role: 'dimension' },
        { id: 'actual', label_en: `${info.name_en} (actual)`, label_zh: `${info.name_zh}（实际）`, unit: info.unit, role: 'metric' },
        { id: 'forecast', label_en: `${info.name_en} (forecast)`, label_zh: `${info.name_zh}（预测）`, unit: info.unit, role: 'metric' },
        { id: 'lower', label_en: 'Lower bound (95%)', label_zh: '预测下限（95%）', unit: info.unit, role: 'metric' },
        { id: 'upper', label_en: 'Upper bound (95%)', label_zh: '预测上限（95%）', unit: info.unit, role: 'metric' },
      ],
      rows: [
        ...historyTail.map((day) => ({ date: day.date, actual: day.value, forecast: null, lower: null, upper: null })),
        ...forecast.map((day) => ({ date: day.date, actual: null, forecast: day.forecast, lower: day.lower, upper: day.upper })),
      ],
    };
  },
});
