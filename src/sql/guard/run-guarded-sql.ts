import type { QueryResult, Warehouse } from '../warehouse.ts';
import { checkSql, type CheckedSql } from './check-sql.ts';
import { TooManyRowsError } from './guard-errors.ts';
import { executeInSandbox } from './sandboxed-execution.ts';
import { DEFAULT_SQL_POLICY, type SqlPolicy } from './sql-policy.ts';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_ROW_CAP = 10_000;
export const DEFAULT_MAX_RESULT_CHARACTERS = 32 * 1024 * 1024;

export interface GuardedRunOptions {
  timeoutMs?: number;
  rowCap?: number;
  /** Rows whose JSON would exceed this many characters in total are cut off (flagged like the row cap). */
  maxResultCharacters?: number;
  policy?: SqlPolicy;
  /** 'truncate' (default) returns the first rowCap rows with `truncated: true`; 'error' throws TooManyRowsError. */
  onTooManyRows?: 'truncate' | 'error';
}

export interface GuardedResult extends QueryResult {
  /** True when rows are missing: more than rowCap rows, or more than maxResultCharacters of JSON. */
  truncated: boolean;
  truncatedBy: 'row_cap' | 'size_cap' | undefined;
  elapsedMs: number;
  sql: string;
  checked: CheckedSql;
}

/** Model SQL may only run on a warehouse opened with mode 'sandboxed'. */
export class SandboxRequiredError extends Error {
  override readonly name = 'SandboxRequiredError';
  readonly path: string;
  readonly mode: string;

  constructor(options: { path: string; mode: string }) {
    super(
      `runGuardedSql needs a warehouse opened with mode 'sandboxed', but ${options.path} was opened '${options.mode}'. ` +
        "Open it with Warehouse.open({ path, mode: 'sandboxed', memoryLimit }) in the process that runs model SQL.",
    );
    this.path = options.path;
    this.mode = options.mode;
  }
}

/**
 * Checks `sql` (see checkSql) and runs it on a fresh connection of a sandboxed warehouse inside a
 * read-only transaction that is always rolled back, with a timer that interrupts the query at
 * `timeoutMs` and a streamed read that stops after rowCap + 1 rows. Every failure is a SqlGuardError.
 */
export async function runGuardedSql(warehouse: Warehouse, sql: string, options: GuardedRunOptions = {}): Promise<GuardedResult> {
  if (warehouse.mode !== 'sandboxed') throw new SandboxRequiredError({ path: warehouse.path, mode: warehouse.mode });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const rowCap = options.rowCap ?? DEFAULT_ROW_CAP;
  const policy = options.policy ?? DEFAULT_SQL_POLICY;
  const startedAt = performance.now();
  // Its own connection: an interrupt or a failed transaction never touches the warehouse's shared one.
  const connection = await warehouse.connect();
  try {
    const checked = await checkSql(connection, sql, policy);
    const result = await executeInSandbox(connection, sql, {
      timeoutMs,
      rowCap,
      maxResultCharacters: options.maxResultCharacters ?? DEFAULT_MAX_RESULT_CHARACTERS,
      allowedTables: policy.allowedTables,
      startedAt,
    });
    if (result.truncatedBy === 'row_cap' && options.onTooManyRows === 'error') throw new TooManyRowsError({ sql, rowCap });
    return { ...result, elapsedMs: Math.round(performance.now() - startedAt), sql, checked };
  } finally {
    connection.closeSync();
  }
}
