import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { AuthenticationError } from '../server-errors.ts';

const ISSUER = 'shoplens';
const AUDIENCE = 'shoplens-server';

/** Who is calling, taken only from a verified token (or the API key), never from a message payload. */
export type Principal =
  | { role: 'analyst'; analystId: string; expiresAt: number | null }
  | { role: 'customer'; customerId: number; expiresAt: number | null }
  | { role: 'guest'; customerId: number; orderId: number; expiresAt: number | null }
  | { role: 'agent'; agentId: string; expiresAt: number | null };

export type TokenIdentity =
  | { role: 'analyst'; name: string }
  | { role: 'customer'; customerId: number }
  | { role: 'guest'; customerId: number; orderId: number }
  | { role: 'agent'; name: string };

const NameSchema = z.string().min(1).max(100);
const IdSchema = z.number().int().positive();

const ClaimsSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('analyst'), name: NameSchema, exp: z.number() }),
  z.object({ role: z.literal('customer'), customer_id: IdSchema, exp: z.number() }),
  z.object({ role: z.literal('guest'), customer_id: IdSchema, order_id: IdSchema, exp: z.number() }),
  z.object({ role: z.literal('agent'), name: NameSchema, exp: z.number() }),
]);

/** '30s', '15m', '1h', '7d' — at most 30 days. */
export const TtlSchema = z
  .string()
  .regex(/^\d+[smhd]$/, 'TTL must look like 30s, 15m, 1h or 7d')
  .refine((ttl) => ttlSeconds(ttl) > 0 && ttlSeconds(ttl) <= 30 * 86_400, 'TTL must be between 1 second and 30 days');

export function ttlSeconds(ttl: string): number {
  const amount = Number.parseInt(ttl, 10);
  const unit = ttl.at(-1);
  const factor = unit === 's' ? 1 : unit === 'm' ? 60 : unit === 'h' ? 3600 : 86_400;
  return amount * factor;
}

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

function subjectOf(identity: TokenIdentity): string {
  switch (identity.role) {
    case 'analyst':
    case 'agent':
      return `${identity.role}:${identity.name}`;
    case 'customer':
      return `customer:${identity.customerId}`;
    case 'guest':
      return `guest:${identity.customerId}:${identity.orderId}`;
  }
}

/** Signs an HS256 token for one identity. */
export async function signToken(secret: string, identity: TokenIdentity, ttl: string): Promise<string> {
  const ttlValue = TtlSchema.parse(ttl);
  const claims: Record<string, unknown> = { role: identity.role };
  if (identity.role === 'analyst' || identity.role === 'agent') claims.name = identity.name;
  if (identity.role === 'customer' || identity.role === 'guest') claims.customer_id = identity.customerId;
  if (identity.role === 'guest') claims.order_id = identity.orderId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subjectOf(identity))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    // Unique per token, so signing out one token never revokes an identical twin issued in the same second.
    .setJti(randomUUID())
    .setExpirationTime(`${ttlSeconds(ttlValue)}s`)
    .sign(keyOf(secret));
}

/** Verifies signature, algorithm, issuer, audience and expiry, then the claims' shape. */
export async function verifyToken(secret: string, token: string): Promise<Principal> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, keyOf(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AuthenticationError('token_expired', 'The token has expired; ask for a new one.', { cause: error });
    throw new AuthenticationError('unauthorized', 'The token is not valid (bad signature, issuer or format).', { cause: error });
  }
  const claims = ClaimsSchema.safeParse(payload);
  if (!claims.success) throw new AuthenticationError('unauthorized', 'The token does not carry a known role.');
  const expiresAt = claims.data.exp * 1000;
  switch (claims.data.role) {
    case 'analyst':
      return { role: 'analyst', analystId: claims.data.name, expiresAt };
    case 'agent':
      return { role: 'agent', agentId: claims.data.name, expiresAt };
    case 'customer':
      return { role: 'customer', customerId: claims.data.customer_id, expiresAt };
    case 'guest':
      return { role: 'guest', customerId: claims.data.customer_id, orderId: claims.data.order_id, expiresAt };
  }
}

/** A stable key for rate limits and logs (never contains contact details). */
export function principalKey(principal: Principal): string {
  switch (principal.role) {
    case 'analyst':
      return `analyst:${principal.analystId}`;
    case 'agent':
      return `agent:${principal.agentId}`;
    case 'customer':
      return `customer:${principal.customerId}`;
    case 'guest':
      return `guest:${principal.customerId}:${principal.orderId}`;
  }
}

export function assertNotExpired(principal: Principal, now = Date.now()): void {
  if (principal.expiresAt !== null && principal.expiresAt <= now) {
    throw new AuthenticationError('token_expired', 'The token has expired; reconnect with a new one.');
  }
}
