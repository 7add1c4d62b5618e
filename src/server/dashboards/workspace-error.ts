import type { Response } from 'express';
import { ServerRequestError } from '../server-errors.ts';
import { sendWebApiError } from '../web/web-api-error.ts';
import type { SqlGuardFeedback } from '../../sql/guard/index.ts';

/** A dashboard, item, answer or rating that does not exist for this analyst (someone else's looks the same). */
export class WorkspaceNotFoundError extends ServerRequestError {
  override readonly name = 'WorkspaceNotFoundError';
  constructor(message: string) {
    super('conversation_not_found', message);
  }
}

/** The guard refused edited or pinned SQL, or it failed while running; `kind` is the guard's. */
export class WorkspaceQueryError extends ServerRequestError {
  override readonly name = 'WorkspaceQueryError';
  constructor(
    readonly kind: string,
    message: string,
    readonly feedback?: SqlGuardFeedback,
  ) {
    super('query_refused', message);
  }
}

/** A request that conflicts with what is stored (a dashboard name taken, a full dashboard). */
export class WorkspaceConflictError extends ServerRequestError {
  override readonly name = 'WorkspaceConflictError';
  constructor(message: string) {
    super('conversation_state', message);
  }
}

/** The web API's error body, with 404 / 409 / 422 for the workspace's own errors. */
export function sendWorkspaceError(response: Response, error: unknown): void {
  if (error instanceof WorkspaceNotFoundError) {
    response.status(404).json({ error: { code: 'not_found', message: error.message } });
    return;
  }
  if (error instanceof WorkspaceConflictError) {
    response.status(409).json({ error: { code: 'conflict', message: error.message } });
    return;
  }
  if (error instanceof WorkspaceQueryError) {
    response.status(422).json({ error: { code: 'query_refused', kind: error.kind, message: error.message } });
    return;
  }
  if (error instanceof ServerRequestError && error.code === 'invalid_payload') {
    response.status(400).json({ error: { code: 'invalid_payload', message: error.message } });
    return;
  }
  sendWebApiError(response, error);
}
