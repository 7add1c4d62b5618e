import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { AuthenticationError } from '../server-errors.ts';

/** A different audience from session tokens: a share link can never be used to sign in, nor a session token to share. */
const AUDIENCE = 'shoplens-dashboard-share';
const ISSUER = 'shoplens';
export const SHARE_TTL_SECONDS = 30 * 86_400;

const ShareClaimsSchema = z.object({ dashboard_id: z.string().min(1), owner: z.string().min(1) });

/** A signed, expiring, read-only link token for one dashboard. */
export function signShareToken(secret: string, dashboardId: string, owner: string, ttlSeconds = SHARE_TTL_SECONDS): Promise<string> {
  return new SignJWT({ dashboard_id: dashboardId, owner })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret));
}

export async function verifyShareToken(secret: string, token: string): Promise<{ dashboardId: string; owner: string }> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    const claims = ShareClaimsSchema.parse(payload);
    return { dashboardId: claims.dashboard_id, owner: claims.owner };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AuthenticationError('token_expired', 'This dashboard link has expired; ask its owner for a new one.', { cause: error });
    throw new AuthenticationError('unauthorized', 'This dashboard link is not valid (bad signature or format).', { cause: error });
  }
}
