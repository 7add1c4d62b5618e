import type { Request } from 'express';
import type { ChatHub } from '../chat-hub.ts';
import { AuthenticationError } from '../server-errors.ts';
import { authenticate, credentialsOfHeaders, type AuthenticationSettings } from './authenticate.ts';
import { principalKey } from './tokens.ts';

/** The operator's API key (SHOPLENS_API_KEY) and the server's own local CLI token: the principals that may change data. */
const OPERATORS = new Set(['api-key', 'local-cli']);

/** Refuses (forbidden) every request that is not the operator's; `doing` completes "Only the operator … can ___". */
export async function requireOperator(request: Request, context: { hub: ChatHub; authentication: AuthenticationSettings }, doing: string): Promise<void> {
  context.hub.assertAcceptingWork();
  const principal = await authenticate(credentialsOfHeaders(request.headers), ['analyst'], context.authentication);
  context.hub.rateLimiter.check({ user: principalKey(principal), ip: request.ip ?? 'unknown' });
  if (principal.role !== 'analyst' || !OPERATORS.has(principal.analystId)) {
    throw new AuthenticationError('forbidden', `Only the operator (SHOPLENS_API_KEY or the local CLI token) can ${doing}.`);
  }
}
