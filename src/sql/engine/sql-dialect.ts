import { literalTuples, type LiteralColumn, type LiteralValue } from './literal-rows.ts';

/** The value types a query parameter can have; each dialect spells the placeholder for its engine. */
export type ParameterType = 'text' | 'integer' | 'float' | 'date' | 'timestamp';

export type TimeStep = 'hour' | 'day';

/**
 * Everything the semantic compilers write differently per engine. DuckDB is the reference; ClickHouse gets the
 * same answers through these functions plus the session settings of its engine (join_use_nulls=1,
 * aggregate_functions_null_for_empty=1, UTC session time zone), see clickhouse-engine.ts.
 */
export interface SqlDialect {
  readonly name: 'duckdb' | 'clickhouse';
  quoteIdentifier(name: string): string;
  /** Placeholder of a named parameter; the value travels separately (never spliced into the SQL). */
  parameter(name: string, type: ParameterType): string;
  /** FROM item with one timestamp column `column` per `step` in [start, endExclusive) (both SQL expressions). */
  timeSpine(start: string, endExclusive: string, step: TimeStep, column: string): string;
  /** ISO day of week, 1 = Monday … 7 = Sunday. */
  isoDayOfWeek(expression: string): string;
  hourOfDay(expression: string): string;
  /** Monday of the ISO week / first day of the month, as a DATE. */
  weekStart(expression: string): string;
  monthStart(expression: string): string;
  countDistinct(expression: string, approximate: boolean): string;
  /** Any one value of the group (used where all values are equal). */
  anyValue(expression: string): string;
  /** True when the boolean expression is true for any row of the group. */
  boolOr(expression: string): string;
  /** The last non-NULL value of a window (the OVER clause follows). */
  lastValueIgnoringNulls(expression: string): string;
  /** The group's values of `expression` where `condition` holds, as a list (funnels collect step times). */
  collectWhere(expression: string, condition: string): string;
  /** The group's distinct values of `expression` where `condition` holds, sorted ascending, as a list (baskets). */
  sortedDistinctListWhere(expression: string, condition: string): string;
  /** The smallest element of `list` at or after `threshold`; NULL when there is none or the threshold is NULL. */
  firstAtOrAfter(list: string, threshold: string): string;
  /** Unicode-aware lower case (ClickHouse's lower() only folds ASCII). */
  lower(expression: string): string;
  /** True when `needle` (a bound text parameter) occurs in `expression`, ignoring case; no wildcard characters. */
  containsText(expression: string, needle: string): string;
  /** Text cast of any value. */
  castText(expression: string): string;
  /** Milliseconds since 1970-01-01 of a timestamp (UTC), as an integer. */
  epochMilliseconds(expression: string): string;
  /** Microseconds since 1970-01-01 of a timestamp (UTC), as an integer (exact window frames and gaps). */
  epochMicroseconds(expression: string): string;
  /** The previous row's value in the window (the OVER clause follows); NULL on the first row. */
  previousValue(expression: string): string;
  /** Exact median (the mean of the two middle values for an even count) of `expression` where `condition` holds. */
  medianWhere(expression: string, condition: string): string;
  /** The value of `expression` on the row where `key` is largest. */
  argMax(expression: string, key: string): string;
  /** A 64-bit hash of the values (for change fingerprints; engines hash differently, so never compare across them). */
  hashOf(expressions: readonly string[]): string;
  /** UNION ALL of relations (CTE names) that all have `columns`, matched by name rather than position. */
  unionAllByName(relations: readonly string[], columns: readonly string[]): string;
  /** Keeps the first `limit` rows per `partitionBy` in `orderBy` order of the SELECT in `sql` (which has no ORDER BY). */
  topNPerGroup(sql: string, partitionBy: readonly string[], orderBy: string, limit: number): string;
  /**
   * A relation (a parenthesised SELECT) of rows ShopLens generated itself, with typed columns: the synthetic anomalies
   * of the anomaly evaluation, read next to the real tables without writing anything. Never for data from outside
   * (literal-rows.ts refuses anything but numbers and plain words).
   */
  literalRows(columns: readonly LiteralColumn[], rows: readonly (readonly LiteralValue[])[]): string;
  /**
   * Catalogue snippets (measures, dimension expressions) are written in DuckDB SQL with a small, closed set of
   * functions; this renders them for the engine.
   */
  catalogueSql(snippet: string): string;
}

export function doubleQuoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const DUCKDB_TYPES: Record<ParameterType, string> = {
  text: 'VARCHAR',
  integer: 'BIGINT',
  float: 'DOUBLE',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

export const DUCKDB_DIALECT: SqlDialect = {
  name: 'duckdb',
  quoteIdentifier: doubleQuoted,
  // DuckDB infers a parameter's type from its JS value; the cast pins it so a text '5' never compares as a number.
  parameter: (name, type) => `CAST($${name} AS ${DUCKDB_TYPES[type]})`,
  timeSpine: (start, endExclusive, step, column) => `range(${start}, ${endExclusive}, INTERVAL 1 ${step.toUpperCase()}) AS spine(${column})`,
  isoDayOfWeek: (expression) => `isodow(${expression})`,
  hourOfDay: (expression) => `hour(${expression})`,
  weekStart: (expression) => `CAST(date_trunc('week', ${expression}) AS DATE)`,
  monthStart: (expression) => `CAST(date_trunc('month', ${expression}) AS DATE)`,
  countDistinct: (expression, approximate) => (approximate ? `approx_count_distinct(${expression})` : `count(DISTINCT ${expression})`),
  anyValue: (expression) => `any_value(${expression})`,
  boolOr: (expression) => `bool_or(${expression})`,
  lastValueIgnoringNulls: (expression) => `last_value(${expression} IGNORE NULLS)`,
  collectWhere: (expression, condition) => `list(${expression}) FILTER (WHERE ${condition})`,
  sortedDistinctListWhere: (expression, condition) => `list(DISTINCT ${expression} ORDER BY ${expression}) FILTER (WHERE ${condition})`,
  firstAtOrAfter: (list, threshold) => `list_min(list_filter(${list}, element -> element >= ${threshold}))`,
  lower: (expression) => `lower(${expression})`,
  containsText: (expression, needle) => `contains(lower(${expression}), lower(${needle}))`,
  castText: (expression) => `CAST(${expression} AS VARCHAR)`,
  hashOf: (expressions) => `hash(${expressions.join(', ')})`,
  epochMilliseconds: (expression) => `epoch_ms(${expression})`,
  epochMicroseconds: (expression) => `epoch_us(${expression})`,
  previousValue: (expression) => `lag(${expression})`,
  medianWhere: (expression, condition) => `median(${expression}) FILTER (WHERE ${condition})`,
  argMax: (expression, key) => `arg_max(${expression}, ${key})`,
  unionAllByName: (relations) => relations.map((relation) => `SELECT * FROM ${relation}`).join('\n  UNION ALL BY NAME\n  '),
  topNPerGroup: (sql, partitionBy, orderBy, limit) =>
    `SELECT * FROM (${sql}) ranked QUALIFY row_number() OVER (PARTITION BY ${partitionBy.join(', ')} ORDER BY ${orderBy}) <= ${limit}`,
  literalRows: (columns, rows) => {
    const tuples = literalTuples(columns, rows);
    const names = columns.map((column) => column.name);
    return `(SELECT ${columns.map((column) => `CAST(${column.name} AS ${DUCKDB_TYPES[column.type]}) AS ${column.name}`).join(', ')} FROM (VALUES ${tuples.join(', ')}) AS literal_rows(${names.join(', ')}))`;
  },
  catalogueSql: (snippet) => snippet,
};
