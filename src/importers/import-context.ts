import type { DuckDBConnection } from '@duckdb/node-api';
import { readResult, type QueryParameters } from '../sql/warehouse.ts';
import type { JsonRow, JsonValue } from '../sql/json-values.ts';
import type { ImportReportBuilder } from './import-report.ts';

export interface ImportProgressUpdate {
  label: string;
  step: number;
  steps: number;
}

export type ImportProgressListener = (update: ImportProgressUpdate) => void;

export interface ImportContextOptions {
  databasePath: string;
  /** Share of rows that may be unreadable (bad number, bad date, wrong field count) and dropped; above it the import fails. */
  maxInvalidFraction: number;
  steps: number;
  onProgress?: ImportProgressListener;
  /** --strict: any row a cleaning rule would drop or repair fails the import instead (see enforceStrict). */
  strict?: boolean;
}

/** What an importer gets inside the import transaction: its connection, the report and progress reporting. */
export class ImportContext {
  private stepNumber = 0;

  constructor(
    readonly connection: DuckDBConnection,
    readonly report: ImportReportBuilder,
    readonly options: ImportContextOptions,
  ) {}

  step(label: string): void {
    this.stepNumber += 1;
    this.options.onProgress?.({ label, step: Math.min(this.stepNumber, this.options.steps), steps: this.options.steps });
  }

  async run(sql: string, parameters?: QueryParameters): Promise<void> {
    await this.connection.run(sql, parameters);
  }

  async rows(sql: string, parameters?: QueryParameters): Promise<JsonRow[]> {
    return (await readResult(this.connection, sql, parameters)).rows;
  }

  /** The first row of a query (an empty object when there is none). */
  async row(sql: string, parameters?: QueryParameters): Promise<JsonRow> {
    return (await this.rows(sql, parameters))[0] ?? {};
  }

  /** The first column of the first row as a number (0 for NULL or no row). */
  async count(sql: string, parameters?: QueryParameters): Promise<number> {
    const first = await this.row(sql, parameters);
    return toNumber(Object.values(first)[0] ?? null);
  }
}

export function toNumber(value: JsonValue | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}
