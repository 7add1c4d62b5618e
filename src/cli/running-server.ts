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

async function errorBodySchema() {
  const { z } = await import('zod');
  return z.object({ error: z.object({ code: z.string(), message: z.string(), kind: z.string().optional() }) });
}

/** For commands that cannot go through a running server (sync writes the store the server holds): say what to do. */
export async function refuseWhileServerRuns(command: string, databasePath: string): Promise<void> {
  const { findRunningServer, WarehouseOwnedByServerError } = await import('../server/server-lock-file.ts');
  const lock = findRunningServer(databasePath);
  if (lock) throw new WarehouseOwnedByServerError(`shoplens ${command}`, lock);
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

function unreachable(lock: ServerLock, error: unknown): ServerApiError {
  return new ServerApiError(
    `The ShopLens server (pid ${lock.pid}) owns ${lock.databasePath} but does not answer at ${lock.url}: ${(error as Error).message}. ` +
      `Wait for it to finish starting, or stop it (kill ${lock.pid}) and run the command again.`,
    0,
    'unreachable',
    undefined,
  );
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
    throw unreachable(lock, error);
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = (await errorBodySchema()).safeParse(payload);
    const message = parsed.success ? parsed.data.error.message : `HTTP ${response.status}`;
    throw new ServerApiError(message, response.status, parsed.success ? parsed.data.error.code : 'http_error', parsed.success ? parsed.data.error.kind : undefined);
  }
  return payload;
}

/** A job the server ran for this command failed; `name` is the server-side error's (SeedError, SentimentError …). */
export class ServerJobError extends Error {
  override name: string;
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * Runs an operator job (seed, models, sentiment) in the server that owns the warehouse: POST /api/jobs/JOB with the
 * local CLI token. The answer is a stream of JSON lines; each line `{ type, ...fields }` goes to `handlers[type]`, a
 * `result` line's value is returned and an `error` line is thrown as ServerJobError, as the same command run here would.
 */
export async function runServerJob(lock: ServerLock, job: string, body: unknown, handlers: Record<string, (line: Record<string, unknown>) => void> = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(new URL(`/api/jobs/${job}`, lock.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${lock.token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw unreachable(lock, error);
  }
  if (!response.ok || !response.body) {
    const payload: unknown = await response.json().catch(() => undefined);
    const parsed = (await errorBodySchema()).safeParse(payload);
    throw new ServerApiError(parsed.success ? parsed.data.error.message : `HTTP ${response.status}`, response.status, parsed.success ? parsed.data.error.code : 'http_error', undefined);
  }
  const { z } = await import('zod');
  const LineSchema = z.looseObject({ type: z.string() });
  let result: unknown;
  let finished = false;
  const handle = (text: string) => {
    if (text.trim() === '') return;
    const line = LineSchema.parse(JSON.parse(text));
    if (line.type === 'error') {
      const error = z.object({ error: z.object({ name: z.string(), message: z.string() }) }).parse(line).error;
      throw new ServerJobError(error.name, error.message);
    }
    if (line.type === 'result') {
      finished = true;
      result = line.value;
      return;
    }
    handlers[line.type]?.(line);
  };
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of response.body) {
    buffered += decoder.decode(chunk, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      handle(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  }
  handle(buffered);
  if (!finished) throw new ServerApiError(`The ShopLens server (pid ${lock.pid}) stopped answering before the ${job} job finished; see its log.`, 0, 'job_interrupted', undefined);
  return result;
}
