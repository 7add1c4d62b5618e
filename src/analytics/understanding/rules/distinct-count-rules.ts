import { type PhraseRule, type RuleSet, ruleMatches } from './phrase-rule.ts';

/**
 * How many different values of a dimension had activity: "How many distinct products were sold during Golden
 * Week?", "上个月有多少个城市有订单", "卖出了多少款商品". They were answered as a ranking of the values (or units sold),
 * never the count asked for. The answer counts the values with the metric above zero and lists them.
 */
export const DISTINCT_COUNT_RULES: readonly PhraseRule<{ distinct: true }>[] = [
  {
    id: 'distinct-values',
    meaning: { distinct: true },
    zh: [
      '多少(?:个|种|款|家|座)?不同的?', '(?:多少|几)(?:种|款)(?:商品|产品|品类|类目)', '(?<!哪)(?:多少|几)个(?:城市|品牌|品类|类目|省份?|国家|渠道|商品|产品|sku)',
      '(?:多少|几)家(?:品牌|店铺)', '(?:商品|品牌|城市|品类)(?:数|数量)(?:有|是)?(?:多少|几)', '去重后?的?(?:商品|品牌|城市|品类)',
    ],
    en: [
      'how many (?:distinct|different|unique|individual)', 'number of (?:distinct|different|unique)', 'count of (?:distinct|different|unique)',
      'how many (?:cities|countries|provinces|brands|categories|channels|skus)\\b', 'number of (?:cities|countries|provinces|brands|categories|skus)\\b',
    ],
    examples: {
      match: ['How many distinct products were sold during Golden Week?', '上个月有多少个城市有订单', '卖出了多少款商品', 'how many brands had sales last week', '一共有多少种不同的商品被购买'],
      noMatch: ['how many products did we sell last week', '上周卖了多少件商品', '哪几个城市的客单价排前五', 'how many customers bought twice', '多少个订单', 'how many orders'],
    },
  },
];

export const DISTINCT_COUNT_RULE_SET: RuleSet<{ distinct: true }> = { name: 'count of distinct values', rules: DISTINCT_COUNT_RULES, matches: ruleMatches };

export function asksDistinctCount(normalizedText: string): boolean {
  return DISTINCT_COUNT_RULES.some((rule) => ruleMatches(rule, normalizedText));
}
