import type { Warehouse } from '../../sql/warehouse.ts';
import { PROPENSITY_FEATURES, PROPENSITY_FEATURES_SQL } from './propensity-features.ts';

/** Raw feature values of every user known at a cutoff, in PROPENSITY_FEATURES order; null = undefined (never visited …). */
export interface UserFeatureTable {
  cutoff: string;
  userIds: number[];
  values: (number | null)[][];
}

function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value !== '') return Number(value);
  return null;
}

/** Runs PROPENSITY_FEATURES_SQL for `cutoff` (YYYY-MM-DD, data up to the end of that day). */
export async function loadPropensityFeatures(warehouse: Warehouse, cutoff: string): Promise<UserFeatureTable> {
  const { rows } = await warehouse.query(PROPENSITY_FEATURES_SQL, { cutoff });
  return {
    cutoff,
    userIds: rows.map((row) => Number(row.user_id)),
    values: rows.map((row) => PROPENSITY_FEATURES.map((feature) => numberOrNull(row[feature.id]))),
  };
}

/**
 * Users with a paid order placed in the `horizonDays` days after the cutoff day: created_at in
 * [cutoff + 1 day, cutoff + 1 + horizonDays days) and paid (paid_at set, the semantic layer's "paid order").
 */
export async function loadPurchaseLabels(warehouse: Warehouse, cutoff: string, horizonDays: number): Promise<Set<number>> {
  const { rows } = await warehouse.query(
    `SELECT DISTINCT user_id FROM orders
     WHERE user_id IS NOT NULL AND paid_at IS NOT NULL
       AND created_at >= CAST($cutoff AS DATE) + INTERVAL 1 DAY
       AND created_at < CAST($cutoff AS DATE) + INTERVAL 1 DAY + to_days(CAST($horizon AS INTEGER))`,
    { cutoff, horizon: horizonDays },
  );
  return new Set(rows.map((row) => Number(row.user_id)));
}
