import type { JsonRow, JsonValue } from '../json-values.ts';

/** Strips Nullable(…) and LowCardinality(…) so the value conversion sees the stored type. */
export function baseClickHouseType(type: string): string {
  const match = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
  return match ? baseClickHouseType(match[1] as string) : type;
}

/**
 * ClickHouse JSON values made to look like DuckDB's (see json-values.ts), so both engines answer alike:
 * 64-bit integers as numbers (strings past 2^53), decimals as numbers, timestamps without trailing zero
 * fractions ("2025-11-11 20:15:00"), booleans as booleans.
 */
export function toDuckDbLikeValue(value: unknown, type: string): JsonValue {
  if (value === null || value === undefined) return null;
  const base = baseClickHouseType(type);
  if (/^U?Int(64|128|256)$/.test(base) && typeof value === 'string') {
    const big = BigInt(value);
    return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : value;
  }
  if (/^Decimal/.test(base)) return Number(value);
  if (/^Float/.test(base)) {
    const number = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(number) ? number : null;
  }
  if (base === 'Bool') return value === true || value === 1 || value === 'true';
  if (/^DateTime/.test(base) && typeof value === 'string') return value.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
  if (Array.isArray(value)) {
    const inner = /^Array\((.*)\)$/.exec(base)?.[1] ?? 'String';
    return value.map((item) => toDuckDbLikeValue(item, inner));
  }
  if (typeof value === 'object') return value as JsonValue;
  return value as JsonValue;
}

export function toDuckDbLikeRows(columns: readonly { name: string; type: string }[], data: readonly unknown[][]): JsonRow[] {
  return data.map((values) => {
    const row: JsonRow = {};
    columns.forEach((column, index) => {
      row[column.name] = toDuckDbLikeValue(values[index], column.type);
    });
    return row;
  });
}
