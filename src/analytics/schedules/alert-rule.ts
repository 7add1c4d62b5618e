import { z } from 'zod';
import { ForecastError } from '../../models/forecast/forecast-error.ts';
import { forecastDailySeries, minimumHistory } from '../../models/forecast/forecast-series.ts';
import { formatValue } from '../../presentation/format-value.ts';
import type { Unit } from '../../presentation/result-table.ts';

/** When a scheduled question's value should raise an alert. */
export const AlertRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('threshold'), direction: z.enum(['above', 'below']), value: z.number().finite() }),
  z.strictObject({ kind: z.literal('percent_change'), direction: z.enum(['up', 'down', 'either']), percent: z.number().positive().max(10_000) }),
  z.strictObject({ kind: z.literal('anomaly') }),
]);
export type AlertRule = z.infer<typeof AlertRuleSchema>;

export type Cadence = 'daily' | 'weekly';

/**
 * The season the anomaly model assumes in a schedule's own run history: a weekly rhythm for daily runs, a
 * four-week rhythm for weekly runs.
 */
export const ANOMALY_PERIOD: Record<Cadence, number> = { daily: 7, weekly: 4 };

/**
 * Runs needed before anomalies are judged: Holt-Winters spends two seasons on its initial state, and with only
 * those its one-step errors understate the spread (normal days fell outside the band in tests), so a third season
 * of errors comes first.
 */
export function anomalyHistoryNeeded(cadence: Cadence): number {
  return minimumHistory(ANOMALY_PERIOD[cadence]) + ANOMALY_PERIOD[cadence];
}

export interface Evaluation {
  fired: boolean;
  /** Why it fired or did not, in both languages (an alert shows the message in its question's language). */
  message_en: string;
  message_zh: string;
  /** The numbers the decision used (previous value, change, interval …). */
  details: Record<string, number | string | null>;
}

export interface EvaluationInput {
  rule: AlertRule;
  value: number;
  unit: Unit;
  currency?: string | null;
  cadence: Cadence;
  /** Earlier successful runs' values, oldest first, with their run dates. */
  history: readonly { date: string; value: number }[];
}

/** Decides whether a run's value fires its schedule's alert rule. */
export function evaluateRule(input: EvaluationInput): Evaluation {
  const { rule, value } = input;
  const show = (number: number, language: 'en' | 'zh') => formatValue(number, input.unit, language, input.currency);
  switch (rule.kind) {
    case 'threshold': {
      const fired = rule.direction === 'above' ? value > rule.value : value < rule.value;
      return {
        fired,
        message_en: `${show(value, 'en')} is ${fired ? '' : 'not '}${rule.direction} the threshold ${show(rule.value, 'en')}.`,
        message_zh: `${show(value, 'zh')} ${fired ? '' : '未'}${rule.direction === 'above' ? '高于' : '低于'}阈值 ${show(rule.value, 'zh')}。`,
        details: { threshold: rule.value },
      };
    }
    case 'percent_change': {
      const previous = input.history.at(-1);
      if (!previous) {
        return { fired: false, message_en: 'No earlier run to compare with yet.', message_zh: '还没有可对比的上一次运行。', details: { previous: null } };
      }
      if (previous.value === 0) {
        return { fired: false, message_en: 'The previous run was 0, so a percent change cannot be computed.', message_zh: '上一次运行的值为 0,无法计算变化率。', details: { previous: 0 } };
      }
      const change = ((value - previous.value) / Math.abs(previous.value)) * 100;
      const fired = rule.direction === 'up' ? change >= rule.percent : rule.direction === 'down' ? change <= -rule.percent : Math.abs(change) >= rule.percent;
      const signed = `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`;
      return {
        fired,
        message_en: `${show(value, 'en')} vs ${show(previous.value, 'en')} on ${previous.date} (${signed}); the rule fires at ${rule.direction === 'down' ? '-' : rule.direction === 'up' ? '+' : '±'}${rule.percent}%.`,
        message_zh: `${show(value, 'zh')},上次(${previous.date})为 ${show(previous.value, 'zh')}(${signed});规则在 ${rule.direction === 'down' ? '-' : rule.direction === 'up' ? '+' : '±'}${rule.percent}% 时触发。`,
        details: { previous: previous.value, previous_date: previous.date, change_percent: Number(change.toFixed(4)) },
      };
    }
    case 'anomaly':
      return anomaly(input, show);
  }
}

/**
 * Anomaly against the schedule's own history: the forecast model (Holt-Winters, as in forecast_metric) fitted on
 * the earlier runs predicts this run with a 95% interval; a value outside it fires.
 */
function anomaly(input: EvaluationInput, show: (value: number, language: 'en' | 'zh') => string): Evaluation {
  const period = ANOMALY_PERIOD[input.cadence];
  const needed = anomalyHistoryNeeded(input.cadence);
  if (input.history.length < needed) {
    return {
      fired: false,
      message_en: `Learning this question's normal range: ${input.history.length} of ${needed} earlier runs so far.`,
      message_zh: `正在学习这个问题的正常范围:已有 ${input.history.length} / ${needed} 次历史运行。`,
      details: { runs: input.history.length, runs_needed: needed },
    };
  }
  try {
    const fitted = forecastDailySeries(input.history.map((run) => run.date), input.history.map((run) => run.value), 1, { period, promotionSkip: 'none', nonNegative: false, backtestDays: 0 });
    const [next] = fitted.forecast;
    if (!next) throw new ForecastError('The forecast returned no day.', { kind: 'not_enough_data' });
    const fired = input.value < next.lower || input.value > next.upper;
    const range = (language: 'en' | 'zh') => `${show(next.lower, language)} – ${show(next.upper, language)}`;
    return {
      fired,
      message_en: `${show(input.value, 'en')} is ${fired ? 'outside' : 'inside'} the expected 95% range ${range('en')} (forecast ${show(next.forecast, 'en')}).`,
      message_zh: `${show(input.value, 'zh')} ${fired ? '超出' : '位于'}预期的 95% 区间 ${range('zh')}${fired ? '' : ' 之内'}(预测 ${show(next.forecast, 'zh')})。`,
      details: { expected: next.forecast, lower: next.lower, upper: next.upper, runs: input.history.length },
    };
  } catch (error) {
    if (!(error instanceof ForecastError)) throw error;
    return { fired: false, message_en: error.message, message_zh: error.message, details: { runs: input.history.length } };
  }
}
