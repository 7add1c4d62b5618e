import { z } from 'zod';
import type { DimensionDefinition, MetricDefinition } from '../catalogue/catalogue-schema.ts';
import { availableDimensions, CORE_TABLES, resolveDimension, resolveMetric } from '../catalogue/catalogue.ts';
import {
  comparisonAssumption,
  dimensionAssumptions,
  factAssumptions,
  filterAssumptions,
  metricAssumptions,
  windowAssumption,
} from './assumptions.ts';
import { compileAggregation, FIRST_SEEN_CTE, needsFirstSeen } from './compile-aggregation.ts';
import { measureColumn, quoteIdentifier, type Cte } from './compile-fact.ts';
import { resolveFilters, type ResolvedFilter } from './compile-filter.ts';
import { joinCtes, type CompileOptions } from './compile-query.ts';
import type { Assumption, CompiledColumn, CompiledQuery } from './compiled-query.ts';
import { FACTS } from '../catalogue/facts.ts';
import { getMeasure } from '../catalogue/measures.ts';
import { metricFacts } from '../catalogue/metrics.ts';
import { dimensionLabelSql } from './output-columns.ts';
import { parseInput } from './parse-input.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { dateRangeSchema, filterSchema } from './semantic-query.ts';
import { textLiteral } from './sql-literals.ts';
import { SqlWriter } from './sql-writer.ts';

export const contributionQuerySchema = z.object({
  metric: z.string().min(1),
  /** Candidate dimensions to explain the change by; each is analysed separately. */
  dimensions: z.array(z.string().min(1)).min(1).max(8),
  timeRange: dateRangeSchema,
  compareTo: dateRangeSchema,
  filters: z.array(filterSchema).max(20).default([]),
  limitPerDimension: z.number().int().positive().max(1000).default(10),
  language: z.enum(['en', 'zh']).default('en'),
});
export type ContributionQuery = z.input<typeof contributionQuerySchema>;

/** Ratios with a per-value denominator get a mix/rate split; others (and DAU) a plain change split. */
function usesMixRate(metric: MetricDefinition): boolean {
  return metric.formula.kind === 'ratio' && !FACTS[getMeasure(metric.formula.denominator).fact].broadcast;
}

function perDimensionCte(
  metric: MetricDefinition,
  dimension: DimensionDefinition,
  current: string,
  previous: string,
  language: 'en' | 'zh',
): Cte {
  const column = quoteIdentifier(dimension.id);
  const id = quoteIdentifier(metric.id);
  const none = language === 'zh' ? '(无)' : '(none)';
  const label = dimensionLabelSql(dimension, 'k', language);
  const columns = [
    `${textLiteral(dimension.id)} AS dimension`,
    `coalesce(CAST(${label} AS VARCHAR), ${textLiteral(none)}) AS dimension_value`,
  ];
  if (usesMixRate(metric) && metric.formula.kind === 'ratio') {
    const numerator = measureColumn(getMeasure(metric.formula.numerator));
    const denominator = measureColumn(getMeasure(metric.formula.denominator));
    columns.push(
      `CAST(coalesce(c.${numerator}, 0) AS DOUBLE) AS numerator_current`,
      `CAST(coalesce(p.${numerator}, 0) AS DOUBLE) AS numerator_previous`,
      `CAST(coalesce(c.${denominator}, 0) AS DOUBLE) AS denominator_current`,
      `CAST(coalesce(p.${denominator}, 0) AS DOUBLE) AS denominator_previous`,
    );
  } else {
    columns.push(`CAST(coalesce(c.${id}, 0) AS DOUBLE) AS value_current`, `CAST(coalesce(p.${id}, 0) AS DOUBLE) AS value_previous`);
  }
  const on = (alias: string) => `k.${column} IS NOT DISTINCT FROM ${alias}.${column}`;
  return {
    name: `contribution_${dimension.id}`,
    sql:
      `SELECT ${columns.join(',\n    ')}\n  FROM (SELECT ${column} FROM ${current} UNION SELECT ${column} FROM ${previous}) k\n` +
      `  LEFT JOIN ${current} c ON ${on('c')}\n  LEFT JOIN ${previous} p ON ${on('p')}`,
  };
}

// Midpoint (symmetric) decomposition: with weight w = denominator share and rate r,
// Δ(Σ w·r) = Σ [(w1 − w0)(r1 + r0)/2] + Σ [(r1 − r0)(w1 + w0)/2] exactly. A rate missing in one period
// (denominator 0) takes the other period's rate, which keeps the identity and puts the whole effect in mix.
const MIX_RATE_SQL = `WITH weighted AS (
    SELECT *,
      numerator_current / NULLIF(denominator_current, 0) AS rate_current,
      numerator_previous / NULLIF(denominator_previous, 0) AS rate_previous,
      coalesce(denominator_current / NULLIF(SUM(denominator_current) OVER (PARTITION BY dimension), 0), 0) AS weight_current,
      coalesce(denominator_previous / NULLIF(SUM(denominator_previous) OVER (PARTITION BY dimension), 0), 0) AS weight_previous
    FROM contribution_rows),
  effects AS (
    SELECT *,
      (weight_current - weight_previous) * (coalesce(rate_current, rate_previous, 0) + coalesce(rate_previous, rate_current, 0)) / 2 AS mix_effect,
      (coalesce(rate_current, rate_previous, 0) - coalesce(rate_previous, rate_current, 0)) * (weight_current + weight_previous) / 2 AS rate_effect
    FROM weighted)
  SELECT dimension, dimension_value, rate_current AS value_current, rate_previous AS value_previous,
    rate_current - rate_previous AS change,
    (rate_current - rate_previous) / NULLIF(rate_previous, 0) AS change_pct,
    mix_effect + rate_effect AS contribution,
    (mix_effect + rate_effect) / NULLIF(SUM(mix_effect + rate_effect) OVER (PARTITION BY dimension), 0) AS share_of_total_change,
    numerator_current, numerator_previous, denominator_current, denominator_previous, mix_effect, rate_effect,
    SUM(numerator_current) OVER (PARTITION BY dimension) / NULLIF(SUM(denominator_current) OVER (PARTITION BY dimension), 0) AS total_current,
    SUM(numerator_previous) OVER (PARTITION BY dimension) / NULLIF(SUM(denominator_previous) OVER (PARTITION BY dimension), 0) AS total_previous
  FROM effects`;

const CHANGE_SQL = `SELECT dimension, dimension_value, value_current, value_previous,
    value_current - value_previous AS change,
    (value_current - value_previous) / NULLIF(value_previous, 0) AS change_pct,
    value_current - value_previous AS contribution,
    (value_current - value_previous) / NULLIF(SUM(value_current - value_previous) OVER (PARTITION BY dimension), 0) AS share_of_total_change,
    SUM(value_current) OVER (PARTITION BY dimension) AS total_current,
    SUM(value_previous) OVER (PARTITION BY dimension) AS total_previous
  FROM contribution_rows`;

/**
 * "Why did X change?": compares two periods split by each candidate dimension and ranks the dimension values
 * by their contribution to the change. Rows: dimension, dimension_value, value_current, value_previous,
 * change, change_pct, contribution, share_of_total_change, rank_in_dimension (+ mix/rate columns for ratios), and the
 * dimension's totals total_current, total_previous, total_change, total_change_pct.
 */
export function compileContribution(input: unknown, options: CompileOptions = {}): CompiledQuery {
  const query = parseInput(contributionQuerySchema, input, 'contribution query');
  const tables = options.tables ?? CORE_TABLES;
  const writer = new SqlWriter(options.dialect);
  const metric = resolveMetric(query.metric, tables);
  const dimensions = query.dimensions.map((id) => resolveDimension(id, tables));
  const timeDimension = dimensions.find((dimension) => dimension.kind === 'time' && dimension.time_grain !== 'hour' && dimension.time_grain !== 'weekday');
  if (timeDimension) {
    throw new SemanticQueryError(
      `"${timeDimension.id}" cannot explain a change between two periods (their dates differ); use hour, weekday or non-time dimensions.`,
      { parameter: 'dimensions' },
    );
  }
  const filters: ResolvedFilter[] = resolveFilters(query.filters, tables);
  const ctes: Cte[] = [];
  if (needsFirstSeen([...dimensions, ...filters.map((filter) => filter.dimension)])) ctes.push(FIRST_SEEN_CTE);
  const perDimension: Cte[] = [];
  const usableDimensions = availableDimensions(tables);
  for (const dimension of dimensions) {
    const aggregate = (prefix: string, window: { start: string; end: string }) => {
      const aggregation = compileAggregation(
        { metrics: [metric], dimensions: [dimension], filters, window, language: query.language, keepNulls: true, fillTimeGaps: false, prefix, writer },
        usableDimensions,
      );
      ctes.push(...aggregation.ctes);
      return aggregation.resultName;
    };
    const current = aggregate(`current_${dimension.id}`, query.timeRange);
    const previous = aggregate(`previous_${dimension.id}`, query.compareTo);
    perDimension.push(perDimensionCte(metric, dimension, current, previous, query.language));
  }
  ctes.push(...perDimension);
  const mixRate = usesMixRate(metric);
  const rowColumns = ['dimension', 'dimension_value', ...(mixRate ? ['numerator_current', 'numerator_previous', 'denominator_current', 'denominator_previous'] : ['value_current', 'value_previous'])];
  ctes.push({ name: 'contribution_rows', sql: writer.dialect.unionAllByName(perDimension.map((cte) => cte.name), rowColumns) });
  ctes.push({ name: 'contributions', sql: mixRate ? MIX_RATE_SQL : CHANGE_SQL });
  const order = dimensions.map((dimension, index) => `WHEN ${textLiteral(dimension.id)} THEN ${index}`).join(' ');
  const sql = `${joinCtes(ctes)}
SELECT *, total_current - total_previous AS total_change, (total_current - total_previous) / NULLIF(total_previous, 0) AS total_change_pct FROM (
  SELECT *, row_number() OVER (PARTITION BY dimension ORDER BY abs(contribution) DESC NULLS LAST, dimension_value) AS rank_in_dimension
  FROM contributions
) ranked
WHERE rank_in_dimension <= ${query.limitPerDimension}
ORDER BY CASE dimension ${order} END, rank_in_dimension`;
  return { sql, parameters: writer.parameters, columns: contributionColumns(metric, mixRate), assumptions: contributionAssumptions(metric, dimensions, filters, query, mixRate) };
}

function contributionColumns(metric: MetricDefinition, mixRate: boolean): CompiledColumn[] {
  const unit = metric.unit;
  const columns: CompiledColumn[] = [
    { id: 'dimension', label_en: 'Dimension', label_zh: '维度', unit: 'text', role: 'dimension' },
    { id: 'dimension_value', label_en: 'Value', label_zh: '维度值', unit: 'text', role: 'dimension' },
    { id: 'value_current', label_en: `${metric.name_en} (current)`, label_zh: `${metric.name_zh}（本期）`, unit, role: 'metric' },
    { id: 'value_previous', label_en: `${metric.name_en} (previous)`, label_zh: `${metric.name_zh}（对比期）`, unit, role: 'metric' },
    { id: 'change', label_en: 'Change', label_zh: '变化', unit, role: 'metric' },
    { id: 'change_pct', label_en: 'Change %', label_zh: '变化率', unit: 'ratio', role: 'metric' },
    { id: 'contribution', label_en: 'Contribution to total change', label_zh: '对总变化的贡献', unit, role: 'metric' },
    { id: 'share_of_total_change', label_en: 'Share of total change', label_zh: '占总变化比例', unit: 'ratio', role: 'metric' },
  ];
  if (mixRate) {
    columns.push(
      { id: 'numerator_current', label_en: 'Numerator (current)', label_zh: '分子（本期）', unit: 'count', role: 'metric' },
      { id: 'numerator_previous', label_en: 'Numerator (previous)', label_zh: '分子（对比期）', unit: 'count', role: 'metric' },
      { id: 'denominator_current', label_en: 'Denominator (current)', label_zh: '分母（本期）', unit: 'count', role: 'metric' },
      { id: 'denominator_previous', label_en: 'Denominator (previous)', label_zh: '分母（对比期）', unit: 'count', role: 'metric' },
      { id: 'mix_effect', label_en: 'Mix effect', label_zh: '结构效应', unit, role: 'metric' },
      { id: 'rate_effect', label_en: 'Rate effect', label_zh: '比率效应', unit, role: 'metric' },
    );
  }
  // The whole metric in each period, summed over every value of the dimension (not only the rows shown), so an
  // answer can state the change it decomposes from the rows themselves.
  columns.push(
    { id: 'total_current', label_en: `${metric.name_en}, all values (current)`, label_zh: `${metric.name_zh}合计（本期）`, unit, role: 'metric' },
    { id: 'total_previous', label_en: `${metric.name_en}, all values (previous)`, label_zh: `${metric.name_zh}合计（对比期）`, unit, role: 'metric' },
    { id: 'total_change', label_en: 'Total change', label_zh: '合计变化', unit, role: 'metric' },
    { id: 'total_change_pct', label_en: 'Total change %', label_zh: '合计变化率', unit: 'ratio', role: 'metric' },
  );
  columns.push({ id: 'rank_in_dimension', label_en: 'Rank within dimension', label_zh: '维度内排名', unit: 'integer', role: 'dimension' });
  return columns;
}

function contributionAssumptions(
  metric: MetricDefinition,
  dimensions: readonly DimensionDefinition[],
  filters: readonly ResolvedFilter[],
  query: z.infer<typeof contributionQuerySchema>,
  mixRate: boolean,
): Assumption[] {
  const method: Assumption = mixRate
    ? {
        en: `${metric.name_en} is a ratio, so each value's contribution = mix effect (change in its share of the denominator × average rate) + rate effect (change in its rate × average share). Within a dimension the contributions add up to the change of Σnumerator ÷ Σdenominator over its values, which equals the overall change when every row has exactly one value (user attributes, device, order status); for product dimensions a visitor can count under several values.`,
        zh: `${metric.name_zh}是比率指标，每个维度值的贡献 = 结构效应（其分母占比的变化 × 两期平均比率）+ 比率效应（其比率的变化 × 两期平均占比）。同一维度内各值贡献之和等于“各值分子之和 ÷ 各值分母之和”的变化；当每行只属于一个维度值（用户属性、设备、订单状态）时即等于总变化，按商品类维度拆分时一个访客可能计入多个值。`,
      }
    : {
        en: `Contribution of a value = its change (current − previous); share of total change = contribution ÷ the sum of all values' changes in that dimension.${metric.additive ? '' : ` ${metric.name_en} is not additive (a user can appear under several values), so the shares explain the sum of per-value changes rather than the overall change exactly.`}`,
        zh: `某个维度值的贡献 = 其变化（本期 − 对比期）；占总变化比例 = 贡献 ÷ 该维度所有值的变化之和。${metric.additive ? '' : `${metric.name_zh}不可加（同一用户可能出现在多个值下），占比解释的是各值变化之和，而非精确的总变化。`}`,
      };
  const ranking: Assumption = {
    en: `Values are ranked within each dimension by the absolute size of their contribution; the top ${query.limitPerDimension} per dimension are shown. Rows with no value appear as "(none)" so that totals are complete.`,
    zh: `各维度内按贡献绝对值排序，每个维度显示前 ${query.limitPerDimension} 个值。没有该值的行显示为“(无)”，以保证合计完整。`,
  };
  return [
    windowAssumption(query.timeRange),
    comparisonAssumption(query.compareTo),
    ...metricAssumptions([metric]),
    method,
    ranking,
    ...factAssumptions(metricFacts(metric)),
    ...dimensionAssumptions(dimensions, true),
    ...filterAssumptions(filters),
  ];
}
