import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { addDays } from '../forecast/calendar-days.ts';
import { PROPENSITY_FEATURES, propensityFeaturesSql } from './propensity-features.ts';

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

/** Runs propensityFeaturesSql for `cutoff` (YYYY-MM-DD, data up to the end of that day) where the behaviour tables are. */
export async function loadPropensityFeatures(warehouse: Warehouse, cutoff: string): Promise<UserFeatureTable> {
  const { rows } = await behaviourReader(warehouse).query(propensityFeaturesSql(behaviourDialect(warehouse)), { cutoff });
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
  const dialect = behaviourDialect(warehouse);
  const { rows } = await behaviourReader(warehouse).query(
    `SELECT DISTINCT user_id FROM orders
     WHERE user_id IS NOT NULL AND paid_at IS NOT NULL
       AND created_at >= ${dialect.parameter('window_start', 'date')} AND created_at < ${dialect.parameter('window_end', 'date')}
     ORDER BY user_id`,
    { window_start: addDays(cutoff, 1), window_end: addDays(cutoff, 1 + horizonDays) },
  );
  return new Set(rows.map((row) => Number(row.user_id)));
}
