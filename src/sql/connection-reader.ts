import type { DuckDBConnection } from '@duckdb/node-api';
import { readResult, type QueryParameters, type QueryResult } from './warehouse.ts';

/** Anything that answers read queries: the warehouse's shared connection, or a transaction's own. */
export interface QueryReader {
  query(sql: string, parameters?: QueryParameters): Promise<QueryResult>;
}

/** Reads through a transaction's connection, so code written for a Warehouse sees the transaction's own writes. */
export function connectionReader(connection: DuckDBConnection): QueryReader {
  return { query: (sql, parameters) => readResult(connection, sql, parameters) };
}
