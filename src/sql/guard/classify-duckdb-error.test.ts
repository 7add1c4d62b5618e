import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../warehouse.ts';
import { classifyDuckDBError } from './classify-duckdb-error.ts';
import {
  ForbiddenStatementError,
  OutOfMemoryError,
  QueryTimeoutError,
  SqlExecutionError,
  UnknownColumnError,
  UnknownTableError,
} from './guard-errors.ts';
import { DEFAULT_ALLOWED_TABLES } from './sql-policy.ts';

describe('classifyDuckDBError on real DuckDB errors', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:', mode: 'sandboxed' });
  });
  afterAll(() => warehouse.close());

  async function classify(sql: string, timedOut?: { timeoutMs: number; elapsedMs: number }) {
    const error = await warehouse.query(sql).then(
      () => {
        throw new Error(`expected DuckDB to fail on: ${sql}`);
      },
      (caught: unknown) => caught,
    );
    return classifyDuckDBError(error, { sql, allowedTables: DEFAULT_ALLOWED_TABLES, ...(timedOut ? { timedOut } : {}) });
  }

  it('turns a binder "column not found" into unknown_column with DuckDB’s candidates', async () => {
    const error = await classify('SELECT user_nam FROM users');
    expect(error).toBeInstanceOf(UnknownColumnError);
    const column = error as UnknownColumnError;
    expect(column.columnName).toBe('user_nam');
    expect(column.candidates).toContain('user_name');
    expect(column.position).toEqual({ offset: 7, line: 1, column: 8 });
    expect(column.toFeedback()).toMatchObject({ kind: 'unknown_column', object: 'user_nam' });
    expect(column.toFeedback().suggestions).toContain('user_name');
    expect(column.messageFor('zh')).toContain('user_nam');
  });

  it('turns an unknown alias into unknown_table with the FROM aliases as suggestions', async () => {
    const error = await classify('SELECT x.city FROM users u');
    expect(error).toBeInstanceOf(UnknownTableError);
    expect((error as UnknownTableError).suggestions).toEqual(['u']);
  });

  it('drops DuckDB’s hint towards a hidden table', async () => {
    const sql = 'SELECT * FROM audit_logg';
    const raw = await warehouse.query(sql).catch((caught: Error) => caught.message);
    expect(raw).toContain('audit_log'); // DuckDB itself would reveal it …
    const error = await classify(sql);
    expect(error).toBeInstanceOf(UnknownTableError);
    expect(error.message).not.toContain('"audit_log"'); // … the guard's message does not.
    expect((error as UnknownTableError).suggestions).toEqual([]);
  });

  it('reports sandbox refusals as forbidden_statement', async () => {
    const locked = await classify('SET threads = 1');
    expect(locked).toBeInstanceOf(ForbiddenStatementError);
    expect((locked as ForbiddenStatementError).reason).toBe('sandbox');
    const file = await classify("SELECT * FROM read_text('/etc/hostname')");
    expect((file as ForbiddenStatementError).reason).toBe('sandbox');
  });

  it('maps out-of-memory, interrupts and anything else', () => {
    const sql = 'SELECT 1';
    const memory = classifyDuckDBError(new Error('Out of Memory Error: failed to allocate data of size 16.0 MiB'), {
      sql,
      allowedTables: DEFAULT_ALLOWED_TABLES,
    });
    expect(memory).toBeInstanceOf(OutOfMemoryError);
    const interrupted = new Error('INTERRUPT Error: Interrupted!');
    expect(
      classifyDuckDBError(interrupted, { sql, allowedTables: DEFAULT_ALLOWED_TABLES, timedOut: { timeoutMs: 50, elapsedMs: 51 } }),
    ).toBeInstanceOf(QueryTimeoutError);
    // An interrupt we did not ask for is not a timeout.
    expect(classifyDuckDBError(interrupted, { sql, allowedTables: DEFAULT_ALLOWED_TABLES })).toBeInstanceOf(SqlExecutionError);
  });

  it('keeps DuckDB’s first line for other failures', async () => {
    const error = await classify("SELECT date_trunc('month')");
    expect(error).toBeInstanceOf(SqlExecutionError);
    expect(error.toFeedback().detail).toMatch(/^Binder Error: No function matches/);
    expect(error.messageFor('zh')).toContain('查询执行失败');
  });
});
