import { describe, expect, it } from 'vitest';
import { RateLimiter, TokenBuckets } from './rate-limiter.ts';
import { RateLimitedError } from './server-errors.ts';

function clock() {
  let now = 0;
  return { now: () => now, advance: (milliseconds: number) => (now += milliseconds) };
}

describe('TokenBuckets', () => {
  it('allows a burst of `capacity`, then one request per 1/refill seconds, and says how long to wait', () => {
    const time = clock();
    const buckets = new TokenBuckets({ capacity: 3, refillPerSecond: 2 }, time.now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')].every((outcome) => outcome.ok)).toBe(true);
    const refused = buckets.take('a');
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 0.5 });
    expect(buckets.take('b').ok).toBe(true);
    time.advance(499);
    expect(buckets.take('a').ok).toBe(false);
    time.advance(2);
    expect(buckets.take('a').ok).toBe(true);
  });

  it('forgets buckets that have refilled, so idle keys cost no memory', () => {
    const time = clock();
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 1 }, time.now);
    buckets.take('a');
    buckets.take('b');
    buckets.take('b');
    time.advance(1000);
    buckets.sweep();
    expect(buckets.size).toBe(1);
    time.advance(1000);
    buckets.sweep();
    expect(buckets.size).toBe(0);
  });
});

describe('RateLimiter', () => {
  it('names the limit that ran dry and gives back the tokens the other limits took', () => {
    const time = clock();
    const limiter = new RateLimiter(
      {
        perIp: { capacity: 3, refillPerSecond: 0.001 },
        perUser: { capacity: 10, refillPerSecond: 0.001 },
        perConversation: { capacity: 1, refillPerSecond: 0.001 },
        guestVerification: { capacity: 1, refillPerSecond: 0.001 },
      },
      time.now,
    );
    limiter.check({ ip: 'x', user: 'u', conversation: 'c' });
    let error: unknown;
    try {
      limiter.check({ ip: 'x', user: 'u', conversation: 'c' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ limit: 'conversation', code: 'rate_limited' });
    expect((error as RateLimitedError).retryAfterSeconds).toBeGreaterThan(100);
    // The refused request did not use up the IP bucket: two more requests on other conversations pass.
    limiter.check({ ip: 'x', user: 'u', conversation: 'd' });
    limiter.check({ ip: 'x', user: 'u', conversation: 'e' });
    expect(() => limiter.check({ ip: 'x', user: 'u', conversation: 'f' })).toThrow(/per ip limit/);
    limiter.close();
  });
});
