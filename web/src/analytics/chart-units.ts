import type { ChartSpec } from '../../../src/analytics/answer/chart-spec.ts';
import type { ResultColumn } from '../../../src/presentation/result-table.ts';
import { formatCell } from '../shared/format-cell.ts';
import { currencySymbol } from '../../../src/presentation/format-value.ts';
import type { Language } from '../shared/i18n.ts';

type Option = ChartSpec['option'];

const MAX_LABELLED_CATEGORIES = 15;
type Axis = NonNullable<Option['xAxis']>;

/** The unit of a series: its name is a metric's label, or (grouped series) the axis it is drawn on is. */
export function unitOfName(name: string | undefined, columns: readonly ResultColumn[]): string | undefined {
  return metricOfName(name, columns)?.unit;
}

function metricOfName(name: string | undefined, columns: readonly ResultColumn[]): ResultColumn | undefined {
  if (!name) return undefined;
  return columns.find((column) => column.role === 'metric' && (column.label_en === name || column.label_zh === name));
}

/** Axis tick labels: ratios as whole percents (0.25 → 25%), currency without decimals, big counts grouped. */
export function axisTickText(value: number, unit: string | undefined, currency?: string | null): string {
  if (unit === 'ratio') return `${Math.round(value * 1000) / 10}%`;
  if (unit === 'currency') return `${currency ? currencySymbol(currency) : ''}${value.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function valueAxisColumns(option: Option, columns: readonly ResultColumn[]): (ResultColumn | undefined)[] {
  const axes = option.yAxis === undefined ? [] : Array.isArray(option.yAxis) ? option.yAxis : [option.yAxis];
  return axes.map((axis) => metricOfName(axis.name, columns));
}

/**
 * The answer's ECharts option (validated data, string formatters only) plus the functions a browser adds: tooltips
 * and value-axis labels formatted by the unit of the numbers, exactly as the table formats them.
 */
export function decorateOption(option: Option, columns: readonly ResultColumn[], language: Language): Record<string, unknown> {
  const axisColumns = valueAxisColumns(option, columns);
  const soleMetric = columns.filter((column) => column.role === 'metric').length === 1 ? columns.find((column) => column.role === 'metric') : undefined;
  const decorateAxis = (axis: Axis, index: number) => {
    if (axis.type !== 'value') return axis;
    const column = axisColumns[index];
    return { ...axis, axisLabel: { formatter: (value: number) => axisTickText(value, column?.unit, column?.currency) } };
  };
  const yAxis = option.yAxis === undefined ? undefined : Array.isArray(option.yAxis) ? option.yAxis.map(decorateAxis) : decorateAxis(option.yAxis, 0);
  // A short list of categories shows every name (ECharts would skip some), slanted when they would collide.
  const categories = option.xAxis?.type === 'category' ? (option.xAxis.data?.length ?? 0) : 0;
  // Horizontal bars put the values on x: its ticks follow the unit of the metric it is named after.
  const valueX = option.xAxis?.type === 'value' ? metricOfName(option.xAxis.name, columns) : undefined;
  const xAxis = valueX && option.xAxis
    ? { ...option.xAxis, axisLabel: { formatter: (value: number) => axisTickText(value, valueX.unit, valueX.currency) } }
    : option.xAxis && categories > 0 && categories <= MAX_LABELLED_CATEGORIES ? { ...option.xAxis, axisLabel: { interval: 0, rotate: categories > 6 ? 30 : 0 } } : option.xAxis;
  const series = option.series.map((entry) => {
    const column = metricOfName(entry.name, columns) ?? axisColumns[entry.yAxisIndex ?? 0] ?? soleMetric;
    return {
      ...entry,
      tooltip: {
        valueFormatter: (value: unknown) => {
          // Heatmap cells are [x, y, value]; only the value is a figure.
          const figure = Array.isArray(value) ? value[value.length - 1] : value;
          return formatCell(figure, column?.unit, language, column?.currency);
        },
      },
    };
  });
  return { ...option, xAxis, yAxis, series, animationDuration: 300 };
}
