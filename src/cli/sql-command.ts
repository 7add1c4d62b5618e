import type { Command } from 'commander';
import { resolveDatabasePath } from '../sql/database-path.ts';

export function registerSqlCommand(program: Command): void {
  program
    .command('sql')
    .description('Run one SQL statement read-only against the warehouse (no writes, no files or URLs outside it).')
    .argument('<statement>', 'SQL to run, e.g. "select count(*) from events"')
    .option('--json', 'print {"columns":[...],"rows":[...]} as JSON')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .action(async (statement: string, options: { json?: boolean; db?: string }) => {
      // read-only opens the file without write access and with external access off, so a statement
      // typed here can neither change the warehouse nor read anything outside it.
      const [{ Warehouse }, { formatTable }] = await Promise.all([import('../sql/warehouse.ts'), import('./format-table.ts')]);
      const warehouse = await Warehouse.open({ path: resolveDatabasePath(options.db), mode: 'read-only' });
      try {
        const result = await warehouse.query(statement);
        process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${formatTable(result)}\n`);
      } finally {
        warehouse.close();
      }
    });
}
