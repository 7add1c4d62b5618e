import { loadAsOfDate } from '../../sql/semantic/index.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { ModelReport } from '../model-report.ts';
import { analyseBaskets, MIN_COUNT } from './basket-analysis.ts';
import { BasketAnalysisError } from './basket-error.ts';
import { loadBaskets, type Baskets } from './load-baskets.ts';

export const HOLDOUT_DAYS = 14;
const TOP_N = 3;

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

interface HoldoutResult {
  trainingOrders: number;
  cases: number;
  covered: number;
  hitsByLift: number;
  hitsByConfidence: number;
  hitsByPopularity: number;
}

/**
 * Hold-out check of "bought together" recommendations: learn single-item rules X → Y (seen together in at
 * least MIN_COUNT training orders, as the tool does for one product) from orders before the last
 * HOLDOUT_DAYS days; then, for every product X of every later multi-product order, recommend the top 3 Y and
 * count a hit when one of them is in the same order. Baseline: the 3 best-selling other products.
 */
export function holdoutHitRate(baskets: Baskets, cutoff: string): HoldoutResult {
  const training = baskets.transactions.filter((_, index) => (baskets.dates[index] as string) <= cutoff);
  const testing = baskets.transactions.filter((transaction, index) => (baskets.dates[index] as string) > cutoff && transaction.length > 1);
  const itemCounts = new Map<number, number>();
  const pairCounts = new Map<number, Map<number, number>>();
  for (const transaction of training) {
    for (const item of transaction) itemCounts.set(item, (itemCounts.get(item) ?? 0) + 1);
    for (const left of transaction) {
      for (const right of transaction) {
        if (left === right) continue;
        const row = pairCounts.get(left) ?? new Map<number, number>();
        row.set(right, (row.get(right) ?? 0) + 1);
        pairCounts.set(left, row);
      }
    }
  }
  const total = training.length;
  const popular = [...itemCounts].sort((left, right) => right[1] - left[1] || left[0] - right[0]).map(([item]) => item);
  const result: HoldoutResult = { trainingOrders: training.length, cases: 0, covered: 0, hitsByLift: 0, hitsByConfidence: 0, hitsByPopularity: 0 };
  for (const transaction of testing) {
    for (const item of transaction) {
      result.cases += 1;
      const others = new Set(transaction.filter((other) => other !== item));
      const candidates = [...(pairCounts.get(item) ?? new Map<number, number>())].filter(([, count]) => count >= MIN_COUNT);
      if (candidates.length === 0) continue;
      result.covered += 1;
      const lift = ([other, count]: [number, number]) => count / (itemCounts.get(item) as number) / ((itemCounts.get(other) as number) / total);
      const byLift = [...candidates].sort((left, right) => lift(right) - lift(left) || left[0] - right[0]).slice(0, TOP_N);
      const byConfidence = [...candidates].sort((left, right) => right[1] - left[1] || left[0] - right[0]).slice(0, TOP_N);
      const byPopularity = popular.filter((other) => other !== item).slice(0, TOP_N);
      if (byLift.some(([other]) => others.has(other))) result.hitsByLift += 1;
      if (byConfidence.some(([other]) => others.has(other))) result.hitsByConfidence += 1;
      if (byPopularity.some((other) => others.has(other))) result.hitsByPopularity += 1;
    }
  }
  return result;
}

export async function evaluateBaskets(warehouse: Warehouse): Promise<ModelReport> {
  const asOf = await loadAsOfDate(warehouse);
  const loadStarted = performance.now();
  const products = await loadBaskets(warehouse, 'product');
  const loadMilliseconds = performance.now() - loadStarted;
  const analysis = analyseBaskets(products);
  const lifts = analysis.rules.map((rule) => rule.lift).sort((left, right) => left - right);
  const metrics: Record<string, number> = {
    paid_orders: analysis.transactions,
    multi_product_order_share: analysis.multiItemTransactions / analysis.transactions,
    product_min_orders: analysis.minCount,
    product_frequent_itemsets: analysis.frequentItemsets,
    product_rules: analysis.rules.length,
    product_rules_lift_above_1_share: lifts.length > 0 ? lifts.filter((lift) => lift > 1).length / lifts.length : 0,
    product_max_lift: lifts[lifts.length - 1] ?? 0,
    product_median_lift: lifts[Math.floor(lifts.length / 2)] ?? 0,
    load_ms: loadMilliseconds,
    fp_growth_and_rules_ms: analysis.milliseconds,
  };
  const details: string[] = [];
  const name = (item: number) => products.items.get(item)?.name_en ?? String(item);
  for (const rule of analysis.rules.slice(0, 5)) {
    details.push(`${rule.antecedent.map(name).join(' + ')} → ${rule.consequent.map(name).join(' + ')}: ${rule.count} orders, confidence ${(rule.confidence * 100).toFixed(1)}%, lift ${rule.lift.toFixed(1)}`);
  }
  try {
    const categories = analyseBaskets(await loadBaskets(warehouse, 'category'));
    metrics.category_rules = categories.rules.length;
    metrics.category_max_lift = categories.rules[0]?.lift ?? 0;
    metrics.category_multi_category_order_share = categories.multiItemTransactions / categories.transactions;
    details.push(`Category level: ${categories.rules.length} rules, highest lift ${(categories.rules[0]?.lift ?? 0).toFixed(2)} (lift < 1 means categories are bought together less often than chance).`);
  } catch (error) {
    if (!(error instanceof BasketAnalysisError)) throw error;
    details.push(`Category level skipped: ${error.message}`);
  }
  const cutoff = addDays(asOf, -HOLDOUT_DAYS);
  const holdout = holdoutHitRate(products, cutoff);
  metrics.holdout_cases = holdout.cases;
  if (holdout.trainingOrders === 0 || holdout.cases === 0) {
    details.push(`Hold-out skipped: it needs orders both before and after ${cutoff} (${HOLDOUT_DAYS} days before the data ends).`);
  } else {
    metrics.holdout_rule_coverage = holdout.covered / holdout.cases;
    if (holdout.covered > 0) {
      metrics.holdout_hit_rate_at_3_by_lift = holdout.hitsByLift / holdout.covered;
      metrics.holdout_hit_rate_at_3_by_confidence = holdout.hitsByConfidence / holdout.covered;
      metrics.holdout_hit_rate_at_3_popularity = holdout.hitsByPopularity / holdout.covered;
    }
    const share = (hits: number) => `${((hits / Math.max(1, holdout.covered)) * 100).toFixed(1)}%`;
    details.push(
      `Hold-out: rules learnt from ${holdout.trainingOrders} orders up to ${cutoff}, tested on ${holdout.cases} (order, product) cases of later ` +
        `multi-product orders; ${holdout.covered} had a rule. Hit@3 among those: by lift ${share(holdout.hitsByLift)}, ` +
        `by confidence ${share(holdout.hitsByConfidence)}, best-sellers ${share(holdout.hitsByPopularity)}.`,
    );
  }
  return {
    model: 'baskets: FP-Growth association rules',
    trainedOn: `${warehouse.path}: ${analysis.transactions} paid orders up to ${asOf}, ${products.items.size} products`,
    metrics,
    details,
  };
}
