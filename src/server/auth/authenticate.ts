import { timingSafeEqual, createHash } from 'node:crypto';
import { z } from 'zod';
import { AuthenticationError } from '../server-errors.ts';
import { decodeJwt } from 'jose';
import { principalKey, verifyToken, type Principal } from './tokens.ts';
import type { TokenRevocations } from './token-revocations.ts';

export interface Credentials {
  token?: string;
  apiKey?: string;
}

export interface AuthenticationSettings {
  secret: string;
  /** SHOPLENS_API_KEY: grants the analyst role (as analyst "api-key") on /analytics and POST /api/ask. */
  apiKey?: string;
  /** Signed-out tokens and removed principals; checked on every handshake and request. */
  revocations?: TokenRevocations;
}

const HandshakeAuthSchema = z.object({ token: z.string().max(4096).optional(), apiKey: z.string().max(512).optional() }).loose();

/** Credentials from a socket.io handshake (`auth: { token }` or `{ apiKey }`) or its HTTP headers. */
export function credentialsOfHandshake(auth: unknown, headers: Record<string, string | string[] | undefined>): Credentials {
  const parsed = HandshakeAuthSchema.safeParse(auth ?? {});
  const fromAuth = parsed.success ? parsed.data : {};
  return { token: fromAuth.token ?? bearerOf(headers.authorization), apiKey: fromAuth.apiKey ?? single(headers['x-api-key']) };
}

export function credentialsOfHeaders(headers: Record<string, string | string[] | undefined>): Credentials {
  return { token: bearerOf(headers.authorization), apiKey: single(headers['x-api-key']) };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function bearerOf(header: string | string[] | undefined): string | undefined {
  const value = single(header);
  const match = value?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

function sameSecret(left: string, right: string): boolean {
  // Hash first so lengths match and the comparison time says nothing about the key.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(left), digest(right));
}

/** Verifies the credentials and checks the role; the principal is the only source of identity. */
export async function authenticate(credentials: Credentials, allowedRoles: readonly Principal['role'][], settings: AuthenticationSettings): Promise<Principal> {
  let principal: Principal;
  if (credentials.token) {
    principal = await verifyToken(settings.secret, credentials.token);
    const issuedAt = decodeJwt(credentials.token).iat;
    if (settings.revocations?.isRevoked(credentials.token, principalKey(principal), typeof issuedAt === 'number' ? issuedAt : undefined)) {
      throw new AuthenticationError('unauthorized', 'This token was revoked (signed out or access removed); sign in again for a new one.');
    }
  } else if (credentials.apiKey) {
    if (!settings.apiKey || !sameSecret(credentials.apiKey, settings.apiKey)) throw new AuthenticationError('unauthorized', 'The API key is not valid.');
    principal = { role: 'analyst', analystId: 'api-key', expiresAt: null };
  } else {
    throw new AuthenticationError('unauthorized', 'No credentials: send a bearer token (shoplens token …) or an API key.');
  }
  if (!allowedRoles.includes(principal.role)) {
    throw new AuthenticationError('forbidden', `This endpoint is for ${allowedRoles.join(' or ')} tokens, not ${principal.role}.`);
  }
  return principal;
}
