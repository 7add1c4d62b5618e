import { randomUUID } from 'node:crypto';
import type { ServerLock } from '../server/server-lock-file.ts';

// The lock file and the error bodies are parsed with zod, loaded only when a command runs: every command module is
// imported for `shoplens --help`, which must not pay for zod (see startup-imports.test.ts).

/** The server that owns this warehouse right now, if any (see src/server/server-lock-file.ts). */
export async function runningServerFor(databasePath: string): Promise<ServerLock | undefined> {
  const { findRunningServer } = await import('../server/server-lock-file.ts');
  return findRunningServer(databasePath);
}

/** For commands that must write the warehouse themselves: refuse, saying exactly what to do, while a server owns it. */
export async function refuseWhileServerRuns(command: string, databasePath: string): Promise<void> {
  const { findRunningServer, WarehouseOwnedByServerError } = await import('../server/server-lock-file.ts');
  const lock = findRunningServer(databasePath);
  if (lock) throw new WarehouseOwnedByServerError(`shoplens ${command}`, lock);
}

async function errorBodySchema() {
  const { z } = await import('zod');
  return z.object({ error: z.object({ code: z.string(), message: z.string(), kind: z.string().optional() }) });
}

/** The server answered with an error; `code` (and `kind` for refused SQL) as the API gave them. */
export class ServerApiError extends Error {
  override readonly name = 'ServerApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly kind: string | undefined,
  ) {
    super(message);
  }
}

/** POSTs JSON to the running server with its local CLI token; returns the parsed body or throws ServerApiError. */
export async function postToServer(lock: ServerLock, route: string, body: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(new URL(route, lock.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${lock.token}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new ServerApiError(
      `The ShopLens server (pid ${lock.pid}) owns ${lock.databasePath} but does not answer at ${lock.url}: ${(error as Error).message}. ` +
        `Wait for it to finish starting, or stop it (kill ${lock.pid}) and run the command again.`,
      0,
      'unreachable',
      undefined,
    );
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = (await errorBodySchema()).safeParse(payload);
    const message = parsed.success ? parsed.data.error.message : `HTTP ${response.status}`;
    throw new ServerApiError(message, response.status, parsed.success ? parsed.data.error.code : 'http_error', parsed.success ? parsed.data.error.kind : undefined);
  }
  return payload;
}
