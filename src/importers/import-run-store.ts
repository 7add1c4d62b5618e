import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportReport } from './import-report.ts';

/** ISO instant → DuckDB naive TIMESTAMP text; import_runs times are UTC. */
function utcTimestamp(iso: string): string {
  return iso.replace('T', ' ').replace('Z', '');
}

/** Stores the report as one `import_runs` row, inside the import's own transaction. */
export async function storeImportRun(connection: DuckDBConnection, report: ImportReport): Promise<void> {
  await connection.run(
    `INSERT INTO import_runs (run_id, format, files, started_at, finished_at, rows_read, rows_kept, report)
     VALUES ($run_id, $format, from_json($files, '["VARCHAR"]'), $started_at::TIMESTAMP, $finished_at::TIMESTAMP,
             $rows_read, $rows_kept, $report::JSON)`,
    {
      run_id: report.runId,
      format: report.format,
      files: JSON.stringify(report.files),
      started_at: utcTimestamp(report.startedAt),
      finished_at: utcTimestamp(report.finishedAt),
      rows_read: BigInt(report.rowsRead),
      rows_kept: BigInt(report.rowsKept),
      report: JSON.stringify(report),
    },
  );
}
