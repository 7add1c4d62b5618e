import type { JsonRow } from '../../sql/json-values.ts';

export interface DimensionSplit {
  /** The dimension's display name (or id when it has none). */
  dimension: string;
  /** Its values, largest contribution first (the order the query ranked them in). */
  rows: JsonRow[];
}

const magnitude = (row: JsonRow | undefined): number => Math.abs(typeof row?.share_of_total_change === 'number' ? row.share_of_total_change : 0);

/**
 * A contribution result read one dimension at a time: each dimension is a separate split of the same change, so
 * values are compared only within their dimension. The lead split is the most concentrated one (its top value
 * carries the largest share of the change), the one that best localises where the change happened.
 */
export function splitsByDimension(rows: readonly JsonRow[]): DimensionSplit[] {
  const splits = new Map<string, JsonRow[]>();
  for (const row of rows) {
    const key = String(row.dimension);
    splits.set(key, [...(splits.get(key) ?? []), row]);
  }
  return [...splits.entries()]
    .map(([dimension, values]) => ({ dimension, rows: [...values].sort((left, right) => magnitude(right) - magnitude(left)) }))
    .sort((left, right) => magnitude(right.rows[0]) - magnitude(left.rows[0]));
}
