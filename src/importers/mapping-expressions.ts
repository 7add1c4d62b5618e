import type { ColumnSource } from './mapping-schema.ts';
import { DEFAULT_DATE_FORMATS, DEFAULT_TIMESTAMP_FORMATS } from './mapping-schema.ts';
import type { TargetColumn } from './mapping-targets.ts';
import { quoteIdentifier, quoteLiteral } from './sql-text.ts';

export interface ColumnExpressions {
  /** The source text after trimming, value map, default or constant (NULL when empty). */
  text: string;
  /** The value converted to the target's type; NULL when `text` is NULL or does not convert. */
  typed: string;
  /** Per check, in order: [condition that makes the row invalid, reason]. */
  checks: [string, string][];
}

function literal(value: string | number | boolean | null | undefined): string {
  return value === null || value === undefined ? 'NULL' : quoteLiteral(String(value));
}

function formatList(formats: string | string[] | undefined, fallback: readonly string[]): string[] {
  if (formats === undefined) return [...fallback];
  return Array.isArray(formats) ? formats : [formats];
}

const ISO_FORMATS = ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%d'];

function timestampExpression(text: string, formats: string[]): string {
  const [first] = formats;
  if (formats.length === 1 && first === 'unix_seconds') return `make_timestamp(TRY_CAST(${text} AS BIGINT) * 1000000)`;
  if (formats.length === 1 && first === 'unix_milliseconds') return `make_timestamp(TRY_CAST(${text} AS BIGINT) * 1000)`;
  // ISO text is always accepted too: it is what typed Parquet dates and timestamps read as.
  const all = [...new Set([...formats, ...ISO_FORMATS])];
  return `try_strptime(${text}, [${all.map(quoteLiteral).join(', ')}])`;
}

/**
 * SQL for one mapped column over a staging table whose source columns are VARCHAR. `sourceColumn` is the
 * staging column of `source.column`. Conversions use TRY_ functions so a bad value becomes a counted,
 * located invalid row instead of a failed statement.
 */
export function columnExpressions(
  source: ColumnSource,
  sourceColumn: string | undefined,
  target: TargetColumn,
  defaults: { timestampFormat?: string | string[]; dateFormat?: string | string[] },
): ColumnExpressions {
  const raw = source.constant !== undefined ? literal(source.constant) : `nullif(trim(${quoteIdentifier(sourceColumn ?? '')}), '')`;
  let text = raw;
  if (source.map) {
    const cases = Object.entries(source.map).map(([from, to]) => `WHEN ${quoteLiteral(from)} THEN ${literal(to)}`);
    const otherwise = source.default !== undefined ? literal(source.default) : raw;
    text = cases.length ? `(CASE ${raw} ${cases.join(' ')} ELSE ${otherwise} END)` : otherwise;
  } else if (source.default !== undefined) {
    text = `coalesce(${raw}, ${literal(source.default)})`;
  }

  let typed: string;
  switch (target.kind) {
    case 'key':
      // "17850.0" (a float written by a spreadsheet) is the key 17850.
      typed = `regexp_replace(${text}, '^(-?[0-9]+)\\.0+$', '\\1')`;
      break;
    case 'integer':
      typed = `(CASE WHEN TRY_CAST(${text} AS DOUBLE) = round(TRY_CAST(${text} AS DOUBLE)) AND abs(TRY_CAST(${text} AS DOUBLE)) < 9e15 THEN TRY_CAST(TRY_CAST(${text} AS DOUBLE) AS BIGINT) END)`;
      break;
    case 'decimal':
      typed = `TRY_CAST(round(TRY_CAST(${text} AS DECIMAL(18, 6)), 2) AS DECIMAL(12, 2))`;
      break;
    case 'double':
      typed = `TRY_CAST(${text} AS DOUBLE)`;
      break;
    case 'timestamp':
      typed = timestampExpression(text, formatList(source.format ?? defaults.timestampFormat, DEFAULT_TIMESTAMP_FORMATS));
      break;
    case 'date':
      typed = `CAST(${timestampExpression(text, formatList(source.format ?? defaults.dateFormat, DEFAULT_DATE_FORMATS))} AS DATE)`;
      break;
    case 'text':
      typed = text;
      break;
  }

  const checks: [string, string][] = [];
  if (target.required) checks.push([`${text} IS NULL`, 'missing required value']);
  if (target.kind !== 'text' && target.kind !== 'key') {
    const word = target.kind === 'timestamp' || target.kind === 'date' ? `a ${target.kind}` : target.kind === 'integer' ? 'a whole number' : 'a number';
    checks.push([`${text} IS NOT NULL AND ${typed} IS NULL`, `cannot read the value as ${word}`]);
  }
  if (target.allowed) {
    checks.push([`${typed} IS NOT NULL AND ${typed} NOT IN (${target.allowed.map(quoteLiteral).join(', ')})`, `value is not one of ${target.allowed.join(', ')}`]);
  }
  if (target.minimum !== undefined) checks.push([`${typed} < ${target.minimum}`, `value is below ${target.minimum}`]);
  if (target.maximum !== undefined) checks.push([`${typed} > ${target.maximum}`, `value is above ${target.maximum}`]);
  return { text, typed, checks };
}
