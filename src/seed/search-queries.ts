import { BRAND_NAMES_ZH, CATEGORIES, LINEUPS } from './catalogue.ts';
import type { SeededRandom } from '../random/seeded-random.ts';

export type QueryKind = 'generic' | 'brand' | 'series' | 'misspelled';

export interface SearchQuery {
  text: string;
  categoryIndex: number;
  /** Set when the query names a brand, so the session then browses that brand. */
  brand: string | undefined;
  language: 'zh' | 'en';
  kind: QueryKind;
}

export interface SearchQueryIndex {
  queries: readonly SearchQuery[];
  /** A query index for a session browsing `categoryIndex`, in (mostly) the user's language. */
  pick(random: SeededRandom, categoryIndex: number, language: 'zh' | 'en'): number;
}

const QUERY_KINDS: readonly QueryKind[] = ['generic', 'brand', 'series', 'misspelled'];
const QUERY_KIND_WEIGHTS: readonly number[] = [45, 33, 17, 5];

/** Every query the demo can issue, derived from the catalogue so that searches always match products. */
export function buildSearchQueries(): SearchQueryIndex {
  const queries: SearchQuery[] = [];
  const seen = new Set<string>();
  const add = (query: SearchQuery): void => {
    const key = `${query.categoryIndex}|${query.text}`;
    if (seen.has(key)) return;
    seen.add(key);
    queries.push(query);
  };
  CATEGORIES.forEach((category, categoryIndex) => {
    const generic = (text: string, language: 'zh' | 'en'): SearchQuery =>
      ({ text, categoryIndex, brand: undefined, language, kind: 'generic' });
    category.searchTermsZh.forEach((text) => add(generic(text, 'zh')));
    category.searchTermsEn.forEach((text) => add(generic(text, 'en')));
    add(generic(category.nameZh, 'zh'));
    category.misspelledSearchTerms.forEach((text) =>
      add({ text, categoryIndex, brand: undefined, language: /[a-z]/i.test(text) ? 'en' : 'zh', kind: 'misspelled' }),
    );
    for (const lineup of LINEUPS.filter((candidate) => candidate.category === category.key)) {
      const brandZh = BRAND_NAMES_ZH[lineup.brand] ?? lineup.brand;
      const brandQuery = (text: string, language: 'zh' | 'en', kind: QueryKind = 'brand'): SearchQuery =>
        ({ text, categoryIndex, brand: lineup.brand, language, kind });
      add(brandQuery(`${brandZh}${category.nameZh}`, 'zh'));
      add(brandQuery(`${brandZh} ${category.searchTermsZh[0] ?? category.nameZh}`, 'zh'));
      add(brandQuery(`${lineup.brand.toLowerCase()} ${category.searchTermsEn[0] ?? category.name.toLowerCase()}`, 'en'));
      add(brandQuery(lineup.brand.toLowerCase(), 'en'));
      for (const series of lineup.series) {
        add(brandQuery(series.en.toLowerCase(), 'en', 'series'));
        if (series.zh !== series.en) add(brandQuery(`${brandZh} ${series.zh}`, 'zh', 'series'));
      }
    }
  });

  const buckets = new Map<string, number[]>();
  queries.forEach((query, index) => {
    const key = `${query.categoryIndex}|${query.language}|${query.kind}`;
    const bucket = buckets.get(key) ?? [];
    bucket.push(index);
    buckets.set(key, bucket);
  });

  return {
    queries,
    pick(random, categoryIndex, language) {
      // Chinese speakers often type Latin brand and model names, so 'zh' users still draw some 'en' queries.
      const queryLanguage = language === 'en' ? (random.chance(0.95) ? 'en' : 'zh') : random.chance(0.75) ? 'zh' : 'en';
      for (let attempt = 0; attempt < 4; attempt++) {
        const kind = random.weightedPick(QUERY_KINDS, QUERY_KIND_WEIGHTS);
        const bucket = buckets.get(`${categoryIndex}|${queryLanguage}|${kind}`);
        if (bucket && bucket.length > 0) return random.pick(bucket);
      }
      return random.pick(buckets.get(`${categoryIndex}|${queryLanguage}|generic`) ?? [0]);
    },
  };
}
