import { mkdtempSync, rmSync } from 'node:fs';
import { computeSegmentation } from '../src/models/segments/compute-segmentation.ts';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RandomForestClassifier } from 'ml-random-forest';
import { findBrowsingAnomalies } from '../src/models/anomalies/browsing-anomalies.ts';
import { findOrderAnomalies } from '../src/models/anomalies/order-anomalies.ts';
import { HashingEncoder } from '../src/models/embeddings/hashing-encoder.ts';
import { fitFeatureScaler, scaleRow } from '../src/models/propensity/feature-scaler.ts';
import { fitBoostedTrees } from '../src/models/propensity/gradient-boosted-trees.ts';
import { findLikelyBuyers } from '../src/models/propensity/likely-buyers.ts';
import { fitLogisticRegression } from '../src/models/propensity/logistic-regression.ts';
import { BOOSTING_OPTIONS, LOGISTIC_L2 } from '../src/models/propensity/propensity-model.ts';
import { PROPENSITY_FEATURES } from '../src/models/propensity/propensity-features.ts';
import { evaluateTextRoute } from '../src/models/propensity/text-route.ts';
import { loadDataStart, timeSplit } from '../src/models/propensity/time-split.ts';
import { loadPropensityDataset } from '../src/models/propensity/train-propensity.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { loadAsOfDate } from '../src/sql/semantic/index.ts';
import { Warehouse } from '../src/sql/warehouse.ts';

/** Rows given to ml-random-forest: its CART grows roughly quadratically, so the full 19k rows would take minutes. */
const FOREST_ROWS = 2000;

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

const line = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

/**
 * Seeds the default demo (20k users × 90 days) into a temporary file and prints how long each step of
 * purchase-propensity training takes (feature SQL, logistic regression, boosted trees, the text route, the
 * whole predict_purchase call cold and cached), ml-random-forest on a subset for comparison, and the
 * anomaly detectors' run times.
 */
export async function runTrainingBench(): Promise<void> {
  const directory = mkdtempSync(path.join(tmpdir(), 'shoplens-training-bench-'));
  const databasePath = path.join(directory, 'demo.duckdb');
  try {
    const writer = await Warehouse.open({ path: databasePath, mode: 'read-write' });
    const seeded = await timed(() => seedDemo(writer, {}));
    writer.close();
    line(`seeded default demo: ${seeded.value.rows.events.toLocaleString('en-US')} events in ${seeded.seconds.toFixed(1)} s`);

    const warehouse = await Warehouse.open({ path: databasePath, mode: 'sandboxed' });
    try {
      const asOf = await loadAsOfDate(warehouse);
      const split = timeSplit(await loadDataStart(warehouse), asOf, 7);
      const training = await timed(() => loadPropensityDataset(warehouse, split.trainCutoff, 7));
      line(`features + labels at ${split.trainCutoff}: ${training.value.userIds.length} users × ${PROPENSITY_FEATURES.length} features in ${training.seconds.toFixed(2)} s`);
      const evaluation = await loadPropensityDataset(warehouse, split.evaluationCutoff, 7);

      const scaler = fitFeatureScaler(PROPENSITY_FEATURES, training.value.values);
      const rows = training.value.values.map((row) => scaleRow(PROPENSITY_FEATURES, scaler, row));
      const logistic = await timed(() => fitLogisticRegression(rows, training.value.labels, { l2: LOGISTIC_L2 }));
      line(`logistic regression (Newton/IRLS): ${logistic.seconds.toFixed(2)} s, ${logistic.value.iterations} iterations`);
      const boosted = await timed(() => fitBoostedTrees(rows, training.value.labels, BOOSTING_OPTIONS));
      line(`gradient-boosted trees (${BOOSTING_OPTIONS.rounds} × depth ${BOOSTING_OPTIONS.maxDepth}): ${boosted.seconds.toFixed(2)} s`);

      const subset = rows.slice(0, FOREST_ROWS).map((row) => Array.from(row));
      const forest = new RandomForestClassifier({ nEstimators: 10, seed: 3, maxFeatures: 0.5, useSampleBagging: true, noOOB: true, treeOptions: { maxDepth: 8, minNumSamples: 20 } });
      const forestTime = await timed(() => forest.train(subset, Array.from(training.value.labels.slice(0, FOREST_ROWS))));
      line(`ml-random-forest, 10 trees on ${FOREST_ROWS} rows only (for comparison): ${forestTime.seconds.toFixed(2)} s`);

      const text = await evaluateTextRoute(warehouse, new HashingEncoder(), training.value, evaluation);
      line(`text route (${text.encoder}): embedding ${text.encodeSeconds.toFixed(2)} s, logistic regression ${text.trainingSeconds.toFixed(2)} s (${text.iterations} steps), AUC ${text.auc.toFixed(3)}`);

      const cold = await timed(() => findLikelyBuyers(warehouse, asOf, { horizonDays: 7, topK: 20 }));
      line(`predict_purchase cold (evaluate on the split, refit, score ${cold.value.candidates} users, explain top 20): ${cold.seconds.toFixed(2)} s`);
      const warm = await timed(() => findLikelyBuyers(warehouse, asOf, { horizonDays: 7, topK: 20, cityTier: 'tier1' }));
      line(`predict_purchase cached, tier1 filter: ${warm.seconds.toFixed(2)} s`);

      const segmentation = await timed(() => computeSegmentation(warehouse, asOf));
      line(`segments (RFM + k-means with k chosen by silhouette + PCA): ${segmentation.seconds.toFixed(2)} s`);

      const browsing = await timed(() => findBrowsingAnomalies(warehouse));
      line(`find_anomalies browsing: ${browsing.value.sessionsScored.toLocaleString('en-US')} sessions in ${browsing.seconds.toFixed(2)} s`);
      const orders = await timed(() => findOrderAnomalies(warehouse));
      line(`find_anomalies orders: ${orders.value.usersWithOrders.toLocaleString('en-US')} users, ${orders.value.buckets.length} buckets in ${orders.seconds.toFixed(2)} s`);
    } finally {
      warehouse.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runTrainingBench();
