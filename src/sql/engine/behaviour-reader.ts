import type { QueryReader } from '../connection-reader.ts';
import { Warehouse, type QueryParameters } from '../warehouse.ts';
import type { NamedParameters } from './warehouse-engine.ts';
import { DUCKDB_DIALECT, type SqlDialect } from './sql-dialect.ts';

/**
 * Where reads of the behaviour tables (events, orders, users …) go: the warehouse itself, or the engine that holds
 * them. SQL sent through it must run on both DuckDB and ClickHouse (no duckdb_* functions, no strftime).
 */
export function behaviourReader(warehouse: Warehouse): QueryReader {
  const engine = warehouse.behaviourEngine;
  if (!engine) return warehouse;
  return {
    query: (sql: string, parameters?: QueryParameters) => {
      if (Array.isArray(parameters)) throw new Error('Behaviour-table reads bind named parameters only.');
      return engine.query(sql, parameters as NamedParameters | undefined);
    },
  };
}

/** behaviourReader for a Warehouse; any other reader (a transaction's connection) already reads its own tables. */
export function behaviourReaderOf(reader: QueryReader): QueryReader {
  return reader instanceof Warehouse ? behaviourReader(reader) : reader;
}

/** The dialect of the engine that holds the behaviour tables (DuckDB's when the warehouse holds them itself). */
export function behaviourDialect(warehouse: Warehouse): SqlDialect {
  return warehouse.behaviourEngine?.dialect ?? DUCKDB_DIALECT;
}
