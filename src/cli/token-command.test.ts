import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJwtSecret } from '../server/auth/jwt-secret.ts';
import { signToken, verifyToken } from '../server/auth/tokens.ts';
import { tokenRequestOf } from './token-request.ts';

describe('shoplens token', () => {
  it('maps options to one identity with a default lifetime, and refuses ambiguous or bad options', () => {
    expect(tokenRequestOf({ customer: '42' })).toEqual({ identity: { role: 'customer', customerId: 42 }, ttl: '1h' });
    expect(tokenRequestOf({ analyst: true, name: '李娜', ttl: '2h' })).toEqual({ identity: { role: 'analyst', name: '李娜' }, ttl: '2h' });
    expect(tokenRequestOf({ agent: true })).toEqual({ identity: { role: 'agent', name: 'agent' }, ttl: '12h' });
    expect(() => tokenRequestOf({})).toThrow(/exactly one/);
    expect(() => tokenRequestOf({ customer: '1', analyst: true })).toThrow(/exactly one/);
    expect(() => tokenRequestOf({ customer: 'abc' })).toThrow(/customer/);
    expect(() => tokenRequestOf({ agent: true, ttl: '99d' })).toThrow(/ttl/);
  });

  it('generates the secret file once with mode 0600, and the server side verifies what the command signed', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-secret-'));
    try {
      const environment = { SHOPLENS_SECRET_FILE: path.join(folder, 'data', 'secret.key') };
      const first = loadJwtSecret(environment);
      expect(statSync(first.source).mode & 0o777).toBe(0o600);
      expect(loadJwtSecret(environment).secret).toBe(first.secret);
      const token = await signToken(first.secret, { role: 'customer', customerId: 5 }, '1h');
      expect(await verifyToken(loadJwtSecret(environment).secret, token)).toMatchObject({ role: 'customer', customerId: 5 });
      expect(loadJwtSecret({ SHOPLENS_JWT_SECRET: 'x'.repeat(40) })).toEqual({ secret: 'x'.repeat(40), source: 'SHOPLENS_JWT_SECRET' });
      expect(() => loadJwtSecret({ SHOPLENS_JWT_SECRET: 'short' })).toThrow(/at least 32/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
