import type { Command } from 'commander';
import { z } from 'zod';
import { loadJwtSecret } from '../server/auth/jwt-secret.ts';
import { signToken, TtlSchema, type TokenIdentity } from '../server/auth/tokens.ts';

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

export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('Print a signed token for the server: a customer (/support), an analyst (/analytics, POST /api/ask) or an agent (/agents).')
    .option('--customer <id>', 'customer (users.user_id) the token is bound to')
    .option('--analyst', 'an analyst token')
    .option('--agent', 'a customer-service agent token')
    .option('--name <name>', 'analyst or agent name (default "analyst" / "agent")')
    .option('--ttl <ttl>', 'lifetime such as 30m, 1h, 7d (default 1h for customers, 12h otherwise; at most 30d)')
    .action(async (rawOptions: unknown) => {
      const { identity, ttl } = tokenRequestOf(rawOptions);
      const { secret, source } = loadJwtSecret();
      const token = await signToken(secret, identity, ttl);
      process.stdout.write(`${token}\n`);
      process.stderr.write(`(${identity.role} token, valid ${ttl}, signed with ${source})\n`);
    });
}
