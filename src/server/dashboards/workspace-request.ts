import type { Request } from 'express';
import type { z } from 'zod';
import { authenticate, credentialsOfHeaders, type AuthenticationSettings } from '../auth/authenticate.ts';
import { principalKey } from '../auth/tokens.ts';
import { firstIssue } from '../protocol.ts';
import { InvalidPayloadError } from '../server-errors.ts';

/** The signed-in analyst: identity only from the verified token or API key, never from the body. */
export async function analystOf(request: Request, authentication: AuthenticationSettings): Promise<{ analystId: string; key: string }> {
  const principal = await authenticate(credentialsOfHeaders(request.headers), ['analyst'], authentication);
  if (principal.role !== 'analyst') throw new Error('unreachable: authenticate checked the role');
  return { analystId: principal.analystId, key: principalKey(principal) };
}

/** The body (or params) checked with zod; the first bad field is named in the error. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, value: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    throw new InvalidPayloadError(issue.field, `${issue.field}: ${issue.message}`);
  }
  return parsed.data;
}
