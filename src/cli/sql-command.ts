import type { Command } from 'commander';
import type { GuardedResult } from '../sql/guard/index.ts';
import { formatTable } from './format-table.ts';
import { postToServer, runningServerFor } from './running-server.ts';
import { commandWarehouse, openCommandWarehouse, WAREHOUSE_OPTION_DESCRIPTION } from './command-warehouse.ts';

/** The server's /api/sql reply; built on first use, since `shoplens --help` imports this module and must not load zod. */
async function shellResultSchema() {
  const { z } = await import('zod');
  return z.object({
    columns: z.array(z.object({ name: z.string(), type: z.string() })),
    rows: z.array(z.record(z.string(), z.json())),
    truncated: z.boolean(),
    truncatedBy: z.enum(['row_cap', 'size_cap']).nullable(),
  });
}

export function formatShellResult(result: Pick<GuardedResult, 'columns' | 'rows' | 'truncated' | 'truncatedBy'>, json: boolean): string {
  if (json) return JSON.stringify({ columns: result.columns, rows: result.rows, truncated: result.truncated, truncatedBy: result.truncatedBy ?? null });
  const note = result.truncated ? `\n(only the first ${result.rows.length} rows: the result was cut off by the ${result.truncatedBy === 'size_cap' ? 'size' : 'row'} cap)` : '';
  return `${formatTable(result)}${note}`;
}

export function registerSqlCommand(program: Command): void {
  program
    .command('sql')
    .description('Run one SELECT read-only against the warehouse (guarded: no writes, files, URLs or personal columns; 10 s, 10,000 rows).')
    .argument('<statement>', 'SQL to run, e.g. "select count(*) from events"')
    .option('--json', 'print {"columns":[...],"rows":[...],"truncated":...} as JSON')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .option('--warehouse <url>', WAREHOUSE_OPTION_DESCRIPTION)
    .action(async (statement: string, options: { json?: boolean; db?: string; warehouse?: string }) => {
      // Like model-written SQL, the shell goes through the guard (one SELECT, no files, no personal columns) with the
      // same timeout, row cap and memory limit, so a typed range(1e12) or self cross join stops instead of running on.
      const target = commandWarehouse(options);
      const server = await runningServerFor(target.lockPath);
      if (server) {
        const result = (await shellResultSchema()).parse(await postToServer(server, '/api/sql', { sql: statement }));
        process.stdout.write(`${formatShellResult({ ...result, truncatedBy: result.truncatedBy ?? undefined }, Boolean(options.json))}\n`);
        return;
      }
      // read-only opens the file without write access and with external access off; the guard adds the rest. On
      // ClickHouse the state file is opened sandboxed for the guard's checks and ClickHouse runs the checked text
      // with its own limits (run-guarded-on-engine.ts).
      const { DEFAULT_QUERY_MEMORY_LIMIT, isSqlGuardError, queryGateOf, runGuardedSql, SQL_SHELL_POLICY } = await import('../sql/guard/index.ts');
      const warehouse = await openCommandWarehouse(target, { mode: 'read-only', memoryLimit: DEFAULT_QUERY_MEMORY_LIMIT });
      try {
        const result = await runGuardedSql(warehouse, statement, { policy: SQL_SHELL_POLICY });
        process.stdout.write(`${formatShellResult(result, Boolean(options.json))}\n`);
      } catch (error) {
        if (isSqlGuardError(error) && !warehouse.behaviourEngine && queryGateOf(warehouse).running > 0) {
          // DuckDB only notices the interrupt at its next check (one huge repeat() is a single step), and every normal
          // exit (process.exit included) waits for DuckDB's threads. This process has nothing else to do, so after
          // the message it ends itself at once; the exit status is then 137 (killed) instead of 1.
          process.stderr.write(`shoplens: ${error.name}: ${error.message} (stopping DuckDB mid-step: exiting now)\n`);
          process.kill(process.pid, 'SIGKILL');
        }
        throw error;
      } finally {
        warehouse.close();
      }
    });
}
