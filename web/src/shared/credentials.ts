import { z } from 'zod';

/** How a page authenticates: a signed token (`shoplens token …`, demo sign-in, guest verification) or the API key. */
export const CredentialSchema = z.object({
  kind: z.enum(['token', 'apiKey']),
  value: z.string().min(1).max(4096),
  /** What to show as "signed in as …". */
  label: z.string().max(200),
});
export type Credential = z.infer<typeof CredentialSchema>;

export type CredentialRole = 'analyst' | 'agent' | 'shopper';

/**
 * Staff credentials stay in localStorage (they sign in once per browser); a shopper's token only in sessionStorage
 * (it survives a reload, not a closed tab on a shared computer).
 */
function storageFor(role: CredentialRole): Storage {
  return role === 'shopper' ? sessionStorage : localStorage;
}

const keyOf = (role: CredentialRole) => `shoplens.credential.${role}`;

export function loadCredential(role: CredentialRole): Credential | null {
  try {
    const text = storageFor(role).getItem(keyOf(role));
    if (!text) return null;
    const parsed = CredentialSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveCredential(role: CredentialRole, credential: Credential): void {
  try {
    storageFor(role).setItem(keyOf(role), JSON.stringify(credential));
  } catch {
    // Private mode without storage: the page still works until it is reloaded.
  }
}

export function forgetCredential(role: CredentialRole): void {
  try {
    storageFor(role).removeItem(keyOf(role));
  } catch {
    // Nothing stored then.
  }
}

/** A pasted secret: three dot-separated base64url parts is a JWT; anything else is taken as the API key. */
export function credentialFromPaste(text: string): Credential {
  const value = text.trim();
  const isJwt = /^[\w-]+\.[\w-]+\.[\w-]+$/.test(value);
  return isJwt ? { kind: 'token', value, label: subjectOfToken(value) ?? 'token' } : { kind: 'apiKey', value, label: 'API key' };
}

/** The token's subject (e.g. "analyst:ana") for display only; the server verifies the token, the page never trusts it. */
export function subjectOfToken(token: string): string | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const parsed = z.object({ sub: z.string() }).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data.sub : null;
  } catch {
    return null;
  }
}

export function authOf(credential: Credential): { token: string } | { apiKey: string } {
  return credential.kind === 'token' ? { token: credential.value } : { apiKey: credential.value };
}

export function headersOf(credential: Credential | null): Record<string, string> {
  if (!credential) return {};
  return credential.kind === 'token' ? { authorization: `Bearer ${credential.value}` } : { 'x-api-key': credential.value };
}
