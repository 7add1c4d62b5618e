import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * While `shoplens serve` runs it owns the warehouse (DuckDB allows one writing process, and a writer blocks even
 * read-only opens). It says so in `<warehouse>.server.json`: its pid, URL and a local admin token, readable only by
 * the same OS user (mode 0600). CLI commands for the same warehouse find it and go through the server's API.
 */
export const ServerLockSchema = z.object({
  databasePath: z.string().min(1),
  pid: z.number().int().positive(),
  url: z.string().url(),
  /** An analyst token signed by the server, for `shoplens ask/sql` run by the same user on this machine. */
  token: z.string().min(20),
  startedAt: z.string(),
  /** The ClickHouse warehouse the server reads (chdb://FOLDER or the server URL without password), when it has one. */
  warehouse: z.string().optional(),
});
export type ServerLock = z.infer<typeof ServerLockSchema>;

export function serverLockPath(databasePath: string): string {
  return `${databasePath}.server.json`;
}

/** Written atomically (temp file + rename), so a reader never sees half a file. */
export function writeServerLock(lock: ServerLock): void {
  const target = serverLockPath(lock.databasePath);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(lock, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, target);
}

/** Removes the lock only if it is this process's (a newer server may have replaced a stale one). */
export function removeServerLock(databasePath: string, pid = process.pid): void {
  const found = readLockFile(databasePath);
  if (found?.pid === pid) rmSync(serverLockPath(databasePath), { force: true });
}

/** The running server that owns `databasePath`, or undefined (no lock file, or its process is gone: kill -9). */
export function findRunningServer(databasePath: string): ServerLock | undefined {
  if (databasePath === ':memory:') return undefined;
  const lock = readLockFile(databasePath);
  if (!lock || !isAlive(lock.pid)) return undefined;
  return lock;
}

function readLockFile(databasePath: string): ServerLock | undefined {
  const file = serverLockPath(databasePath);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = ServerLockSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Unreadable (another user's 0600 file) or not JSON: not a lock this process can use.
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Raised by commands that must open the warehouse themselves while a server owns it; `command` as the user typed it. */
export class WarehouseOwnedByServerError extends Error {
  override readonly name = 'WarehouseOwnedByServerError';
  constructor(
    readonly command: string,
    readonly lock: ServerLock,
  ) {
    super(
      `The ShopLens server at ${lock.url} (pid ${lock.pid}) owns ${lock.databasePath}, so "${command}" cannot open it now. ` +
        `Stop the server (Ctrl+C in its terminal, or kill ${lock.pid}), run "${command}" again, then restart the server; ` +
        'or pass --db PATH to work on another warehouse.',
    );
  }
}
