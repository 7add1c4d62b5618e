import { z } from 'zod';
import type { Language } from '../../text/language.ts';
import type { ResultColumn } from '../../presentation/result-table.ts';
import { build, type ChartSpec } from './chart-spec.ts';

/*
 * Charts that fit a model's result better than the generic shape-based chart: a forecast as lines for history and
 * forecast with its 95% interval shaded, likely buyers as horizontal bars by probability (one series). Undefined
 * when the tool has no chart of its own or its result does not have the expected shape.
 */

const ForecastRows = z.array(z.object({ date: z.string(), actual: z.number().nullable(), forecast: z.number().nullable(), lower: z.number().nullable(), upper: z.number().nullable() }));
const PropensityRows = z.array(z.object({ user_id: z.union([z.number(), z.string()]), probability: z.number() }));

const SegmentRows = z.array(z.object({ segment: z.string(), users: z.number(), total_spend: z.number().nullable() }));

const MAX_BUYERS = 30;

function label(columns: readonly ResultColumn[], id: string, language: Language): string {
  const column = columns.find((candidate) => candidate.id === id);
  return column ? (language === 'zh' ? column.label_zh : column.label_en) : id;
}

function forecastChart(rows: z.infer<typeof ForecastRows>, columns: readonly ResultColumn[], language: Language): ChartSpec {
  const zh = language === 'zh';
  const width = (row: (typeof rows)[number]) => (row.lower === null || row.upper === null ? null : Math.round((row.upper - row.lower) * 100) / 100);
  return build('forecast', {
    tooltip: { trigger: 'axis' },
    legend: { data: [label(columns, 'actual', language), label(columns, 'forecast', language), zh ? '95% 区间宽度' : '95% interval width'] },
    grid: { containLabel: true },
    xAxis: { type: 'category', name: label(columns, 'date', language), data: rows.map((row) => row.date) },
    // Named after the actual column, so the browser formats the axis in the metric's unit.
    yAxis: { type: 'value', name: label(columns, 'actual', language) },
    series: [
      { type: 'line', name: label(columns, 'lower', language), data: rows.map((row) => row.lower), stack: 'interval', lineStyle: { opacity: 0 }, symbol: 'none' },
      { type: 'line', name: zh ? '95% 区间宽度' : '95% interval width', data: rows.map(width), stack: 'interval', lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.25 }, symbol: 'none' },
      { type: 'line', name: label(columns, 'actual', language), data: rows.map((row) => row.actual) },
      { type: 'line', name: label(columns, 'forecast', language), data: rows.map((row) => row.forecast), lineStyle: { opacity: 1, type: 'dashed' } },
    ],
  });
}

function propensityChart(rows: z.infer<typeof PropensityRows>, columns: readonly ResultColumn[], language: Language): ChartSpec {
  // Most likely buyer on top: a category y axis draws its first entry at the bottom.
  const shown = rows.slice(0, MAX_BUYERS).reverse();
  const name = label(columns, 'probability', language);
  return build('horizontal-bar', {
    tooltip: { trigger: 'axis' },
    grid: { containLabel: true },
    xAxis: { type: 'value', name },
    yAxis: { type: 'category', name: label(columns, 'user_id', language), data: shown.map((row) => (language === 'zh' ? `用户 ${row.user_id}` : `user ${row.user_id}`)) },
    series: [{ type: 'bar', name, data: shown.map((row) => row.probability) }],
  });
}

/** Segments by size and value: users on the left axis, total spend on the right. */
function segmentChart(rows: z.infer<typeof SegmentRows>, columns: readonly ResultColumn[], language: Language): ChartSpec {
  const users = label(columns, 'users', language);
  const spend = label(columns, 'total_spend', language);
  return build('bar', {
    tooltip: { trigger: 'axis' },
    legend: { data: [users, spend] },
    grid: { containLabel: true },
    xAxis: { type: 'category', name: label(columns, 'segment', language), data: rows.map((row) => row.segment) },
    yAxis: [{ type: 'value', name: users }, { type: 'value', name: spend }],
    series: [
      { type: 'bar', name: users, data: rows.map((row) => row.users), yAxisIndex: 0 },
      { type: 'bar', name: spend, data: rows.map((row) => row.total_spend), yAxisIndex: 1 },
    ],
  });
}

export function modelChart(toolName: string, rows: unknown, columns: readonly ResultColumn[], language: Language): ChartSpec | undefined {
  if (toolName === 'forecast_metric') {
    const parsed = ForecastRows.safeParse(rows);
    return parsed.success && parsed.data.length > 0 ? forecastChart(parsed.data, columns, language) : undefined;
  }
  if (toolName === 'predict_purchase') {
    const parsed = PropensityRows.safeParse(rows);
    return parsed.success && parsed.data.length > 0 ? propensityChart(parsed.data, columns, language) : undefined;
  }
  if (toolName === 'segment_customers') {
    const parsed = SegmentRows.safeParse(rows);
    return parsed.success && parsed.data.length > 0 ? segmentChart(parsed.data, columns, language) : undefined;
  }
  return undefined;
}
