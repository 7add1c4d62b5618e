import type { JsonRow } from './json-values.ts';
import type { QueryParameters, QueryResult } from './warehouse.ts';

/**
 * Results kept at most (least recently used dropped first): about four per active shopper (their orders, lines, an
 * order by number, product options), so ≈ 1,200 shoppers in a few tens of MB.
 */
const DEFAULT_CAPACITY = 5_000;

/** Keys read together at most (one IN list); more callers in the same tick start another read. */
const MAX_KEYS_PER_READ = 256;

const EMPTY_RESULT: QueryResult = Object.freeze({ columns: [], rows: [] });

/** A keyed read's rows for each key. */
export type RowsByKey = ReadonlyMap<number, readonly Readonly<JsonRow>[]>;

/**
 * A keyed read: `load` reads the rows of several keys in one statement (`WHERE key IN …`), and `keyColumn` names the
 * column each row's key is in. Every caller of one `family` must pass the same query: a batch runs the first caller's.
 */
export interface KeyedRead {
  family: string;
  keyColumn: string;
  tables: readonly string[];
  load: (keys: readonly number[]) => Promise<QueryResult>;
}

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
  /** readReporting's runs in progress, by key. */
  private readonly running = new Map<string, Promise<{ result: QueryResult; tables: readonly string[] | undefined; stamp: number }>>();
  /** Per family, the keys gathered for the read that starts at the next setImmediate. */
  private readonly gathering = new Map<string, { keys: Set<number>; rows: Promise<RowsByKey> }>();
  /** Per family, the reads running now, with the write clock taken before each was asked for. */
  private readonly runningKeyed = new Map<string, Set<{ keys: ReadonlySet<number>; rows: Promise<RowsByKey>; stamp: number }>>();

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

  /**
   * A result kept under `key` while no write touched the tables `run` reports with it (undefined: it may not be
   * kept). For results whose tables are known only once they ran (a checked query); `run`'s result is kept as is, so
   * the caller hands out copies.
   */
  async readReporting<T extends QueryResult>(key: string, run: () => Promise<{ result: T; tables: readonly string[] | undefined }>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached && this.fresh(cached)) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.result as T;
    }
    // The same query already running (many analysts asking the same question at once): its result serves this call
    // too if no write touched its tables since it started, which was before this call; its failure (a timeout) is
    // this call's too, instead of a second wait as long.
    const running = this.running.get(key);
    if (running) {
      const shared = await running;
      if (shared.tables && this.fresh({ result: shared.result, tables: shared.tables, stamp: shared.stamp })) return shared.result as T;
    }
    this.clock += 1;
    const stamp = this.clock;
    const started = run().then(({ result, tables }) => ({ result, tables: tables?.map((table) => table.toLowerCase()), stamp }));
    this.running.set(key, started);
    try {
      const { result, tables } = await started;
      const entry: Entry | undefined = tables ? { result, tables, stamp } : undefined;
      if (entry && this.fresh(entry)) {
        this.entries.delete(key);
        this.entries.set(key, entry);
        if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
      }
      return result;
    } finally {
      if (this.running.get(key) === started) this.running.delete(key);
    }
  }

  /**
   * The rows of each key (a shopper's orders by user id, an order's lines by order id), each key kept like `read`'s
   * results. The keys that are not kept, from every caller in the same tick, are read by one statement: hundreds of
   * shoppers' first turns cost about one read's fixed cost per batch instead of one per shopper.
   */
  async readKeyed(read: KeyedRead, keys: readonly number[]): Promise<RowsByKey> {
    const found = new Map<number, readonly Readonly<JsonRow>[]>();
    const missing: number[] = [];
    for (const key of new Set(keys)) {
      const cacheKey = `${read.family}\u0000${key}`;
      const cached = this.entries.get(cacheKey);
      if (cached && this.fresh(cached)) {
        this.entries.delete(cacheKey);
        this.entries.set(cacheKey, cached);
        found.set(key, cached.result.rows);
      } else missing.push(key);
    }
    if (missing.length === 0) return found;
    const tables = read.tables.map((table) => table.toLowerCase());
    // A key a running read of the family already asks for is taken from it when no write touched the tables since
    // that read was asked for (it then sees what a read started now would): a shopper's turn joins the read their
    // message's arrival started (SupportResponder.prefetch) instead of reading again.
    const joined = new Map<number, Promise<RowsByKey>>();
    for (const running of this.runningKeyed.get(read.family) ?? []) {
      if (!this.fresh({ result: EMPTY_RESULT, tables, stamp: running.stamp })) continue;
      for (const key of missing) if (!joined.has(key) && running.keys.has(key)) joined.set(key, running.rows);
    }
    const unread = missing.filter((key) => !joined.has(key));
    // Taken now, before the batched read starts: a write from here on makes what it returns stale.
    if (unread.length > 0) this.clock += 1;
    const stamp = this.clock;
    const loading = unread.length > 0 ? this.gather(read, unread, stamp) : undefined;
    for (const [key, rows] of joined) found.set(key, (await rows).get(key) ?? Object.freeze([]));
    if (!loading) return found;
    const loaded = await loading;
    for (const key of unread) {
      const rows = loaded.get(key) ?? Object.freeze([]);
      found.set(key, rows);
      const entry: Entry = { result: Object.freeze({ columns: [], rows: rows as QueryResult['rows'] }), tables, stamp };
      if (this.fresh(entry)) {
        const cacheKey = `${read.family}\u0000${key}`;
        this.entries.delete(cacheKey);
        this.entries.set(cacheKey, entry);
        if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
      }
    }
    return found;
  }

  /** Joins (or starts) the family's read that runs at the next setImmediate. */
  private gather(read: KeyedRead, keys: readonly number[], stamp: number): Promise<RowsByKey> {
    let batch = this.gathering.get(read.family);
    if (!batch || batch.keys.size >= MAX_KEYS_PER_READ) {
      const gathered = new Set<number>();
      // The earliest clock of the batch's callers: what a later caller may join it against.
      const running = { keys: gathered, rows: undefined as unknown as Promise<RowsByKey>, stamp };
      const rows = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        if (this.gathering.get(read.family)?.keys === gathered) this.gathering.delete(read.family);
        const reads = this.runningKeyed.get(read.family) ?? new Set();
        reads.add(running);
        this.runningKeyed.set(read.family, reads);
        try {
          return await this.loadByKey(read, gathered);
        } finally {
          reads.delete(running);
          if (reads.size === 0 && this.runningKeyed.get(read.family) === reads) this.runningKeyed.delete(read.family);
        }
      });
      running.rows = rows;
      batch = { keys: gathered, rows };
      this.gathering.set(read.family, batch);
    }
    for (const key of keys) batch.keys.add(key);
    return batch.rows;
  }

  private async loadByKey(read: KeyedRead, keys: ReadonlySet<number>): Promise<RowsByKey> {
    const result = await read.load([...keys]);
    const byKey = new Map<number, Readonly<JsonRow>[]>();
    for (const row of result.rows) {
      const key = Number(row[read.keyColumn]);
      const list = byKey.get(key) ?? [];
      list.push(Object.freeze(row));
      byKey.set(key, list);
    }
    for (const list of byKey.values()) Object.freeze(list);
    return byKey;
  }

  get size(): number {
    return this.entries.size;
  }
}
