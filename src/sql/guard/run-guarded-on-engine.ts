import type { NamedParameters, WarehouseEngine } from '../engine/warehouse-engine.ts';
import type { JsonRow } from '../json-values.ts';
import type { Warehouse } from '../warehouse.ts';
import { checkSql } from './check-sql.ts';
import { assertSameReadingOnClickHouse } from './engine-sql-check.ts';
import { withHardDeadline } from './hard-deadline.ts';
import { OutOfMemoryError, QueryTimeoutError, SqlExecutionError, TooManyRowsError } from './guard-errors.ts';
import type { GuardedResult, GuardedRunOptions } from './run-guarded-sql.ts';
import type { SqlPolicy } from './sql-policy.ts';

/** Per-query memory on ClickHouse, the same 2 GB as DEFAULT_QUERY_MEMORY_LIMIT gives DuckDB. */
export const ENGINE_QUERY_MEMORY_BYTES = 2 * 1024 ** 3;

export interface EngineRunLimits {
  timeoutMs: number;
  rowCap: number;
  maxResultCharacters: number;
  policy: SqlPolicy;
}

/**
 * The guard for a warehouse whose behaviour tables live in ClickHouse: the SQL is checked by the same parser-based
 * policy against the DuckDB state file (which has the same tables, empty), then ClickHouse runs `engineQuery` (the
 * ClickHouse spelling of compiled SQL) or, for model-written SQL, the checked text itself after a check that both
 * engines read it alike. ClickHouse enforces max_execution_time and max_result_rows, and ShopLens its own timeout
 * and row cap on top (chDB is not a sandbox; a server also runs it as a read-only user, see docs/clickhouse.md).
 */
export async function runGuardedOnEngine(
  warehouse: Warehouse,
  engine: WarehouseEngine,
  sql: string,
  options: GuardedRunOptions,
  limits: EngineRunLimits,
): Promise<Omit<GuardedResult, 'elapsedMs'>> {
  const parameters: NamedParameters = options.parameters ?? {};
  const connection = await warehouse.connect();
  let checked;
  try {
    checked = await checkSql(connection, sql, limits.policy, new Set(Object.keys(parameters)));
  } finally {
    connection.closeSync();
  }
  const run = options.engineQuery ?? { sql, parameters: {} };
  if (!options.engineQuery) assertSameReadingOnClickHouse(sql);
  const started = performance.now();
  let result;
  try {
    result = await withTimeout(engine.query(run.sql, run.parameters, { timeoutMs: limits.timeoutMs, rowCap: limits.rowCap, maxMemoryBytes: ENGINE_QUERY_MEMORY_BYTES }), limits.timeoutMs, sql, started);
  } catch (error) {
    throw classifyEngineError(error, sql, limits.timeoutMs, started);
  }
  const rows: JsonRow[] = [];
  let characters = 0;
  let truncatedBy: GuardedResult['truncatedBy'];
  for (const row of result.rows) {
    if (rows.length >= limits.rowCap) {
      truncatedBy = 'row_cap';
      break;
    }
    characters += JSON.stringify(row).length;
    if (characters > limits.maxResultCharacters) {
      truncatedBy = 'size_cap';
      break;
    }
    rows.push(row);
  }
  if (truncatedBy === 'row_cap' && options.onTooManyRows === 'error') throw new TooManyRowsError({ sql, rowCap: limits.rowCap });
  return { columns: result.columns, rows, truncated: truncatedBy !== undefined, truncatedBy, sql, checked };
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, sql: string, started: number): Promise<T> {
  return withHardDeadline(work, timeoutMs, () => new QueryTimeoutError({ sql, timeoutMs, elapsedMs: Math.round(performance.now() - started) }));
}

/** ClickHouse error codes: 159 TIMEOUT_EXCEEDED, 241 MEMORY_LIMIT_EXCEEDED; anything else is a plain failure. */
function classifyEngineError(error: unknown, sql: string, timeoutMs: number, started: number): Error {
  if (error instanceof QueryTimeoutError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { clickhouseCode?: number; code?: string }).clickhouseCode ?? Number((error as { code?: string }).code);
  if (code === 159 || /TIMEOUT_EXCEEDED|Timeout exceeded/i.test(message)) {
    return new QueryTimeoutError({ sql, timeoutMs, elapsedMs: Math.round(performance.now() - started), cause: error });
  }
  if (code === 241 || /MEMORY_LIMIT_EXCEEDED/.test(message)) return new OutOfMemoryError({ sql, duckdbMessage: message, cause: error });
  return new SqlExecutionError({ sql, duckdbMessage: message.replace(/\s+/g, ' ').slice(0, 500), cause: error });
}
