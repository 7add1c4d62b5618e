import { addDays, type DateRange } from '../time/calendar-date.ts';
import type { DimensionDefinition, JoinId, MeasureDefinition, TimeGrain } from '../catalogue/catalogue-schema.ts';
import { filterSql, type ResolvedFilter } from './compile-filter.ts';
import type { DerivedTables, FactDefinition } from '../catalogue/facts.ts';
import { dateLiteral, textLiteral, timestampLiteral } from './sql-literals.ts';
import { timeGrainSql } from '../catalogue/time-dimensions.ts';
import { CACHE_SCHEMA } from '../../cache-schema.ts';
import type { SqlWriter } from './sql-writer.ts';

export interface Cte {
  name: string;
  sql: string;
  /** Computed once as written (AS MATERIALIZED), never inlined into the queries that read it. */
  materialized?: boolean;
}

export interface FactQuery {
  fact: FactDefinition;
  measures: readonly MeasureDefinition[];
  dimensions: readonly DimensionDefinition[];
  filters: readonly ResolvedFilter[];
  window: DateRange;
  language: 'en' | 'zh';
  /** Keep rows whose dimension value is NULL (contribution analysis needs complete totals). */
  keepNulls: boolean;
  /** Finest day/week/month grain among the query's dimensions; decides what "new" means. */
  bucketGrain: Extract<TimeGrain, 'day' | 'week' | 'month'> | undefined;
  cteName: string;
  /** Dialect and parameters of this compile run. */
  writer: SqlWriter;
  derived?: DerivedTables;
}

export function quoteIdentifier(id: string): string {
  return `"${id.replaceAll('"', '""')}"`;
}

export function measureColumn(measure: MeasureDefinition): string {
  return `m_${measure.id}`;
}

function bucketStartSql(query: FactQuery): string {
  const windowStart = dateLiteral(query.window.start);
  if (!query.bucketGrain) return windowStart;
  const bucket = timeGrainSql(query.bucketGrain, query.fact.time, query.writer.dialect);
  return query.bucketGrain === 'day' ? bucket : `greatest(${bucket}, ${windowStart})`;
}

function expressionOf(dimension: DimensionDefinition, fact: FactDefinition) {
  const expression = dimension.expressions[fact.id];
  if (!expression) throw new Error(`Internal error: ${dimension.id} is not defined on ${fact.id}.`);
  return expression;
}

/** SQL of a dimension's value on a fact, in the answer's language, NULL replaced by its label if it has one. */
export function dimensionValueSql(dimension: DimensionDefinition, query: FactQuery): string {
  const expression = expressionOf(dimension, query.fact);
  const raw = (query.language === 'zh' && expression.value_zh) || expression.value;
  const value = query.writer.dialect.catalogueSql(raw.replaceAll('{bucket_start}', bucketStartSql(query)));
  return dimension.null_label === undefined ? value : `coalesce(${value}, ${textLiteral(dimension.null_label)})`;
}

function matchExpressions(dimension: DimensionDefinition, query: FactQuery): string[] {
  const match = expressionOf(dimension, query.fact).match;
  return match ? match.map((expression) => query.writer.dialect.catalogueSql(expression)) : [dimensionValueSql(dimension, { ...query, language: 'en' })];
}

function joinSql(join: JoinId, fact: FactDefinition): string {
  switch (join) {
    case 'users':
      return `LEFT JOIN users u ON u.user_id = ${fact.user}`;
    case 'products':
      return `LEFT JOIN products p ON p.product_id = ${fact.product}`;
    case 'first_seen':
      return `LEFT JOIN first_seen fs ON fs.user_id = ${fact.user}`;
    case 'segments':
      // One row per user even if the segmentation table has several, so joins never fan out.
      return `LEFT JOIN (SELECT user_id, min(segment) AS segment FROM ${CACHE_SCHEMA}.user_segments GROUP BY user_id) us ON us.user_id = ${fact.user}`;
  }
}

export function timeWindowSql(fact: FactDefinition, window: DateRange): string {
  const literal = fact.timeIsDate ? dateLiteral : timestampLiteral;
  return `${fact.time} >= ${literal(window.start)} AND ${fact.time} < ${literal(addDays(window.end, 1))}`;
}

/** Joins needed by the given dimensions and filters, in a stable order. */
export function requiredJoins(dimensions: readonly DimensionDefinition[]): JoinId[] {
  const order: JoinId[] = ['users', 'products', 'first_seen', 'segments'];
  const needed = new Set(dimensions.flatMap((dimension) => dimension.joins));
  return order.filter((join) => needed.has(join));
}

/** FROM … JOIN … WHERE … of a fact for the given dimensions and filters, plus the grouped value columns. */
export function factRowsSql(query: FactQuery): { select: string[]; fromWhere: string } {
  const { fact } = query;
  const usedDimensions = [...query.dimensions, ...query.filters.map((filter) => filter.dimension)];
  const joins = requiredJoins(usedDimensions).map((join) => joinSql(join, fact));
  const conditions = [timeWindowSql(fact, query.window)];
  for (const filter of query.filters) conditions.push(filterSql(filter, matchExpressions(filter.dimension, query), query.writer));
  const select = query.dimensions.map(
    (dimension) => `${dimensionValueSql(dimension, query)} AS ${quoteIdentifier(dimension.id)}`,
  );
  if (!query.keepNulls) {
    for (const dimension of query.dimensions) {
      if (dimension.null_label === undefined && dimension.kind !== 'time') {
        conditions.push(`${dimensionValueSql(dimension, query)} IS NOT NULL`);
      }
    }
  }
  const fromWhere = [`FROM ${query.writer.dialect.catalogueSql(fact.from(query.window, query.derived, query.writer.dialect.name))}`, ...joins, `WHERE ${conditions.join('\n    AND ')}`].join('\n  ');
  return { select, fromWhere };
}

/**
 * One fact's aggregates grouped by the query's dimensions. Two-stage facts group per (dimensions, user)
 * first and aggregate those rows, so per-user conditions stay exact and nothing is double counted.
 */
export function compileFact(query: FactQuery): Cte[] {
  const { fact, measures } = query;
  const { select, fromWhere } = factRowsSql(query);
  const dimensionColumns = query.dimensions.map((dimension) => quoteIdentifier(dimension.id));
  // GROUP BY ALL rather than aliases: an alias such as "city" could bind to the column u.city instead.
  const groupBy = dimensionColumns.length > 0 ? '\n  GROUP BY ALL' : '';
  const { dialect } = query.writer;
  const aggregates = measures.map((measure) => `${dialect.catalogueSql(measure.aggregate)} AS ${measureColumn(measure)}`);
  // The aggregate is read twice (its keys, then the join to them). DuckDB computes such a CTE once by itself;
  // ClickHouse inlines it into each reader, scanning the fact again, unless it is materialised.
  const materialized = dialect.name === 'clickhouse';
  if (!fact.unit) {
    const columns = [...select, ...aggregates].join(',\n    ');
    return [{ name: query.cteName, materialized, sql: `SELECT ${columns}\n  ${fromWhere}${groupBy}` }];
  }
  const unitColumns = new Map<string, string>();
  for (const measure of measures) {
    for (const [name, sql] of Object.entries(measure.unit_columns)) unitColumns.set(name, dialect.catalogueSql(sql));
  }
  const unitSelect = [...select, `${fact.unit} AS unit_key`, ...[...unitColumns].map(([name, sql]) => `${sql} AS ${name}`)];
  const unitsName = `${query.cteName}_units`;
  return [
    { name: unitsName, sql: `SELECT ${unitSelect.join(',\n    ')}\n  ${fromWhere}\n  GROUP BY ALL` },
    { name: query.cteName, materialized, sql: `SELECT ${[...dimensionColumns, ...aggregates].join(',\n    ')}\n  FROM ${unitsName}${groupBy}` },
  ];
}

/** First activity day of every user (first event or order), for new vs returning. */
export const FIRST_SEEN_CTE: Cte = {
  name: 'first_seen',
  sql: `SELECT user_id, min(first_day) AS first_day FROM (
    SELECT user_id, CAST(min(event_time) AS DATE) AS first_day FROM events GROUP BY user_id
    UNION ALL
    SELECT first_order.user_id, CAST(min(first_order.created_at) AS DATE) FROM orders first_order WHERE first_order.user_id IS NOT NULL GROUP BY first_order.user_id)
  GROUP BY user_id`,
};
