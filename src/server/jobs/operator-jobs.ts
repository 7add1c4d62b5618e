import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { analyseText, type TextSentiment } from '../../models/sentiment/analyse-text.ts';
import { SentimentError } from '../../models/sentiment/sentiment-error.ts';
import { sentimentModelFor } from '../../models/sentiment/sentiment-model-store.ts';
import { generalSentimentModel, type SentimentModel } from '../../models/sentiment/sentiment-model.ts';
import { chooseModels } from '../../models/model-evaluators.ts';
import { runModelEvaluations } from '../../models/run-model-evaluations.ts';
import { SeedError } from '../../seed/seed-error.ts';
import { seedDemo, type SeedSummary } from '../../seed/seed-demo.ts';
import type { ClickHouseEngine } from '../../sql/engine/clickhouse-engine.ts';
import { SyncError } from '../../sql/engine/sync-error.ts';
import { syncOperationalTables } from '../../sql/engine/sync-operational-tables.ts';
import type { SyncReport } from '../../sql/engine/sync-report.ts';
import type { Warehouse } from '../../sql/warehouse.ts';

export const SeedJobSchema = z.strictObject({
  users: z.number().int().optional(),
  days: z.number().int().optional(),
  seed: z.number().int().optional(),
  endDate: z.string().max(20).optional(),
});
export const ModelsJobSchema = z.strictObject({ task: z.enum(['train', 'model']), models: z.array(z.string().max(40)).max(20) });
export const SyncJobSchema = z.strictObject({});
export const SentimentJobSchema = z.strictObject({ texts: z.array(z.string().max(4000)).min(1).max(2000) });

/** One line of a job's answer stream: progress, a model's outcome, and at the end `result` or `error`. */
export type JobLine = { type: string } & Record<string, unknown>;

/**
 * The CLI commands that change or train on the warehouse (`seed`, `train`, `model`, `sentiment`), run by the server
 * that owns it when `shoplens` finds one (on a ClickHouse warehouse all but `seed`, which loads ClickHouse itself): the same code as the command run alone, on the server's warehouse, one job
 * at a time. A seed replaces the behaviour tables in one transaction (readers keep the previous snapshot until it
 * commits), after which the server rebuilds what it derived from the data (`onDataReplaced`).
 */
export class OperatorJobs {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly warehouse: Warehouse,
    private readonly onDataReplaced: () => Promise<void>,
    /** A folder the sandboxed DuckDB may write (the import staging folder): where snapshots go; none, no snapshots. */
    private readonly snapshotDirectory?: string,
    /** The warehouse is a DuckDB operational store beside ClickHouse (serve --operational-db): `shoplens sync` runs here. */
    private readonly operationalStore = false,
  ) {}

  private next<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  seed(options: z.infer<typeof SeedJobSchema>, emit: (line: JobLine) => void): Promise<SeedSummary> {
    const engine = this.warehouse.behaviourEngine;
    if (engine) {
      // Loading ClickHouse swaps whole tables under the readers and needs the loader's rights, which serve must not hold.
      return Promise.reject(new SeedError(`This server reads the behaviour tables from ${engine.location}; stop it and run "shoplens seed --warehouse …", then start it again.`, { path: engine.location }));
    }
    return this.next(async () => {
      const summary = await seedDemo(this.warehouse, options, (progress) => emit({ type: 'progress', ...progress }));
      await this.onDataReplaced();
      return summary;
    });
  }

  models(request: z.infer<typeof ModelsJobSchema>, emit: (line: JobLine) => void): Promise<void> {
    const chosen = chooseModels(request.models);
    return this.next(() =>
      runModelEvaluations(this.warehouse, request.task, chosen, (progress) => emit({ type: 'progress', ...progress }), (outcome) => emit({ type: 'outcome', ...outcome })),
    );
  }

  /**
   * A consistent copy of the whole warehouse as a new DuckDB file in the snapshot folder (for `npm run eval`, which
   * needs a warehouse of its own): one COPY FROM DATABASE statement, so one snapshot of committed data while chats
   * and imports go on. The caller deletes the file (the folder is also emptied when the server starts and stops).
   */
  snapshot(): Promise<{ path: string }> {
    const directory = this.snapshotDirectory;
    if (!directory) return Promise.reject(new Error('This server has no snapshot folder (a ClickHouse or in-memory warehouse): stop it and run the command on the warehouse itself.'));
    return this.next(async () => {
      const file = path.join(directory, `snapshot-${randomUUID()}.duckdb`);
      const alias = `snapshot_${randomUUID().replaceAll('-', '')}`;
      const connection = await this.warehouse.connect();
      try {
        const source = String((await connection.runAndReadAll('SELECT current_database()')).getRows()[0]?.[0]);
        await connection.run(`ATTACH '${file.replaceAll("'", "''")}' AS ${alias}`);
        try {
          await connection.run(`COPY FROM DATABASE "${source.replaceAll('"', '""')}" TO ${alias}`);
        } finally {
          await connection.run(`DETACH ${alias}`);
        }
      } finally {
        connection.closeSync();
      }
      return { path: file };
    });
  }

  /**
   * `shoplens sync` while this server holds the operational store (and the chDB folder): the same sync on the server's
   * own connections, the rows sent as JSON (the sandboxed store may not write Parquet files), then fresh agents.
   */
  sync(): Promise<SyncReport> {
    const engine = this.warehouse.behaviourEngine;
    if (!engine || !this.operationalStore) {
      return Promise.reject(new SyncError(`This server has no operational store beside a ClickHouse warehouse (serve --warehouse … --operational-db FILE), so there is nothing to sync here.`));
    }
    return this.next(async () => {
      const report = await syncOperationalTables(this.warehouse, engine as ClickHouseEngine, { transfer: 'rows' });
      await this.onDataReplaced();
      return report;
    });
  }

  /** Each text's sentiment by the model trained on this warehouse's reviews (the general lexicon when it has none, said in `note`). */
  sentiment(request: z.infer<typeof SentimentJobSchema>): Promise<{ note?: string; results: TextSentiment[] }> {
    return this.next(async () => {
      let model: SentimentModel;
      let note: string | undefined;
      try {
        model = (await sentimentModelFor(this.warehouse)).model;
      } catch (error) {
        if (!(error instanceof SentimentError && error.kind === 'no_data')) throw error;
        note = error.message;
        model = generalSentimentModel();
      }
      return { note, results: request.texts.map((text) => analyseText(model, text)) };
    });
  }
}
