import type { Response } from 'express';
import { ServerRequestError } from '../server-errors.ts';
import { EvalRunError } from './eval-run-reader.ts';

const AUTH_STATUS: Record<string, number> = { unauthorized: 401, token_expired: 401, forbidden: 403 };

/**
 * Answers a failed web-API request with the server's usual body ({ error: { code, message } }). Handled here
 * rather than by the server's error middleware so these routes behave the same wherever they are mounted.
 */
export function sendWebApiError(response: Response, error: unknown): void {
  if (error instanceof EvalRunError) {
    response.status(error.status).json({ error: { code: error.status === 404 ? 'not_found' : 'unreadable_run', message: error.message } });
    return;
  }
  if (error instanceof ServerRequestError) {
    response.status(AUTH_STATUS[error.code] ?? 400).json({ error: { code: error.code, message: error.message } });
    return;
  }
  response.status(500).json({ error: { code: 'internal', message: 'Something went wrong on the server; try again.' } });
}
