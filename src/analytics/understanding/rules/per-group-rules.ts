import { type PhraseRule, type RuleSet, ruleMatches } from './phrase-rule.ts';

/**
 * A ranking inside each value of another dimension: "每个品类卖得最好的商品", "top product in each category", "top 3
 * cities for each channel". Read as one ranking over both dimensions, the answer was the overall top row instead of
 * one per group. The group is the noun after each/每个; the understanding maps it to a dimension.
 */
export const PER_GROUP_RULES: readonly PhraseRule<{ perGroup: true }>[] = [
  {
    id: 'within-each',
    meaning: { perGroup: true },
    // A metric may sit between the group and the ranking word ("每个品类里GMV第一的商品"): the capture then holds both,
    // and the understanding takes the dimension word at its start.
    zh: ['(?:每个|每一个|每一|每|各个|各)\\s*([\\u4e00-\\u9fffa-z]{1,12}?)\\s*(?:里面|里|中|内|下)?\\s*(?:的)?\\s*(?:卖得最好|卖的最好|最畅销|最受欢迎|最好|最高|最多|最低|最少|最差|排名前|排前|排第一|第一|前\\s*[0-9一二三四五六七八九十]|top)'],
    en: [
      '(?:for|in|within|of|per|across) (?:each|every) ([a-z][a-z -]{1,24}?)(?=\\s*(?:by|in|for|last|this|during|$|[,.?!]))', 'each ([a-z][a-z -]{1,24}?)(?:\'s|s\') (?:top|best|worst|leading)',
      // "top 3 cities per channel": "per" after a ranking names the group (without a ranking, "GMV per channel" is a plain split).
      '(?:top|best|bottom|worst|leading)\\b[^,.?!]{0,40}? per (?!(?:buyer|customer|order|invoice|visitor|user|person|head|shopper|day|week|month|hour)s?\\b)([a-z][a-z -]{1,24}?)(?=\\s*(?:by|in|for|last|this|during|$|[,.?!]))',
    ],
    examples: {
      match: ['每个品类卖得最好的商品', '各城市销量最高的品牌', '本月每个品类里gmv第一的商品', '上月每个城市等级里gmv排前两名的城市', 'top product in each category', 'top 3 cities for each channel by GMV', "each brand's top product", 'top 3 cities per channel by gmv this month'],
      noMatch: ['每个品类的GMV', 'GMV by category', 'top 5 categories', '各品类的转化率', 'GMV per channel', 'top 5 products by GMV per buyer'],
    },
  },
];

export const PER_GROUP_RULE_SET: RuleSet<{ perGroup: true }> = { name: 'ranking within each group', rules: PER_GROUP_RULES, matches: ruleMatches };

// Lower-case sources on the normalized question: no i flag, which made the first compile of each about twice as dear.
const EXPRESSIONS = PER_GROUP_RULES.flatMap((rule) => [...rule.zh, ...rule.en].map((source) => new RegExp(source, 'u')));

/** The group noun of a per-group ranking ("品类", "category"), as written; undefined when the question has none. */
export function perGroupNoun(normalizedText: string): string | undefined {
  for (const expression of EXPRESSIONS) {
    const noun = expression.exec(normalizedText)?.[1]?.trim();
    if (noun) return noun;
  }
  return undefined;
}
