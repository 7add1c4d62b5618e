import type { Command } from 'commander';
import type { ModelReport } from '../models/model-report.ts';
import { resolveDatabasePath } from '../sql/database-path.ts';
import { createProgressReporter } from './progress-reporter.ts';
import type { Warehouse } from '../sql/warehouse.ts';
import { refuseWhileServerRuns } from './running-server.ts';

type Evaluator = (warehouse: Warehouse) => Promise<ModelReport>;

/** Each behaviour model, loaded only when asked for so one slow model does not delay the others. */
const EVALUATORS: Record<string, () => Promise<Evaluator>> = {
  segments: async () => (await import('../models/segments/evaluate-segments.ts')).evaluateSegments,
  forecast: async () => (await import('../models/forecast/evaluate-forecast.ts')).evaluateForecast,
  baskets: async () => (await import('../models/baskets/evaluate-baskets.ts')).evaluateBaskets,
  propensity: async () => (await import('../models/propensity/evaluate-propensity.ts')).evaluatePropensity,
  sentiment: async () => (await import('../models/sentiment/evaluate-sentiment.ts')).evaluateSentiment,
  recommendations: async () => (await import('../models/recommendations/evaluate-recommendations.ts')).evaluateRecommendations,
  anomalies: async () => (await import('../models/anomalies/evaluate-anomalies.ts')).evaluateAnomalies,
};

export class UnknownModelError extends Error {
  override readonly name = 'UnknownModelError';
  constructor(readonly model: string) {
    super(`No model named "${model}". Choose from: ${Object.keys(EVALUATORS).join(', ')}.`);
  }
}

function formatReport(report: ModelReport, seconds: number): string {
  const width = Math.max(...Object.keys(report.metrics).map((name) => name.length), 6);
  const metrics = Object.entries(report.metrics).map(([name, value]) => `  ${name.padEnd(width)}  ${Number.isInteger(value) ? value : value.toFixed(4)}`);
  return [`== ${report.model} (${seconds.toFixed(1)} s)`, `trained on: ${report.trainedOn}`, ...metrics, ...report.details.map((detail) => `  · ${detail}`)].join('\n');
}

export function registerModelCommand(program: Command): void {
  program
    .command('model')
    .description('Train the behaviour models on the warehouse and print their measured metrics.')
    .argument('[models...]', `which models (default: all): ${Object.keys(EVALUATORS).join(', ')}`)
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .action(async (models: string[], options: { db?: string }) => {
      const chosen = models.length > 0 ? models : Object.keys(EVALUATORS);
      for (const model of chosen) if (!(model in EVALUATORS)) throw new UnknownModelError(model);
      refuseWhileServerRuns('model', resolveDatabasePath(options.db));
      const { Warehouse } = await import('../sql/warehouse.ts');
      const warehouse = await Warehouse.open({ path: resolveDatabasePath(options.db), mode: 'sandboxed', create: false });
      try {
        // Which model is training and for how long, on stderr: a bar with a running clock in a terminal, a line per model in logs.
        const progress = await createProgressReporter('model');
        try {
          for (const [index, model] of chosen.entries()) {
            const started = performance.now();
            progress.report({ phase: `${index + 1}/${chosen.length} ${model}`, done: index, total: chosen.length });
            try {
              const evaluate = await (EVALUATORS[model] as () => Promise<Evaluator>)();
              const report = await evaluate(warehouse);
              process.stdout.write(`${formatReport(report, (performance.now() - started) / 1000)}\n\n`);
            } catch (error) {
              // One model that cannot train on this data (e.g. no events in an orders-only import) must not hide the others.
              process.exitCode = 1;
              process.stdout.write(`== ${model}: could not train: ${(error as Error).message}\n\n`);
            }
          }
          progress.done();
        } finally {
          progress.stop();
        }
      } finally {
        warehouse.close();
      }
    });
}
