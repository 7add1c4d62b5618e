import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * After an answer that named one row ("organic brought the most buyers"), words that point at that row: "its repeat
 * rate", "that tier", "这个等级的退货率". Only read when the previous answer had a single leading row; after a list
 * "its" could be any of them. Periods ("that week", "那周") are read by the period focus instead.
 */
export const LEADING_ROW_RULES: readonly PhraseRule<{ leadingRow: true }>[] = [
  {
    id: 'points-at-leading-row',
    meaning: { leadingRow: true },
    zh: ['(这个|该|那个|这一|那一|此)(等级|档|组|国家|渠道|来源|设备|端|平台|品牌|品类|类目|商品|产品|单品|城市|地区|省份|省|客户|用户群|分群|人群|年龄段|性别|支付方式|付款方式|搜索词|词)', '(?:这|那)(?:张|单|笔)(?:发票|订单)?'],
    en: [
      'its',
      '(that|this|the same) (tier|city tier|country|market|channel|source|device|platform|segment|band|age band|group|brand|category|product|item|sku|city|province|region|customer|payment method|gender|search term|query|keyword)',
    ],
    examples: {
      match: ['这张一共多少件', 'and what\'s its repeat purchase rate?', '这个等级同期的退货率是多少？', 'what was that country\'s AOV', 'conversion rate for that channel', '该品牌上个月的销量'],
      noMatch: ['这个月的GMV', 'this week vs last week', 'that week', '那周的取消率', 'what is it about'],
    },
  },
];

export const LEADING_ROW_RULE_SET: RuleSet<{ leadingRow: true }> = { name: 'the leading row', rules: LEADING_ROW_RULES, matches: ruleMatches };

export function pointsAtLeadingRow(normalizedQuestion: string): boolean {
  return LEADING_ROW_RULES.some((rule) => ruleMatches(rule, normalizedQuestion));
}
