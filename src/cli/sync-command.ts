import type { Command } from 'commander';
import { WAREHOUSE_OPTION_DESCRIPTION } from './command-warehouse.ts';
import { refuseWhileServerRuns } from './running-server.ts';

/** The tables the support agent changes in the operational store; ClickHouse's copies are replaced by them. */
export const OPERATIONAL_TABLES = ['users', 'orders', 'order_items', 'support_events'] as const;

async function parseSyncOptions(rawOptions: unknown): Promise<{ operationalDb: string; warehouse: string }> {
  const { z } = await import('zod');
  const parsed = z.object({ operationalDb: z.string().min(1).optional(), warehouse: z.string().min(1).optional() }).parse(rawOptions);
  const warehouse = parsed.warehouse ?? process.env.SHOPLENS_WAREHOUSE;
  if (!parsed.operationalDb) throw new Error('shoplens sync needs --operational-db FILE: the DuckDB operational store whose orders, users and support events go to ClickHouse.');
  if (!warehouse) throw new Error('shoplens sync needs --warehouse chdb://… or clickhouse://… (or SHOPLENS_WAREHOUSE): the ClickHouse warehouse to update.');
  return { operationalDb: parsed.operationalDb, warehouse };
}

/**
 * `shoplens sync`: copies the operational tables that support changes (orders, order lines, users, support events) from
 * the DuckDB operational store into the ClickHouse warehouse, each table loaded beside its old copy and swapped in
 * (EXCHANGE TABLES), so analytics on ClickHouse see support's cancellations and returns. Events stay as ClickHouse has
 * them. Refused while a server owns the store (chDB also allows one process per folder).
 */
export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('Copy orders, order lines, users and support events from the DuckDB operational store into a ClickHouse warehouse (docs/clickhouse.md).')
    .option('--operational-db <path>', 'the DuckDB operational store (the file `serve --operational-db` uses)')
    .option('--warehouse <url>', WAREHOUSE_OPTION_DESCRIPTION)
    .action(async (rawOptions: unknown) => {
      const options = await parseSyncOptions(rawOptions);
      const [{ resolveWarehouseLocation }, { existsSync }] = await Promise.all([import('../sql/engine/warehouse-url.ts'), import('node:fs')]);
      const location = resolveWarehouseLocation({ warehouse: options.warehouse }, {});
      if (location.kind === 'duckdb') throw new Error(`--warehouse ${options.warehouse} is not a ClickHouse warehouse (chdb://… or clickhouse://…).`);
      if (!existsSync(options.operationalDb)) throw new Error(`No operational store at ${options.operationalDb}.`);
      await refuseWhileServerRuns('sync', options.operationalDb);
      const [{ Warehouse }, { ClickHouseEngine }, { loadIntoClickHouse }] = await Promise.all([
        import('../sql/warehouse.ts'),
        import('../sql/engine/clickhouse-engine.ts'),
        import('../sql/engine/load-into-clickhouse.ts'),
      ]);
      // read-write only because DuckDB's read-only mode also refuses COPY … TO the Parquet files; nothing is written.
      const store = await Warehouse.open({ path: options.operationalDb, mode: 'read-write', create: false });
      try {
        const engine = await ClickHouseEngine.open(location);
        try {
          const report = await loadIntoClickHouse(store, engine, OPERATIONAL_TABLES);
          const counts = Object.entries(report.rows).map(([table, rows]) => `${table} ${rows.toLocaleString('en-US')}`).join(', ');
          process.stdout.write(`Synced ${counts} rows into ${engine.location} in ${report.seconds.toFixed(1)} s.\n`);
        } finally {
          await engine.close();
        }
      } finally {
        store.close();
      }
    });
}
