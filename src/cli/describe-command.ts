import type { Command } from 'commander';
import type { WarehouseDescription } from '../sql/semantic/index.ts';
import { commandWarehouse, openCommandWarehouse, WAREHOUSE_OPTION_DESCRIPTION } from './command-warehouse.ts';
import { formatTable } from './format-table.ts';
import { requestServer, runningServerFor } from './running-server.ts';

export function registerDescribeCommand(program: Command): void {
  program
    .command('describe')
    .description('List what this warehouse can answer: metrics and dimensions with data, those without (and why), date range, row counts, currency and time zone.')
    .option('--json', 'print the description as JSON')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .option('--warehouse <url>', WAREHOUSE_OPTION_DESCRIPTION)
    .action(async (options: { json?: boolean; db?: string; warehouse?: string }) => {
      const target = commandWarehouse(options);
      // On ClickHouse the server locks the state file kept next to the warehouse.
      const databasePath = target.lockPath;
      const server = await runningServerFor(databasePath);
      if (server) {
        // The server owns the warehouse (a writer blocks even read-only opens): it describes it.
        const description = (await requestServer(server, { method: 'GET', route: '/api/describe' })) as WarehouseDescription;
        process.stdout.write(options.json ? `${JSON.stringify(description, null, 2)}\n` : `${formatDescription(databasePath, description)}\n`);
        return;
      }
      const { describeWarehouse } = await import('../sql/semantic/index.ts');
      const warehouse = await openCommandWarehouse(target, { mode: 'read-only' });
      try {
        const description = await describeWarehouse(warehouse);
        process.stdout.write(options.json ? `${JSON.stringify(description, null, 2)}\n` : `${formatDescription(warehouse.behaviourEngine?.location ?? warehouse.path, description)}\n`);
      } finally {
        warehouse.close();
      }
    });
}

export function formatDescription(databasePath: string, description: WarehouseDescription): string {
  const shop = description.shop;
  const lines = [
    `Warehouse ${databasePath}`,
    shop
      ? `Currency: ${shop.currency ?? 'none (no prices)'}; time zone: ${shop.timeZone}; locale: ${shop.locale}`
      : 'Currency and time zone: not recorded (written before they were; seed or import again to record them)',
    `Data from ${description.dateRange.from ?? '-'} to ${description.dateRange.to ?? '-'}`,
    '',
    formatTable({ columns: [{ name: 'table', type: 'VARCHAR' }, { name: 'rows', type: 'BIGINT' }], rows: Object.entries(description.tableRows).map(([table, rows]) => ({ table, rows })) }),
    '',
    `Metrics available (${description.metrics.available.length}): ${description.metrics.available.map((metric) => metric.id).join(', ')}`,
    `Dimensions available (${description.dimensions.available.length}): ${description.dimensions.available.map((dimension) => dimension.id).join(', ')}`,
    ...Object.entries(description.dimensionSamples).map(([id, sample]) => `  ${id}: ${sample.distinct.toLocaleString('en-US')} values, e.g. ${sample.samples.join(', ')}`),
  ];
  for (const [heading, entries] of [['Metrics not available', description.metrics.unavailable], ['Dimensions not available', description.dimensions.unavailable]] as const) {
    if (entries.length === 0) continue;
    lines.push('', `${heading} (${entries.length}):`, ...entries.map((entry) => `- ${entry.id} (${entry.name_en} / ${entry.name_zh}): ${entry.reason_en} / ${entry.reason_zh}`));
  }
  lines.push('', `Profile ${description.profileSource === 'stored' ? 'stored by the last seed or import' : 'computed now'}.`);
  return lines.join('\n');
}
