export { checkSql, type CheckedSql } from './check-sql.ts';
export { runGuardedSql, SandboxRequiredError, DEFAULT_ROW_CAP, DEFAULT_TIMEOUT_MS, DEFAULT_QUERY_MEMORY_LIMIT, type GuardedResult, type GuardedRunOptions } from './run-guarded-sql.ts';
export { createSqlPolicy, DEFAULT_SQL_POLICY, DEFAULT_PERSONAL_COLUMNS, SQL_SHELL_POLICY, DEFAULT_ALLOWED_TABLES, type SqlPolicy, type SqlPolicyOverrides } from './sql-policy.ts';
export { SqlGuardError, isSqlGuardError, type SqlGuardErrorKind, type SqlGuardFeedback, type MessageLanguage } from './sql-guard-error.ts';
export {
  ForbiddenFunctionError,
  ForbiddenStatementError,
  ForbiddenTableError,
  OutOfMemoryError,
  PersonalDataError,
  QueryTimeoutError,
  SqlExecutionError,
  SqlSyntaxError,
  TooManyRowsError,
  UnknownColumnError,
  UnknownTableError,
} from './guard-errors.ts';
export type { SqlPosition } from './sql-position.ts';
export { QueryGate, queryGateOf, runAsQueryUser, DEFAULT_QUERY_CONCURRENCY } from './query-gate.ts';
