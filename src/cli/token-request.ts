import { z } from 'zod';
import { TtlSchema, type TokenIdentity } from '../server/auth/tokens.ts';

const TokenOptionsSchema = z
  .object({
    customer: z.coerce.number().int().positive().optional(),
    analyst: z.boolean().optional(),
    agent: z.boolean().optional(),
    name: z.string().min(1).max(100).optional(),
    ttl: TtlSchema.optional(),
  })
  .refine((options) => [options.customer !== undefined, options.analyst, options.agent].filter(Boolean).length === 1, {
    message: 'Choose exactly one of --customer ID, --analyst or --agent.',
  });

/** Identity and default lifetime for the chosen role. */
export function tokenRequestOf(rawOptions: unknown): { identity: TokenIdentity; ttl: string } {
  const parsed = TokenOptionsSchema.safeParse(rawOptions);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`).join('; '));
  const options = parsed.data;
  if (options.customer !== undefined) return { identity: { role: 'customer', customerId: options.customer }, ttl: options.ttl ?? '1h' };
  if (options.analyst) return { identity: { role: 'analyst', name: options.name ?? 'analyst' }, ttl: options.ttl ?? '12h' };
  return { identity: { role: 'agent', name: options.name ?? 'agent' }, ttl: options.ttl ?? '12h' };
}
