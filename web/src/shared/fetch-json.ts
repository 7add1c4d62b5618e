import type { z } from 'zod';
import { WebApiErrorSchema } from '../../../src/server/web/web-api-schemas.ts';
import { headersOf, type Credential } from './credentials.ts';

/** A failed API call: the HTTP status and the server's error code and message (or a network failure, status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Same-origin JSON request whose response body is validated with the given schema. */
export async function fetchJson<Schema extends z.ZodType>(
  url: string,
  schema: Schema,
  options: { credential?: Credential | null; method?: 'GET' | 'POST' | 'DELETE'; body?: unknown; signal?: AbortSignal } = {},
): Promise<z.infer<Schema>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: { accept: 'application/json', ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...headersOf(options.credential ?? null) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const failure = WebApiErrorSchema.safeParse(body);
    throw failure.success ? new ApiError(response.status, failure.data.error.code, failure.data.error.message) : new ApiError(response.status, 'http_error', `HTTP ${response.status}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(response.status, 'invalid_response', `Unexpected response from ${url}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
