import type { DimensionDefinition, MetricDefinition } from '../catalogue/catalogue-schema.ts';
import type { CompiledColumn } from './compiled-query.ts';
import { quoteIdentifier } from './compile-fact.ts';
import { textLiteral } from './sql-literals.ts';

/**
 * Output expression of a dimension column: in Chinese answers, known stored values (male, tier1, Beijing)
 * become their Chinese names. Done after aggregation so the mapping runs once per group, not per event.
 */
export function dimensionLabelSql(dimension: DimensionDefinition, source: string, language: 'en' | 'zh'): string {
  const column = `${source}.${quoteIdentifier(dimension.id)}`;
  const labels = Object.entries(dimension.value_labels_zh);
  if (language !== 'zh' || labels.length === 0) return column;
  const cases = labels.map(([key, label]) => `WHEN ${textLiteral(key)} THEN ${textLiteral(label)}`).join(' ');
  return `CASE ${column} ${cases} ELSE ${column} END`;
}

export function dimensionOutputSql(dimension: DimensionDefinition, source: string, language: 'en' | 'zh'): string {
  return `${dimensionLabelSql(dimension, source, language)} AS ${quoteIdentifier(dimension.id)}`;
}

export function dimensionColumn(dimension: DimensionDefinition): CompiledColumn {
  return { id: dimension.id, label_en: dimension.name_en, label_zh: dimension.name_zh, unit: dimension.value_type === 'amount' ? 'currency' : dimension.value_type, role: 'dimension' };
}

export function metricColumn(metric: MetricDefinition): CompiledColumn {
  return { id: metric.id, label_en: metric.name_en, label_zh: metric.name_zh, unit: metric.unit, role: 'metric' };
}

const AVERAGE_LABELS = { day: { en: 'Average daily', zh: '日均' }, week: { en: 'Average weekly', zh: '周均' }, month: { en: 'Average monthly', zh: '月均' } } as const;

/** A count or sum metric as its average per day/week/month (SemanticQuery.average); counts may be fractional. */
export function averageMetricColumn(metric: MetricDefinition, per: keyof typeof AVERAGE_LABELS): CompiledColumn {
  const label = AVERAGE_LABELS[per];
  return {
    id: metric.id,
    label_en: `${label.en} ${metric.name_en}`,
    label_zh: `${label.zh}${metric.name_zh}`,
    unit: metric.unit,
    role: 'metric',
  };
}

/** A metric summed from the start of the period up to each row's bucket (see SemanticQuery.cumulative). */
export function cumulativeMetricColumn(metric: MetricDefinition): CompiledColumn {
  return { id: metric.id, label_en: `Cumulative ${metric.name_en}`, label_zh: `累计${metric.name_zh}`, unit: metric.unit, role: 'metric' };
}

/** The share column of a count or sum metric: its value over the total (see SemanticQuery.share). */
export function shareColumn(metric: MetricDefinition): CompiledColumn {
  return { id: `${metric.id}_share`, label_en: `Share of ${metric.name_en}`, label_zh: `${metric.name_zh}占比`, unit: 'ratio', role: 'metric' };
}

/** The three extra columns of a period-over-period comparison. */
export function comparisonColumns(metric: MetricDefinition): CompiledColumn[] {
  return [
    { id: `${metric.id}_previous`, label_en: `${metric.name_en} (previous period)`, label_zh: `${metric.name_zh}（对比期）`, unit: metric.unit, role: 'metric' },
    {
      id: `${metric.id}_change`,
      label_en: `${metric.name_en} change`,
      label_zh: `${metric.name_zh}变化`,
      unit: metric.unit,
      role: 'metric',
    },
    { id: `${metric.id}_change_pct`, label_en: `${metric.name_en} change %`, label_zh: `${metric.name_zh}变化率`, unit: 'ratio', role: 'metric' },
  ];
}
