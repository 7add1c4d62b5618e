import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';

/** Statement texts whose plans are kept per connection; chat turns repeat a few dozen texts. */
const TEXTS_PER_CONNECTION = 128;

/**
 * Prepared statements of one connection, reused by statement text: parsing and planning cost a chat turn's point
 * look-ups and single-row writes more than running them. A statement is lent to one caller at a time (its bound
 * values belong to that caller until it ran); a caller who finds every copy busy gets a fresh one.
 */
export class StatementCache {
  /** Idle statements by text, least recently used text first. */
  private readonly idle = new Map<string, DuckDBPreparedStatement[]>();

  constructor(readonly connection: DuckDBConnection) {}

  /**
   * Runs `work` with a prepared statement of `sql` whose bindings are cleared. Preparing errors are thrown as is.
   * `keep: false` prepares a one-off text (built with literals, never repeated) without caching its plan.
   */
  async with<T>(sql: string, work: (statement: DuckDBPreparedStatement) => Promise<T>, options: { keep?: boolean } = {}): Promise<T> {
    const keep = options.keep ?? true;
    const statement = (keep ? this.take(sql) : undefined) ?? (await this.connection.prepare(sql));
    try {
      // A reused statement keeps the previous caller's values: a parameter left out must fail, not reuse one.
      statement.clearBindings();
      return await work(statement);
    } finally {
      if (keep) this.giveBack(sql, statement);
      else statement.destroySync();
    }
  }

  private take(sql: string): DuckDBPreparedStatement | undefined {
    const statements = this.idle.get(sql);
    if (!statements) return undefined;
    this.idle.delete(sql);
    const statement = statements.pop();
    if (statements.length > 0) this.idle.set(sql, statements);
    return statement;
  }

  private giveBack(sql: string, statement: DuckDBPreparedStatement): void {
    const statements = this.idle.get(sql) ?? [];
    this.idle.delete(sql);
    // A few copies per text at most: more only appear under a burst of the same statement.
    if (statements.length >= 4) statement.destroySync();
    else statements.push(statement);
    this.idle.set(sql, statements);
    while (this.idle.size > TEXTS_PER_CONNECTION) {
      const [oldestSql, oldest] = this.idle.entries().next().value as [string, DuckDBPreparedStatement[]];
      this.idle.delete(oldestSql);
      for (const stale of oldest) stale.destroySync();
    }
  }

  /** Drops the idle statements of `sql` (it turned out not to belong here). */
  forget(sql: string): void {
    for (const statement of this.idle.get(sql) ?? []) statement.destroySync();
    this.idle.delete(sql);
  }
}
