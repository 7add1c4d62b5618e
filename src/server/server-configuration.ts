import { z } from 'zod';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './rate-limiter.ts';
import { TtlSchema } from './auth/tokens.ts';
import { ServerConfigurationError } from './server-errors.ts';

const positive = z.coerce.number().positive();

const EnvironmentSchema = z.object({
  SHOPLENS_API_KEY: z.string().min(16, 'SHOPLENS_API_KEY must be at least 16 characters').optional(),
  SHOPLENS_CORS_ORIGINS: z.string().optional(),
  SHOPLENS_MAX_MESSAGE_LENGTH: z.coerce.number().int().min(1).max(16_000).optional(),
  SHOPLENS_GUEST_TOKEN_TTL: TtlSchema.optional(),
  SHOPLENS_RATE_USER: z.string().optional(),
  SHOPLENS_RATE_IP: z.string().optional(),
  SHOPLENS_RATE_CONVERSATION: z.string().optional(),
  SHOPLENS_RATE_GUEST_VERIFICATION: z.string().optional(),
});

export interface ServerConfiguration {
  apiKey?: string;
  corsOrigins: string[];
  maxMessageLength?: number;
  guestTokenTtl?: string;
  rateLimits: RateLimitSettings;
}

/** "20/1" → capacity 20, 1 token per second. */
function bucketOf(variable: string, text: string | undefined, fallback: RateLimitSettings[keyof RateLimitSettings]) {
  if (text === undefined || text === '') return fallback;
  const [capacity, refill] = text.split('/');
  const parsed = z.object({ capacity: positive, refillPerSecond: positive }).safeParse({ capacity, refillPerSecond: refill });
  if (!parsed.success) throw new ServerConfigurationError(`${variable} must look like CAPACITY/PER_SECOND, e.g. 20/1; got "${text}".`, variable);
  return parsed.data;
}

/** Server settings from the environment (documented in docs/server.md); empty variables mean "default". */
export function serverConfigurationFromEnvironment(environment: NodeJS.ProcessEnv = process.env): ServerConfiguration {
  const cleaned = Object.fromEntries(Object.entries(environment).filter(([key, value]) => key.startsWith('SHOPLENS_') && value !== ''));
  const parsed = EnvironmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ServerConfigurationError(`${variable}: ${issue?.message ?? 'invalid'}`, variable);
  }
  const values = parsed.data;
  return {
    apiKey: values.SHOPLENS_API_KEY,
    corsOrigins: (values.SHOPLENS_CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    maxMessageLength: values.SHOPLENS_MAX_MESSAGE_LENGTH,
    guestTokenTtl: values.SHOPLENS_GUEST_TOKEN_TTL,
    rateLimits: {
      perUser: bucketOf('SHOPLENS_RATE_USER', values.SHOPLENS_RATE_USER, DEFAULT_RATE_LIMITS.perUser),
      perIp: bucketOf('SHOPLENS_RATE_IP', values.SHOPLENS_RATE_IP, DEFAULT_RATE_LIMITS.perIp),
      perConversation: bucketOf('SHOPLENS_RATE_CONVERSATION', values.SHOPLENS_RATE_CONVERSATION, DEFAULT_RATE_LIMITS.perConversation),
      guestVerification: bucketOf('SHOPLENS_RATE_GUEST_VERIFICATION', values.SHOPLENS_RATE_GUEST_VERIFICATION, DEFAULT_RATE_LIMITS.guestVerification),
    },
  };
}
