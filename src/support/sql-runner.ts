import type { DuckDBConnection } from '@duckdb/node-api';
import type { JsonRow } from '../sql/json-values.ts';
import type { KeyedRead, RowsByKey } from '../sql/read-cache.ts';
import { readResult, type QueryParameters, type QueryResult } from '../sql/warehouse.ts';

/** What support code needs from a database handle: the shared warehouse, or one transaction's connection. */
export interface SqlRunner {
  query(sql: string, parameters?: QueryParameters): Promise<QueryResult>;
  run(sql: string, parameters?: QueryParameters): Promise<void>;
  /** The warehouse only (never a transaction, whose reads must see its own snapshot): a read reused until `tables` change. */
  cachedQuery?(sql: string, parameters: QueryParameters | undefined, tables: readonly string[]): Promise<QueryResult>;
  /** The warehouse only, like cachedQuery: rows per key, kept per key, concurrent callers' keys read together. */
  keyedQuery?(read: KeyedRead, keys: readonly number[]): Promise<RowsByKey>;
}

/** Whole numbers as a DuckDB list literal, bound as one text parameter (`list_contains($ids::BIGINT[], …)`): one statement text, one plan. */
export function idList(ids: readonly number[]): string {
  return `[${ids.map((id) => Math.trunc(Number(id))).join(',')}]`;
}

/**
 * The rows of each key: through the warehouse's keyed reads when the runner has them, else `read.load` now (a
 * transaction's connection, whose reads must see its own snapshot).
 */
export async function keyedRead(runner: SqlRunner, read: KeyedRead, keys: readonly number[]): Promise<RowsByKey> {
  if (runner.keyedQuery) return runner.keyedQuery(read, keys);
  const byKey = new Map<number, JsonRow[]>();
  if (keys.length === 0) return byKey;
  for (const row of (await read.load([...new Set(keys)])).rows) {
    const key = Number(row[read.keyColumn]);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  return byKey;
}

/** A repeated read of `tables`: from the warehouse's read cache when the runner has one, else run now. */
export function repeatedRead(runner: SqlRunner, sql: string, parameters: QueryParameters | undefined, tables: readonly string[]): Promise<QueryResult> {
  return runner.cachedQuery ? runner.cachedQuery(sql, parameters, tables) : runner.query(sql, parameters);
}

export function runnerOf(connection: DuckDBConnection): SqlRunner {
  return {
    query: (sql, parameters) => readResult(connection, sql, parameters),
    run: async (sql, parameters) => {
      await connection.run(sql, parameters);
    },
  };
}
