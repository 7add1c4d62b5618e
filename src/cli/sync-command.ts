import type { Command } from 'commander';
import { WAREHOUSE_OPTION_DESCRIPTION } from './command-warehouse.ts';
import { runningServerFor, runServerJob } from './running-server.ts';

async function parseSyncOptions(rawOptions: unknown): Promise<{ operationalDb: string; warehouse: string }> {
  const { z } = await import('zod');
  const { SyncError } = await import('../sql/engine/sync-error.ts');
  const parsed = z.object({ operationalDb: z.string().min(1).optional(), warehouse: z.string().min(1).optional() }).parse(rawOptions);
  const warehouse = parsed.warehouse ?? process.env.SHOPLENS_WAREHOUSE;
  if (!parsed.operationalDb) throw new SyncError('shoplens sync needs --operational-db FILE: the DuckDB operational store whose orders, users and support events go to ClickHouse.', 'bad_option');
  if (!warehouse) throw new SyncError('shoplens sync needs --warehouse chdb://… or clickhouse://… (or SHOPLENS_WAREHOUSE): the ClickHouse warehouse to update.', 'bad_option');
  return { operationalDb: parsed.operationalDb, warehouse };
}

/**
 * `shoplens sync`: brings support's changes (orders, order lines, users, support events) from the DuckDB operational
 * store to the ClickHouse warehouse (the rule per table: OPERATIONAL_TABLES in sync-operational-tables.ts). While a
 * server holds the store and that warehouse, the server runs the sync; a server holding only one of them (the store,
 * or the chDB folder, which admits one process) is refused with what to do.
 */
export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('Bring orders, order lines, users and support events from the DuckDB operational store to a ClickHouse warehouse (docs/clickhouse.md).')
    .option('--operational-db <path>', 'the DuckDB operational store (the file `serve --operational-db` uses)')
    .option('--warehouse <url>', WAREHOUSE_OPTION_DESCRIPTION)
    .option('--json', 'the sync report as one JSON object')
    .action(async (rawOptions: { json?: boolean }) => {
      const { json, ...rest } = rawOptions;
      const options = await parseSyncOptions(rest);
      const [{ resolveWarehouseLocation }, { existsSync }, path, { stateFilePath }, { SyncError }, { describeSync }] = await Promise.all([
        import('../sql/engine/warehouse-url.ts'),
        import('node:fs'),
        import('node:path'),
        import('../sql/engine/state-file-path.ts'),
        import('../sql/engine/sync-error.ts'),
        import('../sql/engine/sync-report.ts'),
      ]);
      const location = resolveWarehouseLocation({ warehouse: options.warehouse }, {});
      if (location.kind === 'duckdb') throw new SyncError(`--warehouse ${options.warehouse} is not a ClickHouse warehouse (chdb://… or clickhouse://…).`, 'bad_option');
      const storePath = path.resolve(options.operationalDb);
      if (!existsSync(storePath)) throw new SyncError(`No operational store at ${storePath}.`, 'bad_option');
      const print = (report: import('../sql/engine/sync-report.ts').SyncReport, where: string) =>
        process.stdout.write(json ? `${JSON.stringify(report)}\n` : `${describeSync(report, where)}\n`);

      const storeServer = await runningServerFor(storePath);
      const folderServer = location.kind === 'chdb' ? await runningServerFor(stateFilePath(location)) : undefined;
      const target = location.kind === 'chdb' ? `chdb://${location.path}` : `${location.url}/${location.database}`;
      if (storeServer) {
        if (storeServer.warehouse !== target) {
          throw new SyncError(
            `The ShopLens server at ${storeServer.url} (pid ${storeServer.pid}) holds ${storePath}${storeServer.warehouse ? ` with the warehouse ${storeServer.warehouse}` : ' as a DuckDB warehouse'}, not ${target}. ` +
              `Stop it (kill ${storeServer.pid}), run this sync, and start it again; or start it as "shoplens serve --warehouse ${target} --operational-db ${storePath}" so that sync goes through it.`,
            'held_by_server',
          );
        }
        // The server holds the store (and, for chDB, the folder): it runs the sync on its own connections.
        const { SyncReportSchema } = await import('../sql/engine/sync-report.ts');
        print(SyncReportSchema.parse(await runServerJob(storeServer, 'sync', {})), target);
        return;
      }
      if (folderServer) {
        throw new SyncError(
          `The ShopLens server at ${folderServer.url} (pid ${folderServer.pid}) holds the chDB folder ${location.kind === 'chdb' ? location.path : ''}, which admits one process, and its operational store is not ${storePath}. ` +
            `Stop it (kill ${folderServer.pid}), run this sync, and start it again; or start it as "shoplens serve --warehouse ${target} --operational-db ${storePath}" so that sync goes through it.`,
          'held_by_server',
        );
      }
      const [{ Warehouse }, { ClickHouseEngine }, { syncOperationalTables }] = await Promise.all([
        import('../sql/warehouse.ts'),
        import('../sql/engine/clickhouse-engine.ts'),
        import('../sql/engine/sync-operational-tables.ts'),
      ]);
      // read-write only because DuckDB's read-only mode also refuses COPY … TO the Parquet files; nothing is written.
      const store = await Warehouse.open({ path: storePath, mode: 'read-write', create: false });
      try {
        const engine = await ClickHouseEngine.open(location);
        try {
          print(await syncOperationalTables(store, engine), engine.location);
        } finally {
          await engine.close();
        }
      } finally {
        store.close();
      }
    });
}
