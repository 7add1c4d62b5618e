import { z } from 'zod';
import type { Credential } from './credentials.ts';
import { fetchJson } from './fetch-json.ts';

/**
 * Sign-out revokes the token on the server (POST /api/auth/sign-out), so a copy of it (another tab, a stolen
 * sessionStorage) stops working at once instead of at expiry; its open sockets are closed too. An API key cannot be
 * signed out, and an unreachable server must not keep anyone signed in: the page forgets the credential either way.
 */
export async function revokeOnServer(credential: Credential): Promise<void> {
  if (credential.kind !== 'token') return;
  try {
    await fetchJson('/api/auth/sign-out', z.object({ revoked: z.literal(true) }), { credential, method: 'POST' });
  } catch {
    // Already revoked or expired (401), or offline: nothing more to do here; the token still expires.
  }
}
