import type { Command } from 'commander';
import path from 'node:path';
import { commandWarehouse, WAREHOUSE_OPTION_DESCRIPTION } from './command-warehouse.ts';
import { runningServerFor } from './running-server.ts';

async function parseServeOptions(rawOptions: unknown): Promise<{ port: number; host: string; db?: string; warehouse?: string; operationalDb?: string }> {
  const { z } = await import('zod');
  return z
    .object({
      port: z.coerce.number().int().min(0).max(65_535).default(3000),
      host: z.string().min(1).default('127.0.0.1'),
      db: z.string().optional(),
      warehouse: z.string().optional(),
      operationalDb: z.string().optional(),
    })
    .parse(rawOptions);
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the HTTP + WebSocket server: /analytics, /support, /agents, POST /api/ask (docs/server.md).')
    .option('--port <port>', 'port to listen on (default 3000; 0 picks a free one)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb); seeded with the demo if empty')
    .option('--warehouse <url>', `${WAREHOUSE_OPTION_DESCRIPTION}; support then needs --operational-db`)
    .option('--operational-db <path>', 'with --warehouse: the DuckDB file holding orders, users, conversations and support actions; support runs on it, analytics on ClickHouse (docs/clickhouse.md)')
    .action(async (rawOptions: unknown) => {
      const options = await parseServeOptions(rawOptions);
      if (options.operationalDb && (!options.warehouse || options.db)) {
        throw new Error(options.db ? '--operational-db replaces --db beside a ClickHouse warehouse; pass one of them.' : '--operational-db goes with --warehouse chdb://… or clickhouse://…; a DuckDB warehouse file (--db) is its own operational store.');
      }
      const target = commandWarehouse(options.operationalDb ? { ...options, db: options.operationalDb } : options);
      // On ClickHouse the lock (and the app's state) is the state file kept next to the warehouse.
      const databasePath = target.lockPath;
      const other = await runningServerFor(databasePath);
      if (other) throw new Error(`A ShopLens server already serves ${databasePath} at ${other.url} (pid ${other.pid}); use it, or stop it first.`);
      const [{ startServer }, { webAppExtension }] = await Promise.all([import('../server/start-server.ts'), import('../server/web/mount-web-app.ts')]);
      const running = await startServer({
        port: options.port,
        host: options.host,
        databasePath,
        ...(target.location.kind === 'duckdb' ? {} : { warehouse: target.location, operationalStore: Boolean(options.operationalDb) }),
        // The web app (built by `npm run build:web`) and the read-only eval viewer API on the same port.
        extendApp: webAppExtension({ evalsDirectory: path.resolve('evals/runs') }),
      });
      process.stderr.write(`ShopLens server on ${running.url} (support: ${running.supportDescription}). Ctrl+C stops it.\n`);
      await new Promise<void>((resolve) => {
        const shutDown = (signal: NodeJS.Signals) => {
          process.stderr.write(`${signal}: finishing replies in flight, then closing …\n`);
          running.stop().then(resolve, (error: unknown) => {
            process.stderr.write(`shutdown failed: ${(error as Error).message}\n`);
            process.exitCode = 1;
            resolve();
          });
        };
        process.once('SIGINT', shutDown);
        process.once('SIGTERM', shutDown);
      });
    });
}
