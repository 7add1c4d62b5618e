import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { explainPropensity, predictPropensity, type PropensityModelKind } from './propensity-model.ts';
import { PROPENSITY_FEATURES, type CityTier, type Device } from './propensity-features.ts';
import { PropensityError } from './propensity-error.ts';
import { ensurePropensity } from './propensity-cache.ts';
import { topReasons, type Reason } from './explain-prediction.ts';
import type { TrainedPropensity } from './train-propensity.ts';
import type { TrainingProgressListener } from '../model-store/training-progress.ts';

export interface LikelyBuyersOptions {
  horizonDays: number;
  topK: number;
  cityTier?: CityTier;
  /** English or Chinese category name: only users who viewed, carted, favourited or bought it in the 30 days before as-of. */
  category?: string;
  /** Preferred device. */
  device?: Device;
  /** 'auto' uses the model with the higher evaluation AUC. */
  model?: PropensityModelKind | 'auto';
  onProgress?: TrainingProgressListener;
  signal?: AbortSignal;
}

export interface LikelyBuyer {
  userId: number;
  probability: number;
  reasons: Reason[];
}

export interface LikelyBuyersResult {
  trained: TrainedPropensity;
  reused: boolean;
  kind: PropensityModelKind;
  category?: { en: string; zh: string | null };
  candidates: number;
  /** Sum of probabilities over the candidates: how many of them the model expects to buy. */
  expectedBuyers: number;
  buyers: LikelyBuyer[];
}

async function resolveCategory(warehouse: Warehouse, category: string): Promise<{ en: string; zh: string | null }> {
  // min() rather than any value: the same Chinese name on every engine when a category has several.
  const { rows } = await behaviourReader(warehouse).query(
    `SELECT category, min(category_zh) AS category_zh FROM products WHERE category IS NOT NULL GROUP BY category ORDER BY category`,
  );
  const wanted = category.trim().toLowerCase();
  const match = rows.find((row) => String(row.category).toLowerCase() === wanted || (typeof row.category_zh === 'string' && row.category_zh === category.trim()));
  if (!match) {
    const allowed = rows.map((row) => String(row.category));
    throw new PropensityError(`There is no product category "${category}". Use one of: ${allowed.join(', ')} (or its Chinese name).`, {
      kind: 'bad_parameter', parameter: 'category', allowed,
    });
  }
  return { en: String(match.category), zh: typeof match.category_zh === 'string' ? match.category_zh : null };
}

/** Users matching the filters, as a set of ids (undefined = no filter). */
async function filteredUsers(warehouse: Warehouse, asOf: string, options: LikelyBuyersOptions, category?: string): Promise<Set<number> | undefined> {
  const dialect = behaviourDialect(warehouse);
  const conditions: string[] = [];
  // DuckDB rejects named parameters the statement does not use, so each is added with its condition.
  const parameters: Record<string, string> = {};
  if (options.cityTier) {
    conditions.push(`user_id IN (SELECT user_id FROM users WHERE city_tier = ${dialect.parameter('city_tier', 'text')})`);
    parameters.city_tier = options.cityTier;
  }
  if (options.device) {
    conditions.push(`user_id IN (SELECT user_id FROM users WHERE preferred_device = ${dialect.parameter('device', 'text')})`);
    parameters.device = options.device;
  }
  if (category !== undefined) {
    const end = `${dialect.parameter('as_of', 'date')} + INTERVAL 1 DAY`;
    conditions.push(`user_id IN (
      SELECT e.user_id FROM events e JOIN products p ON p.product_id = e.product_id
      WHERE p.category = ${dialect.parameter('category', 'text')} AND e.event_type IN ('view', 'cart', 'fav', 'purchase')
        AND e.event_time < ${end} AND e.event_time >= ${end} - INTERVAL 30 DAY)`);
    parameters.category = category;
    parameters.as_of = asOf;
  }
  if (conditions.length === 0) return undefined;
  const { rows } = await behaviourReader(warehouse).query(
    `SELECT user_id FROM (SELECT user_id FROM users UNION SELECT user_id FROM events) known WHERE ${conditions.join(' AND ')} ORDER BY user_id`,
    parameters,
  );
  return new Set(rows.map((row) => Number(row.user_id)));
}

/**
 * The users most likely to pay for an order in the next `horizonDays` days after as-of, with probability
 * and the top three reasons each. User ids only: no names, phones or e-mails leave this function.
 */
export async function findLikelyBuyers(warehouse: Warehouse, asOf: string, options: LikelyBuyersOptions): Promise<LikelyBuyersResult> {
  const category = options.category === undefined ? undefined : await resolveCategory(warehouse, options.category);
  const { trained, reused } = await ensurePropensity(warehouse, asOf, options.horizonDays, { onProgress: options.onProgress, signal: options.signal });
  const kind = !options.model || options.model === 'auto' ? trained.evaluation.best : options.model;
  const allowed = await filteredUsers(warehouse, asOf, options, category?.en);
  const scored: { index: number; userId: number; probability: number }[] = [];
  trained.scoring.userIds.forEach((userId, index) => {
    if (allowed && !allowed.has(userId)) return;
    scored.push({ index, userId, probability: predictPropensity(trained.latest, kind, trained.scoring.values[index] as (number | null)[]) });
  });
  scored.sort((left, right) => right.probability - left.probability || left.userId - right.userId);
  const buyers = scored.slice(0, options.topK).map((entry) => {
    const raw = trained.scoring.values[entry.index] as (number | null)[];
    return { userId: entry.userId, probability: entry.probability, reasons: topReasons(PROPENSITY_FEATURES, explainPropensity(trained.latest, kind, raw)) };
  });
  return {
    trained,
    reused,
    kind,
    category,
    candidates: scored.length,
    expectedBuyers: scored.reduce((sum, entry) => sum + entry.probability, 0),
    buyers,
  };
}
