import type { ValueIndex } from '../../sql/values/value-index.ts';
import type { VocabularyValue } from '../../sql/values/value-vocabulary.ts';
import { LexiconMatcher, type LexiconEntry } from '../../text/lexicon-matcher.ts';
import { buildAnalyticsLexicon, type Term } from './analytics-lexicon.ts';

export type QuestionTerm = Term | { kind: 'value'; value: VocabularyValue };

const cache = new WeakMap<ValueIndex, LexiconMatcher<QuestionTerm>>();

/**
 * Metrics, dimensions, grain cues and stored values in ONE longest-first matcher, so "新一线城市" is the
 * value new_tier1 rather than the dimension 城市, and "手机端" is a device rather than the category 手机.
 */
export function questionLexicon(values: ValueIndex): LexiconMatcher<QuestionTerm> {
  let matcher = cache.get(values);
  if (!matcher) {
    const terms: LexiconEntry<QuestionTerm>[] = [
      ...buildAnalyticsLexicon().entriesList(),
      ...values.entries.flatMap((entry) => entry.phrases.map((phrase) => ({ phrase, meaning: { kind: 'value' as const, value: entry } }))),
    ];
    matcher = new LexiconMatcher(terms);
    cache.set(values, matcher);
  }
  return matcher;
}
