import { z } from 'zod';
import type { JsonRow, JsonValue } from '../../sql/json-values.ts';
import type { Language } from '../../text/language.ts';
import { NON_NAME_COLUMNS, type ResultColumn, type ResultTable } from '../../presentation/result-table.ts';
import { splitsByDimension } from './contribution-reading.ts';

const AxisSchema = z.object({
  type: z.enum(['category', 'value']),
  name: z.string().optional(),
  data: z.array(z.string()).optional(),
  axisLabel: z.object({ formatter: z.string() }).optional(),
});

const SeriesSchema = z.object({
  type: z.enum(['line', 'bar', 'funnel', 'heatmap']),
  name: z.string(),
  data: z.array(z.union([z.number(), z.null(), z.object({ name: z.string(), value: z.number().nullable() }), z.tuple([z.number(), z.number(), z.number().nullable()])])),
  yAxisIndex: z.number().int().min(0).max(1).optional(),
  smooth: z.boolean().optional(),
  // A shaded band (a forecast interval): an invisible lower line with the band's width stacked on it and filled.
  stack: z.string().optional(),
  areaStyle: z.object({ opacity: z.number().min(0).max(1) }).optional(),
  lineStyle: z.object({ opacity: z.number().min(0).max(1), type: z.enum(['solid', 'dashed']).optional() }).optional(),
  symbol: z.literal('none').optional(),
});

/** The subset of ECharts options ShopLens emits; validated so a broken chart never reaches a browser. */
export const EChartsOptionSchema = z.object({
  title: z.object({ text: z.string() }).optional(),
  tooltip: z.object({ trigger: z.enum(['axis', 'item']) }),
  legend: z.object({ data: z.array(z.string()) }).optional(),
  grid: z.object({ containLabel: z.boolean() }).optional(),
  xAxis: AxisSchema.optional(),
  yAxis: z.union([AxisSchema, z.array(AxisSchema).max(2)]).optional(),
  visualMap: z.object({ min: z.number(), max: z.number(), calculable: z.boolean(), orient: z.literal('horizontal'), left: z.literal('center') }).optional(),
  series: z.array(SeriesSchema).min(1),
});

export const ChartSpecSchema = z.object({ library: z.literal('echarts'), kind: z.string(), option: EChartsOptionSchema });
export type ChartSpec = z.infer<typeof ChartSpecSchema>;

type ValueLabeler = (columnId: string, value: JsonValue, language: Language) => string;

const MAX_CATEGORIES = 30;

function numberOrNull(value: JsonValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function axisLabel(column: ResultColumn): { formatter: string } | undefined {
  return column.unit === 'ratio' ? { formatter: '{value}' } : undefined;
}

/**
 * Picks a chart from the shape of the data: time on x → line; one category → bar; funnel steps → funnel;
 * cohort × period → heatmap; a single number → no chart (the narrative says it).
 */
export function chartFor(table: ResultTable, language: Language, labelValue?: ValueLabeler): ChartSpec | null {
  const label = (column: ResultColumn) => (language === 'zh' ? column.label_zh : column.label_en);
  const dimensions = table.columns.filter((column) => column.role === 'dimension' && !NON_NAME_COLUMNS.has(column.id));
  const metrics = table.columns.filter((column) => column.role === 'metric' && !/_(change|change_pct)$/.test(column.id));
  const rows = table.rows.slice(0, table.shape === 'trend' ? 400 : MAX_CATEGORIES);
  if (rows.length === 0 || metrics.length === 0 || table.shape === 'single') return null;
  const categoryOf = (row: JsonRow, column: ResultColumn) => (labelValue ? labelValue(column.id, row[column.id] ?? null, language) : String(row[column.id]));
  const [firstDimension, secondDimension] = dimensions;
  if (!firstDimension) return null;

  if (table.shape === 'contribution') {
    // One dimension per chart: bars of different dimensions are cuts of the same change and must not be compared
    // or stacked. The lead (most concentrated) split is drawn; the table holds the others.
    const contribution = table.columns.find((column) => column.id === 'contribution') ?? (metrics[0] as ResultColumn);
    const [lead] = splitsByDimension(table.rows);
    if (!lead) return null;
    const top = lead.rows.slice(0, 12);
    const name = (row: JsonRow) => (table.columns.some((column) => column.id === 'dimension_value') ? String(row.dimension_value) : dimensions.map((column) => categoryOf(row, column)).join(' / '));
    return build('bar', {
      title: { text: language === 'zh' ? `按${lead.dimension}拆解` : `By ${lead.dimension}` },
      tooltip: { trigger: 'axis' },
      grid: { containLabel: true },
      xAxis: { type: 'category', data: top.map(name) },
      yAxis: { type: 'value', name: label(contribution) },
      series: [{ type: 'bar', name: label(contribution), data: top.map((row) => numberOrNull(row[contribution.id])) }],
    });
  }

  if (table.shape === 'funnel') {
    const metric = metrics[0] as ResultColumn;
    return build('funnel', {
      tooltip: { trigger: 'item' },
      series: [{ type: 'funnel', name: label(metric), data: rows.map((row) => ({ name: categoryOf(row, firstDimension), value: numberOrNull(row[metric.id]) })) }],
    });
  }

  if (table.shape === 'retention' && secondDimension && metrics[0]) {
    const metric = metrics[0];
    const cohorts = [...new Set(rows.map((row) => categoryOf(row, firstDimension)))];
    const periods = [...new Set(rows.map((row) => categoryOf(row, secondDimension)))];
    const values = rows.map((row) => numberOrNull(row[metric.id])).filter((value): value is number => value !== null);
    return build('heatmap', {
      tooltip: { trigger: 'item' },
      xAxis: { type: 'category', name: label(secondDimension), data: periods },
      yAxis: { type: 'category', name: label(firstDimension), data: cohorts },
      visualMap: { min: Math.min(0, ...values), max: Math.max(0, ...values), calculable: true, orient: 'horizontal', left: 'center' },
      series: [{ type: 'heatmap', name: label(metric), data: rows.map((row) => [periods.indexOf(categoryOf(row, secondDimension)), cohorts.indexOf(categoryOf(row, firstDimension)), numberOrNull(row[metric.id])] as [number, number, number | null]) }],
    });
  }

  const seriesType = table.shape === 'trend' ? 'line' : 'bar';
  if (secondDimension && metrics.length === 1) {
    // Two dimensions: categories on x, one series per value of the second dimension.
    const metric = metrics[0] as ResultColumn;
    const categories = [...new Set(rows.map((row) => categoryOf(row, firstDimension)))];
    const groups = [...new Set(rows.map((row) => categoryOf(row, secondDimension)))].slice(0, 12);
    return build(seriesType === 'line' ? 'multi-line' : 'grouped-bar', {
      tooltip: { trigger: 'axis' },
      legend: { data: groups },
      xAxis: { type: 'category', name: label(firstDimension), data: categories },
      yAxis: { type: 'value', name: label(metric), axisLabel: axisLabel(metric) },
      series: groups.map((group) => ({
        type: seriesType,
        name: group,
        data: categories.map((category) => {
          const row = rows.find((candidate) => categoryOf(candidate, firstDimension) === category && categoryOf(candidate, secondDimension) === group);
          return row ? numberOrNull(row[metric.id]) : null;
        }),
      })),
    });
  }

  // One dimension: one series per metric (at most two), a second y axis when units differ.
  const shown = metrics.slice(0, 2);
  const units = [...new Set(shown.map((metric) => metric.unit))];
  const yAxes = units.map((unit) => {
    const metric = shown.find((candidate) => candidate.unit === unit) as ResultColumn;
    return { type: 'value' as const, name: label(metric), axisLabel: axisLabel(metric) };
  });
  return build(seriesType, {
    tooltip: { trigger: 'axis' },
    legend: { data: shown.map(label) },
    grid: { containLabel: true },
    xAxis: { type: 'category', name: label(firstDimension), data: rows.map((row) => categoryOf(row, firstDimension)) },
    yAxis: yAxes.length === 1 ? yAxes[0] : yAxes,
    series: shown.map((metric) => ({
      type: seriesType,
      name: label(metric),
      data: rows.map((row) => numberOrNull(row[metric.id])),
      yAxisIndex: units.length > 1 ? units.indexOf(metric.unit) : undefined,
      smooth: seriesType === 'line' ? true : undefined,
    })),
  });
}

export function build(kind: string, option: unknown): ChartSpec {
  // Without zod's generated parsers: each chart kind's first parse generated one per object schema it met (≈1–2 ms).
  return ChartSpecSchema.parse({ library: 'echarts', kind, option }, { jitless: true });
}
