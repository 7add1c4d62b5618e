import type { MetricDefinition } from '../catalogue/catalogue-schema.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { quoteIdentifier } from './compile-fact.ts';
import type { Assumption, CompiledColumn } from './compiled-query.ts';
import type { SemanticQuery } from './semantic-query.ts';

/** Why the top rows cannot be added up, said as what to do; nothing when they can. */
export function checkCombineTop(query: SemanticQuery, metrics: readonly MetricDefinition[]): void {
  const fail = (message: string) => new SemanticQueryError(message, { parameter: 'combineTop' });
  if (query.limit === undefined || !query.orderBy) throw fail('combineTop adds up the first rows of a ranking: give orderBy and limit (e.g. the top 10 customers by gmv).');
  if (query.compareTo || query.limitPerGroup !== undefined || query.cumulative || query.rankOf || query.countOf) {
    throw fail('combineTop cannot be combined with compareTo, limitPerGroup, cumulative, rankOf or countOf.');
  }
  // Buyers of ten categories overlap: their sum would count a buyer of two categories twice.
  const unsummable = metrics.find((metric) => !metric.additive);
  if (unsummable) throw fail(`combineTop needs metrics that add up across rows (GMV, orders, units); ${unsummable.id} does not.`);
}

/** One row: each metric column (and share column) summed over the ranked, limited rows. */
export function combinedTopSql(rankedSql: string, columns: readonly CompiledColumn[]): { sql: string; columns: CompiledColumn[] } {
  const kept = columns.filter((column) => column.role === 'metric');
  const sums = kept.map((column) => `SUM(${quoteIdentifier(column.id)}) AS ${quoteIdentifier(column.id)}`);
  return { sql: `SELECT ${sums.join(', ')}, COUNT(*) AS ranked_rows FROM (\n${rankedSql}\n) top_rows`, columns: [...kept, RANKED_ROWS_COLUMN] };
}

const RANKED_ROWS_COLUMN: CompiledColumn = { id: 'ranked_rows', label_en: 'Rows together', label_zh: '合计行数', unit: 'count', role: 'metric' };

export function combinedTopAssumption(limit: number): Assumption {
  return {
    en: `The first ${limit} rows of the ranking are added up into one row; the share is theirs together.`,
    zh: `排名前 ${limit} 的行合计为一行;占比为它们合计的占比。`,
  };
}
