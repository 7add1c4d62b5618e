import { z } from 'zod';
import type { QueryResult, Warehouse } from '../warehouse.ts';
import type { NamedParameters } from '../engine/warehouse-engine.ts';
import { checkSql, type CheckedSql } from './check-sql.ts';
import { QueryTimeoutError, TooManyRowsError } from './guard-errors.ts';
import { currentQueryUser, queryGateOf, type QueryGate } from './query-gate.ts';
import { executeInSandbox } from './sandboxed-execution.ts';
import { runGuardedOnEngine } from './run-guarded-on-engine.ts';
import { withHardDeadline } from './hard-deadline.ts';
import { DEFAULT_SQL_POLICY, type SqlPolicy } from './sql-policy.ts';

export const DEFAULT_TIMEOUT_MS = 10_000;

const TimeoutEnvironmentSchema = z.coerce.number().int().min(100).max(600_000);

/**
 * The one timeout of every guarded query (planner, run_sql, shell, server): SHOPLENS_QUERY_TIMEOUT_MS when set,
 * else 10 s. An invalid value is an error naming the variable, never silently ignored.
 */
export function configuredTimeoutMs(environment: NodeJS.ProcessEnv = process.env): number {
  const raw = environment.SHOPLENS_QUERY_TIMEOUT_MS;
  if (raw === undefined || raw === '') return DEFAULT_TIMEOUT_MS;
  const parsed = TimeoutEnvironmentSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`SHOPLENS_QUERY_TIMEOUT_MS must be a whole number of milliseconds between 100 and 600000, got "${raw}".`);
  return parsed.data;
}
export const DEFAULT_ROW_CAP = 10_000;
export const DEFAULT_MAX_RESULT_CHARACTERS = 32 * 1024 * 1024;
/** Memory limit for every warehouse that runs guarded SQL (the server, ask, sql, eval). */
export const DEFAULT_QUERY_MEMORY_LIMIT = '2GB';
/**
 * After an interrupt DuckDB stops at its next check; a single huge function call (repeat of 2e9 characters) only
 * checks when it is done. The caller gets the timeout this long after the deadline at the latest, while the query's
 * slot in the gate stays taken until DuckDB really stopped.
 */
export const INTERRUPT_GRACE_MS = 1_000;

export interface GuardedRunOptions {
  timeoutMs?: number;
  rowCap?: number;
  /** Rows whose JSON would exceed this many characters in total are cut off (flagged like the row cap). */
  maxResultCharacters?: number;
  policy?: SqlPolicy;
  /** 'truncate' (default) returns the first rowCap rows with `truncated: true`; 'error' throws TooManyRowsError. */
  onTooManyRows?: 'truncate' | 'error';
  /** Concurrency limits (default: one gate per warehouse, see query-gate.ts). */
  gate?: QueryGate;
  /** Whose share of the gate this query uses (default: the one set by runAsQueryUser). */
  user?: string;
  /** Values of the $name placeholders of compiled SQL (filter values); model-written SQL has none. */
  parameters?: NamedParameters;
  /**
   * When the behaviour tables live in another engine: the same compiled query in that engine's dialect, run
   * instead of `sql` once `sql` passed the check. Model-written SQL has none and runs as written.
   */
  engineQuery?: { sql: string; parameters: NamedParameters };
}

export interface GuardedResult extends QueryResult {
  /** True when rows are missing: more than rowCap rows, or more than maxResultCharacters of JSON. */
  truncated: boolean;
  truncatedBy: 'row_cap' | 'size_cap' | undefined;
  elapsedMs: number;
  sql: string;
  checked: CheckedSql;
}

/** Model SQL may only run on a warehouse opened with mode 'sandboxed' (or 'read-only', which is stricter still). */
export class SandboxRequiredError extends Error {
  override readonly name = 'SandboxRequiredError';
  readonly path: string;
  readonly mode: string;

  constructor(options: { path: string; mode: string }) {
    super(
      `runGuardedSql needs a warehouse opened with mode 'sandboxed' or 'read-only', but ${options.path} was opened '${options.mode}'. ` +
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
  if (warehouse.mode === 'read-write') throw new SandboxRequiredError({ path: warehouse.path, mode: warehouse.mode });
  // Another engine's tables change without this warehouse's write clock seeing it: only DuckDB results are kept.
  if (warehouse.behaviourEngine) return runUnkept(warehouse, sql, options);
  const startedAt = performance.now();
  const kept = await warehouse.checkedResult(keptResultKey(sql, options), async () => {
    const result = await runUnkept(warehouse, sql, options);
    return { result, tables: mayKeep(result) ? result.checked.tables : undefined };
  });
  // Each caller gets its own copy (answers are built from the rows); the time is this call's.
  return { ...structuredClone(kept), elapsedMs: Math.round(performance.now() - startedAt) };
}

/** Results with more rows are not kept: a few hundred kept answers must stay a few MB. */
const MAX_KEPT_RESULT_ROWS = 2_000;
/**
 * Functions whose value changes from one run to the next: a query calling one is run every time. Sampling clauses
 * are checked on the text.
 */
const VOLATILE_FUNCTIONS = new Set([
  'random', 'setseed', 'uuid', 'gen_random_uuid', 'uuidv4', 'uuidv7', 'now', 'current_timestamp', 'get_current_timestamp', 'transaction_timestamp',
  'current_date', 'today', 'current_time', 'get_current_time', 'localtimestamp', 'localtime', 'current_localtimestamp', 'current_localtime',
  'nextval', 'currval',
]);

function mayKeep(result: GuardedResult): boolean {
  return (
    result.rows.length <= MAX_KEPT_RESULT_ROWS &&
    !result.checked.functions.some((name) => VOLATILE_FUNCTIONS.has(name)) &&
    !/\b(?:TABLESAMPLE|USING\s+SAMPLE)\b/i.test(result.sql)
  );
}

const policyIds = new WeakMap<SqlPolicy, number>();
let policiesSeen = 0;

/**
 * Everything a checked result depends on besides the data: the text, its values, the policy and the limits (the
 * timeout too: callers of one running query share its outcome, a timeout included).
 */
function keptResultKey(sql: string, options: GuardedRunOptions): string {
  const policy = options.policy ?? DEFAULT_SQL_POLICY;
  if (!policyIds.has(policy)) policyIds.set(policy, (policiesSeen += 1));
  return JSON.stringify(
    [sql, options.parameters ?? {}, policyIds.get(policy), options.rowCap ?? DEFAULT_ROW_CAP, options.maxResultCharacters ?? DEFAULT_MAX_RESULT_CHARACTERS, options.onTooManyRows ?? 'truncate', options.timeoutMs ?? configuredTimeoutMs()],
    (_, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value),
  );
}

async function runUnkept(warehouse: Warehouse, sql: string, options: GuardedRunOptions): Promise<GuardedResult> {
  const timeoutMs = options.timeoutMs ?? configuredTimeoutMs();
  const rowCap = options.rowCap ?? DEFAULT_ROW_CAP;
  const policy = options.policy ?? DEFAULT_SQL_POLICY;
  const startedAt = performance.now();
  const gate = options.gate ?? queryGateOf(warehouse);
  const release = await gate.acquire(options.user ?? currentQueryUser(), startedAt + timeoutMs);
  if (!release) throw new QueryTimeoutError({ sql, timeoutMs, elapsedMs: Math.round(performance.now() - startedAt), phase: 'queued' });
  const runStartedAt = performance.now();
  const engine = warehouse.behaviourEngine;
  const work = (async () => {
    if (engine) {
      const limits = { timeoutMs, rowCap, policy, maxResultCharacters: options.maxResultCharacters ?? DEFAULT_MAX_RESULT_CHARACTERS };
      const result = await runGuardedOnEngine(warehouse, engine, sql, options, limits);
      return { ...result, elapsedMs: Math.round(performance.now() - startedAt) };
    }
    // Its own connection: an interrupt or a failed transaction never touches the warehouse's shared one.
    const connection = await warehouse.connect();
    try {
      const parameters = options.parameters ?? {};
      const checked = await checkSql(connection, sql, policy, new Set(Object.keys(parameters)));
      const result = await executeInSandbox(connection, sql, {
        parameters,
        timeoutMs,
        rowCap,
        maxResultCharacters: options.maxResultCharacters ?? DEFAULT_MAX_RESULT_CHARACTERS,
        allowedTables: policy.allowedTables,
        startedAt: runStartedAt,
      });
      if (result.truncatedBy === 'row_cap' && options.onTooManyRows === 'error') throw new TooManyRowsError({ sql, rowCap });
      return { ...result, elapsedMs: Math.round(performance.now() - startedAt), sql, checked };
    } finally {
      connection.closeSync();
    }
  })();
  void work.then(release, release);
  return withHardDeadline(work, timeoutMs + INTERRUPT_GRACE_MS, () =>
    new QueryTimeoutError({ sql, timeoutMs, elapsedMs: Math.round(performance.now() - runStartedAt) }),
  );
}
