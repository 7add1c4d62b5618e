import type { Command } from 'commander';
import type { ModelReport } from '../models/model-report.ts';
import type { EnsuredModel } from '../models/model-store/ensure-trained.ts';
import { resolveDatabasePath } from '../sql/database-path.ts';
import { chooseModels, EVALUATORS, type Evaluator } from './model-evaluators.ts';
import { createProgressReporter } from './progress-reporter.ts';
import { refuseWhileServerRuns } from './running-server.ts';

function formatReport(report: ModelReport, seconds: number, note: string): string {
  const width = Math.max(...Object.keys(report.metrics).map((name) => name.length), 6);
  const metrics = Object.entries(report.metrics).map(([name, value]) => `  ${name.padEnd(width)}  ${Number.isInteger(value) ? value : value.toFixed(4)}`);
  return [`== ${report.model} (${seconds.toFixed(1)} s${note})`, `trained on: ${report.trainedOn}`, ...metrics, ...report.details.map((detail) => `  · ${detail}`)].join('\n');
}

/** A model's stored report as one JSON object: what it is, when and on what it was trained, and its measured metrics. */
function reportJson(name: string, ensured: EnsuredModel<ModelReport>): Record<string, unknown> {
  const { payload: report, metadata } = ensured;
  return {
    name,
    model: report.model,
    trainedOn: report.trainedOn,
    trainedAt: metadata.trainedAt,
    trainingSeconds: Number(metadata.trainingSeconds.toFixed(3)),
    reused: ensured.source !== 'trained',
    metrics: report.metrics,
    details: report.details,
  };
}

/**
 * Trains (or, for `model`, reuses the stored report of) each chosen model with a progress bar on stderr and prints
 * its report on stdout: text, or one JSON object per line with --json.
 */
async function runModels(task: 'train' | 'model', names: string[], options: { db?: string; json?: boolean }): Promise<void> {
  const chosen = chooseModels(names);
  const databasePath = resolveDatabasePath(options.db);
  await refuseWhileServerRuns(task, databasePath);
  const [{ Warehouse }, { ensureEvaluation }] = await Promise.all([import('../sql/warehouse.ts'), import('../models/model-store/stored-evaluation.ts')]);
  const warehouse = await Warehouse.open({ path: databasePath, mode: 'sandboxed', create: false });
  try {
    // Which model is training and for how long, on stderr: a bar with a running clock in a terminal, a line per model in logs.
    const progress = await createProgressReporter(task);
    try {
      for (const [index, model] of chosen.entries()) {
        const started = performance.now();
        const phase = `${index + 1}/${chosen.length} ${model}`;
        progress.report({ phase, done: index, total: chosen.length });
        try {
          const evaluate = await (EVALUATORS[model] as () => Promise<Evaluator>)();
          const ensured = await ensureEvaluation(warehouse, model, evaluate, {
            retrain: task === 'train',
            onProgress: (update) => progress.report({ phase: `${phase} ${update.phase}`, done: update.percent, total: 100 }),
          });
          const seconds = (performance.now() - started) / 1000;
          if (options.json) process.stdout.write(`${JSON.stringify(reportJson(model, ensured))}\n`);
          else process.stdout.write(`${formatReport(ensured.payload, seconds, ensured.source === 'trained' ? '' : `; stored report from ${ensured.metadata.trainedAt}, data unchanged`)}\n\n`);
        } catch (error) {
          // One model that cannot train on this data (e.g. no events in an orders-only import) must not hide the others.
          process.exitCode = 1;
          if (options.json) process.stdout.write(`${JSON.stringify({ name: model, error: { name: (error as Error).name, message: (error as Error).message } })}\n`);
          else process.stdout.write(`== ${model}: could not train: ${(error as Error).message}\n\n`);
        }
      }
      progress.done();
    } finally {
      progress.stop();
    }
  } finally {
    warehouse.close();
  }
}

export function registerModelCommand(program: Command): void {
  program
    .command('train')
    .description('Train the behaviour models on the warehouse again, measure them and store them with their metrics.')
    .argument('[models...]', `which models: ${Object.keys(EVALUATORS).join(', ')} or all (default: all)`)
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .option('--json', 'one JSON object per model on stdout')
    .action((models: string[], options: { db?: string; json?: boolean }) => runModels('train', models, options));
  program
    .command('model')
    .description("A model's metadata and measured metrics: the stored report when the data has not changed, else trained now.")
    .argument('[models...]', `which models: ${Object.keys(EVALUATORS).join(', ')} or all (default: all)`)
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .option('--json', 'one JSON object per model on stdout')
    .action((models: string[], options: { db?: string; json?: boolean }) => runModels('model', models, options));
}
