import type { QueryParameters, QueryResult } from './warehouse.ts';

/**
 * Results kept at most (least recently used dropped first): about four per active shopper (their orders, lines, an
 * order by number, product options), so ≈ 1,200 shoppers in a few tens of MB.
 */
const DEFAULT_CAPACITY = 5_000;

interface Entry {
  result: QueryResult;
  tables: readonly string[];
  /** The write clock when the read started: any write to its tables after that makes it stale. */
  stamp: number;
}

/** The tables a single write statement changes, or undefined when that cannot be told from its text (then: all). */
export function writtenTables(sql: string): string[] | undefined {
  const text = sql.replace(/--[^\n]*\n/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').trim().replace(/;\s*$/, '');
  // Several statements in one text: only the first would be named below.
  if (text.includes(';')) return undefined;
  const match = /^(?:INSERT\s+(?:OR\s+(?:REPLACE|IGNORE)\s+)?INTO|UPDATE|DELETE\s+FROM)\s+((?:"[^"]+"|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|[\w$]+))*)/i.exec(text);
  if (!match?.[1]) return undefined;
  const last = match[1].split('.').at(-1)?.trim().replace(/^"|"$/g, '').toLowerCase();
  return last ? [last] : undefined;
}

/**
 * Results of the application's own repeated reads (a shopper's orders, their lines, product options), reused while no
 * write through the same Warehouse has touched the tables they read. Every write path of the Warehouse reports what
 * it changed after it committed (run, a non-SELECT query, transaction); a write whose tables cannot be told
 * invalidates everything. The clock is taken before a read starts, so a write that commits while the read runs makes
 * its result stale at once. Only one process writes a warehouse (DuckDB's file lock), so nothing changes unseen.
 */
export class ReadCache {
  private clock = 0;
  private everything = 0;
  private readonly lastWrite = new Map<string, number>();
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Records a committed write to `tables` (undefined: to anything). */
  wrote(tables: readonly string[] | undefined): void {
    this.clock += 1;
    if (tables === undefined) {
      this.everything = this.clock;
      this.entries.clear();
      return;
    }
    for (const table of tables) this.lastWrite.set(table.toLowerCase(), this.clock);
  }

  /** The clock of the last write that may have changed `table` (0: none yet). */
  stampOf(table: string): number {
    return Math.max(this.everything, this.lastWrite.get(table.toLowerCase()) ?? 0);
  }

  private fresh(entry: Entry): boolean {
    if (this.everything >= entry.stamp) return false;
    return entry.tables.every((table) => (this.lastWrite.get(table) ?? 0) < entry.stamp);
  }

  async read(sql: string, parameters: QueryParameters | undefined, tables: readonly string[], run: () => Promise<QueryResult>): Promise<QueryResult> {
    const key = `${sql}\u0000${JSON.stringify(parameters ?? null, (_, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value))}`;
    const cached = this.entries.get(key);
    if (cached && this.fresh(cached)) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.result;
    }
    this.clock += 1;
    const entry: Entry = { result: { columns: [], rows: [] }, tables: tables.map((table) => table.toLowerCase()), stamp: this.clock };
    const result = await run();
    // Shared by every later caller: frozen, so a caller that edits a row fails loudly instead of changing the others'.
    for (const row of result.rows) Object.freeze(row);
    entry.result = Object.freeze({ columns: result.columns, rows: Object.freeze(result.rows) as QueryResult['rows'] });
    if (this.fresh(entry)) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    }
    return entry.result;
  }

  get size(): number {
    return this.entries.size;
  }
}
