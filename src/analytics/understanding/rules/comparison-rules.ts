import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * Words that compare a period with another one. "对比一下男女用户的转化率" compares two groups in one period; only
 * these words (or two named periods) make it a period-over-period comparison.
 */
export const PERIOD_COMPARISON_RULES: readonly PhraseRule<{ comparison: 'period' }>[] = [
  {
    id: 'period-over-period',
    meaning: { comparison: 'period' },
    zh: ['(?:跟|和|与|同)[^，,。？?\\s]{1,8}比呢', '环比', '同比', '上一(期|周期)', '上期', '比上', '和上', '跟上', '与上', '较上', '相比上', '对比上', '比前', '去年同期', '增长', '下降', '增幅', '降幅', '涨', '跌', '变化', '多了', '少了', '增加', '减少'],
    en: [
      'previous (period|week|month|day)', 'prior (period|week|month)', 'period over period', 'week over week', 'month over month', 'year over year', 'wow', 'mom', 'yoy',
      '(than|vs\\.?|versus|compared (to|with)|against) (the )?(last|previous|prior|same period)', 'growth', 'grew', 'change[sd]?', 'increase[sd]?', 'decrease[sd]?', 'drop(ped)?', 'rose', 'fell', 'improved', 'worsened',
    ],
    examples: {
      match: ['上周GMV环比', '和上个月比呢', '跟国庆比呢', 'GMV vs last week', 'week over week orders', 'how did conversion change', '转化率比上周下降了多少'],
      noMatch: ['对比一下男女用户的转化率', '男性和女性比较一下转化率', 'iOS和安卓比一下客单价', 'iOS vs Android GMV', 'compare men and women by AOV', '男女用户的客单价对比'],
    },
  },
];

export const PERIOD_COMPARISON_RULE_SET: RuleSet<{ comparison: 'period' }> = { name: 'period comparisons', rules: PERIOD_COMPARISON_RULES, matches: ruleMatches };

export function comparesPeriods(normalizedQuestion: string): boolean {
  return PERIOD_COMPARISON_RULES.some((rule) => ruleMatches(rule, normalizedQuestion));
}
