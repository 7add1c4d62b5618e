import { ruleExpression, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

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

export type ComparisonUnit = 'day' | 'week' | 'month' | 'quarter';

/**
 * A comparison that names its calendar unit instead of a period: "GMV month over month", "月环比", "vs last month",
 * "环比上月". The current period is then the unit that holds the as-of date (to date), the other one the unit before it;
 * "last month" inside such a phrase is what the current period is compared with, not the period asked about.
 */
export const PERIOD_UNIT_COMPARISON_RULES: readonly PhraseRule<{ unit: ComparisonUnit }>[] = [
  {
    id: 'day-over-day',
    meaning: { unit: 'day' },
    zh: ['日环比', '(?:环比|对比|相比|比|较|跟|和|与)(?:昨天|昨日)(?:相比|比|对比)?'],
    en: ['day[\\s-]+(?:over|on)[\\s-]+day', 'dod', '(?:than|vs\\.?|versus|compared (?:to|with)|against) yesterday'],
    examples: { match: ['orders day over day', '今天的GMV比昨天', '日环比', 'GMV today vs yesterday'], noMatch: ['yesterday vs the day before', '昨天的GMV', '每天的订单数'] },
  },
  {
    id: 'week-over-week',
    meaning: { unit: 'week' },
    zh: ['周环比', '(?:环比|对比|相比|比|较|跟|和|与)上(?:个)?(?:周|星期|礼拜)(?:相比|比|对比)?'],
    en: ['week[\\s-]+(?:over|on)[\\s-]+week', 'wow', '(?:than|vs\\.?|versus|compared (?:to|with)|against) (?:the )?(?:last|previous|prior) week'],
    examples: { match: ['orders week over week', 'GMV vs last week', '本周订单环比上周', '周环比'], noMatch: ['last week vs the week before', '上周比上上周', '上周的订单数'] },
  },
  {
    id: 'month-over-month',
    meaning: { unit: 'month' },
    zh: ['月环比', '(?:环比|对比|相比|比|较|跟|和|与)上(?:个)?月(?:相比|比|对比)?'],
    en: ['month[\\s-]+(?:over|on)[\\s-]+month', 'mom', '(?:than|vs\\.?|versus|compared (?:to|with)|against) (?:the )?(?:last|previous|prior) month'],
    examples: { match: ['GMV month over month', 'which category grew the most month-over-month', 'GMV环比上月', '各品类GMV月环比', 'orders compared with last month'], noMatch: ['上个月比上上个月', 'last month vs the month before', '上个月的GMV', 'monthly GMV'] },
  },
  {
    id: 'quarter-over-quarter',
    meaning: { unit: 'quarter' },
    zh: ['季度?环比', '(?:环比|对比|相比|比|较|跟|和|与)上(?:个)?季度(?:相比|比|对比)?'],
    en: ['quarter[\\s-]+(?:over|on)[\\s-]+quarter', 'qoq', '(?:than|vs\\.?|versus|compared (?:to|with)|against) (?:the )?(?:last|previous|prior) quarter'],
    examples: { match: ['GMV quarter over quarter', '本季度GMV环比上季度', 'revenue vs last quarter'], noMatch: ['上季度GMV', 'last quarter vs the quarter before'] },
  },
];

export const PERIOD_UNIT_COMPARISON_RULE_SET: RuleSet<{ unit: ComparisonUnit }> = { name: 'comparisons named by their calendar unit', rules: PERIOD_UNIT_COMPARISON_RULES, matches: ruleMatches };

/** The unit a comparison names and where the phrase sits, so a "last month" inside it is read as the compared period. */
export function periodUnitComparison(normalizedQuestion: string): { unit: ComparisonUnit; start: number; end: number } | undefined {
  for (const rule of PERIOD_UNIT_COMPARISON_RULES) {
    const match = ruleExpression(rule).exec(normalizedQuestion);
    if (match) return { unit: rule.meaning.unit, start: match.index, end: match.index + match[0].length };
  }
  return undefined;
}

/**
 * A period against an ordinary one: "双十一的客单价比平时高多少", "UV on 11.11 vs an average day", "than usual". The
 * ordinary level is the 28 days before the period (stated in the answer), and counts are compared per day.
 */
export const BASELINE_COMPARISON_RULES: readonly PhraseRule<{ baseline: true }>[] = [
  {
    id: 'against-usual',
    meaning: { baseline: true },
    zh: ['(?:比|跟|和|与|相比|较|对比)\\s*(?:平时|平常|往常|平日|日常|正常水平|平均水平)(?:相比|比|对比)?', '(?:平时|平常|往常)(?:相比|比)'],
    en: [
      '(?:than|vs\\.?|versus|compared (?:to|with)|against)\\s+(?:an?\\s+|the\\s+)?(?:normal|average|typical|regular|usual|ordinary)\\s+days?',
      'than (?:usual|normal|normally|average)', '(?:vs\\.?|versus|compared (?:to|with)|against) (?:usual|normal|the usual|the norm|baseline)',
    ],
    examples: {
      match: ['双十一的客单价比平时高多少', 'uv on 11.11 vs an average day', 'avg items per order on 11/11 vs a normal day', 'were black friday orders higher than usual', '国庆期间的转化率和平时比怎么样'],
      noMatch: ['平时的客单价', 'GMV vs last week', 'average daily GMV', 'how many orders on a normal day'],
    },
  },
];

export const BASELINE_COMPARISON_RULE_SET: RuleSet<{ baseline: true }> = { name: 'a period against an ordinary one', rules: BASELINE_COMPARISON_RULES, matches: ruleMatches };

/** Where the "than usual" phrase stands, if the question has one. */
export function baselineComparison(normalizedQuestion: string): { start: number; end: number } | undefined {
  for (const rule of BASELINE_COMPARISON_RULES) {
    const match = ruleExpression(rule).exec(normalizedQuestion);
    if (match) return { start: match.index, end: match.index + match[0].length };
  }
  return undefined;
}
