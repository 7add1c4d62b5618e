import type { MetricDefinition } from '../catalogue/catalogue-schema.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { quoteIdentifier } from './compile-fact.ts';
import type { Assumption } from './compiled-query.ts';
import type { SemanticQuery } from './semantic-query.ts';
import type { SqlWriter } from './sql-writer.ts';

export type Threshold = NonNullable<SemanticQuery['thresholds']>[number];

const SYMBOLS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** Why the groups cannot be kept by their values, said as what to do; nothing when they can. */
export function checkThresholds(query: SemanticQuery, metrics: readonly MetricDefinition[]): void {
  const fail = (message: string) => new SemanticQueryError(message, { parameter: 'thresholds' });
  if (query.dimensions.length === 0) throw fail('thresholds keep the groups whose metric passes a bound: group by what is counted (e.g. customer) first.');
  if (query.cumulative || query.combineTop) throw fail('thresholds cannot be combined with cumulative or combineTop.');
  for (const threshold of query.thresholds ?? []) {
    if (!metrics.some((metric) => metric.id === threshold.metric)) {
      throw fail(`thresholds.metric "${threshold.metric}" must be one of the query's metrics (${metrics.map((metric) => metric.id).join(', ')}).`);
    }
  }
}

/** The rows of `sql` whose metric columns pass every threshold; the bounds travel as parameters. */
export function keptByThresholdsSql(sql: string, thresholds: readonly Threshold[], writer: SqlWriter): string {
  const conditions = thresholds.map((threshold) => {
    // As doubles on both sides: a DECIMAL sum against a float bound would round the bound first (12.34 → 12.339…).
    const column = `CAST(${quoteIdentifier(threshold.metric)} AS DOUBLE)`;
    if (threshold.operator === 'between') {
      return `${column} BETWEEN ${writer.bind(threshold.values[0] as number, 'float')} AND ${writer.bind(threshold.values[1] as number, 'float')}`;
    }
    return `${column} ${SYMBOLS[threshold.operator]} ${writer.bind(threshold.values[0] as number, 'float')}`;
  });
  return `SELECT * FROM (\n  ${sql}\n) groups_kept WHERE ${conditions.join(' AND ')}`;
}

const WORDS = {
  en: { gt: 'over', gte: 'at least', lt: 'under', lte: 'at most', between: 'between' },
  zh: { gt: '大于', gte: '不少于', lt: '小于', lte: '不超过', between: '介于' },
} as const;

/** "Only the groups whose gmv is over 5000." — what the answer keeps, in both languages. */
export function thresholdAssumption(thresholds: readonly Threshold[], metrics: readonly MetricDefinition[]): Assumption {
  const label = (id: string, language: 'en' | 'zh') => {
    const metric = metrics.find((candidate) => candidate.id === id);
    return (language === 'en' ? metric?.name_en : metric?.name_zh) ?? id;
  };
  const bound = (threshold: Threshold, language: 'en' | 'zh') =>
    threshold.operator === 'between'
      ? language === 'en'
        ? `between ${threshold.values[0]} and ${threshold.values[1]}`
        : `介于 ${threshold.values[0]} 与 ${threshold.values[1]} 之间`
      : `${WORDS[language][threshold.operator]} ${threshold.values[0]}`;
  return {
    en: `Only the groups whose ${thresholds.map((threshold) => `${label(threshold.metric, 'en')} is ${bound(threshold, 'en')}`).join(' and ')} are kept.`,
    zh: `仅保留${thresholds.map((threshold) => `${label(threshold.metric, 'zh')}${bound(threshold, 'zh')}`).join('且')}的分组。`,
  };
}
