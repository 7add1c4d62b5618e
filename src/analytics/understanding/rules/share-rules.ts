import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "各支付方式的订单占比", "what share of GMV comes from Apple": the question asks for a part over its whole, which a
 * count alone does not answer. Rates that have their own metric ("share of orders cancelled" → cancellation
 * rate) are read before this rule and are not shares of a total.
 */
export const SHARE_OF_TOTAL_RULES: readonly PhraseRule<{ share: true }>[] = [
  {
    id: 'share-of-total',
    meaning: { share: true },
    zh: ['占比', '比重', '百分比', '占(总|全部|整体|所有)?[^，,。？?]{0,8}(的)?(多少|几成|比例)', '几成', '份额', '(贡献|带来)了?(多少|几成)比例'],
    en: ['share', 'shares', 'percentage', 'proportion', 'portion', 'fraction', 'what percent', 'what %', '% of', 'percent of', 'mix'],
    examples: {
      match: ['本季度男性和女性客户分别贡献了多少比例的销售额', '各支付方式的订单占比', 'Q4用支付宝付款的订单占比多少', 'what share of GMV comes from Apple', 'percentage of orders paid with wechat pay', '苹果占总销售额的多少', 'GMV mix by category'],
      noMatch: ['conversion rate by device', '各渠道的转化率', 'GMV by category', '复购率', 'how many orders'],
    },
  },
];

export const SHARE_OF_TOTAL_RULE_SET: RuleSet<{ share: true }> = { name: 'share of total', rules: SHARE_OF_TOTAL_RULES, matches: ruleMatches };

export function asksShareOfTotal(normalizedQuestion: string): boolean {
  return SHARE_OF_TOTAL_RULES.some((rule) => ruleMatches(rule, normalizedQuestion));
}
