import type { Command } from 'commander';

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
      // zod and jose load only for this command, so `--help` and the other commands never pay for them.
      const [{ tokenRequestOf }, { loadJwtSecret }, { signToken }] = await Promise.all([
        import('./token-request.ts'),
        import('../server/auth/jwt-secret.ts'),
        import('../server/auth/tokens.ts'),
      ]);
      const { identity, ttl } = tokenRequestOf(rawOptions);
      const { secret, source } = loadJwtSecret();
      const token = await signToken(secret, identity, ttl);
      process.stdout.write(`${token}\n`);
      process.stderr.write(`(${identity.role} token, valid ${ttl}, signed with ${source})\n`);
    });
}
