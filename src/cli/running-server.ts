import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
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
  return requestServer(lock, { method: 'POST', route, json: body });
}

/**
 * One request to the running server with its local CLI token: a JSON body, or a file streamed as the raw body
 * (imports). Returns the parsed answer or throws ServerApiError.
 */
export async function requestServer(lock: ServerLock, request: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; route: string; json?: unknown; file?: string }): Promise<unknown> {
  let response: Response;
  const headers: Record<string, string> = { authorization: `Bearer ${lock.token}`, 'idempotency-key': randomUUID() };
  let body: string | ReadableStream<Uint8Array> | undefined;
  if (request.file !== undefined) {
    headers['content-type'] = 'application/octet-stream';
    body = Readable.toWeb(createReadStream(request.file)) as ReadableStream<Uint8Array>;
  } else if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  }
  try {
    response = await fetch(new URL(request.route, lock.url), { method: request.method, headers, body, ...(request.file !== undefined ? { duplex: 'half' } : {}) });
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
