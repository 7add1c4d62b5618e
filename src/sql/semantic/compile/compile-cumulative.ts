import type { DimensionDefinition, MetricDefinition } from '../catalogue/catalogue-schema.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { quoteIdentifier } from './compile-fact.ts';
import type { Assumption } from './compiled-query.ts';
import type { SemanticQuery } from './semantic-query.ts';

const TIMELINE_GRAINS = new Set(['day', 'week', 'month']);

/** The one day, week or month dimension a running total runs along; every reason it cannot, said as what to do. */
export function cumulativeTimeline(query: SemanticQuery, metrics: readonly MetricDefinition[], dimensions: readonly DimensionDefinition[]): DimensionDefinition {
  const fail = (message: string) => new SemanticQueryError(message, { parameter: 'cumulative' });
  const timelines = dimensions.filter((dimension) => TIMELINE_GRAINS.has(dimension.time_grain ?? ''));
  if (timelines.length !== 1) throw fail('cumulative needs exactly one day, week or month dimension to run along: add one (e.g. dimensions ["day"]).');
  // A buyer counted on Monday and again on Tuesday is one buyer: summing days would count them twice.
  const unsummable = metrics.find((metric) => !metric.additive);
  if (unsummable) throw fail(`cumulative needs metrics that add up over days (GMV, orders, units); ${unsummable.id} does not: ask for it per ${timelines[0]?.id} or over the whole period.`);
  if (query.compareTo) throw fail('cumulative cannot be combined with compareTo: ask for each period’s running totals separately.');
  if (query.average || query.share) throw fail('cumulative cannot be combined with average or share.');
  if (query.limit !== undefined || query.limitPerGroup !== undefined || query.rankOf || query.countOf) throw fail('cumulative keeps the whole timeline: drop limit, limitPerGroup, rankOf and countOf.');
  return timelines[0] as DimensionDefinition;
}

/**
 * Wraps one row per bucket into running sums along the timeline, restarting for each value of the other dimensions.
 * Window functions with ROWS frames read the same on DuckDB and ClickHouse.
 */
export function runningTotalsSql(select: string, timeline: DimensionDefinition, dimensions: readonly DimensionDefinition[], metrics: readonly MetricDefinition[]): string {
  const others = dimensions.filter((dimension) => dimension !== timeline).map((dimension) => quoteIdentifier(dimension.id));
  const partition = others.length > 0 ? `PARTITION BY ${others.join(', ')} ` : '';
  const window = `(${partition}ORDER BY ${quoteIdentifier(timeline.id)} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
  const keys = dimensions.map((dimension) => quoteIdentifier(dimension.id));
  const sums = metrics.map((metric) => `SUM(coalesce(${quoteIdentifier(metric.id)}, 0)) OVER ${window} AS ${quoteIdentifier(metric.id)}`);
  return `SELECT ${[...keys, ...sums].join(', ')}\n  FROM (\n  ${select}\n  ) per_bucket`;
}

export const CUMULATIVE_ASSUMPTION: Assumption = {
  en: 'Each value is a running total: the sum from the start of the period up to and including that row’s day, week or month.',
  zh: '每个数值都是累计值:从统计期开始到该行所在的天、周或月(含)的合计。',
};
