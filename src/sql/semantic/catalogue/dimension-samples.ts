import type { QueryReader } from '../../connection-reader.ts';
import { tableReference } from '../../cache-schema.ts';
import { DIMENSIONS } from './dimensions.ts';
import type { Unavailability } from './warehouse-profile.ts';

/** How many distinct values a dimension has on this warehouse, and its most frequent ones. */
export interface DimensionSample {
  distinct: number;
  samples: string[];
}

const ALIASES: Record<string, string> = { u: 'users', p: 'products', e: 'events', o: 'orders', oi: 'order_items', r: 'reviews' };
const TIME_DIMENSIONS = new Set(['day', 'week', 'month', 'hour', 'weekday']);

/** The stored column a dimension reads, when its expression is one plain column ("u.country" → users.country). */
function storedColumn(expressions: Record<string, { value: string } | undefined>): { table: string; column: string } | undefined {
  for (const expression of Object.values(expressions)) {
    const match = /^([a-z]{1,2})\.([a-z_]+)$/.exec(expression?.value ?? '');
    const table = match ? ALIASES[match[1] as string] : undefined;
    if (match && table) return { table, column: match[2] as string };
  }
  return undefined;
}

/**
 * Distinct counts and the five most frequent values of every available dimension read from one stored column,
 * for `shoplens describe`: what a user can filter on, in the warehouse's own words.
 */
export async function sampleDimensions(reader: QueryReader, unavailable: Record<string, Unavailability>): Promise<Record<string, DimensionSample>> {
  const samples: Record<string, DimensionSample> = {};
  for (const dimension of DIMENSIONS) {
    if (TIME_DIMENSIONS.has(dimension.id) || unavailable[dimension.id]) continue;
    const source = storedColumn(dimension.expressions as Record<string, { value: string } | undefined>);
    if (!source) continue;
    // Names come from the catalogue (identifiers, quoted), never from users.
    const column = `"${source.column}"`;
    // Two plain queries that DuckDB and ClickHouse read alike (no list aggregate); values sorted by text.
    const distinct = await reader.query(`SELECT count(DISTINCT ${column}) AS distinct_values FROM ${tableReference(source.table)}`);
    const top = await reader.query(
      `SELECT CAST(${column} AS VARCHAR) AS value, count(*) AS value_rows FROM ${tableReference(source.table)}
       WHERE ${column} IS NOT NULL GROUP BY CAST(${column} AS VARCHAR) ORDER BY value_rows DESC, value LIMIT 5`,
    );
    // Amounts read as numbers: DuckDB writes a DECIMAL's text with its scale ("99.00"), ClickHouse without ("99").
    const sample = (value: unknown) => (dimension.value_type === 'amount' ? String(Number(value)) : String(value));
    samples[dimension.id] = { distinct: Number(distinct.rows[0]?.distinct_values ?? 0), samples: top.rows.map((row) => sample(row.value)) };
  }
  return samples;
}
