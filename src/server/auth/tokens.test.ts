import { describe, expect, it } from 'vitest';
import { AuthenticationError } from '../server-errors.ts';
import { principalKey, signToken, TtlSchema, ttlSeconds, verifyToken } from './tokens.ts';

const SECRET = 'unit-test-secret-with-enough-length-123456';

describe('tokens', () => {
  it('round-trips every role with its identity and expiry', async () => {
    const before = Date.now();
    const customer = await verifyToken(SECRET, await signToken(SECRET, { role: 'customer', customerId: 42 }, '1h'));
    expect(customer).toMatchObject({ role: 'customer', customerId: 42 });
    expect(customer.expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3_600_000);
    expect(await verifyToken(SECRET, await signToken(SECRET, { role: 'guest', customerId: 7, orderId: 99 }, '30m'))).toMatchObject({ role: 'guest', customerId: 7, orderId: 99 });
    const analyst = await verifyToken(SECRET, await signToken(SECRET, { role: 'analyst', name: '王芳' }, '8h'));
    expect(principalKey(analyst)).toBe('analyst:王芳');
    expect(principalKey(await verifyToken(SECRET, await signToken(SECRET, { role: 'agent', name: 'mei' }, '8h')))).toBe('agent:mei');
  });

  it('rejects a token signed with another secret', async () => {
    const token = await signToken('a-completely-different-secret-0000000000', { role: 'customer', customerId: 1 }, '1h');
    await expect(verifyToken(SECRET, token)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('accepts TTLs from seconds to 30 days only', () => {
    expect(ttlSeconds('90s')).toBe(90);
    expect(ttlSeconds('2d')).toBe(172_800);
    expect(TtlSchema.safeParse('1h').success).toBe(true);
    expect(TtlSchema.safeParse('31d').success).toBe(false);
    expect(TtlSchema.safeParse('0m').success).toBe(false);
    expect(TtlSchema.safeParse('1 hour').success).toBe(false);
  });
});
