import { StatementType, type DuckDBConnection, type DuckDBResultReader } from '@duckdb/node-api';
import { StatementCache } from './statement-cache.ts';
import type { QueryParameters } from './warehouse.ts';

/** Statement texts known not to be a single SELECT (writes with RETURNING, several statements). */
const NOT_READS_REMEMBERED = 512;

/**
 * Connections for the application's own reads (chat bookkeeping, the support bot's order look-ups): on the single
 * shared connection every read of every chat waited behind all the others. Reads here run side by side, each on a
 * connection of its own, with prepared plans reused. Only single SELECT statements run here — DuckDB itself says
 * which statements those are — so every write stays on the shared connection in call order, as before.
 */
export class ReadPool {
  private readonly idle: StatementCache[] = [];
  private readonly waiters: ((connection: StatementCache | undefined) => void)[] = [];
  private readonly all: StatementCache[] = [];
  private opening = 0;
  private readonly notReads = new Set<string>();
  private closed = false;

  constructor(
    private readonly open: () => Promise<DuckDBConnection>,
    readonly size: number,
  ) {}

  /**
   * Runs `sql` on a pooled connection when it is a single SELECT; returns undefined (nothing ran) otherwise, so the
   * caller runs it on the shared connection.
   */
  async read(sql: string, parameters?: QueryParameters): Promise<DuckDBResultReader | undefined> {
    if (this.closed || this.notReads.has(sql)) return undefined;
    const pooled = await this.acquire();
    if (!pooled) return undefined;
    try {
      let isRead = true;
      let prepared = false;
      let reader: DuckDBResultReader | undefined;
      try {
        reader = await pooled.with(sql, async (statement) => {
          prepared = true;
          if (statement.statementType !== StatementType.SELECT) {
            isRead = false;
            return undefined;
          }
          if (parameters) statement.bind(parameters);
          return statement.runAndReadAll();
          // Texts with parameters repeat (the app's own look-ups); texts without are mostly built with literals.
        }, { keep: parameters !== undefined });
      } catch (error) {
        // Not preparable (several statements, a syntax error): the shared connection runs it and reports errors as
        // usual. An error while running is the query's own and is not run twice.
        if (prepared) throw error;
        isRead = false;
      }
      if (!isRead) {
        pooled.forget(sql);
        if (this.notReads.size >= NOT_READS_REMEMBERED) this.notReads.clear();
        this.notReads.add(sql);
        return undefined;
      }
      return reader;
    } finally {
      this.release(pooled);
    }
  }

  private async acquire(): Promise<StatementCache | undefined> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.all.length + this.opening < this.size) {
      this.opening += 1;
      try {
        const pooled = new StatementCache(await this.open());
        this.all.push(pooled);
        return pooled;
      } finally {
        this.opening -= 1;
      }
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(pooled: StatementCache): void {
    if (this.closed) return;
    const waiter = this.waiters.shift();
    if (waiter) waiter(pooled);
    else this.idle.push(pooled);
  }

  /** Closes every pooled connection (and so its prepared statements); later reads go to the shared connection. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
    for (const pooled of this.all) pooled.connection.closeSync();
    this.all.length = 0;
    this.idle.length = 0;
  }
}
