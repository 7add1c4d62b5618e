import {
  DuckDBArrayValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBUnionValue,
  type DuckDBValue,
} from '@duckdb/node-api';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonRow = Record<string, JsonValue>;

/**
 * The one place where DuckDB values become plain JSON: integers as numbers (as strings past 2^53, so
 * nothing is silently rounded), DECIMAL as numbers, NaN/Infinity as null (JSON has no such numbers),
 * dates and timestamps in DuckDB's own text form ("2025-11-11", "2025-11-11 20:15:00").
 */
export function toJsonValue(value: DuckDBValue): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) return value.items.map(toJsonValue);
  if (value instanceof DuckDBStructValue) {
    return Object.fromEntries(Object.entries(value.entries).map(([key, item]) => [key, toJsonValue(item)]));
  }
  if (value instanceof DuckDBMapValue) {
    return value.entries.map((entry) => ({ key: toJsonValue(entry.key), value: toJsonValue(entry.value) }));
  }
  if (value instanceof DuckDBUnionValue) return toJsonValue(value.value);
  // Dates, times, timestamps, intervals, UUIDs, blobs, bits: DuckDB's canonical text.
  return value.toString();
}

export function toJsonRows(columnNames: readonly string[], rows: readonly (readonly DuckDBValue[])[]): JsonRow[] {
  return rows.map((row) => {
    const object: JsonRow = {};
    columnNames.forEach((name, index) => {
      object[name] = toJsonValue(row[index] ?? null);
    });
    return object;
  });
}
