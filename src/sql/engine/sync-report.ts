import { z } from 'zod';

/** What `shoplens sync` did per table (see OPERATIONAL_TABLES), the same whether run here or by a server. */
export const TableSyncSchema = z.object({
  table: z.string(),
  mode: z.enum(['replaced', 'appended']),
  /** Rows in ClickHouse after the sync (checked equal to the store's). */
  rows: z.number().int(),
  /** Rows added by an append. */
  appended: z.number().int().optional(),
  /** Why an append-only table was replaced whole instead (first sync, or ClickHouse's older rows differ from the store's). */
  reason: z.string().optional(),
});
export type TableSync = z.infer<typeof TableSyncSchema>;

export const SyncReportSchema = z.object({ tables: z.array(TableSyncSchema), seconds: z.number() });
export type SyncReport = z.infer<typeof SyncReportSchema>;

/** One line for the terminal: each table's rows and how it was synced. */
export function describeSync(report: SyncReport, location: string): string {
  const parts = report.tables.map((entry) =>
    entry.mode === 'appended'
      ? `${entry.table} ${entry.rows.toLocaleString('en-US')} (+${(entry.appended ?? 0).toLocaleString('en-US')} appended)`
      : `${entry.table} ${entry.rows.toLocaleString('en-US')} (replaced${entry.reason ? `: ${entry.reason}` : ''})`,
  );
  return `Synced ${parts.join(', ')} rows into ${location} in ${report.seconds.toFixed(1)} s.`;
}
