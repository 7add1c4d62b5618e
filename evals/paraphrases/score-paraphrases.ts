import { understandQuestion } from '../../src/analytics/understanding/understand-question.ts';
import { ValueIndex } from '../../src/sql/values/value-index.ts';
import { ENUMERATED_VALUES, type VocabularyValue } from '../../src/sql/values/value-vocabulary.ts';
import { BRAND_NAMES_ZH, CATEGORIES } from '../../src/seed/catalogue.ts';
import { CITY_NAMES_ZH } from '../../src/seed/geography.ts';
import { PARAPHRASE_AS_OF, PARAPHRASE_DATA_START, type Paraphrase } from './generate-paraphrases.ts';

/** The demo's catalogue values without a warehouse: categories, brands and cities with their Chinese names. */
export function demoValueIndex(): ValueIndex {
  const entries: VocabularyValue[] = [...ENUMERATED_VALUES];
  for (const category of CATEGORIES) {
    const english = category.name.toLowerCase();
    entries.push({ dimension: 'category', values: [category.name], label_en: category.name, label_zh: category.nameZh, phrases: [english, english.replace(/s$/, ''), category.nameZh] });
  }
  for (const [brand, zh] of Object.entries(BRAND_NAMES_ZH)) entries.push({ dimension: 'brand', values: [brand], label_en: brand, label_zh: zh, phrases: [brand.toLowerCase(), zh] });
  for (const [city, zh] of Object.entries(CITY_NAMES_ZH)) entries.push({ dimension: 'city', values: [city], label_en: city, label_zh: zh, phrases: [city.toLowerCase(), zh, `${zh}市`] });
  return new ValueIndex(entries);
}

export interface ParaphraseVerdict {
  paraphrase: Paraphrase;
  passed: boolean;
  /** What differed, e.g. "dimensions: [] ≠ [city]". */
  difference?: string;
}

function sameSet(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((item) => right.includes(item));
}

/** Parses each question with the offline understanding and compares the request with the generator's gold. */
export function scoreParaphrases(paraphrases: readonly Paraphrase[], values: ValueIndex = demoValueIndex()): ParaphraseVerdict[] {
  const window = { start: PARAPHRASE_DATA_START, asOf: PARAPHRASE_AS_OF };
  return paraphrases.map((paraphrase) => {
    const understanding = understandQuestion({ question: paraphrase.question, language: paraphrase.language, window, values });
    if (understanding.kind !== 'analysis' || understanding.request.analysis !== 'metrics') {
      return { paraphrase, passed: false, difference: `${understanding.kind}${understanding.kind === 'analysis' ? ` ${understanding.request.analysis}` : ''}` };
    }
    if (understanding.clarification || understanding.confidence < 0.6) return { paraphrase, passed: false, difference: `asked back (${understanding.notes.join('; ')})` };
    const query = understanding.request.query as {
      metrics: string[];
      dimensions?: string[];
      filters?: { dimension: string; operator: string; values: unknown[] }[];
      timeRange: { start: string; end: string };
      limit?: number;
      orderBy?: { direction?: string };
    };
    const gold = paraphrase.gold;
    const differences: string[] = [];
    if (!sameSet(query.metrics, [gold.metric])) differences.push(`metrics: ${query.metrics.join(',')} ≠ ${gold.metric}`);
    if (!sameSet(query.dimensions ?? [], gold.dimensions)) differences.push(`dimensions: [${(query.dimensions ?? []).join(',')}] ≠ [${gold.dimensions.join(',')}]`);
    const filters = (query.filters ?? []).map((filter) => `${filter.dimension}${filter.operator === 'not_in' ? '!' : ''}=${filter.values.map(String).sort().join('|')}`);
    const goldFilters = gold.filters.map((filter) => `${filter.dimension}=${[...filter.values].sort().join('|')}`);
    if (!sameSet(filters, goldFilters)) differences.push(`filters: [${filters.join(', ')}] ≠ [${goldFilters.join(', ')}]`);
    const range = gold.timeRange ?? { start: PARAPHRASE_DATA_START, end: PARAPHRASE_AS_OF };
    if (query.timeRange.start !== range.start || query.timeRange.end !== range.end) differences.push(`period: ${query.timeRange.start}..${query.timeRange.end} ≠ ${range.start}..${range.end}`);
    if (gold.limit !== undefined && query.limit !== gold.limit) differences.push(`limit: ${query.limit} ≠ ${gold.limit}`);
    if (gold.direction !== undefined && (query.orderBy?.direction ?? 'desc') !== gold.direction) differences.push(`order: ${query.orderBy?.direction} ≠ ${gold.direction}`);
    return differences.length === 0 ? { paraphrase, passed: true } : { paraphrase, passed: false, difference: differences.join('; ') };
  });
}
