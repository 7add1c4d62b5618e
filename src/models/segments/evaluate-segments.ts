import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import { loadAsOfDate } from '../../sql/semantic/index.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { ModelReport } from '../model-report.ts';
import { computeSegmentation } from './compute-segmentation.ts';
import { loadCustomerBehaviour } from './load-customer-behaviour.ts';
import { scoreRfm } from './rfm-scores.ts';
import { RFM_SEGMENTS } from '../../sql/semantic/catalogue/rfm-segments.ts';

/** Days between the RFM snapshot and the as-of date in the hold-out check. */
export const HOLDOUT_DAYS = 28;

export function shiftDate(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Hold-out check of the RFM segments: score customers as of HOLDOUT_DAYS before the data ends and measure
 * which share of each segment paid for an order afterwards. Segments are only useful if these rates differ
 * the way their names promise (champions well above hibernating and lost).
 */
async function holdoutPurchaseRates(warehouse: Warehouse, asOf: string): Promise<{ snapshot: string; rates: Map<string, { users: number; rate: number }> }> {
  const snapshot = shiftDate(asOf, -HOLDOUT_DAYS);
  const customers = (await loadCustomerBehaviour(warehouse, snapshot)).flatMap((customer) => (customer.rfm ? [customer.rfm] : []));
  const dialect = behaviourDialect(warehouse);
  const { rows } = await behaviourReader(warehouse).query(
    `SELECT DISTINCT user_id FROM orders WHERE paid_at IS NOT NULL AND user_id IS NOT NULL
       AND created_at >= ${dialect.parameter('snapshot', 'date')} + INTERVAL 1 DAY AND created_at < ${dialect.parameter('as_of', 'date')} + INTERVAL 1 DAY`,
    { snapshot, as_of: asOf },
  );
  const returned = new Set(rows.map((row) => Number(row.user_id)));
  const tally = new Map<string, { users: number; buyers: number }>();
  for (const score of scoreRfm(customers)) {
    for (const key of [score.segment, 'all_buyers']) {
      const entry = tally.get(key) ?? { users: 0, buyers: 0 };
      entry.users += 1;
      if (returned.has(score.userId)) entry.buyers += 1;
      tally.set(key, entry);
    }
  }
  return { snapshot, rates: new Map([...tally].map(([key, entry]) => [key, { users: entry.users, rate: entry.buyers / entry.users }])) };
}

export async function evaluateSegments(warehouse: Warehouse): Promise<ModelReport> {
  const asOf = await loadAsOfDate(warehouse);
  const started = performance.now();
  const segmentation = await computeSegmentation(warehouse, asOf);
  const trainingSeconds = (performance.now() - started) / 1000;
  const model = segmentation.model;
  const metrics: Record<string, number> = {
    users: model.users,
    buyers: model.buyers,
    training_seconds: trainingSeconds,
    kmeans_k: model.clusterCount,
    kmeans_silhouette: model.silhouette,
    pca_explained_variance_2d: model.explainedVariance[0] + model.explainedVariance[1],
  };
  for (const entry of model.silhouetteByK) metrics[`silhouette_k${entry.k}`] = entry.silhouette;
  const counts = new Map<string, number>();
  for (const user of segmentation.users) counts.set(user.rfmSegment, (counts.get(user.rfmSegment) ?? 0) + 1);
  for (const segment of RFM_SEGMENTS) metrics[`share_${segment.id}`] = (counts.get(segment.id) ?? 0) / model.users;

  const holdout = await holdoutPurchaseRates(warehouse, asOf);
  for (const [segment, entry] of holdout.rates) metrics[`holdout_${HOLDOUT_DAYS}d_purchase_rate_${segment}`] = entry.rate;

  const details = [
    `RFM on ${model.buyers} buyers (paid orders up to ${asOf}); ${model.users - model.buyers} active users without a paid order are 'prospects'.`,
    `k-means on ${model.featuresUsed.join(', ')} (standardised; log1p for counts and money): k = ${model.clusterCount} by silhouette ` +
      `(${model.silhouetteByK.map((entry) => `k${entry.k} ${entry.silhouette.toFixed(3)}`).join(', ')}), sample of ${model.silhouetteSampleSize} users.`,
    ...model.profiles.map((profile) => `cluster ${profile.cluster} (${(profile.share * 100).toFixed(1)}%): ${profile.label_en} / ${profile.label_zh}`),
    `PCA 2-D keeps ${((model.explainedVariance[0] + model.explainedVariance[1]) * 100).toFixed(1)}% of the variance of the clustering features.`,
    holdout.rates.size === 0
      ? `Hold-out skipped: nobody had paid for an order by ${holdout.snapshot} (${HOLDOUT_DAYS} days before the data ends).`
      : `Hold-out: RFM scored as of ${holdout.snapshot}; share of each segment that paid for an order in the next ${HOLDOUT_DAYS} days: ` +
        [...RFM_SEGMENTS.map((segment) => segment.id as string), 'all_buyers']
          .flatMap((segment) => {
            const entry = holdout.rates.get(segment);
            return entry ? [`${segment} ${(entry.rate * 100).toFixed(1)}% of ${entry.users}`] : [];
          })
          .join(', ') + '.',
  ];
  if (model.featuresDropped.length > 0) details.push(`Constant on this data, so not used: ${model.featuresDropped.join(', ')}.`);
  return {
    model: 'segments: RFM quintiles + k-means behaviour clusters',
    trainedOn: `${warehouse.path}: ${model.users} active users, ${model.buyers} buyers, as of ${asOf}`,
    metrics,
    details,
  };
}
