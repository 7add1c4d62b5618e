import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import type { Warehouse } from '../../sql/warehouse.ts';

const RevocationRowSchema = z.object({ kind: z.enum(['token', 'subject']), key: z.string(), revoked_at_ms: z.number() });

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Tokens that no longer open anything, checked on every handshake and request: one token (sign-out) or every token
 * of a principal issued before a moment (agent removal, sign out everywhere). Kept in memory for the checks and in
 * DuckDB so a restart does not bring revoked tokens back.
 */
export class TokenRevocations {
  private readonly tokens = new Set<string>();
  private readonly subjects = new Map<string, number>();

  constructor(private readonly warehouse: Warehouse | undefined) {}

  /** Reads the stored revocations (call before serving). */
  async load(): Promise<void> {
    if (!this.warehouse) return;
    const result = await this.warehouse.query(
      'SELECT kind, key, epoch_ms(revoked_at)::DOUBLE AS revoked_at_ms FROM token_revocations WHERE expires_at IS NULL OR expires_at > now()',
    );
    for (const row of z.array(RevocationRowSchema).parse(result.rows)) {
      if (row.kind === 'token') this.tokens.add(row.key);
      else this.subjects.set(row.key, Math.max(row.revoked_at_ms, this.subjects.get(row.key) ?? 0));
    }
  }

  /** Sign-out: this token stops working at once, everywhere. */
  async revokeToken(token: string): Promise<void> {
    const digest = tokenDigest(token);
    const expiresAtSeconds = z.number().optional().parse(decodeJwt(token).exp);
    await this.persist('token', digest, Date.now(), expiresAtSeconds === undefined ? null : expiresAtSeconds * 1000);
    this.tokens.add(digest);
  }

  /** Every token of `subject` (a principalKey such as agent:mei) issued before now stops working. */
  async revokeSubject(subject: string): Promise<void> {
    const now = Date.now();
    await this.persist('subject', subject, now, null);
    this.subjects.set(subject, now);
  }

  /**
   * `issuedAtSeconds` is the token's iat. JWT times are whole seconds, so a token issued in the same second as a
   * subject revocation counts as revoked too: safe side (a new sign-in a second later works).
   */
  isRevoked(token: string, subject: string, issuedAtSeconds: number | undefined): boolean {
    if (this.tokens.has(tokenDigest(token))) return true;
    const revokedAt = this.subjects.get(subject);
    if (revokedAt === undefined) return false;
    return issuedAtSeconds === undefined || issuedAtSeconds <= Math.floor(revokedAt / 1000);
  }

  private async persist(kind: 'token' | 'subject', key: string, revokedAtMs: number, expiresAtMs: number | null): Promise<void> {
    if (!this.warehouse) return;
    await this.warehouse.run(
      `INSERT INTO token_revocations VALUES ($kind, $key, make_timestamp($revoked * 1000), CASE WHEN $expires IS NULL THEN NULL ELSE make_timestamp($expires * 1000) END)
       ON CONFLICT (kind, key) DO UPDATE SET revoked_at = excluded.revoked_at, expires_at = excluded.expires_at`,
      { kind, key, revoked: Math.round(revokedAtMs), expires: expiresAtMs === null ? null : Math.round(expiresAtMs) },
    );
  }
}
