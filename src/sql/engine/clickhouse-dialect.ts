import { literalTuples } from './literal-rows.ts';
import { doubleQuoted, type ParameterType, type SqlDialect } from './sql-dialect.ts';

const CLICKHOUSE_TYPES: Record<ParameterType, string> = {
  text: 'String',
  integer: 'Int64',
  float: 'Float64',
  date: 'Date32',
  timestamp: 'DateTime64(6)',
};

/**
 * DuckDB functions that catalogue snippets may use, and their ClickHouse spelling. Kept closed on purpose: a
 * snippet with anything else must run unchanged on both engines (the parity test checks every metric).
 */
const CATALOGUE_FUNCTIONS: readonly [RegExp, string][] = [
  [/\bbool_or\(/g, 'max('],
  [/\bisodow\(/g, 'toDayOfWeek('],
  [/\bhour\(/g, 'toHour('],
  [/\blower\(/g, 'lowerUTF8('],
  [/\bany_value\(/g, 'any('],
  [/ IGNORE NULLS\)/g, ')'],
  // DuckDB's arg_min_null keeps a NULL argument; a tuple is never NULL, so ClickHouse's argMin keeps it too.
  [/\barg_min_null\(([^,()]+), ([^()]+)\)/g, 'argMin(tuple($1), $2).1'],
  [/ AS MATERIALIZED \(/g, ' AS ('],
  [/(^|[^A-Z ])\s+SEMI JOIN /g, '$1 LEFT SEMI JOIN '],
];

export const CLICKHOUSE_DIALECT: SqlDialect = {
  name: 'clickhouse',
  // ClickHouse also reads "double-quoted" names as identifiers, so quoting matches DuckDB's.
  quoteIdentifier: doubleQuoted,
  parameter: (name, type) => `{${name}:${CLICKHOUSE_TYPES[type]}}`,
  timeSpine: (start, endExclusive, step, column) => {
    const unit = step === 'hour' ? 'Hour' : 'Day';
    const from = `toDateTime64(${start}, 6)`;
    return `(SELECT ${from} + toInterval${unit}(number) AS ${column} FROM numbers(toUInt64(greatest(dateDiff('${step}', ${from}, toDateTime64(${endExclusive}, 6)), 0)))) AS spine`;
  },
  isoDayOfWeek: (expression) => `toDayOfWeek(${expression})`,
  hourOfDay: (expression) => `toHour(${expression})`,
  weekStart: (expression) => `toMonday(${expression})`,
  monthStart: (expression) => `toStartOfMonth(${expression})`,
  countDistinct: (expression, approximate) => (approximate ? `uniq(${expression})` : `uniqExact(${expression})`),
  anyValue: (expression) => `any(${expression})`,
  boolOr: (expression) => `max(${expression})`,
  // ClickHouse's last_value already skips NULLs (RESPECT NULLS would keep them).
  lastValueIgnoringNulls: (expression) => `last_value(${expression})`,
  collectWhere: (expression, condition) => `groupArrayIf(${expression}, ${condition})`,
  sortedDistinctListWhere: (expression, condition) => `arraySort(groupUniqArrayIf(${expression}, ${condition}))`,
  // arrayMin of an empty array is the type's zero, not NULL: no element (or no threshold) must read as NULL.
  firstAtOrAfter: (list, threshold) =>
    `if(isNull(${threshold}) OR empty(arrayFilter(element -> element >= assumeNotNull(${threshold}), ${list})), NULL, arrayMin(arrayFilter(element -> element >= assumeNotNull(${threshold}), ${list})))`,
  lower: (expression) => `lowerUTF8(${expression})`,
  containsText: (expression, needle) => `positionCaseInsensitiveUTF8(${expression}, ${needle}) > 0`,
  castText: (expression) => `toString(${expression})`,
  hashOf: (expressions) => `cityHash64(${expressions.join(', ')})`,
  epochMilliseconds: (expression) => `toUnixTimestamp64Milli(toDateTime64(${expression}, 6))`,
  epochMicroseconds: (expression) => `toUnixTimestamp64Micro(toDateTime64(${expression}, 6))`,
  // lag of a non-Nullable column gives the type's default (0, 1970-01-01) on the first row; DuckDB gives NULL.
  previousValue: (expression) => `lag(toNullable(${expression}))`,
  // ClickHouse's median() is approximate; quantileExactInclusive interpolates like DuckDB's median.
  medianWhere: (expression, condition) => `quantileExactInclusiveIf(0.5)(${expression}, ${condition})`,
  argMax: (expression, key) => `argMax(${expression}, ${key})`,
  unionAllByName: (relations, columns) =>
    relations.map((relation) => `SELECT ${columns.map(doubleQuoted).join(', ')} FROM ${relation}`).join('\n  UNION ALL\n  '),
  topNPerGroup: (sql, partitionBy, orderBy, limit) =>
    `SELECT * FROM (${sql}) ranked ORDER BY ${partitionBy.join(', ')}, ${orderBy} LIMIT ${limit} BY ${partitionBy.join(', ')}`,
  // Timestamps as the tables store them (UTC), so a UNION ALL with a table finds one common type; the structure is a
  // string literal, so its quotes are doubled.
  literalRows: (columns, rows) => {
    const tuples = literalTuples(columns, rows);
    const structure = columns.map((column, index) => {
      const type = column.type === 'timestamp' ? "DateTime64(6, ''UTC'')" : CLICKHOUSE_TYPES[column.type];
      return `${column.name} ${rows.some((row) => row[index] === null) ? `Nullable(${type})` : type}`;
    });
    return `(SELECT * FROM VALUES('${structure.join(', ')}', ${tuples.join(', ')}))`;
  },
  catalogueSql: (snippet) => CATALOGUE_FUNCTIONS.reduce((sql, [pattern, replacement]) => sql.replace(pattern, replacement), snippet),
};
