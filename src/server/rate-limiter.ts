import { z } from 'zod';
import { RateLimitedError } from './server-errors.ts';

export const BucketSettingsSchema = z.object({
  /** Burst size: how many requests may come at once. */
  capacity: z.number().positive(),
  /** Sustained rate: tokens added per second. */
  refillPerSecond: z.number().positive(),
});
export type BucketSettings = z.infer<typeof BucketSettingsSchema>;

export const RateLimitSettingsSchema = z.object({
  perUser: BucketSettingsSchema,
  perIp: BucketSettingsSchema,
  perConversation: BucketSettingsSchema,
  /** POST /api/support/guest per IP: small, so order numbers and phone numbers cannot be guessed quickly. */
  guestVerification: BucketSettingsSchema,
});
export type RateLimitSettings = z.infer<typeof RateLimitSettingsSchema>;

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  perUser: { capacity: 20, refillPerSecond: 1 },
  perIp: { capacity: 200, refillPerSecond: 20 },
  perConversation: { capacity: 15, refillPerSecond: 0.5 },
  guestVerification: { capacity: 5, refillPerSecond: 0.05 },
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Token buckets keyed by any string; idle (refilled) buckets are forgotten so memory stays bounded. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly settings: BucketSettings,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token, or returns how many seconds until one is available (nothing is taken then). */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const bucket = this.refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(0.001, (1 - bucket.tokens) / this.settings.refillPerSecond) };
  }

  /** Puts back a token taken by a request that another limit then refused. */
  giveBack(key: string): void {
    const bucket = this.refilled(key);
    bucket.tokens = Math.min(this.settings.capacity, bucket.tokens + 1);
  }

  private refilled(key: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.settings.capacity, updatedAt: now };
    bucket.tokens = Math.min(this.settings.capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.settings.refillPerSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    return bucket;
  }

  /** Drops buckets that are full again: they behave exactly like new ones. */
  sweep(): void {
    const now = this.now();
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.settings.refillPerSecond >= this.settings.capacity) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** The three limits every chat message passes: per user, per client IP, per conversation. */
export class RateLimiter {
  private readonly perUser: TokenBuckets;
  private readonly perIp: TokenBuckets;
  private readonly perConversation: TokenBuckets;
  private readonly guestVerification: TokenBuckets;
  /** Every /api request of one IP (REST routes, sign-in included), apart from the per-route limits. */
  private readonly httpRequests: TokenBuckets;
  private readonly sweeper: NodeJS.Timeout;

  constructor(settings: RateLimitSettings, now?: () => number) {
    this.perUser = new TokenBuckets(settings.perUser, now);
    this.perIp = new TokenBuckets(settings.perIp, now);
    this.perConversation = new TokenBuckets(settings.perConversation, now);
    this.guestVerification = new TokenBuckets(settings.guestVerification, now);
    this.httpRequests = new TokenBuckets(settings.perIp, now);
    this.sweeper = setInterval(() => this.sweep(), 60_000).unref();
  }

  /** Throws RateLimitedError naming the limit that ran dry; takes tokens only when every limit allows. */
  check(keys: { user: string; ip: string; conversation?: string }): void {
    const taken: [TokenBuckets, string][] = [];
    const attempt = (buckets: TokenBuckets, key: string, limit: RateLimitedError['limit']) => {
      const outcome = buckets.take(key);
      if (!outcome.ok) {
        for (const [bucketsTaken, keyTaken] of taken) bucketsTaken.giveBack(keyTaken);
        throw new RateLimitedError(limit, Math.ceil(outcome.retryAfterSeconds * 10) / 10);
      }
      taken.push([buckets, key]);
    };
    attempt(this.perIp, keys.ip, 'ip');
    attempt(this.perUser, keys.user, 'user');
    if (keys.conversation) attempt(this.perConversation, keys.conversation, 'conversation');
  }

  /** Counts the first message of a new conversation (always allowed: its bucket was full). */
  countNewConversation(conversationId: string): void {
    this.perConversation.take(conversationId);
  }

  /** Guest verification attempts of one IP. */
  checkGuestVerification(ip: string): void {
    const outcome = this.guestVerification.take(ip);
    if (!outcome.ok) throw new RateLimitedError('ip', Math.ceil(outcome.retryAfterSeconds * 10) / 10);
  }

  /** One REST request of one IP (the per-IP settings, in a bucket of their own). */
  checkHttpRequest(ip: string): void {
    const outcome = this.httpRequests.take(ip);
    if (!outcome.ok) throw new RateLimitedError('ip', Math.ceil(outcome.retryAfterSeconds * 10) / 10);
  }

  sweep(): void {
    this.httpRequests.sweep();
    this.perUser.sweep();
    this.perIp.sweep();
    this.perConversation.sweep();
    this.guestVerification.sweep();
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
