import { parseNumber } from '../../../text/number-words.ts';
import { ruleExpression, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "which city came second by GMV", "转化率第二高的城市", "排第三的品牌": one place of a ranking below the first, answered
 * as that row (offset), not as the top N. The first group of a pattern is the place; "第二天", "第2周" are periods.
 */
export const PLACE_RULES: readonly PhraseRule<{ place: true }>[] = [
  {
    id: 'place-in-ranking',
    meaning: { place: true },
    zh: ['(?:排|排名|排在)\\s*第\\s*([二三四五六七八九十2-9])\\s*(?:名|位)?', '第\\s*([二三四五六七八九十2-9])\\s*(?:名|高|多|大|好|低|少|差|畅销|受欢迎)'],
    en: ['(second|third|fourth|fifth|2nd|3rd|4th|5th)[- ](?:best|highest|most|largest|biggest|lowest|least|worst|busiest|top)', 'came (?:in )?(second|third|fourth|fifth|2nd|3rd|4th|5th)', '(second|third|2nd|3rd) place', '(runner)[- ]up'],
    examples: {
      match: ['which city came second by gmv in november', '转化率第二高的城市是哪个', '哪个国家的购买人数排第二', 'the second best selling brand', 'who was the runner-up among channels'],
      noMatch: ['第二天的留存', '第2周留存率', '排第几', 'second half of the year', 'top 2 cities', '第一名'],
    },
  },
];

export const PLACE_RULE_SET: RuleSet<{ place: true }> = { name: 'place in a ranking', rules: PLACE_RULES, matches: ruleMatches };

const PLACE_WORDS: Record<string, number> = { second: 2, third: 3, fourth: 4, fifth: 5, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, runner: 2 };
/** The place asked for (2 for "second"), when the question asks for one place below the first. */
export function placeAskedFor(normalizedQuestion: string): number | undefined {
  const match = ruleExpression(PLACE_RULES[0]!).exec(normalizedQuestion);
  const word = match?.slice(1).find((group) => group !== undefined);
  if (!word) return undefined;
  const place = PLACE_WORDS[word] ?? parseNumber(word);
  return place !== undefined && place >= 2 && place <= 10 ? place : undefined;
}
