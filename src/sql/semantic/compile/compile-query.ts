import type { DateRange } from '../time/calendar-date.ts';
import type { DimensionDefinition, MetricDefinition } from '../catalogue/catalogue-schema.ts';
import type { DerivedTables } from '../catalogue/facts.ts';
import { availableDimensions, CORE_TABLES, resolveDimension, resolveMetric } from '../catalogue/catalogue.ts';
import {
  averageAssumption,
  comparisonAssumption,
  CURRENCY_ASSUMPTION,
  dimensionAssumptions,
  factAssumptions,
  filterAssumptions,
  GAP_FILL_ASSUMPTION,
  metricAssumptions,
  windowAssumption,
} from './assumptions.ts';
import { compileAggregation, FIRST_SEEN_CTE, needsFirstSeen } from './compile-aggregation.ts';
import { quoteIdentifier, type Cte } from './compile-fact.ts';
import { resolveFilters, type ResolvedFilter } from './compile-filter.ts';
import type { Assumption, CompiledColumn, CompiledQuery } from './compiled-query.ts';
import { metricFacts } from '../catalogue/metrics.ts';
import { averageMetricColumn, comparisonColumns, cumulativeMetricColumn, dimensionColumn, dimensionOutputSql, metricColumn, shareColumn } from './output-columns.ts';
import { CUMULATIVE_ASSUMPTION, cumulativeTimeline, runningTotalsSql } from './compile-cumulative.ts';
import { checkThresholds, keptByThresholdsSql, thresholdAssumption } from './compile-thresholds.ts';
import { checkCombineTop, combinedTopAssumption, combinedTopSql } from './compile-combined-top.ts';
import { parseInput } from './parse-input.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { semanticQuerySchema, type SemanticQuery } from './semantic-query.ts';
import type { SqlDialect } from '../../engine/sql-dialect.ts';
import { SqlWriter } from './sql-writer.ts';
import { timeSpineSql } from './time-spine.ts';
import { timeGrainSql } from '../catalogue/time-dimensions.ts';

export interface CompileOptions {
  /** Tables present in the warehouse (see loadAvailableTables); defaults to the core schema. */
  tables?: readonly string[];
  /** The engine's SQL dialect (default DuckDB). */
  dialect?: SqlDialect;
  /** Derived cache tables known to be current, which facts may read instead of the behaviour tables. */
  derived?: DerivedTables;
}

export interface ResolvedQuery {
  query: SemanticQuery;
  metrics: MetricDefinition[];
  dimensions: DimensionDefinition[];
  filters: ResolvedFilter[];
}

function assertUnique(ids: readonly string[], parameter: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new SemanticQueryError(`"${id}" appears twice in ${parameter}; list it once.`, { parameter });
    seen.add(id);
  }
}

export function resolveSemanticQuery(input: unknown, options: CompileOptions = {}): ResolvedQuery {
  const query = parseInput(semanticQuerySchema, input, 'semantic query');
  const tables = options.tables ?? CORE_TABLES;
  const metrics = query.metrics.map((id) => resolveMetric(id, tables));
  const dimensions = query.dimensions.map((id) => resolveDimension(id, tables));
  assertUnique(metrics.map((metric) => metric.id), 'metrics');
  assertUnique(dimensions.map((dimension) => dimension.id), 'dimensions');
  const filters = resolveFilters(query.filters, tables);
  return { query, metrics, dimensions, filters };
}

export function joinCtes(ctes: readonly Cte[]): string {
  return `WITH ${ctes.map((cte) => `${cte.name} AS ${cte.materialized ? 'MATERIALIZED ' : ''}(\n  ${cte.sql}\n)`).join(',\n')}`;
}

function onDimensions(left: string, right: string, dimensions: readonly DimensionDefinition[]): string {
  return dimensions
    .map((dimension) => `${left}.${quoteIdentifier(dimension.id)} IS NOT DISTINCT FROM ${right}.${quoteIdentifier(dimension.id)}`)
    .join(' AND ');
}

function orderClause(query: SemanticQuery, columns: readonly CompiledColumn[], dimensions: readonly DimensionDefinition[]): string {
  const ids = columns.map((column) => column.id);
  const dimensionOrder = dimensions.map((dimension) => `${quoteIdentifier(dimension.id)} ASC`);
  if (query.orderBy) {
    if (!ids.includes(query.orderBy.field)) {
      throw new SemanticQueryError(
        `Cannot order by "${query.orderBy.field}": it is not a column of this query. Use one of: ${ids.join(', ')}.`,
        { parameter: 'orderBy', allowed: ids },
      );
    }
    const direction = query.orderBy.direction.toUpperCase();
    return [`${quoteIdentifier(query.orderBy.field)} ${direction} NULLS LAST`, ...dimensionOrder].join(', ');
  }
  const timeDimensions = dimensions.filter((dimension) => dimension.kind === 'time');
  if (timeDimensions.length > 0) return dimensionOrder.join(', ');
  const firstMetric = columns.find((column) => column.role === 'metric');
  return [`${quoteIdentifier(firstMetric?.id ?? ids[0] ?? '1')} DESC NULLS LAST`, ...dimensionOrder].join(', ');
}

/** The dimension `limitPerGroup` ranks within: the first one, which must not be the only one, with an order given. */
function perGroupDimension(query: SemanticQuery, dimensions: readonly DimensionDefinition[]): string {
  if (dimensions.length < 2 || !query.orderBy) {
    throw new SemanticQueryError('limitPerGroup needs two dimensions (the groups first, then what is ranked in each) and an orderBy.', { parameter: 'limitPerGroup' });
  }
  return quoteIdentifier(dimensions[0]!.id);
}

const ZERO_ROWS_ASSUMPTION: Assumption = {
  en: 'Groups where every value is 0 (or a rate has nothing to divide by) are left out.',
  zh: '所有数值均为 0（或比率无分母）的分组未列出。',
};

/**
 * omitZeroRows applies to a split by a non-time dimension or by hour or weekday, without a comparison; over a calendar
 * grain only to a ranking (a limit): a timeline keeps its empty days, "the lowest day" is among days with data.
 */
function omitsZeroRows({ query, dimensions }: ResolvedQuery): boolean {
  const cyclicOrNotTime = dimensions.every((dimension) => dimension.kind !== 'time' || CYCLIC_GRAINS.has(dimension.id));
  return query.omitZeroRows === true && !query.compareTo && dimensions.length > 0 && (query.limit !== undefined || cyclicOrNotTime);
}

/** Hours of the day and days of the week: groupings that repeat, not a timeline whose empty days say something. */
const CYCLIC_GRAINS = new Set(['hour', 'weekday']);

function compiledAssumptions(resolved: ResolvedQuery, fillGaps: boolean): Assumption[] {
  const { query, metrics, dimensions, filters } = resolved;
  const facts = [...new Set(metrics.flatMap(metricFacts))];
  const assumptions = [windowAssumption(query.timeRange)];
  if (query.compareTo) assumptions.push(comparisonAssumption(query.compareTo));
  assumptions.push(...metricAssumptions(metrics), ...factAssumptions(facts), ...dimensionAssumptions(dimensions, false));
  assumptions.push(...filterAssumptions(filters));
  if (fillGaps) assumptions.push(GAP_FILL_ASSUMPTION);
  if (query.average) assumptions.push(averageAssumption(query.average.per));
  if (query.cumulative) assumptions.push(CUMULATIVE_ASSUMPTION);
  if (query.combineTop && query.limit !== undefined) assumptions.push(combinedTopAssumption(query.limit));
  if (omitsZeroRows(resolved)) assumptions.push(ZERO_ROWS_ASSUMPTION);
  if (query.thresholds?.length) assumptions.push(thresholdAssumption(query.thresholds, metrics));
  if (metrics.some((metric) => metric.unit === 'currency')) assumptions.push(CURRENCY_ASSUMPTION);
  return assumptions;
}

function checkAverage({ query, metrics, dimensions }: ResolvedQuery): void {
  const rate = metrics.find((metric) => metric.formula.kind === 'ratio');
  if (rate) {
    throw new SemanticQueryError(`average needs count or sum metrics; ${rate.id} is a rate already: ask for it over the period, or by ${query.average?.per}.`, { parameter: 'average' });
  }
  if (query.share) throw new SemanticQueryError('average cannot be combined with share: a share of a daily average is the share of the total.', { parameter: 'average' });
  // Hours and weekdays recur: a daily average by hour divides each hour by the period's days, by weekday each weekday
  // by its own days. The days, weeks and months of a timeline have nothing to average over.
  const recurring = (dimension: DimensionDefinition) => query.average?.per === 'day' && (dimension.day_group_sql !== undefined || dimension.time_grain === 'hour');
  const time = dimensions.find((dimension) => dimension.kind === 'time' && !recurring(dimension));
  if (time) {
    const hint = time.time_grain === 'hour' || time.time_grain === 'weekday' ? `, or average per day by ${time.id}` : '';
    throw new SemanticQueryError(`average cannot be combined with the ${time.id} dimension: drop average to see each ${time.id}${hint}.`, { parameter: 'average' });
  }
}

/**
 * Compiles a SemanticQuery to one DuckDB SELECT: columns are the dimension ids, then the metric ids (and with
 * compareTo, <metric>_previous, <metric>_change, <metric>_change_pct after each metric).
 */
export function compileSemanticQuery(input: unknown, options: CompileOptions = {}): CompiledQuery {
  const resolved = resolveSemanticQuery(input, options);
  const { query, metrics, dimensions, filters } = resolved;
  if (query.share && query.compareTo) {
    throw new SemanticQueryError('share cannot be combined with compareTo: ask for the shares of one period, then of the other.', { parameter: 'share' });
  }
  const calendarDimensions = dimensions.filter((dimension) => ['day', 'week', 'month'].includes(dimension.time_grain ?? ''));
  if (query.compareTo && calendarDimensions.length > 0) {
    throw new SemanticQueryError(
      `compareTo cannot be combined with the ${calendarDimensions[0]?.id} dimension (the two periods have different dates). ` +
        'Drop compareTo to get a trend, or drop the time dimension to compare totals.',
      { parameter: 'compareTo' },
    );
  }
  const fillGaps = dimensions.some((dimension) => dimension.kind === 'time');
  const averagePer = query.average?.per;
  if (averagePer) checkAverage(resolved);
  const timeline = query.cumulative ? cumulativeTimeline(query, metrics, dimensions) : undefined;
  if (query.combineTop) checkCombineTop(query, metrics);
  if (query.thresholds?.length) checkThresholds(query, metrics);
  const writer = new SqlWriter(options.dialect);
  const ctes: Cte[] = [];
  if (needsFirstSeen([...dimensions, ...filters.map((filter) => filter.dimension)])) ctes.push(FIRST_SEEN_CTE);
  const tables = availableDimensions(options.tables ?? CORE_TABLES);
  const aggregate = (prefix: string, window: DateRange) => {
    if (!averagePer) {
      const aggregation = compileAggregation(
        { metrics, dimensions, filters, window, language: query.language, keepNulls: false, fillTimeGaps: fillGaps, prefix, writer, derived: options.derived },
        tables,
      );
      ctes.push(...aggregation.ctes);
      return aggregation.resultName;
    }
    // Each period's value, then their sum over the number of periods: for distinct counts (buyers, visitors) the
    // average of the days is not the period's distinct count divided by its days.
    const periodDimension = resolveDimension(averagePer, options.tables ?? CORE_TABLES);
    const perPeriod = compileAggregation(
      { metrics, dimensions: [...dimensions, periodDimension], filters, window, language: query.language, keepNulls: false, fillTimeGaps: true, prefix: `${prefix}_per_period`, writer, derived: options.derived },
      tables,
    );
    ctes.push(...perPeriod.ctes);
    // The periods are counted on the gap-filled time spine of the same filters, so a weekday filter counts its days
    // only; a dimension that sorts days into groups (weekday or weekend) counts each group's own days.
    const dayGroups = averagePer === 'day' ? dimensions.filter((dimension) => dimension.day_group_sql !== undefined) : [];
    const keys = dimensions.map((dimension) => `r.${quoteIdentifier(dimension.id)} AS ${quoteIdentifier(dimension.id)}`);
    const averages = metrics.map((metric) => `CAST(SUM(coalesce(r.${quoteIdentifier(metric.id)}, 0)) AS DOUBLE) / NULLIF(MAX(p.periods), 0) AS ${quoteIdentifier(metric.id)}`);
    const name = `${prefix}_average`;
    const groupBy = dimensions.length > 0 ? `\n  GROUP BY ${dimensions.map((dimension) => `r.${quoteIdentifier(dimension.id)}`).join(', ')}` : '';
    if (dayGroups.length > 0) {
      const spine = timeSpineSql([periodDimension], filters.filter((filter) => filter.dimension.kind === 'time'), window, writer);
      const groupOf = (dimension: DimensionDefinition) => `${(dimension.day_group_sql as string).replace('{weekday}', timeGrainSql('weekday', `CAST(${quoteIdentifier(periodDimension.id)} AS DATE)`, writer.dialect))} AS ${quoteIdentifier(dimension.id)}`;
      const periodName = `${prefix}_day_groups`;
      ctes.push({ name: periodName, sql: `SELECT ${dayGroups.map(groupOf).join(', ')}, COUNT(*) AS periods FROM (${spine}) days GROUP BY ${dayGroups.map((dimension) => quoteIdentifier(dimension.id)).join(', ')}` });
      const on = dayGroups.map((dimension) => `p.${quoteIdentifier(dimension.id)} = r.${quoteIdentifier(dimension.id)}`).join(' AND ');
      ctes.push({ name, sql: `SELECT ${[...keys, ...averages].join(', ')}\n  FROM ${perPeriod.resultName} r JOIN ${periodName} p ON ${on}${groupBy}` });
      return name;
    }
    const periods = compileAggregation(
      { metrics: metrics.slice(0, 1), dimensions: [periodDimension], filters, window, language: query.language, keepNulls: false, fillTimeGaps: true, prefix: `${prefix}_periods`, writer, derived: options.derived },
      tables,
    );
    ctes.push(...periods.ctes);
    ctes.push({ name, sql: `SELECT ${[...keys, ...averages].join(', ')}\n  FROM ${perPeriod.resultName} r CROSS JOIN (SELECT COUNT(*) AS periods FROM ${periods.resultName}) p${groupBy}` });
    return name;
  };
  const valueColumn = (metric: MetricDefinition) =>
    averagePer ? averageMetricColumn(metric, averagePer) : timeline ? cumulativeMetricColumn(metric) : metricColumn(metric);
  const current = aggregate('current', query.timeRange);
  const columns: CompiledColumn[] = dimensions.map(dimensionColumn);
  let select: string;
  if (!query.compareTo) {
    const outputs = dimensions.map((dimension) => dimensionOutputSql(dimension, 'r', query.language));
    // Shares divide by the total of the same period and filters, minus the grouping and the excluded filters.
    const shared = query.share ? metrics.filter((metric) => metric.formula.kind !== 'ratio') : [];
    if (query.share && shared.length === 0) {
      throw new SemanticQueryError('share needs a count or sum metric (GMV, orders, buyers …); a rate has no share of a total.', { parameter: 'share' });
    }
    let base: string | undefined;
    if (query.share) {
      const excluded = new Set(query.share.excludeFilters);
      const aggregation = compileAggregation(
        { metrics: shared, dimensions: [], filters: filters.filter((filter) => !excluded.has(filter.dimension.id)), window: query.timeRange, language: query.language, keepNulls: false, fillTimeGaps: false, prefix: 'share_base', writer, derived: options.derived },
        availableDimensions(options.tables ?? CORE_TABLES),
      );
      ctes.push(...aggregation.ctes);
      base = aggregation.resultName;
    }
    for (const metric of metrics) {
      const id = quoteIdentifier(metric.id);
      columns.push(valueColumn(metric));
      // Named explicitly: ClickHouse would otherwise call the column "r.<metric>".
      outputs.push(`r.${id} AS ${id}`);
      if (shared.includes(metric)) {
        columns.push(shareColumn(metric));
        outputs.push(`CAST(coalesce(r.${id}, 0) AS DOUBLE) / NULLIF(b.${id}, 0) AS ${quoteIdentifier(`${metric.id}_share`)}`);
      }
    }
    select = `SELECT ${outputs.join(',\n    ')}\n  FROM ${current} r${base ? ` CROSS JOIN ${base} b` : ''}`;
    if (timeline) select = runningTotalsSql(select, timeline, dimensions, metrics);
  } else {
    const previous = aggregate('previous', query.compareTo);
    const outputs = dimensions.map((dimension) => dimensionOutputSql(dimension, 'k', query.language));
    for (const metric of metrics) {
      columns.push(valueColumn(metric), ...comparisonColumns(metric));
      const id = quoteIdentifier(metric.id);
      // A group missing from one period had none of the metric's rows: 0 for counts, unknown for ratios.
      const value = (alias: string) => (metric.formula.kind === 'ratio' ? `${alias}.${id}` : `coalesce(${alias}.${id}, 0)`);
      outputs.push(
        `${value('c')} AS ${id}`,
        `${value('p')} AS ${quoteIdentifier(`${metric.id}_previous`)}`,
        `${value('c')} - ${value('p')} AS ${quoteIdentifier(`${metric.id}_change`)}`,
        `CAST(${value('c')} - ${value('p')} AS DOUBLE) / NULLIF(${value('p')}, 0) AS ${quoteIdentifier(`${metric.id}_change_pct`)}`,
      );
    }
    if (dimensions.length === 0) {
      select = `SELECT ${outputs.join(',\n    ')}\n  FROM ${current} c CROSS JOIN ${previous} p`;
    } else {
      const keyColumns = dimensions.map((dimension) => quoteIdentifier(dimension.id)).join(', ');
      ctes.push({
        name: 'compare_keys',
        sql: `SELECT ${keyColumns} FROM ${current} UNION SELECT ${keyColumns} FROM ${previous}`,
      });
      select =
        `SELECT ${outputs.join(',\n    ')}\n  FROM compare_keys k\n` +
        `  LEFT JOIN ${current} c ON ${onDimensions('k', 'c', dimensions)}\n` +
        `  LEFT JOIN ${previous} p ON ${onDimensions('k', 'p', dimensions)}`;
    }
  }
  const order = orderClause(query, columns, dimensions);
  const limit = query.limit === undefined ? '' : `\nLIMIT ${query.limit}${query.offset ? ` OFFSET ${query.offset}` : ''}`;
  if (omitsZeroRows(resolved)) {
    // A rate of 0 % is an answer; a rate with nothing to divide by (NULL) and a count of 0 are not.
    const anyValue = metrics.map((metric) => (metric.formula.kind === 'ratio' ? `${quoteIdentifier(metric.id)} IS NOT NULL` : `coalesce(${quoteIdentifier(metric.id)}, 0) <> 0`)).join(' OR ');
    select = `SELECT * FROM (\n  ${select}\n) groups WHERE ${anyValue}`;
  }
  if (query.thresholds?.length) select = keptByThresholdsSql(select, query.thresholds, writer);
  if (query.limitPerGroup !== undefined) {
    const group = perGroupDimension(query, dimensions);
    // Ranked inside each group by the requested order; the rank column stays out of the answer.
    const ranked = `SELECT *, row_number() OVER (PARTITION BY ${group} ORDER BY ${order}) AS rank_in_group FROM (\n  ${select}\n) answer`;
    const outputColumns = columns.map((column) => quoteIdentifier(column.id)).join(', ');
    const sql = `${joinCtes(ctes)}\nSELECT ${outputColumns} FROM (\n${ranked}\n) ranked\nWHERE rank_in_group <= ${query.limitPerGroup}\nORDER BY ${group} ASC, rank_in_group${limit}`;
    return { sql, parameters: writer.parameters, columns, assumptions: compiledAssumptions(resolved, fillGaps) };
  }
  const ranked = `SELECT * FROM (\n  ${select}\n) answer\nORDER BY ${order}${limit}`;
  if (query.combineTop) {
    const combined = combinedTopSql(ranked, columns);
    return { sql: `${joinCtes(ctes)}\n${combined.sql}`, parameters: writer.parameters, columns: combined.columns, assumptions: compiledAssumptions(resolved, fillGaps) };
  }
  const sql = `${joinCtes(ctes)}\n${ranked}`;
  return { sql, parameters: writer.parameters, columns, assumptions: compiledAssumptions(resolved, fillGaps) };
}
