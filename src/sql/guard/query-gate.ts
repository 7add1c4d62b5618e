import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Bounded concurrency for guarded queries: at most `overall` at once and at most `perUser` for one user, the rest
 * wait in arrival order. Why: every running DuckDB call holds one of libuv's 4 worker threads, so four heavy
 * queries from one analyst used to leave none for /readyz or anybody else. A slot is held until the query really
 * stopped, not just until its caller gave up, so runaway statements cannot pile up.
 */
export class QueryGate {
  private active = 0;
  private readonly activeByUser = new Map<string, number>();
  private readonly waiting: Array<{ user: string; grant: () => void }> = [];

  constructor(readonly overall: number, readonly perUser: number) {}

  /** Waits for a slot until `deadline` (performance.now() time); returns the release function, or undefined if it timed out. */
  async acquire(user: string, deadline: number): Promise<(() => void) | undefined> {
    if (this.waiting.length === 0 && this.canRun(user)) return this.take(user);
    return new Promise((resolve) => {
      const entry = { user, grant: () => {} };
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(entry);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(undefined);
      }, Math.max(0, deadline - performance.now()));
      entry.grant = () => {
        clearTimeout(timer);
        resolve(this.take(user));
      };
      this.waiting.push(entry);
      // Waiters ahead may be blocked only by their own per-user limit; this one may still go now.
      this.grantNext();
    });
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  private canRun(user: string): boolean {
    return this.active < this.overall && (this.activeByUser.get(user) ?? 0) < this.perUser;
  }

  private take(user: string): () => void {
    this.active += 1;
    this.activeByUser.set(user, (this.activeByUser.get(user) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      const left = (this.activeByUser.get(user) ?? 1) - 1;
      if (left === 0) this.activeByUser.delete(user);
      else this.activeByUser.set(user, left);
      this.grantNext();
    };
  }

  /** The first waiter whose user is under the per-user limit goes next (one busy user does not block the others). */
  private grantNext(): void {
    for (let index = 0; index < this.waiting.length && this.active < this.overall; ) {
      const entry = this.waiting[index] as { user: string; grant: () => void };
      if ((this.activeByUser.get(entry.user) ?? 0) < this.perUser) {
        this.waiting.splice(index, 1);
        entry.grant();
      } else {
        index += 1;
      }
    }
  }
}

const gates = new WeakMap<object, QueryGate>();

/** Defaults: 2 guarded queries at once per warehouse (half of libuv's pool), 1 per user. */
export const DEFAULT_QUERY_CONCURRENCY = { overall: 2, perUser: 1 };

/** One gate per open warehouse, so every caller is bounded without having to pass one around. */
export function queryGateOf(warehouse: object): QueryGate {
  let gate = gates.get(warehouse);
  if (!gate) {
    gate = new QueryGate(DEFAULT_QUERY_CONCURRENCY.overall, DEFAULT_QUERY_CONCURRENCY.perUser);
    gates.set(warehouse, gate);
  }
  return gate;
}

const queryUser = new AsyncLocalStorage<string>();

/** Runs `work` with every guarded query in it counted against `user`'s share (the server wraps each request). */
export function runAsQueryUser<T>(user: string, work: () => Promise<T>): Promise<T> {
  return queryUser.run(user, work);
}

let anonymousCount = 0;

/** The user set by runAsQueryUser, or a key of its own (only the overall limit applies then). */
export function currentQueryUser(): string {
  anonymousCount += 1;
  return queryUser.getStore() ?? `anonymous-${anonymousCount}`;
}
