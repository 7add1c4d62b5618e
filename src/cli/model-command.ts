import type { Command } from 'commander';
import type { ModelReport } from '../models/model-report.ts';
import { chooseModels, EVALUATORS } from '../models/model-evaluators.ts';
import type { ModelOutcome } from '../models/run-model-evaluations.ts';
import { commandWarehouse, openCommandWarehouse, WAREHOUSE_OPTION_DESCRIPTION, type WarehouseCommandOptions } from './command-warehouse.ts';
import { createProgressReporter } from './progress-reporter.ts';
import { runServerJob, runningServerFor } from './running-server.ts';

function formatReport(report: ModelReport, seconds: number, note: string): string {
  const width = Math.max(...Object.keys(report.metrics).map((name) => name.length), 6);
  const metrics = Object.entries(report.metrics).map(([name, value]) => `  ${name.padEnd(width)}  ${Number.isInteger(value) ? value : value.toFixed(4)}`);
  return [`== ${report.model} (${seconds.toFixed(1)} s${note})`, `trained on: ${report.trainedOn}`, ...metrics, ...report.details.map((detail) => `  · ${detail}`)].join('\n');
}

/** A model's outcome on stdout: its report (text, or one JSON object with --json), or why it could not train. */
function printOutcome(outcome: ModelOutcome, json: boolean | undefined): void {
  if (!outcome.ok) {
    // One model that cannot train on this data must not hide the others, but the command fails.
    process.exitCode = 1;
    if (json) process.stdout.write(`${JSON.stringify({ name: outcome.name, error: outcome.error })}\n`);
    else process.stdout.write(`== ${outcome.name}: could not train: ${outcome.error.message}\n\n`);
    return;
  }
  const { report } = outcome;
  if (json) {
    const line = {
      name: outcome.name, model: report.model, trainedOn: report.trainedOn, trainedAt: outcome.trainedAt, trainingSeconds: Number(outcome.trainingSeconds.toFixed(3)),
      reused: outcome.reused, metrics: report.metrics, details: report.details,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } else {
    process.stdout.write(`${formatReport(report, outcome.seconds, outcome.reused ? `; stored report from ${outcome.trainedAt}, data unchanged` : '')}\n\n`);
  }
}

/**
 * Trains (or, for `model`, reuses the stored report of) each chosen model with a progress bar on stderr and prints
 * its report on stdout: text, or one JSON object per line with --json. While a server owns the warehouse the server
 * runs the same loop on its own connection and streams the progress and reports back.
 */
async function runModels(task: 'train' | 'model', names: string[], options: WarehouseCommandOptions & { json?: boolean }): Promise<void> {
  const chosen = chooseModels(names);
  const target = commandWarehouse(options);
  // Which model is training and for how long, on stderr: a bar with a running clock in a terminal, a line per model in logs.
  const progress = await createProgressReporter(task);
  try {
    const server = await runningServerFor(target.lockPath);
    if (server) {
      await runServerJob(server, 'models', { task, models: chosen }, {
        progress: (update) => progress.report(update as { phase: string; done: number; total: number }),
        outcome: (outcome) => printOutcome(outcome as ModelOutcome, options.json),
      });
    } else {
      const { runModelEvaluations } = await import('../models/run-model-evaluations.ts');
      // On ClickHouse the evaluations read the behaviour tables there and keep their reports in the state file.
      const warehouse = await openCommandWarehouse(target, { mode: 'sandboxed' });
      try {
        await runModelEvaluations(warehouse, task, chosen, (update) => progress.report(update), (outcome) => printOutcome(outcome, options.json));
      } finally {
        warehouse.close();
      }
    }
    progress.done();
  } finally {
    progress.stop();
  }
}

export function registerModelCommand(program: Command): void {
  program
    .command('train')
    .description('Train the behaviour models on the warehouse again, measure them and store them with their metrics.')
    .argument('[models...]', `which models: ${Object.keys(EVALUATORS).join(', ')} or all (default: all)`)
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .option('--warehouse <url>', WAREHOUSE_OPTION_DESCRIPTION)
    .option('--json', 'one JSON object per model on stdout')
    .action((models: string[], options: WarehouseCommandOptions & { json?: boolean }) => runModels('train', models, options));
  program
    .command('model')
    .description("A model's metadata and measured metrics: the stored report when the data has not changed, else trained now.")
    .argument('[models...]', `which models: ${Object.keys(EVALUATORS).join(', ')} or all (default: all)`)
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .option('--warehouse <url>', WAREHOUSE_OPTION_DESCRIPTION)
    .option('--json', 'one JSON object per model on stdout')
    .action((models: string[], options: WarehouseCommandOptions & { json?: boolean }) => runModels('model', models, options));
}
