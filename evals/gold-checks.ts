import type { Warehouse } from '../src/sql/warehouse.ts';
import { runGold } from './evaluate-units.ts';
import type { EvalItem } from './load-golden.ts';

export interface GoldCheck {
  id: string;
  rowCount: number;
  elapsedMs: number;
  /** Empty when the gold query is usable. */
  problems: string[];
}

// Ratios are 0–1 shares by convention; changes of a ratio may be negative, so they are left out.
const RATIO_COLUMN = /(rate|share|retention)/;
const TRAILING_LIMIT = /\bLIMIT\s+(\d+)\s*;?\s*$/i;

function isRatioColumn(name: string): boolean {
  return RATIO_COLUMN.test(name) && !name.includes('change');
}

/** A ranking is only well defined when the row after the limit does not tie with the last row kept. */
async function tieAtLimit(warehouse: Warehouse, sql: string): Promise<string | null> {
  const match = TRAILING_LIMIT.exec(sql);
  if (!match?.[1] || !/\bORDER\s+BY\b/i.test(sql)) return null;
  const limit = Number(match[1]);
  const extended = await runGold(warehouse, sql.replace(TRAILING_LIMIT, `LIMIT ${limit + 1}`));
  if (extended.rows.length <= limit) return null;
  const metric = [...extended.columns].reverse().find((column) => typeof extended.rows[0]?.[column] === 'number');
  if (metric === undefined) return null;
  const kept = extended.rows[limit - 1]?.[metric];
  const next = extended.rows[limit]?.[metric];
  return kept === next ? `rows ${limit} and ${limit + 1} tie on ${metric} (${String(kept)}), so the top ${limit} is ambiguous` : null;
}

/**
 * Runs one item's gold SQL and reports what would make it a bad gold: an error, an unintended empty result,
 * a ratio outside 0–1 and, when asked, a tie at the LIMIT of a ranking.
 */
export async function checkGoldItem(warehouse: Warehouse, item: EvalItem, options: { checkTies: boolean }): Promise<GoldCheck> {
  if (item.goldSql === undefined) return { id: item.id, rowCount: 0, elapsedMs: 0, problems: [] };
  const problems: string[] = [];
  try {
    const gold = await runGold(warehouse, item.goldSql);
    if (gold.rows.length === 0 && !item.allowEmpty) problems.push('returns no rows (set allow_empty: true if that is intended)');
    for (const column of gold.columns.filter(isRatioColumn)) {
      const outside = gold.rows.map((row) => row[column]).filter((value) => typeof value === 'number' && (value < 0 || value > 1));
      if (outside.length > 0) problems.push(`ratio column ${column} has values outside 0–1 (${outside.slice(0, 3).join(', ')})`);
    }
    if (options.checkTies) {
      const tie = await tieAtLimit(warehouse, item.goldSql);
      if (tie) problems.push(tie);
    }
    return { id: item.id, rowCount: gold.rows.length, elapsedMs: gold.elapsedMs, problems };
  } catch (error) {
    return { id: item.id, rowCount: 0, elapsedMs: 0, problems: [`fails: ${(error as Error).message}`] };
  }
}
